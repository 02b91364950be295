//! The app called with `oneshot`, no socket: routes, filters, errors,
//! security headers, escaping, limits, search, entities and outlets,
//! evidence highlighting, ingest with its token, and the OpenAPI document.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use tower::ServiceExt as _;

use super::*;

const PAYLOAD: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

fn snapshot() -> Snapshot {
    let story =
        |id: &str, title: &str, first: &str, last: &str, outlet: &str, kind: &str| StoryEntry {
            id: id.into(),
            title: title.into(),
            counts: "2 articles, 2 outlets, 2 independent origins".into(),
            first_day: Some(first.into()),
            last_day: Some(last.into()),
            outlets: vec![outlet.into()],
            outlet_kinds: vec![kind.into()],
            countries: vec!["KR".into()],
            languages: vec!["en".into()],
            articles: vec![format!("{id}-a")],
            detail: serde_json::json!({"facts": [{"id": "F1"}]}),
            page: format!(
                "<!DOCTYPE html><html><body><h1>{}</h1></body></html>",
                escape_html(title)
            ),
        };
    let text = format!("First paragraph {PAYLOAD}.\n\nThe minister said the ferry talks failed.");
    let said = text.find("the ferry talks").expect("quote") as u32;
    Snapshot {
        stories: vec![
            story(
                "s-1",
                "Ferry strike ends",
                "2022-07-13",
                "2022-07-15",
                "Harbour Daily",
                "commercial",
            ),
            story(
                "s-2",
                PAYLOAD,
                "2021-01-02",
                "2021-01-02",
                "State Wire",
                "state",
            ),
        ],
        articles: vec![ArticleEntry {
            id: "s-2-a".into(),
            title: PAYLOAD.into(),
            outlet: "State Wire".into(),
            outlet_kind: Some("state".into()),
            country: Some("KP".into()),
            date: Some("2021-01-02".into()),
            url: Some("https://example.org/a?x=\"1\"".into()),
            language: Some("en".into()),
            removed: vec![("menu".into(), format!("Home | News {PAYLOAD}"))],
            story: Some("s-2".into()),
            quotes: vec![QuoteEntry {
                speaker: Some("person:x".into()),
                source: Some(format!("The minister {PAYLOAD}")),
                cue: "said".into(),
                content: "the ferry talks failed".into(),
                span: [said, said + "the ferry talks failed".len() as u32],
            }],
            mentions: vec![MentionEntry {
                entity: "person:x".into(),
                form: "The minister".into(),
                span: [0, 5],
            }],
            events: vec![EventEntry {
                kind: "REJECT".into(),
                cameo: "12".into(),
                summary: "talks failed".into(),
                actors: vec!["person:x".into()],
                ..EventEntry::default()
            }],
            text,
        }],
        entities: vec![EntityEntry {
            id: "person:x".into(),
            name: PAYLOAD.into(),
            kind: "person".into(),
            country: None,
        }],
        outlets: vec![OutletEntry {
            name: "State Wire".into(),
            kind: "state".into(),
            country: Some("KP".into()),
            articles: vec!["s-2-a".into()],
            naming: vec![NamingEntry {
                story: "s-2".into(),
                concept: "Kyiv".into(),
                form: PAYLOAD.into(),
                note: "a note".into(),
                count: 2,
            }],
            omissions: vec![OmissionEntry {
                story: "s-2".into(),
                fact: "F1".into(),
                summary: PAYLOAD.into(),
                origins: 2,
            }],
            loaded: vec![("s-2".into(), PAYLOAD.into(), "pejorative".into())],
        }],
    }
}

fn escape_html(text: &str) -> String {
    parallax_core::escape_html(text)
}

async fn get(uri: &str) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = app(snapshot())
        .oneshot(Request::get(uri).body(Body::empty()).expect("request"))
        .await
        .expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("body");
    (status, headers, String::from_utf8_lossy(&body).into_owned())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).expect("JSON body")
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

