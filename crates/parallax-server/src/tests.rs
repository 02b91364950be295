//! The app called with `oneshot`, no socket: routes, filters, errors,
//! security headers, escaping, limits and the OpenAPI document.

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
            date: Some("2021-01-02".into()),
            url: Some("https://example.org/a?x=\"1\"".into()),
            language: Some("en".into()),
            text: format!("First paragraph {PAYLOAD}.\n\nSecond paragraph."),
            removed: vec![("menu".into(), format!("Home | News {PAYLOAD}"))],
            story: Some("s-2".into()),
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
        for uri in ["/", "/stories/s-2", "/articles/s-2-a"] {
            let (status, headers, body) = get(uri).await;
            assert_eq!(status, StatusCode::OK, "{uri}");
            assert!(
                headers[header::CONTENT_TYPE]
                    .to_str()
                    .unwrap_or("")
                    .starts_with("text/html"),
                "{uri}"
            );
            assert!(!body.contains("<script"), "{uri}: {body}");
            assert!(!body.contains("<img"), "{uri}: {body}");
            assert!(
                body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
                "{uri}: {body}"
            );
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
            assert!(!CONTENT_SECURITY_POLICY.contains("script-src"));
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
            let uri = path
                .replace("/stories/{id}", "/stories/s-1")
                .replace("/articles/{id}", "/articles/s-2-a");
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
            "/api/openapi.json",
        ] {
            assert!(paths.iter().any(|p| p == route), "{route} undocumented");
        }
    });
}
