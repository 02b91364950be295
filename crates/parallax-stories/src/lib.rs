//! Stories: articles that report the same event, grouped as they arrive.
//!
//! Each article becomes a sparse TF-IDF vector over its content words, with
//! names, numbers and the ids of the entities it mentions weighted up (they
//! tell one earthquake from another where the common words do not). An
//! article joins the most similar open story whose centroid is close enough
//! and whose dates are near; else it opens a story. Candidate stories come
//! from an inverted index on each article's heaviest terms, so the cost of
//! adding an article does not grow with the number of stories (no
//! all-pairs comparison), and nothing already grouped is re-clustered.
//!
//! ```
//! use parallax_stories::{StoryDoc, StoryOptions};
//! let doc = |id: &str, text: &str| StoryDoc {
//!     id: id.into(), text: text.into(), entities: vec![], date: None, embedding: None,
//! };
//! let docs = [
//!     doc("a", "A magnitude 6.1 earthquake struck Aceh province on Tuesday, killing 12 people."),
//!     doc("b", "Twelve people died when a 6.1 magnitude quake hit Aceh on Tuesday."),
//!     doc("c", "The central bank raised interest rates by half a point on Thursday."),
//! ];
//! let mut stories = StoryOptions::default().build(docs.iter());
//! for d in &docs {
//!     stories.add(d);
//! }
//! let of = |id| stories.story_of(id);
//! assert_eq!(of("a"), of("b"));
//! assert_ne!(of("a"), of("c"));
//! ```

mod copies;

use std::collections::HashMap;

use parallax_core::{PartialDate, STOPWORDS};

pub use copies::{CopyDoc, CopyEdge, CopyKind, Origin, Shingles, copy_edges, independent_origins};

/// What the story stage reads of an article.
#[derive(Debug, Clone)]
pub struct StoryDoc {
    /// The article's id (its document id).
    pub id: String,
    /// Its main text.
    pub text: String,
    /// The ids of the entities it mentions ("PRK", "DPR"), if annotated.
    pub entities: Vec<String>,
    /// Its date, if known.
    pub date: Option<PartialDate>,
    /// A unit sentence embedding of its lead (headline and first
    /// sentences), when a model is loaded.
    pub embedding: Option<Vec<f32>>,
}

/// Settings of the clustering; unset fields take the documented defaults.
#[derive(Debug, Clone)]
pub struct StoryOptions {
    /// Least cosine similarity between an article and a story's centroid for
    /// the article to join it. Default 0.22 (chosen on ECB+'s train split).
    pub threshold: f64,
    /// Articles dated further apart than this many days from a story's
    /// dates do not join it. Default 10.
    pub max_days: i64,
    /// How many of an article's heaviest terms look up candidate stories.
    /// Default 20 (chosen on ECB+'s train split).
    pub probe_terms: usize,
    /// The share of the embedding cosine in the similarity, when both the
    /// article and the story have embeddings: similarity is
    /// `(1 - w) * tf-idf cosine + w * embedding cosine`. Default 0 (no
    /// embedding); [`StoryOptions::with_embeddings`] gives the settings
    /// chosen on ECB+'s train split for the shipped model.
    pub embedding_weight: f64,
    /// A bonus for closeness in time, added to the similarity of a dated
    /// article and a story with dated members: `bonus * (1 - gap /
    /// max_days)`, where `gap` is the days to the story's nearest day.
    /// News about one event comes in bursts of a few days. Default 0.
    pub recency_bonus: f64,
    /// How far below `threshold` the settling pass ([`Stories::settle`])
    /// still moves an article alone in its story to another story: an
    /// article no story took is the likeliest to be a split of one (a
    /// different angle on the same event). Default 0.04 (chosen on ECB+'s
    /// train split with the threshold).
    pub settle_below: f64,
}

impl Default for StoryOptions {
    fn default() -> StoryOptions {
        StoryOptions {
            threshold: 0.22,
            max_days: 10,
            probe_terms: 20,
            embedding_weight: 0.0,
            recency_bonus: 0.0,
            settle_below: 0.04,
        }
    }
}

