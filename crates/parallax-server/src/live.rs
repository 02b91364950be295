//! The snapshot being served, its search index and lookup tables, and how
//! a newer one replaces it: readers take the current one (an `Arc`) and
//! keep it for their request, while a rebuild prepares the next one aside
//! and swaps it in whole, so no request ever sees half of each.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use crate::search::SearchIndex;
use crate::{ArticleEntry, EntityEntry, OutletEntry, Snapshot};

/// What the server needs from the rest of parallax. The binary implements
/// it with the pipeline and the store; the server calls it from blocking
/// threads, never on the async executor.
pub trait Backend: Send + Sync + 'static {
    /// What is stored now, grouped and compared.
    fn snapshot(&self) -> Result<Snapshot, String>;

    /// A number that changes whenever the store does (the number of stored
    /// articles, say). The snapshot is rebuilt when it moves.
    fn generation(&self) -> Result<u64, String>;

    /// Reads and stores the documents of one uploaded file named `name`,
    /// calling `progress` as documents are read, extracted and stored.
    fn ingest(
        &self,
        name: &str,
        bytes: Vec<u8>,
        progress: &mut dyn FnMut(&IngestCounts),
    ) -> Result<IngestCounts, String>;
}

/// How far an upload got.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestCounts {
    /// Documents read from the file.
    pub read: usize,
    /// Documents extracted.
    pub extracted: usize,
    /// Articles stored now.
    pub stored: usize,
    /// Articles that were stored already.
    pub already: usize,
    /// Documents that failed, each named in `problems`.
    pub failed: usize,
    /// What went wrong, document by document (file, record, reason).
    pub problems: Vec<String>,
}

/// One snapshot with what serving it needs.
pub(crate) struct Current {
    pub(crate) snapshot: Snapshot,
    pub(crate) search: Option<SearchIndex>,
    /// Each story's `GET /api/stories/{id}` answer, serialised once: a
    /// large story's comparison is megabytes of JSON, too much to build
    /// again for every request.
    story_json: Vec<axum::body::Bytes>,
    /// Each story's page as served (`pages::served_story_page`), built
    /// once for the same reason; the snapshot's own copy of the report's
    /// page is released once it is built.
    story_pages: Vec<axum::body::Bytes>,
    /// Per entity id: how often it is named, and in how many articles.
    entity_counts: HashMap<String, (usize, usize)>,
    stories: HashMap<String, usize>,
    articles: HashMap<String, usize>,
    entities: HashMap<String, usize>,
    outlets: HashMap<String, usize>,
    /// The store's generation it was built at (none for a fixed snapshot).
    generation: Option<u64>,
}

impl Current {
    fn new(snapshot: Snapshot, generation: Option<u64>) -> Current {
        let search = match SearchIndex::build(&snapshot) {
            Ok(index) => Some(index),
            Err(error) => {
                // The pages and the API still serve; only search is missing.
                eprintln!("parallax serve: building the search index failed: {error}");
                None
            }
        };
        let index = |ids: Vec<&str>| -> HashMap<String, usize> {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), i))
                .collect()
        };
        let story_json = snapshot
            .stories
            .iter()
            .map(|story| {
                let mut value = crate::api::summary(story);
                value["detail"] = story.detail.clone();
                axum::body::Bytes::from(serde_json::to_vec(&value).unwrap_or_default())
            })
            .collect();
        let mut current = Current {
            story_json,
            story_pages: Vec::new(),
            entity_counts: entity_counts(&snapshot),
            stories: index(snapshot.stories.iter().map(|s| s.id.as_str()).collect()),
            articles: index(snapshot.articles.iter().map(|a| a.id.as_str()).collect()),
            entities: index(snapshot.entities.iter().map(|e| e.id.as_str()).collect()),
            outlets: index(snapshot.outlets.iter().map(|o| o.name.as_str()).collect()),
            search,
            snapshot,
            generation,
        };
        current.story_pages = current
            .snapshot
            .stories
            .iter()
            .map(|story| axum::body::Bytes::from(crate::pages::served_story_page(story, &current)))
            .collect();
        for story in &mut current.snapshot.stories {
            story.page = String::new();
        }
        current
    }

    /// The story's page as served.
    pub(crate) fn story_page(&self, id: &str) -> Option<axum::body::Bytes> {
        self.stories.get(id).map(|&i| self.story_pages[i].clone())
    }

    /// How often the entity is named, and in how many articles.
    pub(crate) fn entity_count(&self, id: &str) -> (usize, usize) {
        self.entity_counts.get(id).copied().unwrap_or_default()
    }

    /// The story's API answer, serialised.
    pub(crate) fn story_json(&self, id: &str) -> Option<axum::body::Bytes> {
        self.stories.get(id).map(|&i| self.story_json[i].clone())
    }

    pub(crate) fn article(&self, id: &str) -> Option<&ArticleEntry> {
        self.articles.get(id).map(|&i| &self.snapshot.articles[i])
    }

    pub(crate) fn entity(&self, id: &str) -> Option<&EntityEntry> {
        self.entities.get(id).map(|&i| &self.snapshot.entities[i])
    }

    pub(crate) fn outlet(&self, name: &str) -> Option<&OutletEntry> {
        self.outlets.get(name).map(|&i| &self.snapshot.outlets[i])
    }
}