#[test]
fn stories_are_listed_and_filtered() {
    block_on(async {
        let (status, _, body) = get("/api/stories").await;
        assert_eq!(status, StatusCode::OK);
        let ids: Vec<String> = json(&body)["stories"]
            .as_array()
            .expect("stories")
            .iter()
            .map(|s| s["id"].as_str().unwrap_or("").to_string())
            .collect();
        assert_eq!(ids, ["s-1", "s-2"]);
        for (query, want) in [
            ("from=2022-01-01", vec!["s-1"]),
            ("to=2021-12-31", vec!["s-2"]),
            ("kind=STATE", vec!["s-2"]),
            ("outlet=harbour", vec!["s-1"]),
            ("language=fr", vec![]),
            ("from=2021-01-02&to=2021-01-02", vec!["s-2"]),
        ] {
            let (status, _, body) = get(&format!("/api/stories?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}");
            let got: Vec<String> = json(&body)["stories"]
                .as_array()
                .expect("stories")
                .iter()
                .map(|s| s["id"].as_str().unwrap_or("").to_string())
                .collect();
            assert_eq!(got, want, "{query}");
        }
        // A day that is not a day, an empty day, or a field given twice is
        // the client's error, said in JSON (schemathesis found the last two
        // answered as plain text or as a match of everything).
        for query in [
            "from=yesterday",
            "from=",
            "to=%20",
            "from=2022-01-01&from=2022-01-02",
        ] {
            let (status, _, body) = get(&format!("/api/stories?{query}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
            assert!(
                json(&body)["error"]
                    .as_str()
                    .is_some_and(|e| e.contains("from") || e.contains("to")),
                "{query}: {body}"
            );
        }
    });
}

#[test]
fn a_story_and_an_article_come_whole_or_as_404() {
    block_on(async {
        let (status, _, body) = get("/api/stories/s-1").await;
        assert_eq!(status, StatusCode::OK);
        let story = json(&body);
        assert_eq!(story["title"], "Ferry strike ends");
        assert_eq!(story["detail"]["facts"][0]["id"], "F1");
        let (status, _, body) = get("/api/articles/s-2-a").await;
        assert_eq!(status, StatusCode::OK);
        let article = json(&body);
        assert_eq!(article["removed"][0]["kind"], "menu");
        assert_eq!(article["story"], "s-2");
        for missing in [
            "/api/stories/s-9",
            "/api/articles/nope",
            "/stories/s-9",
            "/nowhere",
        ] {
            let (status, _, body) = get(missing).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
            assert_eq!(json(&body)["status"], 404, "{missing}");
        }
    });
}

#[test]
fn script_payloads_render_as_text_on_every_page() {
    block_on(async {
        for uri in [
            "/",
            "/stories/s-2",
            "/articles/s-2-a",
            "/articles/s-2-a?from=0&to=40",
            "/entities",
            "/entities/person:x",
            "/outlets",
            "/outlets/State%20Wire",
            "/search?q=paragraph",
            "/search?q=ferry&type=quote",
            "/ingest",
        ] {
            let (status, headers, body) = get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(
                headers[header::CONTENT_TYPE]
                    .to_str()
                    .unwrap_or("")
                    .starts_with("text/html"),
                "{uri}"
            );
            // The one script a page may load is the upload page's own file.
            let scripts = body.matches("<script").count();
            let own = body
                .matches("<script src=\"/static/ingest.js\"></script>")
                .count();
            assert_eq!(scripts, own, "{uri}: {body}");
            assert!(!body.contains("<img"), "{uri}: {body}");
            // Pages that show the payload show it as text.
            if !["/outlets", "/ingest"].contains(&uri) {
                assert!(
                    body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                    "{uri}: {body}"
                );
            }
        }
        // The story page links to its articles.
        let (_, _, body) = get("/stories/s-2").await;
        assert!(
            body.contains("<a href=\"/articles/s-2-a\">&lt;script&gt;"),
            "{body}"
        );
        // The removed boilerplate is there, behind its toggle, escaped.
        let (_, _, body) = get("/articles/s-2-a").await;
        assert!(body.contains("<details><summary>What extraction removed (1 blocks)"));
        assert!(body.contains("Home | News &lt;script&gt;"));
        // Filter values come back into the form escaped.
        let (_, _, body) = get("/?outlet=%22%3E%3Cscript%3E").await;
        assert!(
            body.contains("value=\"&quot;&gt;&lt;script&gt;\""),
            "{body}"
        );
        assert!(!body.contains("<script"));
    });
}

#[test]
fn every_response_carries_the_security_headers() {
    block_on(async {
        for uri in ["/", "/api/stories", "/api/stories/s-9", "/api/openapi.json"] {
            let (_, headers, _) = get(uri).await;
            assert_eq!(
                headers[header::CONTENT_SECURITY_POLICY],
                CONTENT_SECURITY_POLICY,
                "{uri}"
            );
            assert!(CONTENT_SECURITY_POLICY.contains("default-src 'none'"));
            // Scripts from this server only: no inline script, no other host.
            assert!(CONTENT_SECURITY_POLICY.contains("script-src 'self';"));
            assert!(!CONTENT_SECURITY_POLICY.contains("script-src 'unsafe-inline'"));
            assert_eq!(headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{uri}");
        }
    });
}

#[test]
fn the_app_writes_nothing_and_refuses_large_bodies() {
    block_on(async {
        for method in [Method::POST, Method::PUT, Method::DELETE] {
            let response = app(snapshot())
                .oneshot(
                    Request::builder()
                        .method(method.clone())
                        .uri("/api/stories")
                        .body(Body::from("{}"))
                        .expect("request"),
                )
                .await
                .expect("infallible");
            assert_eq!(
                response.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method}"
            );
        }
        let response = app(snapshot())
            .oneshot(
                Request::get("/api/stories")
                    .header(header::CONTENT_LENGTH, MAX_BODY + 1)
                    .body(Body::from(vec![b'x'; MAX_BODY + 1]))
                    .expect("request"),
            )
            .await
            .expect("infallible");
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    });
}

#[test]
fn every_documented_path_answers_and_every_route_is_documented() {
    block_on(async {
        let (status, _, body) = get("/api/openapi.json").await;
        assert_eq!(status, StatusCode::OK);
        let doc = json(&body);
        assert_eq!(doc["openapi"], "3.1.0");
        let paths: Vec<String> = doc["paths"]
            .as_object()
            .expect("paths")
            .keys()
            .cloned()
            .collect();
        for path in &paths {
            if doc["paths"][path].get("get").is_none() || path == "/api/ingest/{job}" {
                // POST /api/ingest and the job it makes are tested apart.
                continue;
            }
            let uri = path
                .replace("/stories/{id}", "/stories/s-1")
                .replace("/articles/{id}", "/articles/s-2-a")
                .replace("/entities/{id}", "/entities/person:x")
                .replace("/outlets/{name}", "/outlets/State%20Wire");
            let (status, _, body) = get(&uri).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            // The documented required fields are there.
            let schema = &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
                ["schema"];
            let name = schema["$ref"]
                .as_str()
                .map(|r| r.rsplit('/').next().unwrap_or(""));
            if let Some(name) = name {
                let component = &doc["components"]["schemas"][name];
                let required = component["required"]
                    .as_array()
                    .or_else(|| component["allOf"][0]["$ref"].as_str().and(None))
                    .cloned()
                    .unwrap_or_default();
                let value = json(&body);
                for field in required {
                    let field = field.as_str().unwrap_or("");
                    assert!(value.get(field).is_some(), "{path}: no {field}");
                }
            }
        }
        // The API's routes, as the router has them, are all documented.
        for route in [
            "/api/stories",
            "/api/stories/{id}",
            "/api/articles/{id}",
            "/api/events",
            "/api/entities",
            "/api/entities/{id}",
            "/api/outlets",
            "/api/outlets/{name}",
            "/api/search",
            "/api/ingest",
            "/api/ingest/{job}",
            "/api/openapi.json",
        ] {
            assert!(paths.iter().any(|p| p == route), "{route} undocumented");
        }
    });
}

#[test]
fn search_finds_articles_and_quotes_with_facets() {
    block_on(async {
        let (status, _, body) = get("/api/search?q=ferry").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let found = json(&body);
        // The article and its quote both say "ferry".
        assert_eq!(found["total"], 2, "{body}");
        let types: Vec<&str> = found["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["type"].as_str().unwrap_or(""))
            .collect();
        assert!(
            types.contains(&"article") && types.contains(&"quote"),
            "{types:?}"
        );
        let facet = |name: &str, value: &str| {
            found["facets"][name]
                .as_array()
                .into_iter()
                .flatten()
                .find(|v| v["value"] == value)
                .map(|v| v["count"].as_u64().unwrap_or(0))
        };
        assert_eq!(facet("type", "quote"), Some(1));
        assert_eq!(facet("kind", "state"), Some(2));
        assert_eq!(facet("outlet", "State Wire"), Some(2));
        // The snippet marks the matched word, by byte range.
        let hit = &found["hits"][0];
        let snippet = hit["snippet"].as_str().unwrap_or("");
        let mark = &hit["marks"][0];
        let (a, b) = (
            mark[0].as_u64().unwrap_or(0) as usize,
            mark[1].as_u64().unwrap_or(0) as usize,
        );
        assert_eq!(
            snippet.get(a..b).map(str::to_lowercase).as_deref(),
            Some("ferry"),
            "{hit}"
        );
        // Facet filters narrow; a speaker is searchable.
        let (_, _, body) = get("/api/search?q=ferry&type=quote").await;
        assert_eq!(json(&body)["total"], 1);
        let (_, _, body) = get("/api/search?q=speaker:minister").await;
        assert_eq!(json(&body)["hits"][0]["quote"]["cue"], "said", "{body}");
        let (_, _, body) = get("/api/search?q=ferry&kind=commercial").await;
        assert_eq!(json(&body)["total"], 0);
        // A query the parser does not fully take is run on the rest, not refused.
        let (status, _, body) = get("/api/search?q=ferry%20AND%20(").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // A limit that is not a number is the client's error.
        for query in ["q=ferry&limit=lots", "type=null", "q=a&type=articles"] {
            let (status, _, _) = get(&format!("/api/search?{query}")).await;
            assert_eq!(status, StatusCode::BAD_REQUEST, "{query}");
        }
    });
}

#[test]
fn entities_outlets_and_events_come_with_their_evidence() {
    block_on(async {
        let (_, _, body) = get("/api/entities").await;
        let list = json(&body);
        assert_eq!(list["entities"][0]["id"], "person:x");
        assert_eq!(list["entities"][0]["mentions"], 1);
        let (status, _, body) = get("/api/entities/person:x").await;
        assert_eq!(status, StatusCode::OK);
        let entity = json(&body);
        assert_eq!(entity["naming"][0]["outlet"], "State Wire");
        assert_eq!(entity["naming"][0]["forms"][0]["form"], "The minister");
        assert_eq!(entity["quotes"][0]["content"], "the ferry talks failed");
        let (_, _, body) = get("/api/outlets/State%20Wire").await;
        let outlet = json(&body);
        assert_eq!(outlet["omissions"][0]["fact"], "F1");
        assert_eq!(outlet["naming"][0]["count"], 2);
        let (_, _, body) = get("/api/events?entity=person:x").await;
        assert_eq!(json(&body)["total"], 1);
        let (_, _, body) = get("/api/events?cameo=05").await;
        assert_eq!(json(&body)["total"], 0);
        for missing in [
            "/api/entities/nobody",
            "/api/outlets/Nobody",
            "/entities/nobody",
        ] {
            let (status, _, _) = get(missing).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
        }
    });
}

#[test]
fn an_article_page_highlights_the_evidence_it_is_asked_for() {
    block_on(async {
        let snapshot = snapshot();
        let text = &snapshot.articles[0].text;
        let at = text.find("the ferry talks").expect("words");
        let (_, _, body) = get(&format!("/articles/s-2-a?from={at}&to={}", at + 15)).await;
        assert!(
            body.contains("<mark id=\"evidence\">the ferry talks</mark>"),
            "{body}"
        );
        // Out of the text, reversed, not numbers, or inside a character:
        // nothing highlighted, the page still served.
        for query in [
            "from=5&to=100000",
            "from=9&to=3",
            "from=a&to=b",
            "from=-1&to=4",
        ] {
            let (status, _, body) = get(&format!("/articles/s-2-a?{query}")).await;
            assert_eq!(status, StatusCode::OK, "{query}");
            assert!(!body.contains("<mark"), "{query}");
        }
    });
}

#[test]
fn a_read_only_app_refuses_uploads() {
    block_on(async {
        let response = app(snapshot())
            .oneshot(
                Request::post("/api/ingest?name=a.html")
                    .header(header::AUTHORIZATION, "Bearer whatever-it-is-123")
                    .body(Body::from("<p>hello</p>"))
                    .expect("request"),
            )
            .await
            .expect("infallible");
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        let (status, _, _) = get("/api/ingest/1").await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    });
}

/// A backend that "stores" each upload as one article of a story of its
/// own, the upload's bytes as its text.
struct FakeBackend {
    stored: std::sync::Mutex<Vec<(String, String)>>,
}

impl Backend for FakeBackend {
    fn snapshot(&self) -> Result<Snapshot, String> {
        let stored = self.stored.lock().map_err(|e| e.to_string())?;
        let mut snapshot = Snapshot::default();
        for (i, (name, text)) in stored.iter().enumerate() {
            let id = format!("up-{i}");
            snapshot.stories.push(StoryEntry {
                id: format!("s-{id}"),
                title: name.clone(),
                articles: vec![id.clone()],
                ..StoryEntry::default()
            });
            snapshot.articles.push(ArticleEntry {
                id,
                title: name.clone(),
                outlet: "Upload".into(),
                text: text.clone(),
                ..ArticleEntry::default()
            });
        }
        Ok(snapshot)
    }

    fn generation(&self) -> Result<u64, String> {
        Ok(self.stored.lock().map_err(|e| e.to_string())?.len() as u64)
    }

    fn ingest(
        &self,
        name: &str,
        bytes: Vec<u8>,
        progress: &mut dyn FnMut(&IngestCounts),
    ) -> Result<IngestCounts, String> {
        let mut counts = IngestCounts {
            read: 1,
            ..IngestCounts::default()
        };
        progress(&counts);
        let text = String::from_utf8(bytes).map_err(|_| format!("{name}: not text"))?;
        self.stored
            .lock()
            .map_err(|e| e.to_string())?
            .push((name.to_string(), text));
        counts.extracted = 1;
        counts.stored = 1;
        Ok(counts)
    }
}

#[test]
fn an_upload_with_the_token_is_stored_indexed_and_served() {
    block_on(async {
        let backend = std::sync::Arc::new(FakeBackend {
            stored: std::sync::Mutex::new(Vec::new()),
        });
        let settings = ServeSettings {
            addr: "127.0.0.1:0".parse().expect("addr"),
            token: Some("a-token-of-sixteen+".into()),
            refresh: Duration::from_secs(60),
            max_upload: 1024,
        };
        let app = app_live(backend, &settings).expect("live app");
        let send = |request: Request<Body>| {
            let app = app.clone();
            async move {
                let response = app.oneshot(request).await.expect("infallible");
                let status = response.status();
                let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                    .await
                    .expect("body");
                (status, String::from_utf8_lossy(&body).into_owned())
            }
        };
        let upload = |token: &str, body: Vec<u8>| {
            Request::post("/api/ingest?name=dir/ferry%20news.txt")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::from(body))
                .expect("request")
        };
        // No token, a wrong one, or an empty or too large body: refused.
        let (status, _) = send(
            Request::post("/api/ingest")
                .body(Body::from("x"))
                .expect("request"),
        )
        .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = send(upload("a-token-of-sixteen-", b"x".to_vec())).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = send(
            Request::post("/api/ingest?name=a.txt")
                .header(header::AUTHORIZATION, "Bearer a-token-of-sixteen+")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = send(upload("a-token-of-sixteen+", vec![b'x'; 2048])).await;
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
        // The right token: accepted, then done, then searchable.
        let (status, body) = send(upload(
            "a-token-of-sixteen+",
            format!("The ferry strike ended {PAYLOAD}").into_bytes(),
        ))
        .await;
        assert_eq!(status, StatusCode::ACCEPTED, "{body}");
        let job_url = json(&body)["status"].as_str().expect("status").to_string();
        let mut job = serde_json::Value::Null;
        for _ in 0..200 {
            let (_, body) =
                send(Request::get(&job_url).body(Body::empty()).expect("request")).await;
            job = json(&body);
            if job["state"] == "done" || job["state"] == "failed" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert_eq!(job["state"], "done", "{job}");
        assert_eq!(job["stored"], 1);
        assert_eq!(job["name"], "upload/ferry news.txt");
        let (_, body) = send(
            Request::get("/api/stories")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(json(&body)["stories"][0]["title"], "upload/ferry news.txt");
        let (_, body) = send(
            Request::get("/api/search?q=strike")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(json(&body)["total"], 1, "{body}");
        let (_, body) = send(
            Request::get("/articles/up-0")
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert!(body.contains("&lt;script&gt;alert(1)"), "{body}");
    });
}
