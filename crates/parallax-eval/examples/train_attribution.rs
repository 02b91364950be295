//! Trains the attribution tagger on PolNeAR's train split and writes the
//! model the annotator ships (`crates/parallax-annotate/data/attribution.model`).
//! Training is deterministic: the same data gives the same bytes, and
//! `parallax eval annotate` checks the shipped model against a retraining.
//!
//! `cargo run --release -p parallax-eval --example train_attribution -- ../shared/data crates/parallax-annotate/data/attribution.model`

fn main() -> std::io::Result<()> {
    let arg = |n: usize, default: &str| {
        std::env::args()
            .nth(n)
            .unwrap_or_else(|| default.to_string())
    };
    let data = arg(1, "../shared/data");
    let out = arg(2, "crates/parallax-annotate/data/attribution.model");
    let bytes =
        parallax_eval::annotate::train_shipped_tagger(std::path::Path::new(&data))?.to_bytes();
    std::fs::write(&out, &bytes)?;
    eprintln!("wrote {out}: {} bytes", bytes.len());
    Ok(())
}