/// How often each entity is named, and in how many articles.
fn entity_counts(snapshot: &Snapshot) -> HashMap<String, (usize, usize)> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for a in &snapshot.articles {
        let mut seen = std::collections::HashSet::new();
        for m in &a.mentions {
            let entry = counts.entry(m.entity.clone()).or_default();
            entry.0 += 1;
            if seen.insert(m.entity.as_str()) {
                entry.1 += 1;
            }
        }
    }
    counts
}

/// The snapshot being served, and where newer ones come from.
pub(crate) struct Live {
    current: RwLock<Arc<Current>>,
    backend: Option<Arc<dyn Backend>>,
    /// Held while a rebuild runs, so two never run at once.
    rebuilding: Mutex<()>,
}

impl Live {
    /// A snapshot that never changes (tests, and `app`).
    pub(crate) fn fixed(snapshot: Snapshot) -> Live {
        Live {
            current: RwLock::new(Arc::new(Current::new(snapshot, None))),
            backend: None,
            rebuilding: Mutex::new(()),
        }
    }

    /// The backend's snapshot now, rebuilt as the store changes. Blocking.
    pub(crate) fn start(backend: Arc<dyn Backend>) -> Result<Live, String> {
        let generation = backend.generation()?;
        let snapshot = backend.snapshot()?;
        Ok(Live {
            current: RwLock::new(Arc::new(Current::new(snapshot, Some(generation)))),
            backend: Some(backend),
            rebuilding: Mutex::new(()),
        })
    }

    /// The snapshot to answer a request from.
    pub(crate) fn now(&self) -> Arc<Current> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Rebuilds the snapshot when the store's generation moved (or always,
    /// with `force`). Blocking: call it from a blocking thread. Returns
    /// whether a new snapshot is served.
    pub(crate) fn rebuild(&self, force: bool) -> Result<bool, String> {
        let Some(backend) = &self.backend else {
            return Ok(false);
        };
        let _turn = self
            .rebuilding
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let generation = backend.generation()?;
        if !force && self.now().generation == Some(generation) {
            return Ok(false);
        }
        let next = Arc::new(Current::new(backend.snapshot()?, Some(generation)));
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = next;
        Ok(true)
    }
}

/// Looks for changes in the store every `every`, for as long as the
/// server runs: another process may write to a shared database.
pub(crate) async fn watch(live: Arc<Live>, every: Duration) {
    loop {
        tokio::time::sleep(every).await;
        let live = live.clone();
        match tokio::task::spawn_blocking(move || live.rebuild(false)).await {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => {
                eprintln!("parallax serve: refreshing from the store failed: {error}")
            }
            Err(error) => eprintln!("parallax serve: the refresh stopped: {error}"),
        }
    }
}
