//! The JSON API and its OpenAPI document. `docs/api.md` describes it and
//! carries this file's hash (checked by `cargo test`: change one, change
//! the other).
//!
//! - `GET /api/stories?from=&to=&outlet=&kind=&country=&language=`: the
//!   stories, newest first, filtered (days as `YYYY-MM-DD`; the others
//!   match a story when one of its outlets does, case-insensitively).
//! - `GET /api/stories/{id}`: one story with its comparison.
//! - `GET /api/articles/{id}`: one article, its text and what extraction
//!   removed.
//! - `GET /api/openapi.json`: this API as OpenAPI 3.1.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::{AppError, AppState, ArticleEntry, StoryEntry};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/articles/{id}", get(article))
        .route("/api/openapi.json", get(|| async { Json(openapi()) }))
}

/// The story filters, as query parameters.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Filters {
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) language: Option<String>,
}

impl Filters {
    /// Whether a story passes; a day that is not `YYYY-MM-DD` is refused.
    pub(crate) fn admit(&self, story: &StoryEntry) -> Result<bool, AppError> {
        let day = |d: &Option<String>, name: &str| -> Result<Option<String>, AppError> {
            match d.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                None => Ok(None),
                Some(d) if parallax_core::PartialDate::parse_iso(d).is_some() && d.len() == 10 => {
                    Ok(Some(d.to_string()))
                }
                Some(d) => Err(AppError::BadRequest(format!(
                    "{name}: {d:?} is not a day (YYYY-MM-DD)"
                ))),
            }
        };
        let (from, to) = (day(&self.from, "from")?, day(&self.to, "to")?);
        if let Some(from) = from
            && story.last_day.as_deref().is_none_or(|d| d < from.as_str())
        {
            return Ok(false);
        }
        if let Some(to) = to
            && story.first_day.as_deref().is_none_or(|d| d > to.as_str())
        {
            return Ok(false);
        }
        let matches = |want: &Option<String>, have: &[String]| {
            want.as_deref()
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .is_none_or(|w| {
                    let w = w.to_lowercase();
                    have.iter().any(|h| h.to_lowercase().contains(&w))
                })
        };
        Ok(matches(&self.outlet, &story.outlets)
            && matches(&self.kind, &story.outlet_kinds)
            && matches(&self.country, &story.countries)
            && matches(&self.language, &story.languages))
    }
}

pub(crate) fn summary(story: &StoryEntry) -> Value {
    json!({
        "id": story.id,
        "title": story.title,
        "counts": story.counts,
        "first_day": story.first_day,
        "last_day": story.last_day,
        "outlets": story.outlets,
        "outlet_kinds": story.outlet_kinds,
        "countries": story.countries,
        "languages": story.languages,
        "articles": story.articles,
    })
}

/// The query's filters; a query that does not parse (a field twice) is
/// a JSON 400 like every other error.
pub(crate) fn filters(query: Result<Query<Filters>, QueryRejection>) -> Result<Filters, AppError> {
    query
        .map(|Query(f)| f)
        .map_err(|rejection| AppError::BadRequest(rejection.body_text()))
}

async fn stories(
    State(state): State<AppState>,
    query: Result<Query<Filters>, QueryRejection>,
) -> Result<Json<Value>, AppError> {
    let filters = filters(query)?;
    // The API is strict where the page's form is not: a day given empty
    // is not a day.
    for (name, value) in [("from", &filters.from), ("to", &filters.to)] {
        if value.as_deref().is_some_and(|v| v.trim().is_empty()) {
            return Err(AppError::BadRequest(format!(
                "{name}: empty, not a day (YYYY-MM-DD)"
            )));
        }
    }
    let mut out = Vec::new();
    for story in &state.snapshot.stories {
        if filters.admit(story)? {
            out.push(summary(story));
        }
    }
    Ok(Json(json!({ "stories": out })))
}

async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let story = state
        .snapshot
        .story(&id)
        .ok_or_else(|| AppError::NotFound(format!("no story {id:?}")))?;
    let mut value = summary(story);
    value["detail"] = story.detail.clone();
    Ok(Json(value))
}

