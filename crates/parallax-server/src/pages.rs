//! The pages, rendered on the server: the story list with its filters, a
//! story (the report's page of it, evidence linked into the articles), an
//! article with a piece of evidence highlighted and the boilerplate that
//! extraction removed behind a toggle, entities and outlets (how each
//! outlet names things, what it leaves out), and search with facets. No
//! page needs script; the upload page (`ingest.rs`) uses one small file.
//! Every piece of article text goes through `escape_html`.

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::routing::get;
use parallax_core::escape_html as e;
use serde::Deserialize;

use crate::api::{Filters, SearchParams};
use crate::{AppError, AppState, StoryEntry};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(story_list))
        .route("/stories/{id}", get(story_page))
        .route("/articles/{id}", get(article_page))
        .route("/entities", get(entity_list))
        .route("/entities/{id}", get(entity_page))
        .route("/outlets", get(outlet_list))
        .route("/outlets/{name}", get(outlet_page))
        .route("/search", get(search_page))
        // Browsers ask for it on every site; no icon, and no 404 logged.
        .route(
            "/favicon.ico",
            get(|| async { axum::http::StatusCode::NO_CONTENT }),
        )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}th{background:#f4f4f4}form{margin:1em 0;display:flex;gap:.5em;flex-wrap:wrap}input,select{padding:.3em}.muted{color:#666}article p{line-height:1.5}details{margin-top:2em;background:#fafafa;padding:.5em}mark{background:#ffe27a;padding:0 .1em}nav a{margin-right:.6em}.facets{display:flex;gap:2em;flex-wrap:wrap;font-size:.9em}.hit{margin:1em 0}.failed{color:#a00}.done{color:#070}";

const NAV: &str = "<nav><a href=\"/\">stories</a><a href=\"/search\">search</a><a href=\"/entities\">entities</a><a href=\"/outlets\">outlets</a><a href=\"/ingest\">ingest</a></nav>";

pub(crate) fn shell(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} · parallax</title><style>{STYLE}</style></head><body>{NAV}{body}</body></html>\n",
        e(title)
    ))
}

/// The first `max` bytes of `text` or so, cut at a word, with "…" when cut.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

/// `text` escaped, with the byte ranges `marks` (sorted, within the text,
/// on character boundaries or they are skipped) in `<mark>`.
fn marked(text: &str, marks: &[[usize; 2]]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for &[start, end] in marks {
        let fits = at <= start
            && start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !fits {
            continue;
        }
        out.push_str(&e(&text[at..start]));
        out.push_str(&format!("<mark>{}</mark>", e(&text[start..end])));
        at = end;
    }
    out.push_str(&e(&text[at..]));
    out
}

async fn story_list(
    State(state): State<AppState>,
    query: Result<Query<Filters>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let filters = crate::api::parse(query)?;
    let now = state.live.now();
    let field = |name: &str, label: &str, value: &Option<String>, placeholder: &str| {
        format!(
            "<label>{label} <input name=\"{name}\" value=\"{}\" placeholder=\"{placeholder}\"></label>",
            e(value.as_deref().unwrap_or(""))
        )
    };
    let mut body = format!(
        "<h1>Stories</h1><form method=\"get\" action=\"/\">{}{}{}{}{}{}<button type=\"submit\">Filter</button></form>",
        field("from", "from", &filters.from, "YYYY-MM-DD"),
        field("to", "to", &filters.to, "YYYY-MM-DD"),
        field("outlet", "outlet", &filters.outlet, "name"),
        field("kind", "outlet kind", &filters.kind, "state, commercial…"),
        field("country", "country", &filters.country, "code"),
        field("language", "language", &filters.language, "en"),
    );
    let mut rows = String::new();
    let mut shown = 0;
    for story in &now.snapshot.stories {
        if !filters.admit(story)? {
            continue;
        }
        shown += 1;
        let days = match (&story.first_day, &story.last_day) {
            (Some(a), Some(b)) if a != b => format!("{a} to {b}"),
            (Some(a), _) | (None, Some(a)) => a.clone(),
            (None, None) => "undated".into(),
        };
        rows.push_str(&format!(
            "<tr><td><a href=\"/stories/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&story.id),
            e(&story.title),
            e(&story.counts),
            e(&days),
            e(&story.outlets.join(", "))
        ));
    }
    body.push_str(&format!(
        "<p class=\"muted\">{shown} of {} stories</p><table><thead><tr><th>story</th><th>sources</th><th>days</th><th>outlets</th></tr></thead><tbody>{rows}</tbody></table>",
        now.snapshot.stories.len()
    ));
    Ok(shell("Stories", &body))
}

