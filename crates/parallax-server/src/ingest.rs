//! Ingest by upload: `POST /api/ingest?name=FILE` with the file as the body
//! and `Authorization: Bearer TOKEN`, answered at once with a job whose
//! progress `GET /api/ingest/{job}` reports; the upload page `/ingest` and
//! its script `/static/ingest.js` drive both from a browser.
//!
//! Writes need the token the operator set when starting the server; a
//! server started without one answers every upload with 403. Jobs run one
//! at a time on a blocking thread; when one has stored something, the
//! snapshot is rebuilt before the job reports itself done.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, PoisonError};

use axum::Json;
use axum::Router;
use axum::body::Bytes;
use axum::extract::rejection::QueryRejection;
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};
use tower_http::limit::RequestBodyLimitLayer;

use crate::live::{IngestCounts, Live};
use crate::{AppError, AppState, Backend};

/// Jobs kept for their status; older ones are forgotten.
const JOBS_KEPT: usize = 200;

/// Longest upload name kept.
const MAX_NAME: usize = 200;

pub(crate) fn routes(max_upload: usize) -> Router<AppState> {
    Router::new()
        .route("/api/ingest", post(upload))
        .route("/api/ingest/{job}", get(job_status))
        .layer(DefaultBodyLimit::max(max_upload))
        .layer(RequestBodyLimitLayer::new(max_upload))
        .merge(
            Router::new()
                .route("/ingest", get(page))
                .route("/static/ingest.js", get(script))
                .layer(RequestBodyLimitLayer::new(crate::MAX_BODY)),
        )
}

/// The writer side of the server: present only when a token is set.
pub(crate) struct Ingest {
    backend: Arc<dyn Backend>,
    token: String,
    live: Arc<Live>,
    jobs: Mutex<Jobs>,
    /// Held by the running job: uploads are stored one at a time.
    turn: Mutex<()>,
}

#[derive(Default)]
struct Jobs {
    next: u64,
    all: BTreeMap<u64, Job>,
}

#[derive(Clone)]
struct Job {
    name: String,
    bytes: usize,
    state: &'static str,
    counts: IngestCounts,
    error: Option<String>,
}

impl Ingest {
    pub(crate) fn new(backend: Arc<dyn Backend>, token: String, live: Arc<Live>) -> Ingest {
        Ingest {
            backend,
            token,
            live,
            jobs: Mutex::new(Jobs::default()),
            turn: Mutex::new(()),
        }
    }

    fn jobs(&self) -> std::sync::MutexGuard<'_, Jobs> {
        self.jobs.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Whether the request carries the token. The comparison takes the
    /// same time wherever the first difference is.
    fn authorised(&self, headers: &HeaderMap) -> bool {
        let Some(given) = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
        else {
            return false;
        };
        let (a, b) = (given.trim().as_bytes(), self.token.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }

    fn update(&self, id: u64, change: impl FnOnce(&mut Job)) {
        if let Some(job) = self.jobs().all.get_mut(&id) {
            change(job);
        }
    }

    /// Runs job `id` to its end: stores the file, then rebuilds the
    /// snapshot if anything new was stored. Blocking.
    fn run(&self, id: u64, name: &str, bytes: Vec<u8>) {
        let _turn = self.turn.lock().unwrap_or_else(PoisonError::into_inner);
        let result = self.backend.ingest(name, bytes, &mut |counts| {
            self.update(id, |job| job.counts = counts.clone());
        });
        match result {
            Ok(counts) => {
                let stored = counts.stored;
                self.update(id, |job| {
                    job.counts = counts;
                    job.state = "indexing";
                });
                let rebuilt = if stored > 0 {
                    self.live.rebuild(false).map(|_| ())
                } else {
                    Ok(())
                };
                self.update(id, |job| match rebuilt {
                    Ok(()) => job.state = "done",
                    Err(error) => {
                        job.state = "failed";
                        job.error =
                            Some(format!("stored, but the snapshot was not rebuilt: {error}"));
                    }
                });
            }
            Err(error) => self.update(id, |job| {
                job.state = "failed";
                job.error = Some(error);
            }),
        }
    }
}

/// The upload's name: its last path segment, without control characters,
/// at most [`MAX_NAME`] bytes, under `upload/`.
fn upload_name(given: Option<&str>) -> String {
    let base = given
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>();
    let mut name = base.trim().to_string();
    if name.is_empty() {
        name = "upload".into();
    }
    while name.len() > MAX_NAME {
        name.pop();
    }
    format!("upload/{name}")
}

#[derive(Deserialize)]
struct UploadQuery {
    name: Option<String>,
}

async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<UploadQuery>, QueryRejection>,
    body: Bytes,
) -> Result<impl IntoResponse, AppError> {
    let Some(ingest) = state.ingest.clone() else {
        return Err(AppError::Forbidden(
            "this server is read-only: start it with --token (or PARALLAX_TOKEN) to accept uploads"
                .into(),
        ));
    };
    if !ingest.authorised(&headers) {
        return Err(AppError::Unauthorized(
            "an upload needs the header Authorization: Bearer <the server's token>".into(),
        ));
    }
    let query = crate::api::parse(query)?;
    // An empty body sent as a file is an empty file: the job reports it as
    // the file's problem, as `parallax ingest` would. No body and no
    // content type is a request without its file.
    if body.is_empty() && !headers.contains_key(header::CONTENT_TYPE) {
        return Err(AppError::BadRequest(
            "no file: send it as the request body (Content-Type: application/octet-stream)".into(),
        ));
    }
    let name = upload_name(query.name.as_deref());
    let id = {
        let mut jobs = ingest.jobs();
        jobs.next += 1;
        let id = jobs.next;
        jobs.all.insert(
            id,
            Job {
                name: name.clone(),
                bytes: body.len(),
                state: "queued",
                counts: IngestCounts::default(),
                error: None,
            },
        );
        while jobs.all.len() > JOBS_KEPT {
            jobs.all.pop_first();
        }
        id
    };
    let worker = ingest.clone();
    tokio::task::spawn_blocking(move || {
        worker.update(id, |job| job.state = "running");
        worker.run(id, &name, body.to_vec());
    });
    let status = format!("/api/ingest/{id}");
    Ok((
        StatusCode::ACCEPTED,
        [(header::LOCATION, status.clone())],
        Json(json!({"job": id, "status": status})),
    ))
}

