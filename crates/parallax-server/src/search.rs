//! Full-text search over the snapshot's articles and quotes (tantivy, in
//! memory), with facets: the kind of hit (article or quote), outlet,
//! outlet kind, country and language.
//!
//! The index holds ids and the words to match, not the texts: a hit's
//! snippet is cut from the snapshot's own text, so what is shown is what
//! the article says, with the matched words marked.

use std::collections::BTreeMap;

use tantivy::collector::{Count, FacetCollector, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, Occur, Query, QueryParser, TermQuery};
use tantivy::schema::Facet;
use tantivy::schema::{
    FacetOptions, Field, IndexRecordOption, STORED, STRING, Schema, TEXT, TantivyDocument, Value,
};
use tantivy::snippet::SnippetGenerator;
use tantivy::{Index, IndexReader, Term};

use crate::Snapshot;

/// The facets, in the order the API lists them.
pub(crate) const FACETS: [&str; 5] = ["type", "outlet", "kind", "country", "language"];

/// Longest query read; the rest is cut (untrusted input).
const MAX_QUERY: usize = 500;

#[derive(Clone, Copy)]
struct Fields {
    /// "article" or "quote".
    hit: Field,
    article: Field,
    /// The quote's index in its article's quotes.
    quote: Field,
    title: Field,
    text: Field,
    speaker: Field,
    facets: Field,
}

/// The index of one snapshot.
pub(crate) struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
}

/// A search as the API and the page ask it.
#[derive(Debug, Default)]
pub(crate) struct SearchRequest {
    pub(crate) q: String,
    /// Facet filters: (facet, value), all of which a hit must have.
    pub(crate) filters: Vec<(&'static str, String)>,
    pub(crate) limit: usize,
    pub(crate) offset: usize,
}

/// One hit.
#[derive(Debug)]
pub(crate) struct Hit {
    /// "article" or "quote".
    pub(crate) hit: String,
    pub(crate) article: String,
    /// For a quote hit, its index among the article's quotes.
    pub(crate) quote: Option<usize>,
    pub(crate) score: f32,
    /// The text the snippet is cut from is the article's text (or the
    /// quote's words); `snippet` is a passage of it and `marks` the byte
    /// ranges, within `snippet`, of the matched words.
    pub(crate) snippet: String,
    pub(crate) marks: Vec<[usize; 2]>,
}

/// What a search found.
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) total: usize,
    pub(crate) hits: Vec<Hit>,
    /// Per facet, each value with its number of hits.
    pub(crate) facets: BTreeMap<&'static str, Vec<(String, u64)>>,
    /// Parts of the query that were not understood and were left out.
    pub(crate) ignored: Vec<String>,
}

fn facet(name: &str, value: &str) -> Facet {
    Facet::from_path([name, value])
}