async fn story_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<axum::body::Bytes>, AppError> {
    let page = state
        .live
        .now()
        .story_page(&id)
        .ok_or_else(|| AppError::NotFound(format!("no story {id:?}")))?;
    Ok(Html(page))
}

/// A story's page as served: the report's page, with the site's links at
/// the top and its articles listed at the end (the report itself is a
/// standalone file). Built once per snapshot (`live::Current`): a large
/// story's page is megabytes.
pub(crate) fn served_story_page(story: &StoryEntry, current: &crate::live::Current) -> String {
    let mut links = String::from("<nav><h2>Articles</h2><ul>");
    for id in &story.articles {
        let article = current.article(id);
        links.push_str(&format!(
            "<li><a href=\"/articles/{}\">{}</a> <span class=\"muted\">{}</span></li>",
            e(id),
            e(article.map_or(id.as_str(), |a| a.title.as_str())),
            e(article.map_or("", |a| a.outlet.as_str())),
        ));
    }
    links.push_str("</ul></nav></body>");
    let mut page = match story.page.rfind("</body>") {
        Some(at) => format!(
            "{}{links}{}",
            &story.page[..at],
            &story.page[at + "</body>".len()..]
        ),
        None => format!("{}{links}", story.page),
    };
    if let Some(at) = page.find("<body>") {
        page.insert_str(at + "<body>".len(), NAV);
    }
    page
}

/// A piece of evidence to highlight: bytes `from` to `to` of the text.
#[derive(Debug, Default, Deserialize)]
struct Evidence {
    from: Option<String>,
    to: Option<String>,
}

impl Evidence {
    /// The range, when both ends are numbers that fit the text on
    /// character boundaries; anything else highlights nothing.
    fn range(&self, text: &str) -> Option<(usize, usize)> {
        let from: usize = self.from.as_deref()?.trim().parse().ok()?;
        let to: usize = self.to.as_deref()?.trim().parse().ok()?;
        (from < to && to <= text.len() && text.is_char_boundary(from) && text.is_char_boundary(to))
            .then_some((from, to))
    }
}

