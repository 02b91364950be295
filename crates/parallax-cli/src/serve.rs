//! `parallax serve`: the web app (`parallax-server`) over the store. This is
//! the glue the server asks for through its `Backend` trait: building a
//! snapshot of the stored stories (each compared once, with its report
//! page; each article with its quotes, entity mentions and events; the
//! entities; the outlets with their naming, loaded terms and omissions),
//! and storing uploaded files.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, PoisonError};

use parallax_core::SentenceEmbedder;
use parallax_pipeline::{Annotated, Extracted, Pipeline, Progress, RunReport, RunStory};
use parallax_server::{
    ArticleEntry, EntityEntry, EventEntry, IngestCounts, MentionEntry, NamingEntry, OmissionEntry,
    OutletEntry, QuoteEntry, Snapshot, StoryEntry,
};
use parallax_store::Store;

use crate::report::{self, StoryReport};

/// The pipeline and the store, as the server sees them.
pub(crate) struct ServeBackend {
    pub(crate) pipeline: Pipeline,
    pub(crate) store: Mutex<Box<dyn Store>>,
    pub(crate) embedder: Option<Box<dyn SentenceEmbedder>>,
}

impl ServeBackend {
    fn store(&self) -> std::sync::MutexGuard<'_, Box<dyn Store>> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl parallax_server::Backend for ServeBackend {
    fn snapshot(&self) -> Result<Snapshot, String> {
        let mut store = self.store();
        let embedder = self.embedder.as_deref();
        let (articles, annotated, found) =
            crate::stored_stories(&self.pipeline, store.as_mut(), embedder)
                .map_err(|e| format!("{e:#}"))?;
        Ok(snapshot(&articles, &annotated, &found))
    }

    fn generation(&self) -> Result<u64, String> {
        self.store()
            .count_articles()
            .map(|n| n as u64)
            .map_err(|e| e.to_string())
    }

    fn ingest(
        &self,
        name: &str,
        bytes: Vec<u8>,
        progress: &mut dyn FnMut(&IngestCounts),
    ) -> Result<IngestCounts, String> {
        let mut store = self.store();
        let mut counts = IngestCounts::default();
        let report = self
            .pipeline
            .ingest_bytes(name, bytes, store.as_mut(), &mut |p| {
                match p {
                    Progress::Read(n) => counts.read += n,
                    Progress::Extracted(n) => counts.extracted += n,
                }
                progress(&counts);
            })
            .map_err(|e| format!("storing {name}: {e}"))?;
        Ok(IngestCounts {
            read: report.n_documents,
            extracted: report.articles.len(),
            stored: report.n_stored,
            already: report.n_duplicates,
            failed: report.n_failed,
            problems: report
                .diagnostics
                .iter()
                .filter(|d| d.severity >= parallax_core::Severity::Warning)
                .map(ToString::to_string)
                .collect(),
        })
    }
}

/// Every story with its comparison, summary, JSON and page; every article
/// of them with its text, quotes, mentions, events and what extraction
/// removed; the entities; the outlets.
pub(crate) fn snapshot(
    articles: &[Extracted],
    annotated: &[Annotated],
    stories: &[RunStory],
) -> Snapshot {
    let empty = RunReport::default();
    let mut outlets: BTreeMap<String, OutletEntry> = BTreeMap::new();
    let mut entries: Vec<StoryEntry> = Vec::new();
    for story in stories.iter().filter(|s| !s.members.is_empty()) {
        let reported = StoryReport {
            story,
            comparison: parallax_pipeline::compare_story(articles, annotated, story),
        };
        add_framing(&mut outlets, articles, &reported);
        let one = std::slice::from_ref(&reported);
        let members: Vec<&parallax_core::Article> = story
            .members
            .iter()
            .map(|&i| &articles[i].article)
            .collect();
        let days: BTreeSet<String> = members
            .iter()
            .filter_map(|a| a.meta.published.as_ref())
            .filter(|p| p.date.day.is_some())
            .map(|p| p.date.to_string())
            .collect();
        let set = |f: &dyn Fn(&parallax_core::Article) -> Option<String>| -> Vec<String> {
            members
                .iter()
                .filter_map(|a| f(a))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        entries.push(StoryEntry {
            id: story.id.clone(),
            title: members
                .iter()
                .find_map(|a| a.meta.title.clone())
                .unwrap_or_else(|| "(no title)".into()),
            counts: report::counts(articles, story),
            first_day: days.first().cloned(),
            last_day: days.last().cloned(),
            outlets: set(&|a| a.meta.outlet.as_ref().map(|o| o.name.clone())),
            outlet_kinds: set(&|a| a.meta.outlet.as_ref().map(|o| o.kind.as_str().to_string())),
            countries: set(&|a| a.meta.outlet.as_ref().and_then(|o| o.country.clone())),
            languages: set(&|a| a.meta.language.clone()),
            articles: members.iter().map(|a| a.doc.as_str().to_string()).collect(),
            detail: report::json(&empty, articles, one)["stories"][0].clone(),
            page: report::html_linked(&empty, articles, one, Some("/articles/")),
        });
    }
    // Newest first; undated last.
    entries.sort_by(|a, b| b.last_day.cmp(&a.last_day).then_with(|| a.id.cmp(&b.id)));
    let mut entities: BTreeMap<String, EntityEntry> = BTreeMap::new();
    let mut out_articles = Vec::new();
    for story in stories {
        for &i in &story.members {
            let entry = article_entry(&articles[i], &annotated[i], &story.id, &mut entities);
            outlet_of(&mut outlets, &articles[i].article)
                .articles
                .push(entry.id.clone());
            out_articles.push(entry);
        }
    }
    Snapshot {
        stories: entries,
        articles: out_articles,
        entities: entities.into_values().collect(),
        outlets: outlets.into_values().collect(),
    }
}

/// The outlet's entry, made on first sight ("unknown" for an article whose
/// outlet could not be told).
fn outlet_of<'a>(
    outlets: &'a mut BTreeMap<String, OutletEntry>,
    article: &parallax_core::Article,
) -> &'a mut OutletEntry {
    let (name, kind, country) = match &article.meta.outlet {
        Some(o) => (
            o.name.clone(),
            o.kind.as_str().to_string(),
            o.country.clone(),
        ),
        None => ("unknown".to_string(), "unknown".to_string(), None),
    };
    outlets.entry(name.clone()).or_insert_with(|| OutletEntry {
        name,
        kind,
        country,
        ..OutletEntry::default()
    })
}