impl SearchIndex {
    /// Indexes every article of `snapshot` and every quote of them.
    pub(crate) fn build(snapshot: &Snapshot) -> tantivy::Result<SearchIndex> {
        let mut schema = Schema::builder();
        let fields = Fields {
            hit: schema.add_text_field("hit", STRING | STORED),
            article: schema.add_text_field("article", STRING | STORED),
            quote: schema.add_u64_field("quote", STORED),
            title: schema.add_text_field("title", TEXT),
            text: schema.add_text_field("text", TEXT),
            speaker: schema.add_text_field("speaker", TEXT),
            facets: schema.add_facet_field("facets", FacetOptions::default()),
        };
        let index = Index::create_in_ram(schema.build());
        // One indexing thread, 50 MB of buffer: the index is rebuilt whole
        // when the store changes, and must not take both cores from the
        // requests being answered meanwhile.
        let mut writer: tantivy::IndexWriter = index.writer_with_num_threads(1, 50_000_000)?;
        for article in &snapshot.articles {
            let mut common = TantivyDocument::default();
            common.add_text(fields.article, &article.id);
            common.add_facet(fields.facets, facet("outlet", &article.outlet));
            if let Some(kind) = &article.outlet_kind {
                common.add_facet(fields.facets, facet("kind", kind));
            }
            if let Some(country) = &article.country {
                common.add_facet(fields.facets, facet("country", country));
            }
            if let Some(language) = &article.language {
                common.add_facet(fields.facets, facet("language", language));
            }
            let mut doc = common.clone();
            doc.add_text(fields.hit, "article");
            doc.add_facet(fields.facets, facet("type", "article"));
            doc.add_text(fields.title, &article.title);
            doc.add_text(fields.text, &article.text);
            writer.add_document(doc)?;
            for (i, quote) in article.quotes.iter().enumerate() {
                let mut doc = common.clone();
                doc.add_text(fields.hit, "quote");
                doc.add_facet(fields.facets, facet("type", "quote"));
                doc.add_u64(fields.quote, i as u64);
                doc.add_text(fields.text, &quote.content);
                let speaker = [quote.source.as_deref(), quote.speaker.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                doc.add_text(fields.speaker, &speaker);
                writer.add_document(doc)?;
            }
        }
        writer.commit()?;
        let reader = index.reader()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
        })
    }

    /// Runs `request`. A query the parser does not fully understand is run
    /// on what it understood, the rest named in `ignored`.
    pub(crate) fn search(
        &self,
        snapshot: &crate::live::Current,
        request: &SearchRequest,
    ) -> tantivy::Result<Found> {
        let f = self.fields;
        let searcher = self.reader.searcher();
        let mut q = request.q.trim();
        if q.len() > MAX_QUERY {
            let mut end = MAX_QUERY;
            while !q.is_char_boundary(end) {
                end -= 1;
            }
            q = &q[..end];
        }
        let mut parser = QueryParser::for_index(&self.index, vec![f.title, f.text, f.speaker]);
        parser.set_field_boost(f.title, 2.0);
        let (text_query, ignored): (Box<dyn Query>, Vec<String>) = if q.is_empty() {
            (Box::new(AllQuery), Vec::new())
        } else {
            let (query, errors) = parser.parse_query_lenient(q);
            (query, errors.iter().map(ToString::to_string).collect())
        };
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, text_query.box_clone())];
        for (name, value) in &request.filters {
            clauses.push((
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_facet(f.facets, &facet(name, value)),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query = BooleanQuery::new(clauses);
        let mut facet_collector = FacetCollector::for_field("facets");
        for name in FACETS {
            facet_collector.add_facet(Facet::from_path([name]));
        }
        let limit = request.limit.clamp(1, 100);
        let (top, total, counts) = searcher.search(
            &query,
            &(
                TopDocs::with_limit(limit).and_offset(request.offset.min(10_000)),
                Count,
                facet_collector,
            ),
        )?;
        let mut facets = BTreeMap::new();
        for name in FACETS {
            let values: Vec<(String, u64)> = counts
                .get(&format!("/{name}"))
                .map(|(facet, n)| {
                    let value = facet
                        .to_path()
                        .last()
                        .map_or_else(String::new, |v| (*v).to_string());
                    (value, n)
                })
                .collect();
            facets.insert(name, values);
        }
        let mut generator = SnippetGenerator::create(&searcher, &*text_query, f.text)?;
        generator.set_max_num_chars(240);
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text_of = |field: Field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string()
            };
            let article = text_of(f.article);
            let hit = text_of(f.hit);
            let quote = doc
                .get_first(f.quote)
                .and_then(|v| v.as_u64())
                .map(|q| q as usize);
            let Some(entry) = snapshot.article(&article) else {
                continue;
            };
            let source = match quote {
                Some(i) => entry.quotes.get(i).map_or("", |q| q.content.as_str()),
                None => entry.text.as_str(),
            };
            let snippet = generator.snippet(source);
            let (snippet, marks) = if snippet.fragment().is_empty() {
                // No word of the query in the text (a facet-only search, or a
                // match in the title or speaker): the opening words instead.
                (crate::pages::excerpt(source, 240), Vec::new())
            } else {
                (
                    snippet.fragment().to_string(),
                    snippet
                        .highlighted()
                        .iter()
                        .map(|r| [r.start, r.end])
                        .collect(),
                )
            };
            hits.push(Hit {
                hit,
                article,
                quote,
                score,
                snippet,
                marks,
            });
        }
        Ok(Found {
            total,
            hits,
            facets,
            ignored,
        })
    }
}
