//! Developer tool: prints each applicable PETRARCH2 unit-test record with the
//! expected coding and what parallax coded, for error analysis.
//!
//! `cargo run --release -p parallax-eval --example petrarch_debug -- ../shared/data`

#![allow(clippy::print_stdout)]

fn main() -> std::io::Result<()> {
    let data = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/data".into()),
    );
    // "own" prints the run with the records' own verb dictionary.
    let own = std::env::args().nth(2).is_some_and(|a| a == "own");
    let table =
        parallax_eval::petrarch::evaluate_with(&data, |with_own, text, expected, coded| {
            if with_own != own {
                return;
            }
            let pass = coded.iter().any(|(s, t, c)| {
                *s == expected.0 && *t == expected.1 && c.get(..2) == expected.2.get(..2)
            });
            println!("{} {text}", if pass { "PASS" } else { "FAIL" });
            println!("     expected {expected:?}");
            println!("     coded    {coded:?}");
        })?;
    print!("{}", table.to_text());
    Ok(())
}