fn job_json(id: u64, job: &Job) -> Value {
    json!({
        "job": id,
        "name": job.name,
        "bytes": job.bytes,
        "state": job.state,
        "read": job.counts.read,
        "extracted": job.counts.extracted,
        "stored": job.counts.stored,
        "already": job.counts.already,
        "failed": job.counts.failed,
        "problems": job.counts.problems,
        "error": job.error,
    })
}

async fn job_status(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let missing = || AppError::NotFound(format!("no ingest job {id:?}"));
    let ingest = state.ingest.as_ref().ok_or_else(missing)?;
    let number: u64 = id.parse().map_err(|_| missing())?;
    let jobs = ingest.jobs();
    let job = jobs.all.get(&number).ok_or_else(missing)?;
    Ok(Json(job_json(number, job)))
}

async fn page(State(state): State<AppState>) -> Html<String> {
    let body = if state.ingest.is_some() {
        "<h1>Ingest</h1><p>Upload pages (HTML, text dumps), WARC, JSONL or RSS/Atom files. Each is read, extracted and stored; the stories are rebuilt when it is done.</p>\
         <form id=\"ingest\"><label>Files <input type=\"file\" id=\"files\" multiple required></label> \
         <label>Token <input type=\"password\" id=\"token\" autocomplete=\"off\" required></label> \
         <button type=\"submit\">Upload</button></form>\
         <ul id=\"jobs\"></ul>\
         <noscript><p>Without script: <code>curl -H 'Authorization: Bearer TOKEN' --data-binary @FILE 'http://HOST/api/ingest?name=FILE'</code>, then GET the job's status URL.</p></noscript>\
         <script src=\"/static/ingest.js\"></script>"
    } else {
        "<h1>Ingest</h1><p>This server is read-only: its operator did not set a token (<code>parallax serve --token …</code>), so it accepts no uploads.</p>"
    };
    crate::pages::shell("Ingest", body)
}

/// The upload page's script: one request per file, then its job polled
/// until done. It writes only with `textContent` (never markup), so a
/// file name or a problem message shows as text.
const SCRIPT: &str = r#""use strict";
(function () {
  const form = document.getElementById("ingest");
  const list = document.getElementById("jobs");
  function line(text) {
    const item = document.createElement("li");
    item.textContent = text;
    list.appendChild(item);
    return item;
  }
  function describe(job) {
    let text = job.name + ": " + job.state + ", " + job.read + " read, " + job.extracted +
      " extracted, " + job.stored + " stored, " + job.already + " already stored, " + job.failed + " failed";
    if (job.error) { text += " (" + job.error + ")"; }
    return text;
  }
  async function follow(item, status) {
    let shown = 0;
    for (;;) {
      const response = await fetch(status);
      const job = await response.json();
      item.textContent = describe(job);
      const problems = job.problems || [];
      for (; shown < problems.length; shown++) { line(problems[shown]); }
      if (job.state === "done" || job.state === "failed") {
        item.className = job.state;
        return job;
      }
      await new Promise((resolve) => setTimeout(resolve, 400));
    }
  }
  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    const token = document.getElementById("token").value;
    const files = Array.from(document.getElementById("files").files);
    for (const file of files) {
      const item = line(file.name + ": uploading");
      const response = await fetch("/api/ingest?name=" + encodeURIComponent(file.name), {
        method: "POST",
        headers: { "Authorization": "Bearer " + token },
        body: file,
      });
      const answer = await response.json();
      if (!response.ok) {
        item.textContent = file.name + ": refused (" + answer.error + ")";
        item.className = "failed";
        continue;
      }
      await follow(item, answer.status);
    }
    const done = line("");
    const link = document.createElement("a");
    link.href = "/";
    link.id = "done";
    link.textContent = "See the stories";
    done.appendChild(link);
  });
})();
"#;

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

#[cfg(test)]
mod tests {
    use super::upload_name;

    #[test]
    fn upload_names_keep_the_last_segment_as_text() {
        for (given, want) in [
            (Some("seeds/001.txt"), "upload/001.txt"),
            (Some("..\\..\\etc\\passwd"), "upload/passwd"),
            (Some("a\u{0}b\nc.html"), "upload/abc.html"),
            (Some("   "), "upload/upload"),
            (None, "upload/upload"),
        ] {
            assert_eq!(upload_name(given), want, "{given:?}");
        }
        assert_eq!(
            upload_name(Some(&"x".repeat(500))).len(),
            "upload/".len() + 200
        );
    }
}
