//! The JSON API and its OpenAPI document. `docs/api.md` describes it and
//! carries this file's hash (checked by `cargo test`: change one, change
//! the other).
//!
//! - `GET /api/stories?from=&to=&outlet=&kind=&country=&language=`: the
//!   stories, newest first, filtered (days as `YYYY-MM-DD`; the others
//!   match a story when one of its outlets does, case-insensitively).
//! - `GET /api/stories/{id}`: one story with its comparison.
//! - `GET /api/articles/{id}`: one article, its text, what extraction
//!   removed, its quotes, entity mentions and events.
//! - `GET /api/events?article=&entity=&cameo=`: coded events.
//! - `GET /api/entities?q=` and `GET /api/entities/{id}`: who and what the
//!   articles name, and how each outlet names them.
//! - `GET /api/outlets` and `GET /api/outlets/{name}`: each outlet, its
//!   naming choices, loaded terms and omissions across stories.
//! - `GET /api/search?q=&type=&outlet=&kind=&country=&language=&limit=&offset=`:
//!   full text over articles and quotes, with facet counts.
//! - `POST /api/ingest?name=` and `GET /api/ingest/{job}` (`ingest.rs`):
//!   upload a file with the operator's token; follow its job.
//! - `GET /api/openapi.json`: this API as OpenAPI 3.1.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use std::collections::BTreeMap;

use crate::search::{Found, SearchRequest};
use crate::{
    AppError, AppState, ArticleEntry, EntityEntry, EventEntry, OutletEntry, QuoteEntry, StoryEntry,
};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/articles/{id}", get(article))
        .route("/api/events", get(events))
        .route("/api/entities", get(entities))
        .route("/api/entities/{id}", get(entity))
        .route("/api/outlets", get(outlets))
        .route("/api/outlets/{name}", get(outlet))
        .route("/api/search", get(search))
        .route("/api/openapi.json", get(openapi_served))
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

async fn stories(
    State(state): State<AppState>,
    query: Result<Query<Filters>, QueryRejection>,
) -> Result<Json<Value>, AppError> {
    let filters = parse(query)?;
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
    for story in &state.live.now().snapshot.stories {
        if filters.admit(story)? {
            out.push(summary(story));
        }
    }
    Ok(Json(json!({ "stories": out })))
}

async fn story(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<impl axum::response::IntoResponse, AppError> {
    let body = state
        .live
        .now()
        .story_json(&id)
        .ok_or_else(|| AppError::NotFound(format!("no story {id:?}")))?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        body,
    ))
}

pub(crate) fn article_json(article: &ArticleEntry) -> Value {
    json!({
        "id": article.id,
        "title": article.title,
        "outlet": article.outlet,
        "outlet_kind": article.outlet_kind,
        "country": article.country,
        "date": article.date,
        "url": article.url,
        "language": article.language,
        "story": article.story,
        "text": article.text,
        "removed": article.removed.iter().map(|(kind, text)| json!({"kind": kind, "text": text})).collect::<Vec<_>>(),
        "quotes": article.quotes.iter().map(quote_json).collect::<Vec<_>>(),
        "mentions": article.mentions.iter().map(|m| json!({"entity": m.entity, "form": m.form, "span": m.span})).collect::<Vec<_>>(),
        "events": article.events.iter().map(|e| event_json(article, e)).collect::<Vec<_>>(),
    })
}

fn quote_json(q: &QuoteEntry) -> Value {
    json!({"speaker": q.speaker, "source": q.source, "cue": q.cue, "content": q.content, "span": q.span})
}

fn event_json(article: &ArticleEntry, e: &EventEntry) -> Value {
    json!({
        "article": article.id,
        "outlet": article.outlet,
        "story": article.story,
        "kind": e.kind,
        "cameo": e.cameo,
        "summary": e.summary,
        "actors": e.actors,
        "targets": e.targets,
        "date_start": e.date_start,
        "date_end": e.date_end,
        "sentence": e.sentence,
        "evidence": article.text.get(e.sentence[0] as usize..e.sentence[1] as usize).unwrap_or(""),
    })
}

async fn article(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let now = state.live.now();
    let article = now
        .article(&id)
        .ok_or_else(|| AppError::NotFound(format!("no article {id:?}")))?;
    Ok(Json(article_json(article)))
}

