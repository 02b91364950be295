//! The parallax web app: a JSON API (described by an OpenAPI document it
//! serves), server-rendered pages, full-text search, and ingest by upload.
//!
//! The server knows no stage: the binary (glue) implements [`Backend`],
//! which builds a [`Snapshot`] of what is stored (each story with its
//! summary, its comparison as JSON and its report page; each article with
//! its text, quotes, entity mentions and events; entities; outlets) and
//! stores uploaded files. The app serves the newest snapshot, with a
//! tantivy index over it, and builds a new one when the store changes
//! (an upload here, or another process writing to a shared PostgreSQL
//! database). Every response carries a Content-Security-Policy that allows
//! only the app's own script; requests are limited in size and time; and
//! the one route that writes (`POST /api/ingest`) needs the operator's
//! token: without one set, the app is read-only.
//!
//! ```
//! use parallax_server::{Snapshot, app};
//! let router = app(Snapshot::default());
//! # let _ = router;
//! ```

pub mod api;
mod ingest;
mod live;
mod pages;
mod search;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

pub use live::{Backend, IngestCounts};

/// What the server shows, prepared by the pipeline.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Stories, newest first.
    pub stories: Vec<StoryEntry>,
    /// Every article of those stories.
    pub articles: Vec<ArticleEntry>,
    /// Every entity the articles name.
    pub entities: Vec<EntityEntry>,
    /// Every outlet of the articles.
    pub outlets: Vec<OutletEntry>,
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
    /// The report's HTML page of this story (every text escaped), its
    /// evidence linked to `/articles/{id}?from=&to=`. The server builds
    /// the page it serves from it once per snapshot, then lets it go.
    pub page: String,
}

/// One article.
#[derive(Debug, Clone, Default)]
pub struct ArticleEntry {
    /// Its id.
    pub id: String,
    pub title: String,
    pub outlet: String,
    /// The outlet's kind (`state`, `wire`, …) and country, when known.
    pub outlet_kind: Option<String>,
    pub country: Option<String>,
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
    /// What it reports people and bodies as saying.
    pub quotes: Vec<QuoteEntry>,
    /// Where it names each entity.
    pub mentions: Vec<MentionEntry>,
    /// The events coded from it.
    pub events: Vec<EventEntry>,
}

/// A reported statement of an article.
#[derive(Debug, Clone, Default)]
pub struct QuoteEntry {
    /// The speaker's entity id, when resolved.
    pub speaker: Option<String>,
    /// The source as written ("Foreign Minister Dmytro Kuleba", "he").
    pub source: Option<String>,
    /// The reporting verb ("said", "claimed").
    pub cue: String,
    /// The words reported.
    pub content: String,
    /// Byte range of the content in the article's text.
    pub span: [u32; 2],
}

/// A place where an article names an entity.
#[derive(Debug, Clone, Default)]
pub struct MentionEntry {
    /// The entity's id.
    pub entity: String,
    /// The words used.
    pub form: String,
    /// Byte range in the article's text.
    pub span: [u32; 2],
}

/// An event coded from an article.
#[derive(Debug, Clone, Default)]
pub struct EventEntry {
    /// PLOVER type and CAMEO code.
    pub kind: String,
    pub cameo: String,
    /// "North Korea: grant diplomatic recognition → Donetsk People's Republic".
    pub summary: String,
    /// Entity ids of who acts and who is acted on.
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    /// First and last day (ISO), when dated.
    pub date_start: Option<String>,
    pub date_end: Option<String>,
    /// Byte range of its sentence.
    pub sentence: [u32; 2],
}

/// An entity the articles name.
#[derive(Debug, Clone, Default)]
pub struct EntityEntry {
    /// Its id ("PRK", "person:choe-son-hui").
    pub id: String,
    /// Its canonical name.
    pub name: String,
    /// "state", "person", "organisation", ….
    pub kind: String,
    /// The state it belongs to, if known.
    pub country: Option<String>,
}

/// An outlet and how it reported.
#[derive(Debug, Clone, Default)]
pub struct OutletEntry {
    pub name: String,
    pub kind: String,
    pub country: Option<String>,
    /// Its articles' ids.
    pub articles: Vec<String>,
    /// Its spelling of contested names, story by story.
    pub naming: Vec<NamingEntry>,
    /// Facts of its stories that it leaves out and others report.
    pub omissions: Vec<OmissionEntry>,
    /// Loaded terms in its own voice: (story, phrase, kind).
    pub loaded: Vec<(String, String, String)>,
}

/// One outlet's spelling of a contested name in one story.
#[derive(Debug, Clone, Default)]
pub struct NamingEntry {
    pub story: String,
    /// "Kyiv (Ukraine's capital)".
    pub concept: String,
    /// "Kiev".
    pub form: String,
    /// Why the form matters ("Russian-based romanisation").
    pub note: String,
    pub count: usize,
}