async fn article_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    evidence: Result<Query<Evidence>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let now = state.live.now();
    let article = now
        .article(&id)
        .ok_or_else(|| AppError::NotFound(format!("no article {id:?}")))?;
    let evidence = evidence.map(|Query(q)| q).unwrap_or_default();
    let highlight = evidence.range(&article.text);
    let outlet_link = format!(
        "<a href=\"/outlets/{}\">{}</a>",
        e(&url_segment(&article.outlet)),
        e(&article.outlet)
    );
    let mut body = format!(
        "<article><h1>{}</h1><p class=\"muted\">{outlet_link} · {}{}{}</p>",
        e(&article.title),
        e(article.date.as_deref().unwrap_or("undated")),
        article
            .url
            .as_deref()
            .map(|u| format!(" · {}", e(u)))
            .unwrap_or_default(),
        article
            .story
            .as_deref()
            .map(|s| format!(" · <a href=\"/stories/{}\">its story</a>", e(s)))
            .unwrap_or_default()
    );
    if let Some((from, to)) = highlight {
        body.push_str(&format!(
            "<p class=\"muted\"><a href=\"#evidence\">Evidence highlighted: bytes {from}–{to}</a></p>"
        ));
    }
    // Paragraphs by the text's blank lines, keeping byte offsets so the
    // highlight lands on the same bytes the report names.
    let mut start = 0;
    for paragraph in article.text.split("\n\n") {
        let end = start + paragraph.len();
        if !paragraph.trim().is_empty() {
            let inner = match highlight {
                Some((from, to)) if from < end && to > start => {
                    let (a, b) = (from.max(start) - start, to.min(end) - start);
                    let id = if from >= start {
                        " id=\"evidence\""
                    } else {
                        ""
                    };
                    format!(
                        "{}<mark{id}>{}</mark>{}",
                        e(&paragraph[..a]),
                        e(&paragraph[a..b]),
                        e(&paragraph[b..])
                    )
                }
                _ => e(paragraph),
            };
            body.push_str(&format!("<p>{inner}</p>"));
        }
        start = end + 2;
    }
    body.push_str("</article>");
    if !article.quotes.is_empty() {
        body.push_str("<h2>Quotes</h2><ul>");
        for q in &article.quotes {
            body.push_str(&format!(
                "<li><a href=\"/articles/{}?from={}&amp;to={}#evidence\">{}</a> <span class=\"muted\">{} {}</span></li>",
                e(&article.id),
                q.span[0],
                q.span[1],
                e(&excerpt(&q.content, 200)),
                e(q.source.as_deref().unwrap_or("(no source)")),
                e(&q.cue)
            ));
        }
        body.push_str("</ul>");
    }
    if !article.removed.is_empty() {
        body.push_str(&format!(
            "<details><summary>What extraction removed ({} blocks)</summary><table><thead><tr><th>kind</th><th>text</th></tr></thead><tbody>",
            article.removed.len()
        ));
        for (kind, text) in &article.removed {
            body.push_str(&format!(
                "<tr><td>{}</td><td>{}</td></tr>",
                e(kind),
                e(text)
            ));
        }
        body.push_str("</tbody></table></details>");
    }
    Ok(shell(&article.title, &body))
}

/// `value` as one URL path segment (percent-encoded but for unreserved
/// characters).
pub(crate) fn url_segment(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

async fn entity_list(
    State(state): State<AppState>,
    query: Result<Query<crate::api::EntityFilters>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let filter = crate::api::parse(query)?;
    let now = state.live.now();
    let rows: Vec<String> = crate::api::entity_rows(&now, filter.q.as_deref())
        .into_iter()
        .map(|(x, mentions, articles)| {
            format!(
                "<tr><td><a href=\"/entities/{}\">{}</a></td><td>{}</td><td>{}</td><td>{mentions}</td><td>{articles}</td></tr>",
                e(&url_segment(&x.id)),
                e(&x.name),
                e(&x.id),
                e(&x.kind)
            )
        })
        .collect();
    let body = format!(
        "<h1>Entities</h1><form method=\"get\" action=\"/entities\"><label>name <input name=\"q\" value=\"{}\"></label><button type=\"submit\">Find</button></form><table><thead><tr><th>name</th><th>id</th><th>kind</th><th>mentions</th><th>articles</th></tr></thead><tbody>{}</tbody></table>",
        e(filter.q.as_deref().unwrap_or("")),
        rows.concat()
    );
    Ok(shell("Entities", &body))
}

async fn entity_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let now = state.live.now();
    let entity = now
        .entity(&id)
        .ok_or_else(|| AppError::NotFound(format!("no entity {id:?}")))?;
    let value = crate::api::entity_json(&now, entity);
    let mut body = format!(
        "<h1>{}</h1><p class=\"muted\">{} · {}{}</p><h2>How each outlet names it</h2><table><thead><tr><th>outlet</th><th>forms (first use linked)</th></tr></thead><tbody>",
        e(&entity.name),
        e(&entity.id),
        e(&entity.kind),
        entity
            .country
            .as_deref()
            .map(|c| format!(" · {}", e(c)))
            .unwrap_or_default()
    );
    for row in value["naming"].as_array().into_iter().flatten() {
        let forms: Vec<String> = row["forms"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|f| {
                format!(
                    "<a href=\"/articles/{}?from={}&amp;to={}#evidence\">{}</a> ×{}",
                    e(f["article"].as_str().unwrap_or("")),
                    f["span"][0],
                    f["span"][1],
                    e(f["form"].as_str().unwrap_or("")),
                    f["count"]
                )
            })
            .collect();
        let outlet = row["outlet"].as_str().unwrap_or("");
        body.push_str(&format!(
            "<tr><td><a href=\"/outlets/{}\">{}</a></td><td>{}</td></tr>",
            e(&url_segment(outlet)),
            e(outlet),
            forms.join(", ")
        ));
    }
    body.push_str("</tbody></table><h2>Quoted as saying</h2><ul>");
    for q in value["quotes"].as_array().into_iter().flatten() {
        body.push_str(&format!(
            "<li><a href=\"/articles/{}?from={}&amp;to={}#evidence\">{}</a> <span class=\"muted\">{}, {}</span></li>",
            e(q["article"].as_str().unwrap_or("")),
            q["span"][0],
            q["span"][1],
            e(&excerpt(q["content"].as_str().unwrap_or(""), 200)),
            e(q["outlet"].as_str().unwrap_or("")),
            e(q["cue"].as_str().unwrap_or(""))
        ));
    }
    body.push_str("</ul><h2>Articles</h2><ul>");
    for a in value["articles"].as_array().into_iter().flatten() {
        body.push_str(&format!(
            "<li><a href=\"/articles/{}\">{}</a> <span class=\"muted\">{}</span></li>",
            e(a["id"].as_str().unwrap_or("")),
            e(a["title"].as_str().unwrap_or("")),
            e(a["outlet"].as_str().unwrap_or(""))
        ));
    }
    body.push_str("</ul>");
    Ok(shell(&entity.name, &body))
}