/// A query's parameters; a query that does not parse (a field twice, a
/// value of the wrong type) is a JSON 400 like every other error.
pub(crate) fn parse<T>(query: Result<Query<T>, QueryRejection>) -> Result<T, AppError> {
    query
        .map(|Query(q)| q)
        .map_err(|rejection| AppError::BadRequest(rejection.body_text()))
}

#[derive(Debug, Deserialize)]
struct EventFilters {
    article: Option<String>,
    entity: Option<String>,
    cameo: Option<String>,
}

/// At most this many events in one answer.
const MAX_EVENTS: usize = 1000;

async fn events(
    State(state): State<AppState>,
    query: Result<Query<EventFilters>, QueryRejection>,
) -> Result<Json<Value>, AppError> {
    let filters = parse(query)?;
    let now = state.live.now();
    fn wanted(v: &Option<String>) -> Option<&str> {
        v.as_deref().map(str::trim).filter(|v| !v.is_empty())
    }
    let (article, entity, cameo) = (
        wanted(&filters.article),
        wanted(&filters.entity),
        wanted(&filters.cameo),
    );
    let mut out = Vec::new();
    let mut total = 0;
    for a in &now.snapshot.articles {
        if article.is_some_and(|id| id != a.id) {
            continue;
        }
        for e in &a.events {
            let names = |id: &str| e.actors.iter().chain(&e.targets).any(|x| x == id);
            if entity.is_some_and(|id| !names(id)) || cameo.is_some_and(|c| !e.cameo.starts_with(c))
            {
                continue;
            }
            total += 1;
            if out.len() < MAX_EVENTS {
                out.push(event_json(a, e));
            }
        }
    }
    Ok(Json(json!({"total": total, "events": out})))
}

/// The query of the entity list: a name or id to look for.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct EntityFilters {
    pub(crate) q: Option<String>,
}

/// The entities whose name or id holds `q` (all without one), each with
/// its mention and article counts, most named first.
pub(crate) fn entity_rows<'a>(
    now: &'a crate::live::Current,
    q: Option<&str>,
) -> Vec<(&'a EntityEntry, usize, usize)> {
    let q = q.map(|q| q.trim().to_lowercase()).filter(|q| !q.is_empty());
    let mut rows: Vec<(&EntityEntry, usize, usize)> = now
        .snapshot
        .entities
        .iter()
        .filter(|e| {
            q.as_deref().is_none_or(|q| {
                e.name.to_lowercase().contains(q) || e.id.to_lowercase().contains(q)
            })
        })
        .map(|e| {
            let (mentions, articles) = now.entity_count(&e.id);
            (e, mentions, articles)
        })
        .collect();
    rows.sort_by_key(|row| std::cmp::Reverse(row.1));
    rows
}

async fn entities(
    State(state): State<AppState>,
    query: Result<Query<EntityFilters>, QueryRejection>,
) -> Result<Json<Value>, AppError> {
    let filters = parse(query)?;
    let now = state.live.now();
    let list: Vec<Value> = entity_rows(&now, filters.q.as_deref())
        .into_iter()
        .map(|(e, mentions, articles)| {
            json!({"id": e.id, "name": e.name, "kind": e.kind, "country": e.country, "mentions": mentions, "articles": articles})
        })
        .collect();
    Ok(Json(json!({ "entities": list })))
}

