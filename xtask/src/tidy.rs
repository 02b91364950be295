//! Tidy checks, after rust-analyzer's `xtask/src/tidy.rs`:
//!
//! 1. every crate under `crates/` has a section in ARCHITECTURE.md;
//! 2. every `.rs` file starts with a `//!` doc;
//! 3. crates depend on each other only as ARCHITECTURE.md's table allows;
//! 4. `docs/api.md` carries the hash of the server's `api.rs` (once there is a server).

use std::path::{Path, PathBuf};

pub(crate) fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Which parallax crates each crate may depend on (normal dependencies).
/// Keep in step with the table in ARCHITECTURE.md.
const ALLOWED: &[(&str, &[&str])] = &[
    ("parallax-core", &[]),
    ("parallax-ingest", &["parallax-core"]),
    ("parallax-extract", &["parallax-core"]),
    ("parallax-annotate", &["parallax-core"]),
    ("parallax-events", &["parallax-core"]),
    ("parallax-stories", &["parallax-core"]),
    ("parallax-compare", &["parallax-core"]),
    ("parallax-store", &["parallax-core"]),
    ("parallax-embed", &["parallax-core"]),
    ("parallax-server", &["parallax-core"]),
    (
        "parallax-pipeline",
        &[
            "parallax-core",
            "parallax-ingest",
            "parallax-extract",
            "parallax-annotate",
            "parallax-events",
            "parallax-stories",
            "parallax-compare",
            "parallax-store",
        ],
    ),
    (
        "parallax-eval",
        &[
            "parallax-core",
            "parallax-ingest",
            "parallax-extract",
            "parallax-annotate",
            "parallax-events",
            "parallax-stories",
            "parallax-compare",
            "parallax-embed",
        ],
    ),
    (
        "parallax-cli",
        &[
            "parallax-core",
            "parallax-pipeline",
            "parallax-store",
            "parallax-eval",
            "parallax-embed",
            "parallax-server",
        ],
    ),
];

pub(crate) fn all_problems(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    problems.extend(crates_documented(root));
    problems.extend(files_start_with_docs(root));
    problems.extend(dependency_boundaries(root));
    problems.extend(api_doc_hash(root));
    problems
}

fn crate_dirs(root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.join("Cargo.toml").exists())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

fn crates_documented(root: &Path) -> Vec<String> {
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap_or_default();
    crate_dirs(root)
        .iter()
        .filter_map(|dir| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .filter(|name| !architecture.contains(&format!("### `{name}`")))
        .map(|name| format!("ARCHITECTURE.md has no \"### `{name}`\" section"))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() && name != "target" && !name.starts_with('.') {
            rust_files(&path, out);
        } else if name.ends_with(".rs") {
            out.push(path);
        }
    }
}

fn files_start_with_docs(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    rust_files(&root.join("xtask"), &mut files);
    files
        .into_iter()
        .filter(|file| {
            !std::fs::read_to_string(file)
                .unwrap_or_default()
                .trim_start()
                .starts_with("//!")
        })
        .map(|file| {
            format!(
                "{} does not start with a //! doc comment",
                file.strip_prefix(root).unwrap_or(&file).display()
            )
        })
        .collect()
}

fn dependency_boundaries(root: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for dir in crate_dirs(root) {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let manifest: toml::Table =
            match std::fs::read_to_string(dir.join("Cargo.toml")).map(|text| text.parse()) {
                Ok(Ok(table)) => table,
                _ => {
                    problems.push(format!("{name}: Cargo.toml does not parse"));
                    continue;
                }
            };
        let Some((_, allowed)) = ALLOWED.iter().find(|(crate_name, _)| *crate_name == name) else {
            problems.push(format!(
                "{name}: not in the dependency table of xtask/src/tidy.rs and ARCHITECTURE.md"
            ));
            continue;
        };
        let deps = manifest
            .get("dependencies")
            .and_then(|d| d.as_table())
            .cloned()
            .unwrap_or_default();
        for dep in deps.keys().filter(|dep| dep.starts_with("parallax-")) {
            if !allowed.contains(&dep.as_str()) {
                problems.push(format!(
                    "{name} depends on {dep}, which the dependency table does not allow"
                ));
            }
        }
    }
    problems
}

fn api_doc_hash(root: &Path) -> Vec<String> {
    let api = root.join("crates/parallax-server/src/api.rs");
    let Ok(source) = std::fs::read(&api) else {
        return Vec::new();
    };
    let hash = fnv1a(&source);
    let doc = std::fs::read_to_string(root.join("docs/api.md")).unwrap_or_default();
    if doc.contains(&format!("api.rs hash: {hash:016x}")) {
        Vec::new()
    } else {
        vec![format!(
            "docs/api.md must say \"api.rs hash: {hash:016x}\": api.rs changed without its doc"
        )]
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workspace_is_tidy() {
        let problems = all_problems(&workspace_root());
        assert!(
            problems.is_empty(),
            "tidy problems:\n{}",
            problems.join("\n")
        );
    }
}