pub(crate) fn article_json(article: &ArticleEntry) -> Value {
    json!({
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "date": article.date,
        "url": article.url,
        "language": article.language,
        "story": article.story,
        "text": article.text,
        "removed": article.removed.iter().map(|(kind, text)| json!({"kind": kind, "text": text})).collect::<Vec<_>>(),
    })
}

async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let article = state
        .snapshot
        .article(&id)
        .ok_or_else(|| AppError::NotFound(format!("no article {id:?}")))?;
    Ok(Json(article_json(article)))
}

/// The API as OpenAPI 3.1.
pub fn openapi() -> Value {
    let text = json!({"type": "string"});
    let nullable_text = json!({"type": ["string", "null"]});
    let texts = json!({"type": "array", "items": {"type": "string"}});
    let error = json!({
        "description": "An error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    });
    let id_param = |what: &str| json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": what}]);
    let query = |name: &str, what: &str| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}, "description": what});
    let day = |name: &str, what: &str| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string", "format": "date"}, "description": what});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "parallax",
            "version": "0.1.0",
            "description": "Stories across outlets: coverage, independent origins, contradictions and framing. Read-only."
        },
        "paths": {
            "/api/stories": {"get": {
                "summary": "The stories, newest first",
                "parameters": [
                    day("from", "Stories with a day on or after this one (YYYY-MM-DD)"),
                    day("to", "Stories with a day on or before this one (YYYY-MM-DD)"),
                    query("outlet", "An outlet's name contains this"),
                    query("kind", "An outlet's kind (state, commercial, public, ...) contains this"),
                    query("country", "An outlet's country contains this"),
                    query("language", "An article's language contains this"),
                ],
                "responses": {
                    "200": {"description": "The stories", "content": {"application/json": {"schema": {
                        "type": "object", "required": ["stories"],
                        "properties": {"stories": {"type": "array", "items": {"$ref": "#/components/schemas/StorySummary"}}}
                    }}}},
                    "400": error.clone()
                }
            }},
            "/api/stories/{id}": {"get": {
                "summary": "One story with its comparison",
                "parameters": id_param("The story's id"),
                "responses": {
                    "200": {"description": "The story", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Story"}}}},
                    "404": error.clone()
                }
            }},
            "/api/articles/{id}": {"get": {
                "summary": "One article: its text and what extraction removed",
                "parameters": id_param("The article's id"),
                "responses": {
                    "200": {"description": "The article", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Article"}}}},
                    "404": error.clone()
                }
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {"type": "object"}}}}}
            }}
        },
        "components": {"schemas": {
            "Error": {"type": "object", "required": ["error", "status"], "properties": {
                "error": text, "status": {"type": "integer"}
            }},
            "StorySummary": {"type": "object",
                "required": ["id", "title", "counts", "first_day", "last_day", "outlets", "outlet_kinds", "countries", "languages", "articles"],
                "properties": {
                    "id": text, "title": text, "counts": text,
                    "first_day": nullable_text, "last_day": nullable_text,
                    "outlets": texts, "outlet_kinds": texts, "countries": texts, "languages": texts, "articles": texts
                }},
            "Story": {"allOf": [
                {"$ref": "#/components/schemas/StorySummary"},
                {"type": "object", "required": ["detail"], "properties": {"detail": {
                    "type": "object",
                    "description": "The comparison as `parallax report --format json` gives each story (docs/report-json.md)"
                }}}
            ]},
            "Article": {"type": "object",
                "required": ["id", "title", "outlet", "date", "url", "language", "story", "text", "removed"],
                "properties": {
                    "id": text, "title": text, "outlet": text,
                    "date": nullable_text, "url": nullable_text, "language": nullable_text, "story": nullable_text,
                    "text": text,
                    "removed": {"type": "array", "items": {"type": "object", "required": ["kind", "text"], "properties": {"kind": text, "text": text}}}
                }}
        }}
    })
}
