//! The peer: trafilatura (Python), run on the same pages in the same command.
//! Used only when its package is installed; `.ci/run` installs it from PyPI.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::extract::{Output, Page};

const SCRIPT: &str = include_str!("../peers/trafilatura_peer.py");

/// A peer that can be run.
pub struct Peer {
    /// Name and version, for tables.
    pub name: String,
    python: String,
}

/// A peer's timing summary.
#[derive(Debug, Clone, Copy)]
pub struct PeerTiming {
    /// Seconds spent extracting (pages already in memory).
    pub seconds: f64,
    /// Peak resident memory of the peer process, in KiB.
    pub peak_rss_kb: u64,
}

impl Peer {
    /// Finds trafilatura under `python3`, or `PARALLAX_PYTHON` if set.
    pub fn find() -> Option<Peer> {
        let python = std::env::var("PARALLAX_PYTHON").unwrap_or_else(|_| "python3".into());
        let output = Command::new(&python)
            .args(["-c", "import trafilatura; print(trafilatura.__version__)"])
            .output()
            .ok()?;
        if !output.status.success() {
            return None;
        }
        let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
        Some(Peer {
            name: format!("trafilatura {version} (Python)"),
            python,
        })
    }

    fn spawn(&self, pages: &[&Page], rounds: usize) -> std::io::Result<Vec<serde_json::Value>> {
        let script = std::env::temp_dir().join(format!(
            "parallax_trafilatura_peer_{}.py",
            std::process::id()
        ));
        std::fs::write(&script, SCRIPT)?;
        let mut child = Command::new(&self.python)
            .arg(&script)
            .args(["--rounds", &rounds.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut input = String::new();
        for (id, page) in pages.iter().enumerate() {
            let line = serde_json::json!({"id": id, "path": page.path, "url": page.url});
            input.push_str(&line.to_string());
            input.push('\n');
        }
        let mut stdin = child
            .stdin
            .take()
            .ok_or_else(|| std::io::Error::other("no stdin for the peer"))?;
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let output = child.wait_with_output()?;
        writer
            .join()
            .map_err(|_| std::io::Error::other("peer input thread panicked"))??;
        let _ = std::fs::remove_file(&script);
        if !output.status.success() {
            return Err(std::io::Error::other(format!(
                "peer exited with {}",
                output.status
            )));
        }
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| serde_json::from_str(line).ok())
            .collect())
    }

    /// Runs the peer once over `pages`, returning its output per page.
    pub fn run(&self, pages: &[&Page]) -> std::io::Result<Vec<Output>> {
        let values = self.spawn(pages, 1)?;
        let mut outputs = vec![Output::default(); pages.len()];
        for value in values {
            let Some(id) = value["id"].as_u64() else {
                continue;
            };
            if let Some(slot) = outputs.get_mut(id as usize) {
                *slot = Output {
                    text: value["text"].as_str().unwrap_or_default().to_string(),
                    title: value["title"].as_str().map(str::to_string),
                    byline: value["author"].as_str().map(str::to_string),
                    date: value["date"].as_str().map(|d| d.chars().take(10).collect()),
                };
            }
        }
        Ok(outputs)
    }

    /// Times the peer over `pages`, `rounds` times.
    pub fn time(&self, pages: &[&Page], rounds: usize) -> std::io::Result<PeerTiming> {
        let values = self.spawn(pages, rounds)?;
        let summary = values
            .iter()
            .find(|v| v["summary"].as_bool() == Some(true))
            .ok_or_else(|| std::io::Error::other("peer printed no summary"))?;
        Ok(PeerTiming {
            seconds: summary["seconds"].as_f64().unwrap_or(0.0),
            peak_rss_kb: summary["peak_rss_kb"].as_u64().unwrap_or(0),
        })
    }
}
