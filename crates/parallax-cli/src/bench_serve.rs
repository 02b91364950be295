//! `parallax bench serve`: the web app under load on loopback, over a store
//! of 10,000 articles.
//!
//! The articles are built as `bench report` builds its 1,000 (BASIL's real
//! reports and rewrites of them, under other outlets' names), from all 100
//! triplets with 100 articles a story. They are ingested into a fresh
//! SQLite store, the server builds its snapshot and search index, and
//! `wrk` (Debian's package; 2 threads, 50 connections) loads each route
//! for `PARALLAX_LOAD_SECONDS` (default 60), its requests spread over every
//! story (or article, or query). The table gives wrk's latency percentiles,
//! throughput and errors (socket errors and non-2xx answers). wrk and the
//! server share the machine's two cores.

use std::path::Path;
use std::time::{Duration, Instant};

use parallax_pipeline::Pipeline;

pub(crate) fn bench(pipeline: Pipeline, data: &Path) -> std::io::Result<parallax_eval::Table> {
    run(pipeline, data).map_err(|e| std::io::Error::other(format!("{e:#}")))
}

/// One route under load: what wrk measured.
struct Load {
    route: String,
    requests: u64,
    per_second: f64,
    p50: String,
    p90: String,
    p99: String,
    errors: u64,
}

