//! The parallax web app: a JSON API (described by an OpenAPI document it
//! serves) and server-rendered pages over the stories the pipeline
//! prepared.
//!
//! The server knows no stage: the binary (glue) builds a [`Snapshot`] (each
//! story with its summary, its comparison as JSON and its report page, each
//! article with its text and removed boilerplate) and hands it to [`app`].
//! Every response carries a Content-Security-Policy that forbids scripts,
//! requests are limited in size and time, and the app is read-only: it has
//! no route that writes.
//!
//! ```
//! use parallax_server::{Snapshot, app};
//! let router = app(Snapshot::default());
//! # let _ = router;
//! ```

pub mod api;
mod pages;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// What the server shows, prepared once by the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Stories, newest first.
    pub stories: Vec<StoryEntry>,
    /// Every article of those stories.
    pub articles: Vec<ArticleEntry>,
}

/// One story.
#[derive(Debug, Clone, Default)]
pub struct StoryEntry {
    /// Its stable id (`s-…`).
    pub id: String,
    /// The title of its first article.
    pub title: String,
    /// "5 articles, 4 outlets, 3 independent origins".
    pub counts: String,
    /// First and last publication day (ISO), when known.
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    /// Outlets, their kinds (`state`, `commercial`, …), countries and
    /// languages, for the filters.
    pub outlets: Vec<String>,
    pub outlet_kinds: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    /// Its articles' ids.
    pub articles: Vec<String>,
    /// The comparison (coverage matrix, contradictions, framing, timeline)
    /// as the report's JSON gives it.
    pub detail: serde_json::Value,
    /// The report's HTML page of this story (every text escaped).
    pub page: String,
}

/// One article.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntry {
    /// Its id.
    pub id: String,
    pub title: String,
    pub outlet: String,
    /// Publication date (ISO), when known.
    pub date: Option<String>,
    pub url: Option<String>,
    pub language: Option<String>,
    /// The main text.
    pub text: String,
    /// What extraction removed (menus, captions, related links), by kind.
    pub removed: Vec<(String, String)>,
    /// The story it is in.
    pub story: Option<String>,
}

impl Snapshot {
    fn story(&self, id: &str) -> Option<&StoryEntry> {
        self.stories.iter().find(|s| s.id == id)
    }

    fn article(&self, id: &str) -> Option<&ArticleEntry> {
        self.articles.iter().find(|a| a.id == id)
    }
}

/// The app's shared state.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) snapshot: Arc<Snapshot>,
}

/// Largest request body accepted (the app reads none yet).
pub const MAX_BODY: usize = 64 * 1024;
/// Longest a request may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The policy every response carries: no script, no plugin, no frame,
/// styles inline only (the pages have no external asset), forms posting
/// only here.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The router: the JSON API under `/api`, its OpenAPI document at
/// `/api/openapi.json`, and the pages.
pub fn app(snapshot: Snapshot) -> Router {
    let state = AppState {
        snapshot: Arc::new(snapshot),
    };
    Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .fallback(|| async { AppError::NotFound("no such page".into()) })
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            TIMEOUT,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            HeaderName::from_static("x-frame-options"),
            HeaderValue::from_static("DENY"),
        ))
}

/// Serves `app(snapshot)` on `addr` until the process ends.
pub fn serve(snapshot: Snapshot, addr: std::net::SocketAddr) -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr).await?;
        axum::serve(listener, app(snapshot)).await
    })
}

/// Errors a request can meet, each with its status.
#[derive(Debug)]
pub(crate) enum AppError {
    /// 404: no such story, article or page.
    NotFound(String),
    /// 400: a parameter that does not parse.
    BadRequest(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
        };
        (
            status,
            axum::Json(serde_json::json!({ "error": message, "status": status.as_u16() })),
        )
            .into_response()
    }
}

#[cfg(test)]
mod tests;
