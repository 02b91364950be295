//! The pipeline: read inputs, extract articles in parallel, store them.
//!
//! One bad document never stops a run: its diagnostics are collected and the
//! run goes on. Output order follows input order whatever the parallelism, so a
//! sequential and a parallel run give the same result.
//!
//! ```no_run
//! use parallax_pipeline::{Pipeline, PipelineOptions};
//! let pipeline = PipelineOptions::default().build();
//! let run = pipeline.extract_all(&["../shared/seeds".to_string()], &mut |_| {});
//! println!("{} articles", run.articles.len());
//! ```

mod anchor;
mod compare;
mod stories;

use parallax_annotate::{AnnotateContext, AnnotateOptions, Annotator};
use parallax_core::{
    Annotations, Article, Diagnostic, Event, Origin, PartialDate, RawDoc, Severity, Stage,
};
use parallax_events::{Coder, EventOptions};
use parallax_extract::{ExtractOptions, Extractor};
use parallax_ingest::IngestSettings;
use parallax_store::{PutOutcome, Store};
use rayon::prelude::*;

pub use anchor::DateAnchor;
pub use compare::{article_label, compare_story};
pub use parallax_annotate;
pub use parallax_compare;
pub use parallax_events;
pub use parallax_extract;
pub use parallax_ingest;
pub use parallax_stories;
pub use stories::{Explanation, RunStory, stories, stories_with};

/// Pipeline options; unset fields take the documented defaults.
#[derive(Debug, Clone, Default)]
pub struct PipelineOptions {
    /// Worker threads for extraction. Default: all cores.
    pub threads: Option<usize>,
    /// Documents extracted (and stored) per batch. Default: 64.
    pub batch_size: Option<usize>,
    /// Extraction options.
    pub extract: ExtractOptions,
    /// Language-layer options.
    pub annotate: Option<AnnotateOptions>,
    /// Event-coder options (run-time verb dictionaries).
    pub events: Option<EventOptions>,
}

impl PipelineOptions {
    /// Resolves the options and builds the pipeline.
    pub fn build(self) -> Pipeline {
        let threads = self.threads.unwrap_or(0);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .ok();
        Pipeline {
            ingest: IngestSettings::standard(),
            extractor: self.extract.build(),
            annotator: self.annotate.unwrap_or_default().build(),
            coder: self.events.unwrap_or_default().build(),
            batch_size: self.batch_size.unwrap_or(64).max(1),
            pool,
        }
    }
}

/// The runtime pipeline.
pub struct Pipeline {
    ingest: IngestSettings,
    extractor: Extractor,
    annotator: Annotator,
    coder: Coder,
    batch_size: usize,
    pool: Option<rayon::ThreadPool>,
}

/// One extracted document, with where it came from.
#[derive(Debug, Clone)]
pub struct Extracted {
    /// The article.
    pub article: Article,
    /// Where it came from.
    pub origin: Origin,
    /// `html` or `text`.
    pub media: String,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Articles extracted, in input order.
    pub articles: Vec<Extracted>,
    /// Documents read.
    pub n_documents: usize,
    /// Documents or records that failed (errors at any stage).
    pub n_failed: usize,
    /// Articles newly stored.
    pub n_stored: usize,
    /// Articles skipped because the store had them already.
    pub n_duplicates: usize,
    /// Everything that went wrong, in order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Progress events for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress {
    /// This many more documents have been read.
    Read(usize),
    /// This many more documents have been extracted.
    Extracted(usize),
}

/// The language layer's output for one article, with the date it was
/// resolved against.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// Entities, quotes and time expressions.
    pub annotations: Annotations,
    /// The article's own publication date, or one borrowed from another
    /// report of the same events when it has none.
    pub date: Option<PartialDate>,
    /// Where `date` came from.
    pub anchor: DateAnchor,
    /// The events coded from it.
    pub events: Vec<Event>,
}

impl Pipeline {
    /// The annotator in use.
    pub fn annotator(&self) -> &Annotator {
        &self.annotator
    }