/// A fact an outlet leaves out.
#[derive(Debug, Clone, Default)]
pub struct OmissionEntry {
    pub story: String,
    pub fact: String,
    pub summary: String,
    /// How many other independent origins report it.
    pub origins: usize,
}

/// How the server runs: where it listens, who may write, how often it
/// looks for changes in the store.
#[derive(Debug, Clone)]
pub struct ServeSettings {
    /// Address to listen on.
    pub addr: std::net::SocketAddr,
    /// The token `POST /api/ingest` needs (as `Authorization: Bearer`);
    /// `None` leaves the server read-only.
    pub token: Option<String>,
    /// How often to ask the store whether it changed.
    pub refresh: Duration,
    /// Largest upload accepted, in bytes.
    pub max_upload: usize,
}

/// The app's shared state.
#[derive(Clone)]
pub(crate) struct AppState {
    pub(crate) live: Arc<live::Live>,
    pub(crate) ingest: Option<Arc<ingest::Ingest>>,
}

/// Largest request body accepted outside uploads.
pub const MAX_BODY: usize = 64 * 1024;
/// Longest a request may take.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The policy every response carries: scripts only from this server (the
/// upload page's one file), no plugin, no frame, styles inline only (the
/// pages have no external asset), forms and fetches only to this server.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The read-only router over a fixed snapshot: the JSON API under `/api`,
/// its OpenAPI document at `/api/openapi.json`, search, and the pages.
pub fn app(snapshot: Snapshot) -> Router {
    router(
        AppState {
            live: Arc::new(live::Live::fixed(snapshot)),
            ingest: None,
        },
        MAX_BODY,
    )
}

fn router(state: AppState, max_upload: usize) -> Router {
    let reading = Router::new()
        .merge(api::routes())
        .merge(pages::routes())
        .layer(RequestBodyLimitLayer::new(MAX_BODY));
    Router::new()
        .merge(reading)
        .merge(ingest::routes(max_upload))
        .fallback(|| async { AppError::NotFound("no such page".into()) })
        .with_state(state)
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

/// The live router: the newest snapshot `backend` builds (blocking: call
/// it before the executor runs, or from a blocking thread); uploads are
/// stored through `backend` when `settings.token` is set. Nothing here
/// looks for changes made by other processes: [`serve`] adds that.
pub fn app_live(backend: Arc<dyn Backend>, settings: &ServeSettings) -> Result<Router, String> {
    let live = Arc::new(live::Live::start(backend.clone())?);
    Ok(live_router(live, backend, settings))
}

fn live_router(
    live: Arc<live::Live>,
    backend: Arc<dyn Backend>,
    settings: &ServeSettings,
) -> Router {
    let ingest = settings
        .token
        .as_ref()
        .map(|token| Arc::new(ingest::Ingest::new(backend, token.clone(), live.clone())));
    router(AppState { live, ingest }, settings.max_upload)
}

/// Serves the live app on `settings.addr` until the process ends, asking
/// the store every `settings.refresh` whether it changed.
pub fn serve(backend: Arc<dyn Backend>, settings: &ServeSettings) -> std::io::Result<()> {
    let listener = std::net::TcpListener::bind(settings.addr)?;
    serve_on(listener, backend, settings)
}

/// As [`serve`], on a listener already bound (port 0 lets the system pick
/// one: benchmarks and tests read it from the listener).
pub fn serve_on(
    listener: std::net::TcpListener,
    backend: Arc<dyn Backend>,
    settings: &ServeSettings,
) -> std::io::Result<()> {
    let live = Arc::new(live::Live::start(backend.clone()).map_err(std::io::Error::other)?);
    let app = live_router(live.clone(), backend, settings);
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        tokio::spawn(live::watch(live, settings.refresh));
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, app).await
    })
}

/// Errors a request can meet, each with its status.
#[derive(Debug)]
pub(crate) enum AppError {
    /// 404: no such story, article or page.
    NotFound(String),
    /// 400: a parameter that does not parse.
    BadRequest(String),
    /// 401: a write without the right token.
    Unauthorized(String),
    /// 403: a write to a read-only server.
    Forbidden(String),
    /// 500: the store or the index failed; the message is logged, not sent.
    Internal(String),
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let (status, message) = match self {
            AppError::NotFound(m) => (StatusCode::NOT_FOUND, m),
            AppError::BadRequest(m) => (StatusCode::BAD_REQUEST, m),
            AppError::Unauthorized(m) => (StatusCode::UNAUTHORIZED, m),
            AppError::Forbidden(m) => (StatusCode::FORBIDDEN, m),
            AppError::Internal(m) => {
                eprintln!("parallax serve: internal error: {m}");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "something went wrong".to_string(),
                )
            }
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