/// An entity with how each outlet names it, where, and what it is quoted
/// as saying.
pub(crate) fn entity_json(now: &crate::live::Current, entity: &EntityEntry) -> Value {
    /// form -> (count, first article, first span)
    type Forms<'a> = BTreeMap<&'a str, (usize, &'a str, [u32; 2])>;
    let mut naming: BTreeMap<&str, Forms<'_>> = BTreeMap::new();
    let mut articles = Vec::new();
    let mut quotes = Vec::new();
    for a in &now.snapshot.articles {
        let mut named = false;
        for m in a.mentions.iter().filter(|m| m.entity == entity.id) {
            named = true;
            let slot = naming
                .entry(a.outlet.as_str())
                .or_default()
                .entry(m.form.as_str())
                .or_insert((0, a.id.as_str(), m.span));
            slot.0 += 1;
        }
        if named {
            articles
                .push(json!({"id": a.id, "title": a.title, "outlet": a.outlet, "story": a.story}));
        }
        for q in a
            .quotes
            .iter()
            .filter(|q| q.speaker.as_deref() == Some(entity.id.as_str()))
        {
            let mut value = quote_json(q);
            value["article"] = json!(a.id);
            value["outlet"] = json!(a.outlet);
            quotes.push(value);
        }
    }
    let naming: Vec<Value> = naming
        .into_iter()
        .map(|(outlet, forms)| {
            json!({"outlet": outlet, "forms": forms.into_iter().map(|(form, (count, article, span))| json!({"form": form, "count": count, "article": article, "span": span})).collect::<Vec<_>>()})
        })
        .collect();
    json!({
        "id": entity.id, "name": entity.name, "kind": entity.kind, "country": entity.country,
        "naming": naming, "articles": articles, "quotes": quotes,
    })
}

async fn entity(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let now = state.live.now();
    let entity = now
        .entity(&id)
        .ok_or_else(|| AppError::NotFound(format!("no entity {id:?}")))?;
    Ok(Json(entity_json(&now, entity)))
}

async fn outlets(State(state): State<AppState>) -> Json<Value> {
    let now = state.live.now();
    let list: Vec<Value> = now
        .snapshot
        .outlets
        .iter()
        .map(|o| json!({"name": o.name, "kind": o.kind, "country": o.country, "articles": o.articles.len()}))
        .collect();
    Json(json!({"outlets": list}))
}

pub(crate) fn outlet_json(o: &OutletEntry) -> Value {
    json!({
        "name": o.name,
        "kind": o.kind,
        "country": o.country,
        "articles": o.articles,
        "naming": o.naming.iter().map(|n| json!({"story": n.story, "concept": n.concept, "form": n.form, "note": n.note, "count": n.count})).collect::<Vec<_>>(),
        "omissions": o.omissions.iter().map(|m| json!({"story": m.story, "fact": m.fact, "summary": m.summary, "origins": m.origins})).collect::<Vec<_>>(),
        "loaded": o.loaded.iter().map(|(story, phrase, kind)| json!({"story": story, "phrase": phrase, "kind": kind})).collect::<Vec<_>>(),
    })
}

async fn outlet(
    State(state): State<AppState>,
    Path(name): Path<String>,
) -> Result<Json<Value>, AppError> {
    let now = state.live.now();
    let outlet = now
        .outlet(&name)
        .ok_or_else(|| AppError::NotFound(format!("no outlet {name:?}")))?;
    Ok(Json(outlet_json(outlet)))
}

/// The search parameters, as the API and the page take them.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchParams {
    pub(crate) q: Option<String>,
    #[serde(rename = "type")]
    pub(crate) hit: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) kind: Option<String>,
    pub(crate) country: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) limit: Option<String>,
    pub(crate) offset: Option<String>,
}

impl SearchParams {
    pub(crate) fn request(&self) -> Result<SearchRequest, AppError> {
        let number = |v: &Option<String>,
                      name: &str,
                      default: usize,
                      max: usize|
         -> Result<usize, AppError> {
            match v.as_deref().map(str::trim) {
                None => Ok(default),
                Some(v) => match v.parse::<usize>() {
                    Ok(n) if n <= max => Ok(n),
                    _ => Err(AppError::BadRequest(format!(
                        "{name}: {v:?} is not a whole number from 0 to {max}"
                    ))),
                },
            }
        };
        if let Some(hit) = self.hit.as_deref().map(str::trim).filter(|v| !v.is_empty())
            && !["article", "quote"].contains(&hit)
        {
            return Err(AppError::BadRequest(format!(
                "type: {hit:?} is neither \"article\" nor \"quote\""
            )));
        }
        let mut filters = Vec::new();
        for (name, value) in [
            ("type", &self.hit),
            ("outlet", &self.outlet),
            ("kind", &self.kind),
            ("country", &self.country),
            ("language", &self.language),
        ] {
            if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
                filters.push((name, v.to_string()));
            }
        }
        Ok(SearchRequest {
            q: self.q.clone().unwrap_or_default(),
            filters,
            limit: number(&self.limit, "limit", 20, 100)?,
            offset: number(&self.offset, "offset", 0, 10_000)?,
        })
    }
}

/// Runs a search on the current snapshot.
pub(crate) fn run_search(
    now: &crate::live::Current,
    params: &SearchParams,
) -> Result<Found, AppError> {
    let request = params.request()?;
    let index = now
        .search
        .as_ref()
        .ok_or_else(|| AppError::Internal("no search index".into()))?;
    index
        .search(now, &request)
        .map_err(|error| AppError::Internal(format!("search failed: {error}")))
}