    /// Annotates extracted articles, in parallel, in input order. An article
    /// without a publication date is read against the date of the earliest
    /// dated article that names the same actors and is not older than the
    /// dates it reports (see [`DateAnchor`]).
    pub fn annotate_all(&self, articles: &[Extracted]) -> Vec<Annotated> {
        let work = || -> Vec<Annotated> {
            let first: Vec<Annotations> = articles
                .par_iter()
                .map(|e| {
                    let date = e.article.meta.published.as_ref().map(|p| p.date);
                    self.annotator
                        .annotate(&e.article.text, &AnnotateContext { date })
                })
                .collect();
            let anchors = anchor::anchors(articles, &first);
            first
                .into_par_iter()
                .zip(anchors)
                .zip(articles)
                .map(|((annotations, candidates), e)| {
                    let (annotations, date, anchor) =
                        self.anchored(&e.article.text, annotations, candidates);
                    let events = self.coder.code(&e.article.text, &annotations, date);
                    Annotated {
                        annotations,
                        date,
                        anchor,
                        events,
                    }
                })
                .collect()
        };
        match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    /// An article's annotations read against the first of its candidate
    /// dates under which its weekdays fit the lenders' story (see
    /// [`anchor`]), else against the first candidate.
    fn anchored(
        &self,
        text: &str,
        own: Annotations,
        candidates: anchor::Candidates,
    ) -> (Annotations, Option<PartialDate>, DateAnchor) {
        let mut first = None;
        for (date, anchor) in candidates.anchors {
            if !matches!(anchor, DateAnchor::Borrowed { .. }) {
                return (own, date, anchor);
            }
            let annotations = self.annotator.annotate(text, &AnnotateContext { date });
            if anchor::weekdays_fit(&annotations, candidates.story_start) {
                return (annotations, date, anchor);
            }
            first.get_or_insert((annotations, date, anchor));
        }
        first.unwrap_or((own, None, DateAnchor::Unknown))
    }

    /// The extractor in use.
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Reads and extracts every input, storing nothing.
    pub fn extract_all(
        &self,
        inputs: &[String],
        on_progress: &mut dyn FnMut(Progress),
    ) -> RunReport {
        // With no store there is nothing that can fail at the run level.
        self.run::<parallax_store::SqliteStore>(inputs, None, on_progress)
            .unwrap_or_default()
    }

    /// Reads, extracts and stores every input. Returns `Err` only when the
    /// store fails; batches committed before the failure stay committed.
    pub fn ingest<S: Store + ?Sized>(
        &self,
        inputs: &[String],
        store: &mut S,
        on_progress: &mut dyn FnMut(Progress),
    ) -> parallax_store::Result<RunReport> {
        self.run(inputs, Some(store), on_progress)
    }

    /// Reads, extracts and stores the documents of one file already in
    /// memory (an upload), named `name` in diagnostics and in the stored
    /// origin. Its format is sniffed as a file's would be.
    pub fn ingest_bytes<S: Store + ?Sized>(
        &self,
        name: &str,
        bytes: Vec<u8>,
        store: &mut S,
        on_progress: &mut dyn FnMut(Progress),
    ) -> parallax_store::Result<RunReport> {
        self.read_and_store(
            |on_doc, on_diagnostic| {
                parallax_ingest::read_bytes(name, bytes, &self.ingest, on_doc, on_diagnostic);
            },
            Some(store),
            on_progress,
        )
    }

    fn run<S: Store + ?Sized>(
        &self,
        inputs: &[String],
        store: Option<&mut S>,
        on_progress: &mut dyn FnMut(Progress),
    ) -> parallax_store::Result<RunReport> {
        self.read_and_store(
            |on_doc, on_diagnostic| {
                parallax_ingest::read_inputs(inputs, &self.ingest, on_doc, on_diagnostic);
            },
            store,
            on_progress,
        )
    }

    /// Extracts and stores, batch by batch, what `read` hands over.
    fn read_and_store<S: Store + ?Sized>(
        &self,
        read: impl FnOnce(&mut dyn FnMut(RawDoc), &mut dyn FnMut(parallax_core::Diagnostic)),
        mut store: Option<&mut S>,
        on_progress: &mut dyn FnMut(Progress),
    ) -> parallax_store::Result<RunReport> {
        let mut report = RunReport::default();
        let mut batch: Vec<RawDoc> = Vec::with_capacity(self.batch_size);
        let mut pending_error: Option<parallax_store::Error> = None;
        let mut diagnostics = Vec::new();
        read(
            &mut |doc| {
                report.n_documents += 1;
                on_progress(Progress::Read(1));
                batch.push(doc);
                if batch.len() >= self.batch_size && pending_error.is_none() {
                    let docs = std::mem::take(&mut batch);
                    if let Err(error) =
                        self.process_batch(docs, store.as_deref_mut(), &mut report, on_progress)
                    {
                        pending_error = Some(error);
                    }
                }
            },
            &mut |diagnostic| diagnostics.push(diagnostic),
        );
        if let Some(error) = pending_error {
            return Err(error);
        }
        self.process_batch(std::mem::take(&mut batch), store, &mut report, on_progress)?;
        report.n_failed += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        diagnostics.append(&mut report.diagnostics);
        report.diagnostics = diagnostics;
        Ok(report)
    }

    fn process_batch<S: Store + ?Sized>(
        &self,
        docs: Vec<RawDoc>,
        store: Option<&mut S>,
        report: &mut RunReport,
        on_progress: &mut dyn FnMut(Progress),
    ) -> parallax_store::Result<()> {
        if docs.is_empty() {
            return Ok(());
        }
        let results = self.extract_batch(&docs);
        on_progress(Progress::Extracted(docs.len()));
        let mut extracted = Vec::new();
        for (raw, result) in docs.into_iter().zip(results) {
            if result
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Error)
            {
                report.n_failed += 1;
            }
            report.diagnostics.extend(result.diagnostics);
            if let Some(article) = result.article {
                extracted.push(Extracted {
                    article,
                    origin: raw.origin,
                    media: raw.media.as_str().to_string(),
                });
            }
        }
        if let Some(store) = store {
            let rows: Vec<(Article, Origin, String)> = extracted
                .iter()
                .map(|e| (e.article.clone(), e.origin.clone(), e.media.clone()))
                .collect();
            let outcomes = store.put_articles(&rows)?;
            for (outcome, item) in outcomes.iter().zip(&extracted) {
                match outcome {
                    PutOutcome::Inserted => report.n_stored += 1,
                    PutOutcome::SameContent => report.n_duplicates += 1,
                    PutOutcome::SameUrl { existing } => {
                        report.n_duplicates += 1;
                        let message = format!(
                            "already stored under the same URL as document {existing}; kept the stored one"
                        );
                        report.diagnostics.push(Diagnostic::new(
                            Stage::Store,
                            Severity::Info,
                            item.origin.location(),
                            message,
                        ));
                    }
                }
            }
        }
        report.articles.extend(extracted);
        Ok(())
    }

    fn extract_batch(&self, docs: &[RawDoc]) -> Vec<parallax_extract::Extracted> {
        let work = || docs.par_iter().map(|raw| self.extract_one(raw)).collect();
        match &self.pool {
            Some(pool) => pool.install(work),
            None => work(),
        }
    }

    fn extract_one(&self, raw: &RawDoc) -> parallax_extract::Extracted {
        // A panic here is a bug, but one document's bug must not end the run.
        let caught =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.extractor.extract(raw)));
        caught.unwrap_or_else(|_| parallax_extract::Extracted {
            article: None,
            diagnostics: vec![Diagnostic::error(
                Stage::Extract,
                raw.origin.location(),
                "internal error: extraction panicked (a bug; please report it)",
            )],
        })
    }
}