async fn outlet_list(State(state): State<AppState>) -> Html<String> {
    let now = state.live.now();
    let rows: String = now
        .snapshot
        .outlets
        .iter()
        .map(|o| {
            format!(
                "<tr><td><a href=\"/outlets/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&url_segment(&o.name)),
                e(&o.name),
                e(&o.kind),
                e(o.country.as_deref().unwrap_or("")),
                o.articles.len(),
                o.naming.len(),
                o.omissions.len()
            )
        })
        .collect();
    shell(
        "Outlets",
        &format!(
            "<h1>Outlets</h1><table><thead><tr><th>outlet</th><th>kind</th><th>country</th><th>articles</th><th>contested names used</th><th>omissions</th></tr></thead><tbody>{rows}</tbody></table>"
        ),
    )
}

async fn outlet_page(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Html<String>, AppError> {
    let now = state.live.now();
    let outlet = now
        .outlet(&name)
        .ok_or_else(|| AppError::NotFound(format!("no outlet {name:?}")))?;
    let story_link = |id: &str| format!("<a href=\"/stories/{}\">{}</a>", e(id), e(id));
    let mut body = format!(
        "<h1>{}</h1><p class=\"muted\">{}{} · {} articles</p><h2>How it names contested places and bodies</h2><table><thead><tr><th>name</th><th>its form</th><th>why it matters</th><th>uses</th><th>story</th></tr></thead><tbody>",
        e(&outlet.name),
        e(&outlet.kind),
        outlet
            .country
            .as_deref()
            .map(|c| format!(" · {}", e(c)))
            .unwrap_or_default(),
        outlet.articles.len()
    );
    for n in &outlet.naming {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            e(&n.concept),
            e(&n.form),
            e(&n.note),
            n.count,
            story_link(&n.story)
        ));
    }
    body.push_str("</tbody></table><h2>What it leaves out</h2><p class=\"muted\">Facts of its stories that at least two other independent origins report.</p><ul>");
    for o in &outlet.omissions {
        body.push_str(&format!(
            "<li>{} {} <span class=\"muted\">({} other origins; {})</span></li>",
            e(&o.fact),
            e(&o.summary),
            o.origins,
            story_link(&o.story)
        ));
    }
    body.push_str("</ul><h2>Loaded terms in its own voice</h2><ul>");
    for (story, phrase, kind) in &outlet.loaded {
        body.push_str(&format!(
            "<li>{} <span class=\"muted\">{} · {}</span></li>",
            e(phrase),
            e(kind),
            story_link(story)
        ));
    }
    body.push_str("</ul><h2>Articles</h2><ul>");
    for id in &outlet.articles {
        let title = now.article(id).map_or(id.as_str(), |a| a.title.as_str());
        body.push_str(&format!(
            "<li><a href=\"/articles/{}\">{}</a></li>",
            e(id),
            e(title)
        ));
    }
    body.push_str("</ul>");
    Ok(shell(&outlet.name, &body))
}

