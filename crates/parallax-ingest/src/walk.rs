//! Turning what the user typed (files, directories, globs, `-`) into file paths.

use parallax_core::{Diagnostic, Stage};

/// Extensions read when walking a directory. Files named explicitly are read
/// whatever their name; a directory walk skips other files (a `GOLD.toml`, a
/// `.png`) the way ripgrep skips files it was not asked about.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "html", "htm", "xhtml", "shtml", "warc", "jsonl", "ndjson", "rss", "atom",
    "xml", "gz",
];

/// Expands inputs into a sorted, de-duplicated list of files (and `-`).
pub fn expand_inputs(inputs: &[String], on_diagnostic: &mut dyn FnMut(Diagnostic)) -> Vec<String> {
    let mut files = Vec::new();
    for input in inputs {
        if input == "-" {
            files.push(input.clone());
            continue;
        }
        let path = std::path::Path::new(input);
        if path.is_dir() {
            walk_dir(path, &mut files, on_diagnostic);
        } else if path.exists() {
            files.push(input.clone());
        } else if input.contains(['*', '?', '[']) {
            expand_glob(input, &mut files, on_diagnostic);
        } else {
            on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                input.as_str(),
                "no such file or directory",
            ));
        }
    }
    let mut seen = std::collections::HashSet::new();
    files.retain(|file| seen.insert(file.clone()));
    files
}

fn walk_dir(
    root: &std::path::Path,
    files: &mut Vec<String>,
    on_diagnostic: &mut dyn FnMut(Diagnostic),
) {
    let walker = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !entry.file_name().to_string_lossy().starts_with('.')
        });
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() && has_document_extension(entry.path()) => {
                files.push(entry.path().display().to_string());
            }
            Ok(_) => {}
            Err(error) => {
                let location = error
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                on_diagnostic(Diagnostic::error(
                    Stage::Ingest,
                    location,
                    format!("cannot walk directory: {error}"),
                ));
            }
        }
    }
}

fn has_document_extension(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| DOCUMENT_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

fn expand_glob(pattern: &str, files: &mut Vec<String>, on_diagnostic: &mut dyn FnMut(Diagnostic)) {
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(error) => {
            on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                pattern,
                format!("invalid glob pattern: {error}"),
            ));
            return;
        }
    };
    let before = files.len();
    for path in paths {
        match path {
            Ok(path) if path.is_dir() => walk_dir(&path, files, on_diagnostic),
            Ok(path) => files.push(path.display().to_string()),
            Err(error) => on_diagnostic(Diagnostic::error(
                Stage::Ingest,
                pattern,
                format!("cannot read glob match: {error}"),
            )),
        }
    }
    if files.len() == before {
        on_diagnostic(Diagnostic::error(
            Stage::Ingest,
            pattern,
            "glob pattern matched no files",
        ));
    }
}
