//! Hostile and broken inputs: each gets a clear diagnostic naming the file
//! (and record), nothing panics, the run goes on, and memory stays bounded.
//!
//! The cases run in one test so that the process's peak memory, read at the
//! end, belongs to them alone.

use std::io::Write;

use parallax_core::Severity;
use parallax_pipeline::PipelineOptions;

fn peak_rss_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .and_then(|line| line.split_whitespace().nth(1)?.parse().ok())
        .unwrap_or(0)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn warc_record(uri: &str, html: &str) -> String {
    let body = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2022-07-14T00:00:00Z\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
        body.len()
    )
}

const ARTICLE: &str = "<html><head><title>Ministers meet</title></head><body><article><h1>Ministers meet</h1><p>The foreign ministers of the two countries met in the capital on Tuesday to discuss trade and security, officials said after the talks ended.</p><p>They agreed to meet again next month and to set up a working group on fisheries, according to a joint statement published by both ministries.</p></article></body></html>";

#[test]
fn hostile_inputs_get_diagnostics_and_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);

    std::fs::write(path("empty.txt"), b"").unwrap();
    let garbage: Vec<u8> = (0..100_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(path("garbage.html"), &garbage).unwrap();
    let mut invalid_utf8 =
        b"The committee met on Monday and agreed a budget for the coming year, members said. "
            .repeat(5);
    invalid_utf8.extend_from_slice(b"\xff\xfe\xc3\x28 caf\xe9 \xe2\x82 and more text after the broken bytes, which must survive.\n");
    std::fs::write(path("invalid-utf8.txt"), &invalid_utf8).unwrap();
    // WARC.gz files compress each record as its own gzip member; cut the second one.
    let mut compressed = gzip(warc_record("http://example.org/a", ARTICLE).as_bytes());
    let second = gzip(warc_record("http://example.org/b", ARTICLE).as_bytes());
    compressed.extend_from_slice(&second[..second.len() / 2]);
    std::fs::write(path("truncated.warc.gz"), &compressed).unwrap();
    {
        let mut file =
            std::io::BufWriter::new(std::fs::File::create(path("huge-line.txt")).unwrap());
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..200 {
            file.write_all(&chunk).unwrap();
        }
    }
    let deep = format!(
        "<html><body>{}<p>deep text</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    std::fs::write(path("deep.html"), deep).unwrap();
    std::fs::write(path("good.html"), ARTICLE).unwrap();

    let pipeline = PipelineOptions::default().build();
    let run = pipeline.extract_all(&[dir.path().display().to_string()], &mut |_| {});

    let errors_for = |name: &str| {
        run.diagnostics
            .iter()
            .filter(|d| d.location.contains(name) && d.severity == Severity::Error)
            .count()
    };
    for name in [
        "empty.txt",
        "garbage.html",
        "truncated.warc.gz",
        "huge-line.txt",
    ] {
        assert!(
            errors_for(name) >= 1,
            "{name}: expected an error diagnostic, got {:#?}",
            run.diagnostics
        );
    }
    let truncated: Vec<_> = run
        .diagnostics
        .iter()
        .filter(|d| d.location.contains("truncated.warc.gz"))
        .collect();
    assert!(
        truncated.iter().any(|d| d.message.contains("truncated")
            || d.message.contains("gzip")
            || d.message.contains("end")),
        "{truncated:?}"
    );
    let huge: Vec<_> = run
        .diagnostics
        .iter()
        .filter(|d| d.location.contains("huge-line.txt"))
        .collect();
    assert!(
        huge.iter().any(|d| d.message.contains("too large")),
        "{huge:?}"
    );
    assert!(
        run.diagnostics
            .iter()
            .any(|d| d.location.contains("deep.html") && d.message.contains("nested deeper")),
        "{:#?}",
        run.diagnostics
    );

    // The good page, the invalid UTF-8 dump and the WARC records before the cut still come through.
    let paths: Vec<&str> = run
        .articles
        .iter()
        .map(|a| a.origin.path.as_str())
        .collect();
    assert!(paths.iter().any(|p| p.ends_with("good.html")), "{paths:?}");
    let broken = run
        .articles
        .iter()
        .find(|a| a.origin.path.ends_with("invalid-utf8.txt"))
        .expect("invalid UTF-8 still yields an article");
    assert!(broken.article.text.contains("must survive"));
    assert!(
        paths.iter().any(|p| p.ends_with("truncated.warc.gz")),
        "the record before the cut is kept: {paths:?}"
    );

    // Nothing above needed the 200 MB file in memory.
    let peak_mb = peak_rss_kb() / 1024;
    assert!(peak_mb < 400, "peak RSS {peak_mb} MiB");
}