impl StoryOptions {
    /// The settings for articles with embeddings (all-MiniLM-L6-v2 of their
    /// [`lead`]), chosen on ECB+'s train split and BASIL's first five years.
    pub fn with_embeddings() -> StoryOptions {
        StoryOptions {
            threshold: EMBEDDING_THRESHOLD,
            embedding_weight: EMBEDDING_WEIGHT,
            recency_bonus: EMBEDDING_RECENCY,
            settle_below: EMBEDDING_SETTLE_BELOW,
            ..StoryOptions::default()
        }
    }

    /// The least similarity at which the settling pass moves a lone
    /// article: `threshold - settle_below`.
    pub fn settle_threshold(&self) -> f64 {
        self.threshold - self.settle_below
    }

    /// A clusterer whose term weights come from `corpus` (document
    /// frequencies); articles are added with [`Stories::add`]. The corpus
    /// may be empty: weights then grow with the articles added.
    pub fn build<'a>(self, corpus: impl IntoIterator<Item = &'a StoryDoc>) -> Stories {
        let mut stories = Stories {
            options: self,
            vocabulary: HashMap::new(),
            df: Vec::new(),
            docs_seen: 0,
            stories: Vec::new(),
            index: HashMap::new(),
            story_of: HashMap::new(),
            learn: false,
        };
        for doc in corpus {
            stories.count(doc);
        }
        stories.learn = stories.docs_seen == 0;
        stories
    }
}

/// One story: its members and centroid.
#[derive(Debug, Clone)]
pub struct Story {
    /// The ids of its articles, in the order they joined.
    pub members: Vec<String>,
    /// The sum of its members' vectors.
    centroid: HashMap<u32, f64>,
    /// The centroid's squared length, kept as members join.
    norm_sq: f64,
    /// The days its dated members are on, sorted.
    days: Vec<i64>,
    /// The sum of its members' embeddings, if they have them.
    embedding: Vec<f32>,
}

impl Story {
    /// Whether a member is dated within `max_days` of `day` (or none is
    /// dated). The days are kept sorted: a binary search.
    fn near(&self, day: i64, max_days: i64) -> bool {
        self.gap(day).is_none_or(|gap| gap <= max_days)
    }

    /// Days from `day` to the nearest day a member is dated on (none when no
    /// member is dated). The days are kept sorted: a binary search.
    fn gap(&self, day: i64) -> Option<i64> {
        let at = self.days.partition_point(|&x| x < day);
        let after = self.days.get(at).map(|&x| x - day);
        let before = at.checked_sub(1).map(|i| day - self.days[i]);
        match (before, after) {
            (Some(b), Some(a)) => Some(b.min(a)),
            (b, a) => b.or(a),
        }
    }
}

/// The stories found so far, ready to take more articles.
#[derive(Debug)]
pub struct Stories {
    options: StoryOptions,
    vocabulary: HashMap<String, u32>,
    /// Documents each term occurs in.
    df: Vec<u32>,
    docs_seen: u32,
    stories: Vec<Story>,
    /// Term → stories whose members weigh it heavily.
    index: HashMap<u32, Vec<usize>>,
    story_of: HashMap<String, usize>,
    /// No corpus was given: every article added counts into the weights.
    learn: bool,
}

/// Unrelated articles assumed besides those counted, so that a small run's
/// shared words are not weighed as common words.
const BACKGROUND: f64 = 100.0;

/// Threshold, weight, recency bonus and settling threshold with embeddings (see
/// [`StoryOptions::with_embeddings`]), chosen by `parallax eval stories` on
/// ECB+ train and BASIL 2010-2014.
const EMBEDDING_THRESHOLD: f64 = 0.38;
const EMBEDDING_WEIGHT: f64 = 0.3;
const EMBEDDING_RECENCY: f64 = 0.0;
const EMBEDDING_SETTLE_BELOW: f64 = 0.08;

