//! The `parallax` binary as a user runs it: exit codes, output, idempotence,
//! and what survives a `kill -9` in the middle of an ingest.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn shared_dir() -> PathBuf {
    std::env::var_os("PARALLAX_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
}

fn seeds() -> String {
    shared_dir().join("seeds").display().to_string()
}

fn parallax(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The id of the first story `parallax stories` printed.
fn story_id(printed: &str) -> String {
    printed
        .lines()
        .find_map(|l| l.strip_prefix("Story "))
        .and_then(|l| l.split(':').next())
        .expect("a story id")
        .to_string()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn report_on_seeds_exits_zero() {
    let dir = tempfile::tempdir().unwrap();
    let output = parallax(&dir.path().join("p.db"), &["report", &seeds()]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = stdout(&output);
    assert!(
        text.contains("5 documents read, 5 articles extracted"),
        "{text}"
    );
    // One story of the five, compared: its facts, contradictions, naming,
    // framing and omissions (their content is checked against GOLD.toml in
    // parallax-pipeline's seeds_report test).
    assert_eq!(text.matches("\nStory s-").count(), 1, "{text}");
    assert!(
        text.contains("5 articles, 4 outlets, 3 independent origins"),
        "{text}"
    );
    for section in [
        "Timeline",
        "Coverage: facts × articles",
        "Contradictions",
        "Naming",
        "Framing per article",
        "Omissions",
    ] {
        assert!(
            text.contains(&format!("\n{section}")),
            "no {section} in {text}"
        );
    }
}

#[test]
fn ingesting_twice_stores_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let first = parallax(&db, &["ingest", &seeds()]);
    assert!(
        stdout(&first).contains("5 stored, 0 already stored"),
        "{}",
        stdout(&first)
    );
    let second = parallax(&db, &["ingest", &seeds()]);
    assert!(
        stdout(&second).contains("0 stored, 5 already stored"),
        "{}",
        stdout(&second)
    );
    let listed = stdout(&parallax(&db, &["articles"]));
    assert!(listed.ends_with("5 articles\n"), "{listed}");
}

#[test]
fn show_prints_body_and_removed_boilerplate() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    parallax(&db, &["ingest", &seeds()]);
    let listed = stdout(&parallax(&db, &["articles"]));
    let id = listed
        .lines()
        .nth(1)
        .and_then(|line| line.split_whitespace().next())
        .expect("a row");
    let shown = parallax(&db, &["show", id]);
    assert_eq!(shown.status.code(), Some(0));
    let text = stdout(&shown);
    assert!(
        text.contains("--- body") && text.contains("--- removed"),
        "{text}"
    );
    let missing = parallax(&db, &["show", "zzzz"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_bad_file_is_named_and_the_run_goes_on_with_exit_one() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("broken.txt");
    std::fs::write(&bad, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    let output = parallax(
        &dir.path().join("p.db"),
        &["report", &seeds(), bad.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("broken.txt") && stderr.contains("binary data"),
        "{stderr}"
    );
    assert!(
        stdout(&output).contains("5 articles extracted"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn standard_input_is_read_with_dash() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--db")
        .arg(dir.path().join("p.db"))
        .args(["report", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let page = "Harbour reopens after storm\n\nThe harbour reopened on Tuesday after a storm closed it for three days, the port authority said.\nFishing boats began returning in the afternoon and the ferry is expected to resume on Thursday.\n";
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    assert!(
        text.contains("1 articles extracted") && text.contains("Harbour reopens after storm"),
        "{text}"
    );
}

#[test]
fn unusable_database_is_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let output = parallax(dir.path(), &["articles"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("opening database"));
}

#[test]
fn json_and_html_formats() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let json = parallax(&db, &["report", "--format", "json", &seeds()]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("valid JSON");
    assert_eq!(value["articles"].as_array().map(Vec::len), Some(5));
    let page = dir.path().join("x.txt");
    std::fs::write(&page, "<script>alert(1)</script> headline\n\nThe council approved the plan on Monday after a long debate, members said in a statement to the press.\nOpponents said they would appeal the decision in court before the end of the month, their lawyer said.\n").unwrap();
    let html = stdout(&parallax(
        &db,
        &["report", "--format", "html", page.to_str().unwrap()],
    ));
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("&lt;script&gt;") || !html.contains("alert(1)"),
        "{html}"
    );
}

/// Writes a JSONL file of `n` distinct text documents.
fn big_jsonl(path: &Path, n: usize) {
    use std::io::Write;
    let mut file = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let text = format!(
            "Report number {i} on the harbour\n\nThe harbour authority said on Monday that ship {i} had docked after a storm delayed it for {} days at sea.\nOfficials expect the port to reopen fully by the end of the week, a spokesman told reporters in the town.\n",
            i % 17
        );
        writeln!(
            file,
            "{}",
            serde_json::json!({ "url": format!("https://example.org/news/{i}"), "text": text })
        )
        .unwrap();
    }
}

#[test]
fn kill_nine_mid_ingest_loses_nothing_committed_and_duplicates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("p.db");
    let input = dir.path().join("big.jsonl");
    let n = 20_000;
    big_jsonl(&input, n);
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("--db")
        .arg(&db)
        .args(["--threads", "1", "ingest", input.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill without warning.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let count = count_articles(&db);
        if count > 0 || std::time::Instant::now() > deadline {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix.
    child.wait().unwrap();
    let after_kill = count_articles(&db);
    assert!(after_kill > 0, "nothing was committed before the kill");
    // Every stored article reads back whole.
    let listed = parallax(&db, &["articles"]);
    assert_eq!(
        listed.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&listed.stderr)
    );
    // A rerun completes the job without duplicating what was stored.
    let rerun = parallax(&db, &["ingest", input.to_str().unwrap()]);
    let summary = stdout(&rerun);
    assert_eq!(count_articles(&db), n, "{summary}");
    assert!(
        summary.contains(&format!("{after_kill} already stored")) || after_kill == n,
        "{summary} (had {after_kill})"
    );
}

fn count_articles(db: &Path) -> usize {
    if !db.exists() {
        return 0;
    }
    let output = parallax(db, &["articles"]);
    stdout(&output)
        .lines()
        .last()
        .and_then(|line| line.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

#[test]
fn events_export_as_json_lines_csv_and_gdelt_rows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("events.db");
    let seeds = seeds();
    let jsonl = parallax(&db, &["events", &seeds]);
    assert!(jsonl.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&jsonl.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    // North Korea recognising the DPR, with PLOVER's field names and its evidence.
    let recognition = lines
        .iter()
        .find(|e| e["cameo"] == "054" && e["source"][0]["code"] == "PRK")
        .expect("a recognition by PRK");
    assert_eq!(recognition["event"], "SUPPORT");
    assert!(
        recognition["text"]
            .as_str()
            .is_some_and(|t| t.contains(recognition["eventText"].as_str().unwrap_or("?")))
    );
    let csv = parallax(&db, &["events", "--format", "csv", &seeds]);
    let csv = String::from_utf8_lossy(&csv.stdout);
    assert!(csv.starts_with("id,date,dateInferred,sourceCode"));
    assert_eq!(csv.lines().count(), lines.len() + 1);
    let gdelt = parallax(&db, &["events", "--format", "gdelt", &seeds]);
    let gdelt = String::from_utf8_lossy(&gdelt.stdout);
    assert!(gdelt.lines().skip(1).all(|l| l.split('\t').count() == 14));
    assert!(gdelt.lines().any(|l| l.contains("\t161\t161\t16\t4\t")));
    // Parquet: the same events, read back with the parquet crate's reader.
    let parquet_out = parallax(&db, &["events", "--format", "parquet", &seeds]);
    assert!(parquet_out.status.success());
    let file = dir.path().join("events.parquet");
    std::fs::write(&file, &parquet_out.stdout).expect("write");
    let reader = parquet::file::serialized_reader::SerializedFileReader::new(
        std::fs::File::open(&file).expect("open"),
    )
    .expect("a Parquet file");
    use parquet::file::reader::FileReader as _;
    use parquet::record::RowAccessor as _;
    assert_eq!(
        reader.metadata().file_metadata().num_rows() as usize,
        lines.len()
    );
    let first = reader
        .get_row_iter(None)
        .expect("rows")
        .next()
        .expect("a row")
        .expect("readable");
    assert_eq!(
        first.get_string(10).expect("cameo"),
        lines[0]["cameo"].as_str().unwrap_or("?")
    );
}

#[test]
fn events_with_the_users_own_dictionaries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("events.db");
    // Fictional actors and a verb with a code of the user's choosing.
    std::fs::write(
        dir.path().join("actors.txt"),
        "<!-- test actors -->\nARNOR_ [ARN]\n+ARNORIAN\nGONDOR [GON]\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("verbs.txt"),
        "&TIES\n+DIPLOMATIC_TIES\n+RELATIONS\n\n--- RESTORE [---] ---\nRESTORE\n- * &TIES [064]\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("story.txt"),
        "Arnor restored diplomatic ties with Gondor on Monday, officials in both capitals said.\n\nThe two states had not exchanged ambassadors for more than a decade, and trade between them had fallen to almost nothing in that time.\n",
    )
    .expect("write");
    let path = |name: &str| dir.path().join(name).display().to_string();
    let run = parallax(
        &db,
        &[
            "--quiet",
            "events",
            "--actors",
            &path("actors.txt"),
            "--verbs",
            &path("verbs.txt"),
            "--no-builtin-verbs",
            &path("story.txt"),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let events: Vec<serde_json::Value> = stdout(&run)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0]["cameo"], "064");
    assert_eq!(events[0]["source"][0]["code"], "ARN");
    assert_eq!(events[0]["target"][0]["code"], "GON");
    // A dictionary that cannot be read is named, and nothing runs.
    let missing = parallax(
        &db,
        &["events", "--verbs", &path("nope.txt"), &path("story.txt")],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nope.txt"));
}

#[test]
fn stories_with_copy_lineage_as_text_and_dot() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("stories.db");
    let seeds = seeds();
    let text = parallax(&db, &["--quiet", "stories", &seeds]);
    assert!(text.status.success());
    let text = stdout(&text);
    let id = story_id(&text);
    assert!(id.starts_with("s-"), "{text}");
    assert!(text.contains(&format!("Story {id}: 5 articles")), "{text}");
    // Why: the actors they share and the event all five report.
    assert!(
        text.contains("5 report SUPPORT 054 PRK → DPR, LPR"),
        "{text}"
    );
    assert!(text.contains("Yonhap --wire-->"), "{text}");
    assert!(text.contains("Breitbart --republished-->"), "{text}");
    assert!(text.contains("1 stories"), "{text}");
    let dot = parallax(&db, &["--quiet", "stories", "--format", "dot", &seeds]);
    let dot = stdout(&dot);
    assert!(dot.starts_with("digraph copies {") && dot.trim_end().ends_with('}'));
    assert!(dot.contains("[label=\"wire\"]"), "{dot}");

    // Stored: without inputs, the same story under the same id; nothing is
    // regrouped or doubled.
    let again = stdout(&parallax(&db, &["--quiet", "stories"]));
    assert!(
        again.contains(&format!("Story {id}: 5 articles")),
        "{again}"
    );
    assert!(again.contains("1 stories"), "{again}");
    // One story by a prefix of its id, as text and as an SVG picture.
    let one = stdout(&parallax(&db, &["story", &id[..6]]));
    assert!(one.contains(&format!("Story {id}: 5 articles")), "{one}");
    let svg = stdout(&parallax(&db, &["story", &id, "--format", "svg"]));
    assert!(
        svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"),
        "{svg}"
    );
    assert!(
        svg.contains(">Yonhap</text>") && svg.contains(">KCNA</text>"),
        "{svg}"
    );
    // A story no id names is a clear error.
    let none = parallax(&db, &["story", "s-nothing"]);
    assert_eq!(none.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&none.stderr).contains("s-nothing"));
}

#[test]
fn stories_grow_incrementally_and_svg_escapes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("grow.db");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.display().to_string()
    };
    // The title carries markup as text: the picture must show it as text.
    let first = write(
        "a.html",
        "<html><head><title>Quake &lt;script&gt;alert(1)&lt;/script&gt; \"onerror=x kills twelve</title>\
         <meta property=\"article:published_time\" content=\"2022-07-01\"></head><body><article>\
         <h1>Quake &lt;script&gt;alert(1)&lt;/script&gt; \"onerror=x kills twelve</h1>\
         <p>A magnitude 6.1 earthquake struck Aceh province on Tuesday, killing twelve villagers and destroying three hundred houses, the disaster agency said.</p>\
         <p>Rescue teams searched the rubble through the night in the hardest-hit districts of the province.</p>\
         </article></body></html>",
    );
    let out = stdout(&parallax(&db, &["--quiet", "stories", &first]));
    let id = story_id(&out);
    // A later report of the same quake joins the stored story.
    let second = write(
        "b.txt",
        "Published: 2022-07-02\n\nTwelve villagers died and three hundred houses were destroyed when a magnitude 6.1 earthquake struck Aceh province on Tuesday, the disaster agency said.\n",
    );
    let out = stdout(&parallax(&db, &["--quiet", "stories", &second]));
    assert!(out.contains(&format!("Story {id}: 2 articles")), "{out}");
    let svg = stdout(&parallax(&db, &["story", &id, "--format", "svg"]));
    assert!(svg.contains("&lt;script&gt;alert(1)"), "{svg}");
    assert!(!svg.contains("<script>"), "{svg}");
    assert!(!svg.contains("\"onerror"), "{svg}");
}