async fn search_page(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let params = crate::api::parse(query)?;
    let now = state.live.now();
    let value = |v: &Option<String>| e(v.as_deref().unwrap_or(""));
    let mut body = format!(
        "<h1>Search</h1><form method=\"get\" action=\"/search\"><input name=\"q\" size=\"40\" value=\"{}\" placeholder=\"words, \u{201c}a phrase\u{201d}, speaker:name\"><select name=\"type\"><option value=\"\">articles and quotes</option><option value=\"article\"{}>articles</option><option value=\"quote\"{}>quotes</option></select><input name=\"outlet\" value=\"{}\" placeholder=\"outlet\"><input name=\"kind\" value=\"{}\" placeholder=\"outlet kind\"><input name=\"language\" value=\"{}\" placeholder=\"language\"><button type=\"submit\">Search</button></form>",
        value(&params.q),
        if params.hit.as_deref() == Some("article") {
            " selected"
        } else {
            ""
        },
        if params.hit.as_deref() == Some("quote") {
            " selected"
        } else {
            ""
        },
        value(&params.outlet),
        value(&params.kind),
        value(&params.language),
    );
    let searched = [
        &params.q,
        &params.hit,
        &params.outlet,
        &params.kind,
        &params.country,
        &params.language,
    ]
    .iter()
    .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()));
    if !searched {
        return Ok(shell("Search", &body));
    }
    let found = crate::api::run_search(&now, &params)?;
    body.push_str(&format!("<p class=\"muted\">{} hits</p>", found.total));
    if !found.ignored.is_empty() {
        body.push_str(&format!(
            "<p class=\"muted\">Not understood, left out: {}</p>",
            e(&found.ignored.join("; "))
        ));
    }
    body.push_str("<div class=\"facets\">");
    for (name, values) in &found.facets {
        if values.is_empty() {
            continue;
        }
        let items: Vec<String> = values
            .iter()
            .map(|(v, n)| {
                let param = if *name == "type" { "type" } else { name };
                format!(
                    "<li><a href=\"/search?q={}&amp;{param}={}\">{}</a> {n}</li>",
                    e(&url_segment(params.q.as_deref().unwrap_or(""))),
                    e(&url_segment(v)),
                    e(v)
                )
            })
            .collect();
        body.push_str(&format!(
            "<div><b>{}</b><ul>{}</ul></div>",
            e(name),
            items.join("")
        ));
    }
    body.push_str("</div>");
    for hit in &found.hits {
        let Some(article) = now.article(&hit.article) else {
            continue;
        };
        let (link, label) = match hit.quote.and_then(|i| article.quotes.get(i)) {
            Some(q) => (
                format!(
                    "/articles/{}?from={}&to={}#evidence",
                    article.id, q.span[0], q.span[1]
                ),
                format!(
                    "quote of {} ({})",
                    q.source.as_deref().unwrap_or("an unnamed source"),
                    q.cue
                ),
            ),
            None => (format!("/articles/{}", article.id), "article".to_string()),
        };
        body.push_str(&format!(
            "<div class=\"hit\"><a href=\"{}\">{}</a> <span class=\"muted\">{} · {} · {}</span><br>{}</div>",
            e(&link),
            e(&article.title),
            e(&label),
            e(&article.outlet),
            e(article.date.as_deref().unwrap_or("undated")),
            marked(&hit.snippet, &hit.marks)
        ));
    }
    Ok(shell("Search", &body))
}