/// What an article's embedding is taken of: its first 100 words (headline
/// and lead; all-MiniLM-L6-v2 reads 128 word pieces at most).
pub fn lead(text: &str) -> String {
    text.split_whitespace()
        .take(100)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stories kept per term in the look-up index.
const MAX_POSTINGS: usize = 32;

/// Candidate stories compared in full with an article: those sharing the
/// most weight of its probe terms.
const MAX_CANDIDATES: usize = 48;

impl Stories {
    /// Counts a document's terms into the document frequencies.
    fn count(&mut self, doc: &StoryDoc) {
        let mut seen: Vec<u32> = terms(doc)
            .into_iter()
            .map(|(term, _)| self.term_id(&term))
            .collect();
        seen.sort_unstable();
        seen.dedup();
        for id in seen {
            self.df[id as usize] += 1;
        }
        self.docs_seen += 1;
    }

    fn term_id(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.vocabulary.get(term) {
            return id;
        }
        let id = u32::try_from(self.df.len()).unwrap_or(u32::MAX);
        self.vocabulary.insert(term.to_string(), id);
        self.df.push(0);
        id
    }

    /// The article's TF-IDF vector, L2-normalised, heaviest terms first.
    fn vector(&mut self, doc: &StoryDoc) -> Vec<(u32, f64)> {
        let mut counts: HashMap<u32, f64> = HashMap::new();
        for (term, weight) in terms(doc) {
            let id = self.term_id(&term);
            *counts.entry(id).or_default() += weight;
        }
        // A prior of BACKGROUND unrelated articles: in a run of five
        // reports of one story, the words they share still weigh.
        let n = f64::from(self.docs_seen) + BACKGROUND;
        let mut vector: Vec<(u32, f64)> = counts
            .into_iter()
            .map(|(id, tf)| {
                let df = f64::from(self.df[id as usize]);
                (id, (1.0 + tf.ln()) * ((n + 1.0) / (df + 1.0)).ln().max(0.0))
            })
            .filter(|&(_, w)| w > 0.0)
            .collect();
        let norm = vector.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut vector {
                *w /= norm;
            }
        }
        vector.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        vector
    }

    /// Adds an article: it joins the closest story or opens one. Returns the
    /// story's index. Adding the same id again returns its story unchanged.
    pub fn add(&mut self, doc: &StoryDoc) -> usize {
        if let Some(&story) = self.story_of.get(&doc.id) {
            return story;
        }
        if self.learn {
            self.count(doc);
        }
        let vector = self.vector(doc);
        let day = doc.date.and_then(|d| d.to_days());
        let probes: Vec<u32> = vector
            .iter()
            .take(self.options.probe_terms)
            .map(|&(id, _)| id)
            .collect();
        let candidates = self.candidates(&vector);
        let best = candidates
            .into_iter()
            .filter(|&s| !self.stories[s].members.is_empty())
            .filter(|&s| day.is_none_or(|d| self.stories[s].near(d, self.options.max_days)))
            .map(|s| {
                (
                    s,
                    self.similarity(&vector, doc.embedding.as_deref(), day, s),
                )
            })
            .filter(|&(_, sim)| sim >= self.options.threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let story = best.map_or(self.stories.len(), |(s, _)| s);
        self.insert(doc, story, vector, probes);
        story
    }

    /// The stories worth comparing in full with an article: those sharing
    /// the most weight of its probe terms (its heaviest), at most
    /// `MAX_CANDIDATES`, so the cost of an article stays bounded however
    /// many stories share its common words.
    fn candidates(&self, vector: &[(u32, f64)]) -> Vec<usize> {
        let mut hits: HashMap<usize, f64> = HashMap::new();
        for &(id, weight) in vector.iter().take(self.options.probe_terms) {
            if let Some(list) = self.index.get(&id) {
                for &s in list {
                    *hits.entry(s).or_default() += weight;
                }
            }
        }
        let mut ranked: Vec<(usize, f64)> = hits.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(MAX_CANDIDATES);
        ranked.into_iter().map(|(s, _)| s).collect()
    }

    /// The similarity of an article (its normalised vector, embedding and
    /// day) to story `s`: the TF-IDF cosine with the story's centroid, mixed
    /// with the embedding cosine when both have one, plus the recency bonus.
    fn similarity(
        &self,
        vector: &[(u32, f64)],
        embedding: Option<&[f32]>,
        day: Option<i64>,
        s: usize,
    ) -> f64 {
        let story = &self.stories[s];
        let text = cosine(vector, story);
        let w = self.options.embedding_weight;
        let sim = match embedding {
            Some(e) if w > 0.0 && !story.embedding.is_empty() => {
                (1.0 - w) * text + w * embedding_cosine(e, &story.embedding)
            }
            _ => text,
        };
        let recency = match (day, self.options.recency_bonus > 0.0) {
            (Some(d), true) => story.gap(d).map_or(0.0, |gap| {
                let span = self.options.max_days.max(1) as f64;
                self.options.recency_bonus * (1.0 - gap as f64 / span).max(0.0)
            }),
            _ => 0.0,
        };
        sim + recency
    }

    /// A second look at the stories of one article, once a batch is in:
    /// an article that opened a story because no story was close enough
    /// when it came may be close enough to one that grew after it (single-
    /// pass clustering depends on the order articles come in). Each such
    /// article moves to the most similar other story above the threshold,
    /// within the days allowed; its own story is left empty. Returns the
    /// moves as (article id, from, to). Only articles `movable` accepts are
    /// looked at (a stored grouping stays as it was).
    pub fn settle(&mut self, movable: impl Fn(&str) -> bool) -> Vec<(String, usize, usize)> {
        let mut moves = Vec::new();
        let settle_threshold = self.options.settle_threshold();
        for s in 0..self.stories.len() {
            if self.stories[s].members.len() != 1 || !movable(&self.stories[s].members[0]) {
                continue;
            }
            let story = &self.stories[s];
            // One member: the centroid is its normalised vector.
            let mut vector: Vec<(u32, f64)> =
                story.centroid.iter().map(|(&k, &v)| (k, v)).collect();
            vector.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            let embedding = (!story.embedding.is_empty()).then(|| {
                let n = story
                    .embedding
                    .iter()
                    .map(|x| x * x)
                    .sum::<f32>()
                    .sqrt()
                    .max(f32::MIN_POSITIVE);
                story.embedding.iter().map(|x| x / n).collect::<Vec<f32>>()
            });
            let day = story.days.first().copied();
            let best = self
                .candidates(&vector)
                .into_iter()
                .filter(|&t| t != s && !self.stories[t].members.is_empty())
                .filter(|&t| day.is_none_or(|d| self.stories[t].near(d, self.options.max_days)))
                .map(|t| (t, self.similarity(&vector, embedding.as_deref(), day, t)))
                .filter(|&(_, sim)| sim >= settle_threshold)
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
            let Some((to, _)) = best else {
                continue;
            };
            let story = std::mem::replace(
                &mut self.stories[s],
                Story {
                    members: Vec::new(),
                    centroid: HashMap::new(),
                    norm_sq: 0.0,
                    days: Vec::new(),
                    embedding: Vec::new(),
                },
            );
            let id = story.members[0].clone();
            let target = &mut self.stories[to];
            target.members.push(id.clone());
            for (&term, &w) in &story.centroid {
                let slot = target.centroid.entry(term).or_default();
                target.norm_sq += (*slot + w) * (*slot + w) - *slot * *slot;
                *slot += w;
            }
            for d in story.days {
                let at = target.days.partition_point(|&x| x < d);
                target.days.insert(at, d);
            }
            if target.embedding.len() == story.embedding.len() {
                for (sum, x) in target.embedding.iter_mut().zip(&story.embedding) {
                    *sum += x;
                }
            }
            // The emptied story's postings stay (an empty story is never a
            // candidate); the article's probe terms now also point at `to`.
            for (term, _) in vector.iter().take(self.options.probe_terms) {
                let list = self.index.entry(*term).or_default();
                if !list.contains(&to) {
                    list.push(to);
                    if list.len() > MAX_POSTINGS {
                        list.remove(0);
                    }
                }
            }
            self.story_of.insert(id.clone(), to);
            moves.push((id, s, to));
        }
        moves
    }

    /// Puts an article into story `story` as it was decided before (a stored
    /// grouping read back), without looking for the closest story: the
    /// stories are rebuilt as they were, and later articles join them as
    /// they would have. An index past the last story opens stories up to it.
    /// Adding the same id again changes nothing.
    pub fn assign(&mut self, doc: &StoryDoc, story: usize) -> usize {
        if let Some(&known) = self.story_of.get(&doc.id) {
            return known;
        }
        if self.learn {
            self.count(doc);
        }
        let vector = self.vector(doc);
        let probes: Vec<u32> = vector
            .iter()
            .take(self.options.probe_terms)
            .map(|&(id, _)| id)
            .collect();
        self.insert(doc, story, vector, probes);
        story
    }

    fn insert(&mut self, doc: &StoryDoc, story: usize, vector: Vec<(u32, f64)>, probes: Vec<u32>) {
        let day = doc.date.and_then(|d| d.to_days());
        while self.stories.len() <= story {
            self.stories.push(Story {
                members: Vec::new(),
                centroid: HashMap::new(),
                norm_sq: 0.0,
                days: Vec::new(),
                embedding: Vec::new(),
            });
        }
        let target = &mut self.stories[story];
        target.members.push(doc.id.clone());
        for &(id, w) in &vector {
            let slot = target.centroid.entry(id).or_default();
            target.norm_sq += (*slot + w) * (*slot + w) - *slot * *slot;
            *slot += w;
        }
        if let Some(d) = day {
            let at = target.days.partition_point(|&x| x < d);
            target.days.insert(at, d);
        }
        if let Some(e) = &doc.embedding {
            if target.embedding.is_empty() {
                target.embedding = vec![0.0; e.len()];
            }
            if target.embedding.len() == e.len() {
                for (sum, x) in target.embedding.iter_mut().zip(e) {
                    *sum += x;
                }
            }
        }
        for id in probes {
            let list = self.index.entry(id).or_default();
            if !list.contains(&story) {
                list.push(story);
                // A term shared by many stories keeps only the latest: news
                // runs forward, and the look-up stays bounded.
                if list.len() > MAX_POSTINGS {
                    list.remove(0);
                }
            }
        }
        self.story_of.insert(doc.id.clone(), story);
    }

    /// The story an article is in, by its id.
    pub fn story_of(&self, id: &str) -> Option<usize> {
        self.story_of.get(id).copied()
    }

    /// Every story, in the order they opened.
    pub fn stories(&self) -> &[Story] {
        &self.stories
    }
}

/// Cosine between a unit embedding and a sum of embeddings.
fn embedding_cosine(e: &[f32], sum: &[f32]) -> f64 {
    if e.len() != sum.len() {
        return 0.0;
    }
    let norm = sum
        .iter()
        .map(|x| f64::from(*x).powi(2))
        .sum::<f64>()
        .sqrt();
    if norm == 0.0 {
        return 0.0;
    }
    e.iter()
        .zip(sum)
        .map(|(a, b)| f64::from(*a) * f64::from(*b))
        .sum::<f64>()
        / norm
}

/// Cosine between a normalised vector and a story's centroid.
fn cosine(vector: &[(u32, f64)], story: &Story) -> f64 {
    let norm = story.norm_sq.max(0.0).sqrt();
    if norm == 0.0 {
        return 0.0;
    }
    vector
        .iter()
        .filter_map(|(id, w)| story.centroid.get(id).map(|c| w * c))
        .sum::<f64>()
        / norm
}

/// The article's terms with their weights: content words (lower case, three
/// letters or more, no stop words); names (a capitalised word not opening a
/// sentence) and numbers count twice; entity ids three times.
fn terms(doc: &StoryDoc) -> Vec<(String, f64)> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    for raw in doc.text.split_whitespace() {
        let word: String = raw.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
        let ends_sentence = raw.ends_with(['.', '!', '?']);
        if word.chars().count() >= 3 || word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty()
        {
            let lower = word.to_lowercase();
            if !STOPWORDS.contains(&lower.as_str()) {
                let name = !sentence_start && word.chars().next().is_some_and(char::is_uppercase);
                let number = word.chars().any(|c| c.is_ascii_digit());
                let weight = if name || number { 2.0 } else { 1.0 };
                out.push((lower, weight));
            }
        }
        sentence_start = ends_sentence;
    }
    for entity in &doc.entities {
        out.push((format!("entity:{entity}"), 3.0));
    }
    out
}