fn run(pipeline: Pipeline, data: &Path) -> anyhow::Result<parallax_eval::Table> {
    anyhow::ensure!(
        std::process::Command::new("wrk")
            .arg("--version")
            .output()
            .is_ok(),
        "wrk is not installed (Debian: apt-get install wrk)"
    );
    let seconds: u64 = std::env::var("PARALLAX_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let dir = std::env::temp_dir().join(format!("parallax-bench-serve-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let input = dir.join("articles.jsonl");
    let n = crate::bench_report::write_basil_jsonl(data, 100, 100, &input)?;
    let db = dir.join("bench.db");
    let mut store = parallax_store::SqliteStore::open(&db)?;
    let started = Instant::now();
    let report = pipeline.ingest(&[input.display().to_string()], &mut store, &mut |_| {})?;
    let ingest_seconds = started.elapsed().as_secs_f64();
    let backend = std::sync::Arc::new(crate::serve::ServeBackend {
        pipeline,
        store: std::sync::Mutex::new(Box::new(store)),
        embedder: None,
    });
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let addr = listener.local_addr()?;
    let settings = parallax_server::ServeSettings {
        addr,
        token: None,
        refresh: Duration::from_secs(3600),
        max_upload: 1 << 20,
    };
    // The server builds its snapshot and index before it answers: the time
    // to its first answer is the time a restart takes.
    let started = Instant::now();
    std::thread::spawn(move || parallax_server::serve_on(listener, backend, &settings));
    let listing = wait_for(addr, "/api/stories")?;
    let snapshot_seconds = started.elapsed().as_secs_f64();
    let listing: serde_json::Value = serde_json::from_str(&listing)?;
    let stories: Vec<&str> = listing["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_str())
        .collect();
    let articles: Vec<&str> = listing["stories"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["articles"].as_array().into_iter().flatten())
        .filter_map(|a| a.as_str())
        .collect();
    let base = format!("http://{addr}");
    let words = [
        "Trump",
        "Congress",
        "immigration",
        "\"White House\"",
        "Clinton",
        "speaker:Pelosi",
    ];
    let routes: Vec<(&str, Vec<String>)> = vec![
        (
            "story page /stories/{id}",
            stories.iter().map(|id| format!("/stories/{id}")).collect(),
        ),
        (
            "story JSON /api/stories/{id}",
            stories
                .iter()
                .map(|id| format!("/api/stories/{id}"))
                .collect(),
        ),
        (
            "article page /articles/{id}",
            articles
                .iter()
                .step_by((articles.len() / 2000).max(1))
                .map(|id| format!("/articles/{id}"))
                .collect(),
        ),
        (
            "search /api/search?q=",
            words
                .iter()
                .map(|w| format!("/api/search?q={}", url_query(w)))
                .collect(),
        ),
        ("story list /", vec!["/".to_string()]),
    ];
    let mut loads = Vec::new();
    for (route, paths) in &routes {
        loads.push(load(&dir, &base, route, paths, seconds)?);
    }
    let _ = std::fs::remove_dir_all(&dir);
    let rows = loads
        .iter()
        .map(|l| {
            vec![
                l.route.clone(),
                l.requests.to_string(),
                format!("{:.0}", l.per_second),
                l.p50.clone(),
                l.p90.clone(),
                l.p99.clone(),
                l.errors.to_string(),
            ]
        })
        .collect();
    Ok(parallax_eval::Table {
        title: format!(
            "parallax serve under load: {n} articles ({} stored), {} stories, 50 connections, {seconds} s a route",
            report.n_stored,
            stories.len()
        ),
        header: ["route", "requests", "requests/s", "p50", "p90", "p99", "errors"]
            .map(String::from)
            .to_vec(),
        rows,
        notes: vec![
            format!(
                "Ingest {ingest_seconds:.1} s; the server's start to its first answer (annotation, stories, every comparison and page, the search index) {snapshot_seconds:.1} s; peak RSS of this process (store and server) {}.",
                parallax_eval::bench::peak_rss_kb()
                    .map_or("?".into(), |kb| format!("{:.0} MiB", kb as f64 / 1024.0))
            ),
            "wrk -t2 -c50 --latency on loopback, each request a path drawn in turn from the route's list (every story; 2,000 articles; six queries). Errors: socket errors (connect, read, write, timeout) plus non-2xx answers. Issue 7's target: p99 < 100 ms for the story view, no errors.".into(),
            "Articles: BASIL's 100 triplets, each story its three real reports and 97 rewrites (sentences left out, another outlet's name, up to two days later), as `bench report` builds them.".into(),
        ],
    })
}

/// `text` as a URL query value.
fn url_query(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~:".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The body of `GET path` once the server answers it with 200, waiting
/// up to ten minutes for it to start (it builds its snapshot first).
fn wait_for(addr: std::net::SocketAddr, path: &str) -> anyhow::Result<String> {
    use std::io::{Read as _, Write as _};
    let get = || -> std::io::Result<String> {
        let mut stream = std::net::TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        stream.write_all(format!("GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").as_bytes())?;
        let mut answer = String::new();
        stream.read_to_string(&mut answer)?;
        Ok(answer)
    };
    for _ in 0..1200 {
        if let Ok(answer) = get()
            && answer.split_whitespace().nth(1) == Some("200")
            && let Some((_, body)) = answer.split_once("\r\n\r\n")
        {
            return Ok(body.to_string());
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    anyhow::bail!("the server at {addr} did not answer {path}")
}

/// Runs wrk on `paths` (in turn) for `seconds` and reads its report.
fn load(
    dir: &Path,
    base: &str,
    route: &str,
    paths: &[String],
    seconds: u64,
) -> anyhow::Result<Load> {
    anyhow::ensure!(!paths.is_empty(), "no paths for {route}");
    let list: Vec<String> = paths
        .iter()
        .map(|p| format!("\"{}\"", p.replace('"', "\\\"")))
        .collect();
    let script = dir.join("paths.lua");
    std::fs::write(
        &script,
        format!(
            "local paths = {{{}}}\nlocal i = 0\nrequest = function()\n  i = i % #paths + 1\n  return wrk.format(\"GET\", paths[i])\nend\n",
            list.join(",")
        ),
    )?;
    let output = std::process::Command::new("wrk")
        .args(["-t2", "-c50", "--latency", "--timeout", "10s"])
        .arg(format!("-d{seconds}s"))
        .arg("-s")
        .arg(&script)
        .arg(base)
        .output()?;
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    anyhow::ensure!(
        output.status.success() && text.contains("requests in"),
        "wrk failed on {route}: {text}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = |label: &str| -> Option<String> {
        text.lines()
            .find(|l| l.trim_start().starts_with(label))
            .and_then(|l| l.trim_start()[label.len()..].split_whitespace().next())
            .map(str::to_string)
    };
    let requests = text
        .lines()
        .find(|l| l.contains("requests in"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let socket_errors: u64 = text
        .lines()
        .find(|l| l.contains("Socket errors"))
        .map(|l| {
            l.split(',')
                .filter_map(|part| part.split_whitespace().last()?.parse::<u64>().ok())
                .sum()
        })
        .unwrap_or(0);
    let non_2xx: u64 = after("Non-2xx or 3xx responses:")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    Ok(Load {
        route: route.to_string(),
        requests,
        per_second: after("Requests/sec:")
            .and_then(|n| n.parse().ok())
            .unwrap_or(0.0),
        p50: after("50%").unwrap_or_else(|| "?".into()),
        p90: after("90%").unwrap_or_else(|| "?".into()),
        p99: after("99%").unwrap_or_else(|| "?".into()),
        errors: socket_errors + non_2xx,
    })
}
