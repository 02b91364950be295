//! The pages, rendered on the server with no script: the story list with
//! its filters, a story (the report's page of it), an article with the
//! boilerplate extraction removed behind a toggle. Every piece of article
//! text goes through `escape_html`.

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use axum::routing::get;
use parallax_core::escape_html as e;

use crate::api::Filters;
use crate::{AppError, AppState};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(story_list))
        .route("/stories/{id}", get(story_page))
        .route("/articles/{id}", get(article_page))
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:2em auto;max-width:70em;padding:0 1em;color:#222}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}th{background:#f4f4f4}form{margin:1em 0;display:flex;gap:.5em;flex-wrap:wrap}input{padding:.3em}.muted{color:#666}article p{line-height:1.5}details{margin-top:2em;background:#fafafa;padding:.5em}";

fn shell(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{} · parallax</title><style>{STYLE}</style></head><body><nav><a href=\"/\">parallax</a> · stories</nav>{body}</body></html>\n",
        e(title)
    ))
}

async fn story_list(
    State(state): State<AppState>,
    query: Result<Query<Filters>, QueryRejection>,
) -> Result<Html<String>, AppError> {
    let filters = crate::api::filters(query)?;
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
    for story in &state.snapshot.stories {
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
        state.snapshot.stories.len()
    ));
    Ok(shell("Stories", &body))
}

async fn story_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let story = state
        .snapshot
        .story(&id)
        .ok_or_else(|| AppError::NotFound(format!("no story {id:?}")))?;
    // The report's page, with links back to the list and to each article
    // (the report itself is a standalone file and links nowhere).
    let mut links = String::from("<nav><p><a href=\"/\">All stories</a></p><h2>Articles</h2><ul>");
    for id in &story.articles {
        let title = state
            .snapshot
            .article(id)
            .map_or(id.as_str(), |a| a.title.as_str());
        links.push_str(&format!(
            "<li><a href=\"/articles/{}\">{}</a></li>",
            e(id),
            e(title)
        ));
    }
    links.push_str("</ul></nav></body>");
    let page = match story.page.rfind("</body>") {
        Some(at) => format!(
            "{}{links}{}",
            &story.page[..at],
            &story.page[at + "</body>".len()..]
        ),
        None => format!("{}{links}", story.page),
    };
    Ok(Html(page))
}

async fn article_page(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Html<String>, AppError> {
    let article = state
        .snapshot
        .article(&id)
        .ok_or_else(|| AppError::NotFound(format!("no article {id:?}")))?;
    let mut body = format!(
        "<article><h1>{}</h1><p class=\"muted\">{} · {}{}{}</p>",
        e(&article.title),
        e(&article.outlet),
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
    for paragraph in article.text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        body.push_str(&format!("<p>{}</p>", e(paragraph.trim())));
    }
    body.push_str("</article>");
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
