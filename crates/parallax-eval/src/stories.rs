//! `parallax eval stories`: story clustering against ECB+ (documents grouped
//! by the seminal event they report; every topic holds two similar events)
//! and BASIL (Fox, NYT and HuffPost reports of one story, in triplets).
//!
//! The similarity threshold is chosen on ECB+'s train split and measured on
//! its dev split; BASIL is measured at that same threshold.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use parallax_annotate::{AnnotateContext, AnnotateOptions, Annotator};
use parallax_stories::{StoryDoc, StoryOptions, b_cubed};

use crate::Table;
use crate::data::read_maybe_gz;

/// Documents and their gold (document, cluster) pairs.
type Labelled = (Vec<StoryDoc>, Vec<(String, String)>);

/// A split's documents, their gold event clusters and their gold topics.
type Split = (Vec<StoryDoc>, Vec<(String, String)>, Vec<(String, String)>);

/// One ECB+ document: its name, gold event cluster, split and text.
struct EcbDoc {
    name: String,
    subtopic: String,
    topic: String,
    split: String,
    text: String,
}

/// The words of an ECB+ XML document, in order (its `<token>` elements).
fn ecb_text(xml: &str) -> String {
    let mut out = String::with_capacity(xml.len() / 3);
    let mut rest = xml;
    while let Some(open) = rest.find("<token") {
        let Some(gt) = rest[open..].find('>') else {
            break;
        };
        let body = &rest[open + gt + 1..];
        let Some(close) = body.find("</token>") else {
            break;
        };
        let word = body[..close]
            .replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
        rest = &body[close..];
    }
    out
}

fn ecb_docs(data: &Path) -> std::io::Result<Vec<EcbDoc>> {
    let dir = data.join("ecbplus-dev");
    let table = std::fs::read_to_string(dir.join("doc_clusters.tsv"))?;
    let mut out = Vec::new();
    for line in table.lines().skip(1) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [name, topic, subtopic, split] = fields[..] else {
            continue;
        };
        let path = dir.join("ECB+").join(topic).join(format!("{name}.gz"));
        let Ok(bytes) = read_maybe_gz(&path) else {
            continue;
        };
        out.push(EcbDoc {
            name: name.to_string(),
            subtopic: subtopic.to_string(),
            topic: topic.to_string(),
            split: split.to_string(),
            text: ecb_text(&String::from_utf8_lossy(&bytes)),
        });
    }
    Ok(out)
}

/// The story stage's view of a text: the text and its entity ids.
fn story_doc(annotator: &Annotator, id: &str, text: &str) -> StoryDoc {
    let annotations = annotator.annotate(text, &AnnotateContext { date: None });
    StoryDoc {
        id: id.to_string(),
        text: text.to_string(),
        entities: annotations
            .entities
            .iter()
            .filter(|e| !e.id.starts_with("collective:"))
            .map(|e| e.id.clone())
            .collect(),
        date: None,
        embedding: None,
    }
}

/// Gives every document the embedding of its lead.
#[cfg(feature = "embed")]
fn embed_all(embedder: &parallax_embed::Embedder, docs: &mut [StoryDoc]) -> std::io::Result<()> {
    let leads: Vec<String> = docs
        .iter()
        .map(|d| parallax_stories::lead(&d.text))
        .collect();
    let refs: Vec<&str> = leads.iter().map(String::as_str).collect();
    let vectors = embedder.embed(&refs).map_err(std::io::Error::other)?;
    for (d, v) in docs.iter_mut().zip(vectors) {
        d.embedding = Some(v);
    }
    Ok(())
}

/// Clusters `docs` (in order) with `options`, then settles the stories of
/// one article ([`parallax_stories::Stories::settle`]); (doc, story) pairs.
fn cluster_with(docs: &[StoryDoc], options: StoryOptions) -> Vec<(String, String)> {
    let mut stories = options.build(docs.iter());
    for d in docs {
        stories.add(d);
    }
    stories.settle(|_| true);
    docs.iter()
        .map(|d| {
            (
                d.id.clone(),
                stories.story_of(&d.id).unwrap_or(usize::MAX).to_string(),
            )
        })
        .collect()
}