/// Adds a story's naming choices, loaded terms (the writer's own voice)
/// and omissions to the outlets of its articles.
fn add_framing(
    outlets: &mut BTreeMap<String, OutletEntry>,
    articles: &[Extracted],
    reported: &StoryReport<'_>,
) {
    let story = &reported.story.id;
    let c = &reported.comparison;
    let article_of = |doc: usize| &articles[reported.story.members[doc]].article;
    for naming in &c.naming {
        for u in naming.uses.iter().filter(|u| u.count > 0) {
            outlet_of(outlets, article_of(u.doc))
                .naming
                .push(NamingEntry {
                    story: story.clone(),
                    concept: naming.concept.clone(),
                    form: u.form.clone(),
                    note: u.note.clone(),
                    count: u.count,
                });
        }
    }
    for framing in &c.framing {
        let outlet = outlet_of(outlets, article_of(framing.doc));
        for term in framing.loaded.iter().filter(|t| t.voice == "own") {
            outlet
                .loaded
                .push((story.clone(), term.phrase.clone(), term.kind.clone()));
        }
    }
    for omission in &c.omissions {
        outlet_of(outlets, article_of(omission.doc))
            .omissions
            .push(OmissionEntry {
                story: story.clone(),
                fact: omission.fact.clone(),
                summary: omission.summary.clone(),
                origins: omission.origins,
            });
    }
}

/// One article as the server shows it; its entities join `entities`.
fn article_entry(
    extracted: &Extracted,
    annotated: &Annotated,
    story: &str,
    entities: &mut BTreeMap<String, EntityEntry>,
) -> ArticleEntry {
    let a = &extracted.article;
    let annotations = &annotated.annotations;
    let text = &a.text;
    let span = |r: parallax_core::TextRange| [r.start(), r.end()];
    for entity in &annotations.entities {
        entities
            .entry(entity.id.clone())
            .or_insert_with(|| EntityEntry {
                id: entity.id.clone(),
                name: entity.name.clone(),
                kind: entity.kind.as_str().to_string(),
                country: entity.country.clone(),
            });
    }
    let id_of = |i: usize| annotations.entities[i].id.clone();
    let name_of = |i: usize| annotations.entities[i].name.clone();
    ArticleEntry {
        id: a.doc.as_str().to_string(),
        title: a.meta.title.clone().unwrap_or_else(|| "(no title)".into()),
        outlet: a
            .meta
            .outlet
            .as_ref()
            .map_or_else(|| "unknown".into(), |o| o.name.clone()),
        outlet_kind: a.meta.outlet.as_ref().map(|o| o.kind.as_str().to_string()),
        country: a.meta.outlet.as_ref().and_then(|o| o.country.clone()),
        date: a.meta.published.as_ref().map(|p| p.date.to_string()),
        url: a.meta.url.clone(),
        language: a.meta.language.clone(),
        text: text.clone(),
        removed: a
            .removed
            .iter()
            .map(|r| (r.kind.as_str().to_string(), r.text.clone()))
            .collect(),
        story: Some(story.to_string()),
        quotes: annotations
            .quotes
            .iter()
            .map(|q| QuoteEntry {
                speaker: q.speaker.map(id_of),
                source: q.source.map(|r| r.slice(text).to_string()),
                cue: q.cue.slice(text).to_string(),
                content: q.content.slice(text).to_string(),
                span: span(q.content),
            })
            .collect(),
        mentions: annotations
            .mentions
            .iter()
            .map(|m| MentionEntry {
                entity: id_of(m.entity),
                form: m.range.slice(text).to_string(),
                span: span(m.range),
            })
            .collect(),
        events: annotated
            .events
            .iter()
            .map(|e| {
                let names = |list: &[parallax_core::Participant]| {
                    list.iter()
                        .map(|p| name_of(p.entity))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let label = parallax_pipeline::parallax_events::cameo_label(e.cameo)
                    .unwrap_or(e.kind.as_str());
                EventEntry {
                    kind: e.kind.as_str().to_string(),
                    cameo: e.cameo.to_string(),
                    summary: format!("{}: {label} → {}", names(&e.actors), names(&e.targets)),
                    actors: e.actors.iter().map(|p| id_of(p.entity)).collect(),
                    targets: e.targets.iter().map(|p| id_of(p.entity)).collect(),
                    date_start: e.date.map(|d| d.start.to_string()),
                    date_end: e.date.map(|d| d.end.to_string()),
                    sentence: span(e.sentence),
                }
            })
            .collect(),
    }
}
