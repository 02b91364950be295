//! `cargo xtask tidy`: the checks that keep the workspace honest. They also run
//! as tests, so `cargo test` enforces them.

mod tidy;

fn main() -> std::process::ExitCode {
    let root = tidy::workspace_root();
    let problems = tidy::all_problems(&root);
    for problem in &problems {
        eprintln!("tidy: {problem}");
    }
    if problems.is_empty() {
        std::process::ExitCode::SUCCESS
    } else {
        std::process::ExitCode::from(1)
    }
}