/// B³ of ECB+ dev (and train, where the threshold is chosen), and BASIL's
/// purity and inverse purity.
pub fn evaluate(data: &Path) -> std::io::Result<Table> {
    let annotator = AnnotateOptions::default().build();
    let all = ecb_docs(data)?;
    let split = |name: &str| -> Split {
        let docs: Vec<&EcbDoc> = all.iter().filter(|d| d.split == name).collect();
        (
            docs.iter()
                .map(|d| story_doc(&annotator, &d.name, &d.text))
                .collect(),
            docs.iter()
                .map(|d| (d.name.clone(), d.subtopic.clone()))
                .collect(),
            docs.iter()
                .map(|d| (d.name.clone(), d.topic.clone()))
                .collect(),
        )
    };
    let (train, train_gold, _) = split("train");
    let (dev, dev_gold, dev_topics) = split("dev");
    // The threshold, look-up width and settling threshold with the best B³
    // F1 on train (the first of equals: the narrower look-up, the lower
    // threshold, the settling threshold nearest it). Scored in parallel.
    let mut settings = Vec::new();
    for probe in [12usize, 20, 30, 40] {
        for i in 4..=30 {
            for below in 0..=4 {
                let threshold = f64::from(i) * 0.02;
                settings.push(StoryOptions {
                    threshold,
                    probe_terms: probe,
                    settle_below: f64::from(below) * 0.04,
                    ..StoryOptions::default()
                });
            }
        }
    }
    let scores: Vec<f64> = {
        use rayon::prelude::*;
        settings
            .par_iter()
            .map(|o| b_cubed(&cluster_with(&train, o.clone()), &train_gold).2)
            .collect()
    };
    let mut best = StoryOptions::default();
    let mut train_f1 = -1.0;
    for (setting, f) in settings.into_iter().zip(scores) {
        if f > train_f1 + 1e-9 {
            (best, train_f1) = (setting, f);
        }
    }
    let (threshold, probe) = (best.threshold, best.probe_terms);
    let settle = best.settle_threshold();
    let (p, r, f) = b_cubed(&cluster_with(&dev, best.clone()), &dev_gold);
    let f3 = |x: f64| format!("{x:.3}");
    let mut rows = vec![vec![
        format!(
            "ECB+ dev, threshold {threshold:.2}, settling {settle:.2}, {probe} look-up terms (chosen on train, F1 {train_f1:.3})"
        ),
        dev.len().to_string(),
        f3(p),
        f3(r),
        f3(f),
    ]];
    // Reference points: one cluster per topic (knowing the topics), and
    // every document alone.
    let (tp, tr, tf) = b_cubed(&dev_topics, &dev_gold);
    rows.push(vec![
        "reference: one cluster per gold topic".into(),
        dev.len().to_string(),
        f3(tp),
        f3(tr),
        f3(tf),
    ]);
    let singletons: Vec<(String, String)> = dev_gold
        .iter()
        .map(|(d, _)| (d.clone(), d.clone()))
        .collect();
    let (sp, sr, sf) = b_cubed(&singletons, &dev_gold);
    rows.push(vec![
        "reference: every document alone".into(),
        dev.len().to_string(),
        f3(sp),
        f3(sr),
        f3(sf),
    ]);
    // BASIL read once: its documents with their triplets, and their titles
    // (for naming the stories that differ from the triplets).
    let (basil_docs, basil_titles) = match basil_docs(data, &annotator) {
        Ok((docs, titles)) => (Ok(docs), titles),
        Err(e) => (Err(e), BTreeMap::new()),
    };
    let mut notes_words = Vec::new();
    if let Ok((docs, gold)) = &basil_docs {
        let predicted = cluster_with(docs, best.clone());
        notes_words = basil_mistakes(&basil_titles, "BASIL, words alone", &predicted, gold);
        rows.push(basil_row(docs, gold, predicted, "BASIL"));
    }
    // With sentence embeddings of each lead (all-MiniLM-L6-v2, when
    // PARALLAX_MODEL_DIR names its folder and the `embed` feature is built):
    // the weight and threshold are chosen as above, then dev and BASIL are
    // measured.
    let mut notes_extra = notes_words;
    #[cfg(not(feature = "embed"))]
    {
        let _ = basil_docs;
        notes_extra.push(
            "Embeddings: this build has no embedding support (parallax-cli --features embed) — rows with embeddings left out.".to_string(),
        );
    }
    #[cfg(feature = "embed")]
    match parallax_embed::model_dir_from_env().map(|d| parallax_embed::Embedder::load(&d)) {
        Some(Ok(embedder)) => {
            let (mut train, mut dev) = (train, dev);
            embed_all(&embedder, &mut train)?;
            embed_all(&embedder, &mut dev)?;
            // BASIL's first five years (2010-2014) join ECB+ train in the
            // choice; its last five are measured apart, as held out.
            let mut basil = match basil_docs {
                Ok((mut docs, gold)) => {
                    embed_all(&embedder, &mut docs)?;
                    Some((docs, gold))
                }
                Err(_) => None,
            };
            let early = |id: &str| (2010..=2014).any(|y| id.contains(&format!("/{y}/")));
            let half = |docs: &[StoryDoc], gold: &[(String, String)], keep: bool| {
                let docs: Vec<StoryDoc> =
                    docs.iter().filter(|d| early(&d.id) == keep).cloned().collect();
                let gold: Vec<(String, String)> =
                    gold.iter().filter(|(d, _)| early(d) == keep).cloned().collect();
                (docs, gold)
            };
            let basil_train = basil.as_ref().map(|(d, g)| half(d, g, true));
            // The grid: weight × threshold × recency bonus × how far below
            // the threshold the settling pass may take a lone article
            // (`settle_below`, steps of 0.04; 0 is the threshold
            // itself). 2026-12-07, on the wider grid (weights 0.3-0.6,
            // thresholds 0.16-0.60, bonus 0, 0.05 and 0.1): the best was
            // weight 0.3, threshold 0.38, settling 0.30, bonus 0; every
            // earlier choice lay inside this narrower grid too, which keeps
            // the run short. (0.7 and 0.8 were tried on 2026-12-03 and lost
            // on both sets.) Scored in parallel; the first of equals in grid
            // order wins, as a sequential scan would pick.
            let mut grid = Vec::new();
            for w in [0.3, 0.4, 0.5, 0.6] {
                for i in 12..=28 {
                    for bonus in [0.0, 0.05] {
                        for below in 0..=4 {
                            let threshold = f64::from(i) * 0.02;
                            grid.push(StoryOptions {
                                threshold,
                                embedding_weight: w,
                                recency_bonus: bonus,
                                probe_terms: probe,
                                settle_below: f64::from(below) * 0.04,
                                ..StoryOptions::default()
                            });
                        }
                    }
                }
            }
            let scores: Vec<(f64, f64)> = {
                use rayon::prelude::*;
                grid.par_iter()
                    .map(|options| {
                        let ecb = b_cubed(&cluster_with(&train, options.clone()), &train_gold).2;
                        let basil_f = basil_train.as_ref().map_or(ecb, |(d, g)| {
                            purity(&cluster_with(d, options.clone()), g).2
                        });
                        (ecb, basil_f)
                    })
                    .collect()
            };
            let mut best_e = StoryOptions::with_embeddings();
            let mut best_f = -1.0;
            let mut best_parts = (0.0, 0.0);
            for (options, (ecb, basil_f)) in grid.into_iter().zip(scores) {
                let f = (ecb + basil_f) / 2.0;
                if f > best_f + 1e-9 {
                    (best_e, best_f, best_parts) = (options, f, (ecb, basil_f));
                }
            }
            let (p, r, f) = b_cubed(&cluster_with(&dev, best_e.clone()), &dev_gold);
            rows.push(vec![
                format!(
                    "ECB+ dev with embeddings, weight {:.1}, threshold {:.2}, settling {:.2}, recency bonus {:.2} (chosen on ECB+ train F1 {:.3} and BASIL 2010-14 F1 {:.3})",
                    best_e.embedding_weight, best_e.threshold, best_e.settle_threshold(), best_e.recency_bonus, best_parts.0, best_parts.1
                ),
                dev.len().to_string(),
                f3(p),
                f3(r),
                f3(f),
            ]);
            if let Some((docs, gold)) = basil.take() {
                let (late_docs, late_gold) = half(&docs, &gold, false);
                let late = cluster_with(&late_docs, best_e.clone());
                rows.push(basil_row(
                    &late_docs,
                    &late_gold,
                    late,
                    "BASIL 2015-19 with embeddings, held out",
                ));
                let predicted = cluster_with(&docs, best_e.clone());
                notes_extra.extend(basil_mistakes(
                    &basil_titles,
                    "BASIL with embeddings, all",
                    &predicted,
                    &gold,
                ));
                rows.push(basil_row(&docs, &gold, predicted, "BASIL with embeddings, all"));
            }
            notes_extra.push(format!(
                "Embeddings: all-MiniLM-L6-v2 from {}, of each document's first 100 words; shipped defaults (StoryOptions::with_embeddings): weight {EMBED_W}, threshold {EMBED_T}, settling {EMBED_S}, recency bonus {EMBED_R}. Every clustering here ends with the settling pass (Stories::settle).",
                embedder.dir.display(),
                EMBED_W = StoryOptions::with_embeddings().embedding_weight,
                EMBED_T = StoryOptions::with_embeddings().threshold,
                EMBED_S = StoryOptions::with_embeddings().settle_threshold(),
                EMBED_R = StoryOptions::with_embeddings().recency_bonus,
            ));
        }
        Some(Err(e)) => notes_extra.push(format!("Embeddings: the model could not be loaded ({e}).")),
        None => notes_extra.push(
            "Embeddings: no model (set PARALLAX_MODEL_DIR to the folder of all-MiniLM-L6-v2) — rows with embeddings left out.".into(),
        ),
    }
    Ok(Table {
        title: "Stories: documents about the same event".into(),
        header: vec![
            "set".into(),
            "documents".into(),
            "B³ P / purity".into(),
            "B³ R / inverse purity".into(),
            "B³ F1".into(),
        ],
        rows,
        notes: vec![
            "ECB+: gold clusters are the subtopics (each topic holds two similar seminal events, e.g. two earthquakes); documents are added one by one in file order, as a run would add them. Issue 5's target is B³ F1 0.85 on dev. Entity ids come from parallax's language layer; ECB+ has no publication dates, so the date rule is idle here.".into(),
            "BASIL: 100 stories, each reported by Fox News, the New York Times and HuffPost; purity and inverse purity of the stories found, at the settings chosen on ECB+ train, with BASIL's publication dates.".into(),
        ]
        .into_iter()
        .chain(notes_extra)
        .collect(),
    })
}

