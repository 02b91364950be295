// End to end, in a real browser: Debian's Chromium, headless, driven by
// playwright-core. Against a `parallax serve --token TOKEN` on an empty
// store, it uploads the seed pages through the /ingest page, waits for each
// job, opens the story, checks that the coverage matrix and the
// contradictions are shown, follows a piece of evidence to its highlighted
// words in the article, searches, and takes a screenshot of each page.
// Then it uploads a page whose title and text carry script payloads and
// checks, on every page that shows them, that they are shown as text and
// that no script runs (no dialog opens, nothing is added to the page).
//
//   PARALLAX_URL=http://127.0.0.1:18472 PARALLAX_TOKEN=... \
//   PARALLAX_SEEDS=../../shared/seeds PARALLAX_SHOTS=../target/e2e node seeds.mjs
//
// Exits 1 on the first check that fails, naming it.

import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const base = process.env.PARALLAX_URL ?? "http://127.0.0.1:18472";
const token = process.env.PARALLAX_TOKEN ?? "";
const seeds = process.env.PARALLAX_SEEDS ?? "../../shared/seeds";
const shots = process.env.PARALLAX_SHOTS ?? "../target/e2e";
fs.mkdirSync(shots, { recursive: true });

function check(condition, what) {
  if (!condition) {
    console.error(`e2e: FAILED: ${what}`);
    process.exit(1);
  }
  console.log(`e2e: ok: ${what}`);
}

const files = fs
  .readdirSync(seeds)
  .filter((name) => name.endsWith(".txt"))
  .sort()
  .map((name) => path.join(seeds, name));
check(files.length === 5, `five seed pages in ${seeds}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const errors = [];
page.on("pageerror", (error) => errors.push(String(error)));
page.on("console", (message) => {
  if (message.type() === "error") errors.push(message.text());
});
page.on("response", (response) => {
  if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
});

try {
  // Ingest: the upload page, the token, the five files.
  await page.goto(`${base}/ingest`);
  await page.fill("#token", token);
  await page.setInputFiles("#files", files);
  await page.click("button[type=submit]");
  await page.waitForSelector("#done", { timeout: 120_000 });
  const jobs = await page.locator("#jobs li.done").allTextContents();
  check(jobs.length === 5, `five upload jobs done (${jobs.length})`);
  check(
    jobs.every((text) => /1 stored|1 already stored/.test(text)),
    "each job stored its page",
  );
  await page.screenshot({ path: path.join(shots, "ingest.png"), fullPage: true });

  // The story list: one story of the five articles.
  await page.click("#done");
  await page.waitForURL(`${base}/`);
  const rows = page.locator("tbody tr");
  check((await rows.count()) === 1, "one story in the list");
  check(/5 articles/.test(await rows.first().textContent()), "the story holds the 5 articles");
  await page.screenshot({ path: path.join(shots, "stories.png"), fullPage: true });

  // The story: coverage matrix and contradictions are shown.
  await rows.first().locator("a").click();
  await page.waitForSelector("h3:has-text('Coverage matrix')");
  const matrix = page.locator("h3:has-text('Coverage matrix') + table");
  const factRows = await matrix.locator("tr").count();
  check(factRows > 5, `the coverage matrix has its facts (${factRows - 1} rows)`);
  const cells = await matrix.locator("td.c a").count();
  check(cells > 10, `coverage cells link to their evidence (${cells})`);
  const kinds = await page.locator("span.kind").allTextContents();
  for (const kind of ["date", "attribute", "count"]) {
    check(kinds.includes(kind), `a ${kind} contradiction is shown`);
  }
  check(await page.locator("svg").count() >= 2, "the timeline and the copy graph are drawn");
  await page.screenshot({ path: path.join(shots, "story.png"), fullPage: true });

  // A piece of evidence: its words highlighted in the article.
  await matrix.locator("td.c a").first().click();
  await page.waitForSelector("mark#evidence");
  const marked = await page.locator("mark#evidence").textContent();
  check(marked.trim().length > 20, `the evidence is highlighted ("${marked.slice(0, 60)}…")`);
  await page.screenshot({ path: path.join(shots, "evidence.png") });

  // Search: a name, with facets.
  await page.goto(`${base}/search?q=Kuleba`);
  const hits = await page.locator(".hit").count();
  check(hits > 0, `search finds Kuleba (${hits} hits)`);
  check(await page.locator(".hit mark").count() > 0, "matched words are marked");
  await page.screenshot({ path: path.join(shots, "search.png"), fullPage: true });

  // XSS: a page whose title and text try to run script.
  const payload = `<script>alert("xss-1")</script>"><img src=x onerror=alert("xss-2")>`;
  const hostile = path.join(shots, "hostile.html");
  fs.writeFileSync(
    hostile,
    `<html><head><title>Hostile ${payload}</title></head><body><article><h1>Hostile ${payload}</h1>` +
      `<p>The mayor said the bridge would reopen on Monday ${payload} after repairs to its deck were finished.</p>` +
      `<p>Engineers found cracks in two of the supports ${payload} during an inspection in the spring.</p>` +
      `</article></body></html>`,
  );
  const dialogs = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  await page.goto(`${base}/ingest`);
  await page.fill("#token", token);
  await page.setInputFiles("#files", [hostile]);
  await page.click("button[type=submit]");
  await page.waitForSelector("#done", { timeout: 60_000 });
  await page.goto(`${base}/search?q=bridge`);
  const link = page.locator(".hit a").first();
  check((await link.textContent()).includes('<script>alert("xss-1")'), "the payload in a title shows as text in search");
  await link.click();
  await page.waitForSelector("article h1");
  const shown = await page.locator("article").textContent();
  check(shown.includes('onerror=alert("xss-2")'), "the payload shows as text in the article");
  check((await page.locator("article img, article script").count()) === 0, "no element was made from the payload");
  await page.screenshot({ path: path.join(shots, "hostile.png") });
  await page.locator("a:has-text('its story')").click();
  await page.waitForSelector("h3:has-text('Coverage matrix')");
  await page.goto(`${base}/`);
  check(dialogs.length === 0, `no script ran (${dialogs.join("; ")})`);

  check(errors.length === 0, `no script errors in the pages (${errors.join("; ")})`);
} finally {
  await browser.close();
}