async fn search(
    State(state): State<AppState>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<Value>, AppError> {
    let params = parse(query)?;
    let now = state.live.now();
    let found = run_search(&now, &params)?;
    let hits: Vec<Value> = found
        .hits
        .iter()
        .filter_map(|h| {
            let a = now.article(&h.article)?;
            let quote = h.quote.and_then(|i| a.quotes.get(i));
            Some(json!({
                "type": h.hit,
                "article": a.id,
                "title": a.title,
                "outlet": a.outlet,
                "story": a.story,
                "date": a.date,
                "score": h.score,
                "snippet": h.snippet,
                "marks": h.marks,
                "quote": quote.map(quote_json),
            }))
        })
        .collect();
    let facets: serde_json::Map<String, Value> = found
        .facets
        .iter()
        .map(|(name, values)| {
            (
                (*name).to_string(),
                json!(
                    values
                        .iter()
                        .map(|(v, n)| json!({"value": v, "count": n}))
                        .collect::<Vec<_>>()
                ),
            )
        })
        .collect();
    Ok(Json(
        json!({"total": found.total, "hits": hits, "facets": facets, "ignored": found.ignored}),
    ))
}

/// The document as served: [`openapi`] with an example id for each path
/// parameter, taken from what is served now, so that a client (or a
/// schema-driven tester) can reach a real story, article, entity or outlet.
async fn openapi_served(State(state): State<AppState>) -> Json<Value> {
    let now = state.live.now();
    let mut doc = openapi();
    let s = &now.snapshot;
    let examples = [
        ("/api/stories/{id}", s.stories.first().map(|x| x.id.clone())),
        (
            "/api/articles/{id}",
            s.articles.first().map(|x| x.id.clone()),
        ),
        (
            "/api/entities/{id}",
            s.entities.first().map(|x| x.id.clone()),
        ),
        (
            "/api/outlets/{name}",
            s.outlets.first().map(|x| x.name.clone()),
        ),
    ];
    for (path, example) in examples {
        if let Some(example) = example {
            doc["paths"][path]["get"]["parameters"][0]["example"] = json!(example);
        }
    }
    Json(doc)
}

/// The API as OpenAPI 3.1.
pub fn openapi() -> Value {
    let text = json!({"type": "string"});
    let nullable_text = json!({"type": ["string", "null"]});
    let texts = json!({"type": "array", "items": {"type": "string"}});
    let count = json!({"type": "integer", "minimum": 0});
    let span = json!({"type": "array", "items": {"type": "integer", "minimum": 0}, "minItems": 2, "maxItems": 2, "description": "Byte range [start, end) in the article's text"});
    let schema_ref = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    let error = json!({
        "description": "An error",
        "content": {"application/json": {"schema": schema_ref("Error")}}
    });
    let ok = |what: &str, schema: Value| json!({"description": what, "content": {"application/json": {"schema": schema}}});
    let list_of = |key: &str, item: &str| json!({"type": "object", "required": [key], "properties": {key: {"type": "array", "items": schema_ref(item)}}});
    let id_param = |name: &str, what: &str| json!([{"name": name, "in": "path", "required": true, "schema": {"type": "string"}, "description": what}]);
    let query = |name: &str, what: &str| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string"}, "description": what});
    let day = |name: &str, what: &str| json!({"name": name, "in": "query", "required": false, "schema": {"type": "string", "format": "date"}, "description": what});
    let number = |name: &str, what: &str, max: u32| json!({"name": name, "in": "query", "required": false, "schema": {"type": "integer", "minimum": 0, "maximum": max}, "description": what});
    let object = |required: &[&str], properties: Value| json!({"type": "object", "required": required, "properties": properties});
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "parallax",
            "version": "0.2.0",
            "description": "Stories across outlets: coverage, independent origins, contradictions and framing; articles, entities, outlets, events and full-text search. Read-only but for POST /api/ingest, which needs the operator's token."
        },
        "components": {
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer", "description": "The token the operator started the server with (parallax serve --token)"}},
            "schemas": {
            "Error": object(&["error", "status"], json!({"error": text, "status": {"type": "integer"}})),
            "StorySummary": object(
                &["id", "title", "counts", "first_day", "last_day", "outlets", "outlet_kinds", "countries", "languages", "articles"],
                json!({
                    "id": text, "title": text, "counts": text,
                    "first_day": nullable_text, "last_day": nullable_text,
                    "outlets": texts, "outlet_kinds": texts, "countries": texts, "languages": texts, "articles": texts
                })),
            "Story": {"allOf": [
                schema_ref("StorySummary"),
                object(&["detail"], json!({"detail": {
                    "type": "object",
                    "description": "The comparison as `parallax report --format json` gives each story (docs/report-json.md)"
                }}))
            ]},
            "Quote": object(&["speaker", "source", "cue", "content", "span"], json!({
                "speaker": {"type": ["string", "null"], "description": "The speaker's entity id, when resolved"},
                "source": {"type": ["string", "null"], "description": "The source as written"},
                "cue": text, "content": text, "span": span
            })),
            "Event": object(&["article", "outlet", "story", "kind", "cameo", "summary", "actors", "targets", "date_start", "date_end", "sentence", "evidence"], json!({
                "article": text, "outlet": text, "story": nullable_text, "kind": text, "cameo": text, "summary": text,
                "actors": texts, "targets": texts, "date_start": nullable_text, "date_end": nullable_text,
                "sentence": span, "evidence": text
            })),
            "Article": object(
                &["id", "title", "outlet", "outlet_kind", "country", "date", "url", "language", "story", "text", "removed", "quotes", "mentions", "events"],
                json!({
                    "id": text, "title": text, "outlet": text, "outlet_kind": nullable_text, "country": nullable_text,
                    "date": nullable_text, "url": nullable_text, "language": nullable_text, "story": nullable_text,
                    "text": text,
                    "removed": {"type": "array", "items": object(&["kind", "text"], json!({"kind": text, "text": text}))},
                    "quotes": {"type": "array", "items": schema_ref("Quote")},
                    "mentions": {"type": "array", "items": object(&["entity", "form", "span"], json!({"entity": text, "form": text, "span": span}))},
                    "events": {"type": "array", "items": schema_ref("Event")}
                })),
            "EntitySummary": object(&["id", "name", "kind", "country", "mentions", "articles"], json!({
                "id": text, "name": text, "kind": text, "country": nullable_text, "mentions": count, "articles": count
            })),
            "Entity": object(&["id", "name", "kind", "country", "naming", "articles", "quotes"], json!({
                "id": text, "name": text, "kind": text, "country": nullable_text,
                "naming": {"type": "array", "items": object(&["outlet", "forms"], json!({
                    "outlet": text,
                    "forms": {"type": "array", "items": object(&["form", "count", "article", "span"], json!({"form": text, "count": count, "article": text, "span": span}))}
                }))},
                "articles": {"type": "array", "items": object(&["id", "title", "outlet", "story"], json!({"id": text, "title": text, "outlet": text, "story": nullable_text}))},
                "quotes": {"type": "array", "items": {"allOf": [schema_ref("Quote"), object(&["article", "outlet"], json!({"article": text, "outlet": text}))]}}
            })),
            "OutletSummary": object(&["name", "kind", "country", "articles"], json!({
                "name": text, "kind": text, "country": nullable_text, "articles": count
            })),
            "Outlet": object(&["name", "kind", "country", "articles", "naming", "omissions", "loaded"], json!({
                "name": text, "kind": text, "country": nullable_text, "articles": texts,
                "naming": {"type": "array", "items": object(&["story", "concept", "form", "note", "count"], json!({"story": text, "concept": text, "form": text, "note": text, "count": count}))},
                "omissions": {"type": "array", "items": object(&["story", "fact", "summary", "origins"], json!({"story": text, "fact": text, "summary": text, "origins": count}))},
                "loaded": {"type": "array", "items": object(&["story", "phrase", "kind"], json!({"story": text, "phrase": text, "kind": text}))}
            })),
            "SearchResults": object(&["total", "hits", "facets", "ignored"], json!({
                "total": count,
                "hits": {"type": "array", "items": object(&["type", "article", "title", "outlet", "story", "date", "score", "snippet", "marks", "quote"], json!({
                    "type": {"type": "string", "enum": ["article", "quote"]},
                    "article": text, "title": text, "outlet": text, "story": nullable_text, "date": nullable_text,
                    "score": {"type": "number"},
                    "snippet": {"type": "string", "description": "A passage of the article's text (or the quote's words)"},
                    "marks": {"type": "array", "items": span.clone(), "description": "Byte ranges of the matched words within the snippet"},
                    "quote": {"oneOf": [schema_ref("Quote"), {"type": "null"}]}
                }))},
                "facets": {"type": "object", "additionalProperties": {"type": "array", "items": object(&["value", "count"], json!({"value": text, "count": count}))}},
                "ignored": {"type": "array", "items": text, "description": "Parts of the query not understood and left out"}
            })),
            "IngestJob": object(&["job", "name", "bytes", "state", "read", "extracted", "stored", "already", "failed", "problems", "error"], json!({
                "job": count, "name": text, "bytes": count,
                "state": {"type": "string", "enum": ["queued", "running", "indexing", "done", "failed"]},
                "read": count, "extracted": count, "stored": count, "already": count, "failed": count,
                "problems": texts, "error": nullable_text
            }))
        }},
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
                "responses": {"200": ok("The stories", list_of("stories", "StorySummary")), "400": error.clone()}
            }},
            "/api/stories/{id}": {"get": {
                "summary": "One story with its comparison",
                "parameters": id_param("id", "The story's id"),
                "responses": {"200": ok("The story", schema_ref("Story")), "404": error.clone()}
            }},
            "/api/articles/{id}": {"get": {
                "summary": "One article: its text, what extraction removed, its quotes, entity mentions and events",
                "parameters": id_param("id", "The article's id"),
                "responses": {"200": ok("The article", schema_ref("Article")), "404": error.clone()}
            }},
            "/api/events": {"get": {
                "summary": "Coded events (at most 1,000; total counts them all)",
                "parameters": [
                    query("article", "Only this article's events"),
                    query("entity", "Only events with this entity id among actors or targets"),
                    query("cameo", "Only events whose CAMEO code starts with this"),
                ],
                "responses": {"200": ok("The events", object(&["total", "events"], json!({"total": count, "events": {"type": "array", "items": schema_ref("Event")}}))), "400": error.clone()}
            }},
            "/api/entities": {"get": {
                "summary": "The entities the articles name, most named first",
                "parameters": [query("q", "The name or id contains this")],
                "responses": {"200": ok("The entities", list_of("entities", "EntitySummary")), "400": error.clone()}
            }},
            "/api/entities/{id}": {"get": {
                "summary": "One entity: how each outlet names it, the articles naming it, what it is quoted as saying",
                "parameters": id_param("id", "The entity's id (PRK, person:choe-son-hui)"),
                "responses": {"200": ok("The entity", schema_ref("Entity")), "404": error.clone()}
            }},
            "/api/outlets": {"get": {
                "summary": "The outlets",
                "responses": {"200": ok("The outlets", list_of("outlets", "OutletSummary"))}
            }},
            "/api/outlets/{name}": {"get": {
                "summary": "One outlet: its articles, naming choices, loaded terms and omissions across stories",
                "parameters": id_param("name", "The outlet's name"),
                "responses": {"200": ok("The outlet", schema_ref("Outlet")), "404": error.clone()}
            }},
            "/api/search": {"get": {
                "summary": "Full-text search over articles and quotes, with facet counts",
                "parameters": [
                    query("q", "Words to find (tantivy query syntax: \"a phrase\", +must, -not, title:word, speaker:word)"),
                    json!({"name": "type", "in": "query", "required": false, "schema": {"type": "string", "enum": ["", "article", "quote"]}, "description": "Only articles or only quotes (empty: both, as the search form sends it)"}),
                    query("outlet", "Only hits from this outlet (exact name)"),
                    query("kind", "Only hits from outlets of this kind (exact)"),
                    query("country", "Only hits from outlets of this country (exact)"),
                    query("language", "Only hits in this language (exact)"),
                    number("limit", "Hits per page (1 to 100, default 20; 0 is read as 1)", 100),
                    number("offset", "Hits to skip (at most 10,000)", 10_000),
                ],
                "responses": {"200": ok("What was found", schema_ref("SearchResults")), "400": error.clone()}
            }},
            "/api/ingest": {"post": {
                "summary": "Upload one file (HTML, text, WARC, JSONL or a feed) to ingest; answered at once with its job",
                "security": [{"token": []}],
                "parameters": [query("name", "The file's name (its extension helps tell the format)")],
                "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
                "responses": {
                    "202": ok("The job", object(&["job", "status"], json!({"job": count, "status": text}))),
                    "400": error.clone(), "401": error.clone(), "403": error.clone(), "413": {"description": "The file is larger than the server accepts"}
                }
            }},
            "/api/ingest/{job}": {"get": {
                "summary": "An ingest job's progress",
                "parameters": id_param("job", "The job's number"),
                "responses": {"200": ok("The job", schema_ref("IngestJob")), "404": error.clone()}
            }},
            "/api/openapi.json": {"get": {
                "summary": "This document",
                "responses": {"200": ok("OpenAPI 3.1", json!({"type": "object"}))}
            }}
        }
    })
}