/// BASIL's 300 articles (with their dates) and their triplets, and each
/// article's title by its id.
fn basil_docs(
    data: &Path,
    annotator: &Annotator,
) -> std::io::Result<(Labelled, BTreeMap<String, String>)> {
    let mut docs = Vec::new();
    let mut gold = Vec::new();
    let mut titles = BTreeMap::new();
    for article in crate::data::basil_articles(data)? {
        let id = article.path.display().to_string();
        let mut doc = story_doc(annotator, &id, &article.text());
        doc.date = article.date;
        docs.push(doc);
        gold.push((id.clone(), article.triplet));
        titles.insert(id, article.title);
    }
    Ok(((docs, gold), titles))
}

/// Purity and inverse purity of BASIL's stories against the triplets, as a
/// table row.
fn basil_row(
    docs: &[StoryDoc],
    gold: &[(String, String)],
    predicted: Vec<(String, String)>,
    name: &str,
) -> Vec<String> {
    let (purity, inverse, f) = purity(&predicted, gold);
    let stories = predicted
        .iter()
        .map(|(_, s)| s.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    vec![
        format!(
            "{name} ({} triplets; {stories} stories found)",
            gold.iter()
                .map(|(_, t)| t)
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        ),
        docs.len().to_string(),
        format!("{purity:.3}"),
        format!("{inverse:.3}"),
        format!("{f:.3}"),
    ]
}

/// Where BASIL's stories differ from its triplets, in words: each story
/// holding articles of several triplets, each triplet spread over several
/// stories (by the articles' titles).
fn basil_mistakes(
    title: &BTreeMap<String, String>,
    label: &str,
    predicted: &[(String, String)],
    gold: &[(String, String)],
) -> Vec<String> {
    let gold_of: BTreeMap<&str, &str> =
        gold.iter().map(|(d, g)| (d.as_str(), g.as_str())).collect();
    let name = |doc: &str| title.get(doc).map_or(doc, String::as_str).to_string();
    let mut by_story: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut by_triplet: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (doc, story) in predicted {
        by_story.entry(story).or_default().push(doc);
        if let Some(t) = gold_of.get(doc.as_str()) {
            by_triplet.entry(t).or_default().insert(story);
        }
    }
    let mut out = Vec::new();
    for docs in by_story.values() {
        let triplets: BTreeSet<&str> = docs
            .iter()
            .filter_map(|d| gold_of.get(d).copied())
            .collect();
        if triplets.len() > 1 {
            let titles: Vec<String> = docs.iter().map(|d| format!("\"{}\"", name(d))).collect();
            out.push(format!(
                "{label}: one story holds {} triplets: {}",
                triplets.len(),
                titles.join(", ")
            ));
        }
    }
    for (triplet, stories) in &by_triplet {
        if stories.len() > 1 {
            let parts: Vec<String> = stories
                .iter()
                .map(|s| {
                    let docs: Vec<String> = by_story[s]
                        .iter()
                        .filter(|d| gold_of.get(*d) == Some(triplet))
                        .map(|d| format!("\"{}\"", name(d)))
                        .collect();
                    format!("[{}]", docs.join(", "))
                })
                .collect();
            out.push(format!(
                "{label}: one triplet split over {} stories: {}",
                stories.len(),
                parts.join(" / ")
            ));
        }
    }
    out
}

/// Purity (each found story's largest gold class), inverse purity (each
/// gold class's largest found story) and their harmonic mean.
fn purity(predicted: &[(String, String)], gold: &[(String, String)]) -> (f64, f64, f64) {
    let gold_of: BTreeMap<&str, &str> =
        gold.iter().map(|(d, g)| (d.as_str(), g.as_str())).collect();
    let found_of: BTreeMap<&str, &str> = predicted
        .iter()
        .map(|(d, s)| (d.as_str(), s.as_str()))
        .collect();
    let majority = |of: &BTreeMap<&str, &str>, other: &BTreeMap<&str, &str>| {
        let mut table: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
        for (doc, cluster) in of {
            if let Some(o) = other.get(doc) {
                *table.entry(cluster).or_default().entry(o).or_default() += 1;
            }
        }
        let best: usize = table
            .values()
            .map(|counts| counts.values().copied().max().unwrap_or(0))
            .sum();
        best as f64 / of.len().max(1) as f64
    };
    let p = majority(&found_of, &gold_of);
    let r = majority(&gold_of, &found_of);
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// The sentences of ECB+'s documents, for synthetic articles.
pub(crate) fn sentence_pool(data: &Path) -> std::io::Result<Vec<String>> {
    Ok(ecb_docs(data)?
        .iter()
        .flat_map(|d| {
            d.text
                .split(" . ")
                .filter(|s| s.split_whitespace().count() >= 6)
                .map(|s| format!("{s}."))
                .collect::<Vec<_>>()
        })
        .collect())
}

/// A small deterministic generator (SplitMix64) for the synthetic corpus.
pub(crate) struct Mix(pub(crate) u64);

impl Mix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// `n` synthetic articles, five per story: each story has its own invented
/// names and a core of real ECB+ sentences, each article some of the core
/// and some sentences drawn from the whole pool, and a date within three
/// days of the story's (stories spread over two years).
fn synthetic(pool: &[String], n: usize) -> Vec<(StoryDoc, usize)> {
    let mut rng = Mix(n as u64);
    let syllables = [
        "ka", "ro", "vin", "tal", "mer", "sud", "eno", "bar", "lix", "ot", "gra", "pel",
    ];
    let name = |rng: &mut Mix| -> String {
        let word: String = (0..3)
            .map(|_| syllables[rng.below(syllables.len())])
            .collect();
        let mut chars = word.chars();
        chars
            .next()
            .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
            .unwrap_or_default()
    };
    let mut out = Vec::with_capacity(n);
    let stories = n.div_ceil(5);
    for story in 0..stories {
        let names = [name(&mut rng), name(&mut rng)];
        let core: Vec<&String> = (0..5).map(|_| &pool[rng.below(pool.len())]).collect();
        // Stories spread over two years, as a news archive's are.
        let offset = (story * 730 / stories.max(1)) as i64;
        for k in 0..5 {
            if out.len() == n {
                break;
            }
            let mut sentences: Vec<String> = Vec::new();
            for s in &core {
                if rng.below(4) != 0 {
                    sentences.push(format!("{} {s}", names[rng.below(2)]));
                }
            }
            sentences.extend((0..4).map(|_| pool[rng.below(pool.len())].clone()));
            out.push((
                StoryDoc {
                    id: format!("s{story}-{k}"),
                    text: sentences.join(" "),
                    entities: vec![],
                    date: day_after(offset + rng.below(3) as i64),
                    embedding: None,
                },
                story,
            ));
        }
    }
    out
}

/// The day `offset` days after 2021-01-01.
fn day_after(offset: i64) -> Option<parallax_core::PartialDate> {
    let mut date = parallax_core::PartialDate::ymd(2021, 1, 1)?;
    for _ in 0..offset {
        let (y, m, d) = (date.year, date.month?, date.day?);
        date = parallax_core::PartialDate::ymd(y, m, d + 1)
            .or_else(|| parallax_core::PartialDate::ymd(y, m + 1, 1))
            .or_else(|| parallax_core::PartialDate::ymd(y + 1, 1, 1))?;
    }
    Some(date)
}

/// `parallax bench stories`: time and peak memory of clustering 10,000,
/// 30,000 and 100,000 synthetic-plus-real articles, added one by one with
/// weights learnt as they come; B³ against the synthetic stories; the
/// log-log slope of time against size.
pub fn bench(data: &Path) -> std::io::Result<Table> {
    let pool = sentence_pool(data)?;
    if pool.is_empty() {
        return Err(std::io::Error::other(
            "no ECB+ sentences to build articles from",
        ));
    }
    let mut rows = Vec::new();
    let mut timings = Vec::new();
    for n in [10_000usize, 30_000, 100_000] {
        let docs = synthetic(&pool, n);
        let started = std::time::Instant::now();
        let mut stories = StoryOptions::default().build([]);
        for (d, _) in &docs {
            stories.add(d);
        }
        stories.settle(|_| true);
        let seconds = started.elapsed().as_secs_f64();
        let predicted: Vec<(String, String)> = docs
            .iter()
            .map(|(d, _)| {
                let story = stories.story_of(&d.id).unwrap_or(usize::MAX);
                (d.id.clone(), story.to_string())
            })
            .collect();
        timings.push((n as f64, seconds));
        let gold: Vec<(String, String)> = docs
            .iter()
            .map(|(d, s)| (d.id.clone(), s.to_string()))
            .collect();
        let (_, _, f) = b_cubed(&predicted, &gold);
        let mut row = crate::bench::size_cells(n, seconds);
        row.extend([
            stories
                .stories()
                .iter()
                .filter(|s| !s.members.is_empty())
                .count()
                .to_string(),
            format!("{f:.3}"),
        ]);
        rows.push(row);
    }
    let scaling = crate::bench::scaling_note(&timings, "articles");
    Ok(Table {
        title: "Story clustering at scale (single thread)".into(),
        header: vec![
            "articles".into(),
            "seconds".into(),
            "articles/s".into(),
            "peak RSS MiB".into(),
            "stories".into(),
            "B³ F1".into(),
        ],
        rows,
        notes: vec![
            scaling,
            "Articles: five per synthetic story, each a story's invented names on some of its core of real ECB+ sentences plus four sentences drawn from all of ECB+; weights learnt as articles arrive (no corpus pass); the time includes the settling pass over stories of one article at the end. Peak RSS is the process's high-water mark so far.".into(),
        ],
    })
}