/// Item → cluster, and cluster → items.
type Grouped<'a> = (HashMap<&'a str, &'a str>, HashMap<&'a str, Vec<&'a str>>);

fn grouped(pairs: &[(String, String)]) -> Grouped<'_> {
    let mut cluster_of: HashMap<&str, &str> = HashMap::new();
    let mut members: HashMap<&str, Vec<&str>> = HashMap::new();
    for (item, cluster) in pairs {
        cluster_of.insert(item, cluster);
        members.entry(cluster).or_default().push(item);
    }
    (cluster_of, members)
}

/// B-cubed precision, recall and F1 of a clustering against gold classes,
/// both given as (item, cluster) pairs over the same items.
pub fn b_cubed(predicted: &[(String, String)], gold: &[(String, String)]) -> (f64, f64, f64) {
    let (p_of, p_members) = grouped(predicted);
    let (g_of, g_members) = grouped(gold);
    let (mut precision, mut recall, mut n) = (0.0, 0.0, 0.0);
    for (item, gold_cluster) in &g_of {
        let Some(predicted_cluster) = p_of.get(item) else {
            continue;
        };
        let same = |a: &[&str], b: &[&str]| a.iter().filter(|x| b.contains(x)).count() as f64;
        let p = &p_members[predicted_cluster];
        let g = &g_members[gold_cluster];
        let shared = same(p, g);
        precision += shared / p.len() as f64;
        recall += shared / g.len() as f64;
        n += 1.0;
    }
    if n == 0.0 {
        return (0.0, 0.0, 0.0);
    }
    let (p, r) = (precision / n, recall / n);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An undated article with no entities or embedding.
    fn doc(id: &str, text: &str) -> StoryDoc {
        StoryDoc {
            id: id.into(),
            text: text.into(),
            entities: vec![],
            date: None,
            embedding: None,
        }
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn b_cubed_of_perfect_and_merged_clusterings() {
        let gold = pairs(&[("a", "1"), ("b", "1"), ("c", "2")]);
        assert_eq!(b_cubed(&gold, &gold), (1.0, 1.0, 1.0));
        let merged = pairs(&[("a", "x"), ("b", "x"), ("c", "x")]);
        let (p, r, _) = b_cubed(&merged, &gold);
        assert!((p - (2.0 / 3.0 * 2.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
        assert_eq!(r, 1.0);
    }

    /// A shares half its words with B and half with C; B and C share most
    /// of theirs. Alone, A is not close enough to B (0.45 < 0.48), so it
    /// opens a story; C then joins B. The story of B and C is closer to A
    /// (0.5) than B was: settling moves A there, unless A is not movable.
    #[test]
    fn settling_moves_an_early_article_into_the_story_that_grew_after_it() {
        let docs = [
            doc("a", "alpha bravo charlie delta"),
            doc("b", "alpha bravo echo foxtrot golf"),
            doc("c", "charlie delta echo foxtrot golf"),
        ];
        let options = StoryOptions {
            threshold: 0.48,
            ..StoryOptions::default()
        };
        let run = |movable: bool| {
            let mut stories = options.clone().build(docs.iter());
            for d in &docs {
                stories.add(d);
            }
            assert_ne!(stories.story_of("a"), stories.story_of("b"));
            assert_eq!(stories.story_of("b"), stories.story_of("c"));
            let moves = stories.settle(|_| movable);
            (moves, stories)
        };
        let (moves, stories) = run(true);
        assert_eq!(moves, vec![("a".to_string(), 0, 1)]);
        assert_eq!(stories.story_of("a"), stories.story_of("b"));
        assert!(stories.stories()[0].members.is_empty());
        assert_eq!(stories.stories()[1].members, ["b", "c", "a"]);
        let (moves, stories) = run(false);
        assert!(moves.is_empty());
        assert_ne!(stories.story_of("a"), stories.story_of("b"));
    }

    #[test]
    fn recency_bonus_favours_the_story_of_the_nearer_days() {
        let doc = |id: &str, day| StoryDoc {
            id: id.into(),
            text: "The council voted to close the harbour bridge for repairs.".into(),
            entities: vec![],
            date: PartialDate::ymd(2022, 7, day),
            embedding: None,
        };
        let story = Story {
            members: vec!["x".into()],
            centroid: HashMap::new(),
            norm_sq: 0.0,
            days: vec![
                PartialDate::ymd(2022, 7, 10)
                    .and_then(PartialDate::to_days)
                    .unwrap_or(0),
            ],
            embedding: Vec::new(),
        };
        assert_eq!(story.gap(story.days[0] + 3), Some(3));
        assert_eq!(story.gap(story.days[0] - 2), Some(2));
        let options = StoryOptions {
            recency_bonus: 0.1,
            ..StoryOptions::default()
        };
        let docs = [doc("a", 10), doc("b", 11), doc("c", 19)];
        let mut stories = options.build(docs.iter());
        stories.add(&docs[0]);
        let near = stories.vector(&docs[1]);
        let day = |d: &StoryDoc| d.date.and_then(PartialDate::to_days);
        let close = stories.similarity(&near, None, day(&docs[1]), 0);
        let far = stories.similarity(&near, None, day(&docs[2]), 0);
        // Same words: the one day apart gets 0.1 * (1 - 1/10), nine days 0.1 * (1 - 9/10).
        assert!((close - far - 0.08).abs() < 1e-9, "{close} {far}");
    }

    #[test]
    fn distant_dates_keep_similar_articles_apart() {
        let doc = |id: &str, date| StoryDoc {
            id: id.into(),
            text: "A strong earthquake struck Aceh province, killing twelve villagers.".into(),
            entities: vec!["IDN".into()],
            date: PartialDate::ymd(2022, 7, date),
            embedding: None,
        };
        let docs = [doc("a", 1), doc("b", 2), doc("c", 28)];
        let mut stories = StoryOptions::default().build(docs.iter());
        for d in &docs {
            stories.add(d);
        }
        assert_eq!(stories.story_of("a"), stories.story_of("b"));
        assert_ne!(stories.story_of("a"), stories.story_of("c"));
        // Adding an article again changes nothing.
        let before = stories.stories().len();
        stories.add(&docs[0]);
        assert_eq!(stories.stories().len(), before);
        assert_eq!(stories.stories()[0].members.len(), 2);
    }

    #[test]
    fn assigned_stories_take_later_articles_as_added_ones_do() {
        let docs = [
            doc(
                "a",
                "A strong earthquake struck Aceh province, killing twelve villagers.",
            ),
            doc(
                "b",
                "The central bank raised interest rates by half a point on Thursday.",
            ),
            doc(
                "c",
                "Twelve villagers died when a strong earthquake hit Aceh province.",
            ),
        ];
        let mut added = StoryOptions::default().build(docs.iter());
        for d in &docs {
            added.add(d);
        }
        // Rebuilt from the first two as they were grouped, the third joins
        // the same story.
        let mut rebuilt = StoryOptions::default().build(docs.iter());
        rebuilt.assign(&docs[0], added.story_of("a").unwrap());
        rebuilt.assign(&docs[1], added.story_of("b").unwrap());
        assert_eq!(rebuilt.add(&docs[2]), added.story_of("c").unwrap());
        assert_eq!(added.story_of("a"), added.story_of("c"));
        // Assigning a known article again changes nothing.
        assert_eq!(rebuilt.assign(&docs[0], 7), added.story_of("a").unwrap());
        assert_eq!(rebuilt.stories().len(), 2);
    }

    #[test]
    fn embeddings_join_what_words_alone_keep_apart() {
        let doc = |id: &str, text: &str, e: [f32; 2]| StoryDoc {
            id: id.into(),
            text: text.into(),
            entities: vec![],
            date: None,
            embedding: Some(e.to_vec()),
        };
        // Few shared words, the same meaning (and one shared name, so the
        // look-up finds the story).
        let docs = [
            doc(
                "a",
                "Aceh: powerful quake flattens mountain villages, rescuers dig survivors out",
                [1.0, 0.0],
            ),
            doc(
                "b",
                "Aceh: violent tremor levels remote hamlets, dozens perish overnight",
                [1.0, 0.0],
            ),
            doc(
                "c",
                "Aceh: local football club clinches league championship trophy again",
                [0.0, 1.0],
            ),
        ];
        // As a run clusters: each article added, then the lone ones settled.
        let run = |options: StoryOptions| {
            let mut stories = options.build(docs.iter());
            for d in &docs {
                stories.add(d);
            }
            stories.settle(|_| true);
            (
                stories.story_of("a"),
                stories.story_of("b"),
                stories.story_of("c"),
            )
        };
        let (a, b, _) = run(StoryOptions::default());
        assert_ne!(a, b, "words alone");
        let (a, b, c) = run(StoryOptions::with_embeddings());
        assert_eq!(a, b, "with embeddings");
        assert_ne!(a, c);
    }

    #[test]
    fn any_text_adds_without_panic() {
        let mut stories = StoryOptions::default().build([]);
        for text in [
            "",
            " ",
            "é",
            "1 2 3",
            "\u{0}\u{feff}",
            "Ünïcödé Wörds Ärë Fïnë.",
        ] {
            stories.add(&StoryDoc {
                id: text.into(),
                text: text.into(),
                entities: vec![],
                date: None,
                embedding: None,
            });
        }
    }
}
