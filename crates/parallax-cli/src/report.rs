//! `parallax report`: each story of the run compared across its articles,
//! as terminal text, Markdown, JSON or self-contained HTML (coverage
//! matrix, SVG timeline and copy graph). Everything put into HTML is
//! escaped.

use std::fmt::Write as _;

use parallax_pipeline::parallax_compare::{
    Comparison, ContradictionKind, Fact, Relation, RoleResolution,
};
use parallax_pipeline::{Extracted, RunReport, RunStory};

use crate::render::{escape_html, run_summary};

/// A story of the run with its comparison.
pub(crate) struct StoryReport<'a> {
    pub(crate) story: &'a RunStory,
    pub(crate) comparison: Comparison,
}

/// "5 articles, 4 outlets, 3 independent origins".
pub(crate) fn counts(articles: &[Extracted], story: &RunStory) -> String {
    let outlets: std::collections::BTreeSet<String> = story
        .members
        .iter()
        .map(|&i| crate::render::outlet_label(articles[i].article.meta.outlet.as_ref()))
        .collect();
    format!(
        "{} articles, {} outlets, {} independent origins",
        story.members.len(),
        outlets.len(),
        story.origins.len()
    )
}

fn why(story: &RunStory) -> String {
    let mut parts = Vec::new();
    if !story.why.shared.is_empty() {
        parts.push(format!(
            "they name {}",
            story
                .why
                .shared
                .iter()
                .map(|(n, k)| format!("{n} ({k})"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some((event, n)) = &story.why.event {
        parts.push(format!("{n} report {event}"));
    }
    if let Some((a, b)) = story.why.dates {
        parts.push(format!("dated {a} to {b}"));
    }
    parts.join("; ")
}

/// The mark of an article in a fact's row of the coverage matrix.
fn cell(fact: &Fact, doc: usize) -> &'static str {
    let mentions: Vec<Relation> = fact
        .mentions
        .iter()
        .filter(|m| m.doc == doc)
        .map(|m| m.relation)
        .collect();
    if mentions.is_empty() {
        "·"
    } else if mentions.contains(&Relation::Conflicting) {
        "✗"
    } else if mentions.iter().all(|r| *r == Relation::Attributed) {
        "◐"
    } else {
        "●"
    }
}

const LEGEND: &str =
    "● reports it · ◐ only as someone's claim · ✗ gives a conflicting date · · leaves it out";

fn kind_label(kind: ContradictionKind) -> &'static str {
    match kind {
        ContradictionKind::Date => "date",
        ContradictionKind::Count => "count",
        ContradictionKind::Attribute => "attribute",
        ContradictionKind::Number => "number",
    }
}

fn doc_name(c: &Comparison, doc: usize) -> String {
    c.documents.get(doc).map_or_else(
        || doc.to_string(),
        |d| match &d.outlet {
            Some(o) => format!("{} ({o})", d.label),
            None => d.label.clone(),
        },
    )
}

fn d_index(c: &Comparison, d: &parallax_pipeline::parallax_compare::Document) -> usize {
    c.documents
        .iter()
        .position(|x| std::ptr::eq(x, d))
        .unwrap_or(0)
}

fn label(c: &Comparison, doc: usize) -> &str {
    c.documents.get(doc).map_or("?", |d| d.label.as_str())
}

/// One role resolved across articles, in words: what the article says,
/// whom it means, and the article that names the person with that role.
fn role_words(c: &Comparison, r: &RoleResolution) -> (String, String) {
    (
        format!(
            "{} names only the {} (bytes {}–{})",
            label(c, r.doc),
            r.role,
            r.span[0],
            r.span[1]
        ),
        format!(
            "{}, whom {} calls \"{}\" (bytes {}–{})",
            r.person.name,
            label(c, r.by_doc),
            r.described,
            r.by_span[0],
            r.by_span[1]
        ),
    )
}

/// Column width of the coverage matrix: labels cut to 12 characters.
fn column(label: &str) -> String {
    label.chars().take(12).collect()
}

pub(crate) fn text(
    report: &RunReport,
    articles: &[Extracted],
    stories: &[StoryReport<'_>],
    color: bool,
) -> String {
    let bold = |s: &str| {
        if color {
            format!("\x1b[1m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = format!("parallax report: {}\n", run_summary(report));
    for r in stories {
        let c = &r.comparison;
        let _ = writeln!(
            out,
            "\n{}",
            bold(&format!(
                "Story {}: {}",
                r.story.id,
                counts(articles, r.story)
            ))
        );
        let _ = writeln!(out, "  why one story: {}", why(r.story));
        let _ = writeln!(out, "\n{}", bold("Articles"));
        for (i, d) in c.documents.iter().enumerate() {
            let title = articles[r.story.members[i]]
                .article
                .meta
                .title
                .as_deref()
                .unwrap_or("(no title)");
            let _ = writeln!(
                out,
                "  {:<22} {:<10} {:<32} origin {}  {}",
                column(&d.label),
                d.date.as_deref().unwrap_or("-"),
                format!(
                    "{} ({})",
                    d.outlet.as_deref().unwrap_or("unknown"),
                    d.outlet_kind
                )
                .chars()
                .take(32)
                .collect::<String>(),
                d.origin + 1,
                title.chars().take(70).collect::<String>()
            );
        }
        text_timeline(&mut out, c, &bold);
        text_coverage(&mut out, c, &bold);
        text_statements(&mut out, c, &bold);
        text_contradictions(&mut out, c, &bold);
        text_naming(&mut out, c, &bold);
        text_framing(&mut out, c, &bold);
        let _ = writeln!(
            out,
            "\n{}",
            bold("Omissions (facts two or more other independent origins report)")
        );
        if c.omissions.is_empty() {
            out.push_str("  none\n");
        }
        for o in &c.omissions {
            let _ = writeln!(
                out,
                "  {} leaves out {} {} ({} other origins report it)",
                doc_name(c, o.doc),
                o.fact,
                o.summary,
                o.origins
            );
        }
    }
    if stories.is_empty() {
        out.push_str("\nno stories: no article was extracted\n");
    }
    let problems = crate::render::failed_lines(report);
    if !problems.is_empty() {
        let _ = writeln!(out, "\n{}", bold("Problems"));
        for p in problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

fn text_timeline(out: &mut String, c: &Comparison, bold: &dyn Fn(&str) -> String) {
    let days = c
        .timeline
        .days
        .as_ref()
        .map(|[a, b]| format!(" (articles dated {a} to {b})"))
        .unwrap_or_default();
    let _ = writeln!(out, "\n{}", bold(&format!("Timeline{days}")));
    for e in &c.timeline.story {
        let _ = writeln!(out, "  {:<23} {:<4} {}", e.date, e.fact, e.summary);
    }
    if !c.timeline.background.is_empty() {
        out.push_str("  background:\n");
        for e in &c.timeline.background {
            let _ = writeln!(out, "  {:<23} {:<4} {}", e.date, e.fact, e.summary);
        }
    }
}

fn text_coverage(out: &mut String, c: &Comparison, bold: &dyn Fn(&str) -> String) {
    let _ = writeln!(out, "\n{}", bold("Coverage: facts × articles"));
    let _ = write!(out, "  {:<5}", "");
    for d in &c.documents {
        let _ = write!(out, " {:^12}", column(&d.label));
    }
    out.push_str("  support\n");
    for f in &c.facts {
        let _ = write!(out, "  {:<5}", f.id);
        for doc in 0..c.documents.len() {
            let _ = write!(out, " {:^12}", cell(f, doc));
        }
        let _ = writeln!(
            out,
            "  {}: {}{}",
            f.support.note,
            f.summary,
            f.date
                .as_deref()
                .map(|d| format!(" [{d}]"))
                .unwrap_or_default()
        );
    }
    let _ = writeln!(out, "  {LEGEND}");
    if !c.roles.is_empty() {
        out.push_str("  roles resolved across articles:\n");
        for r in &c.roles {
            let (role, person) = role_words(c, r);
            let _ = writeln!(out, "    {role}: {person}");
        }
    }
}

/// Statements shown per story: the most widely supported first.
const STATEMENTS_SHOWN: usize = 12;

fn text_statements(out: &mut String, c: &Comparison, bold: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        out,
        "\n{}",
        bold("Shared statements (sentences outside the facts that several articles make)")
    );
    if c.statements.is_empty() {
        out.push_str("  none\n");
    }
    for st in c.statements.iter().take(STATEMENTS_SHOWN) {
        let _ = writeln!(out, "  {:<4} {}", st.id, st.support.note);
        for m in &st.mentions {
            let _ = writeln!(
                out,
                "       {}{}: {}",
                label(c, m.doc),
                if m.attributed { " (quoting)" } else { "" },
                crate::render::excerpt(&m.text, 140)
            );
        }
    }
    if c.statements.len() > STATEMENTS_SHOWN {
        let _ = writeln!(
            out,
            "  … {} more in the JSON",
            c.statements.len() - STATEMENTS_SHOWN
        );
    }
}

fn text_contradictions(out: &mut String, c: &Comparison, bold: &dyn Fn(&str) -> String) {
    let _ = writeln!(out, "\n{}", bold("Contradictions"));
    if c.contradictions.is_empty() {
        out.push_str("  none found\n");
    }
    for x in &c.contradictions {
        let _ = writeln!(out, "  [{}] {}", kind_label(x.kind), x.about);
        for claim in &x.claims {
            let _ = writeln!(
                out,
                "    {}: {}  @{}..{}",
                label(c, claim.doc),
                claim.says,
                claim.span[0],
                claim.span[1]
            );
        }
        if let Some(q) = &x.qualifier {
            let _ = writeln!(out, "    qualifier: {q}");
        }
    }
}

fn text_naming(out: &mut String, c: &Comparison, bold: &dyn Fn(&str) -> String) {
    let _ = writeln!(
        out,
        "\n{}",
        bold("Naming (contested names, in the writer's voice; quoted uses apart)")
    );
    for n in &c.naming {
        let uses: Vec<String> = n
            .uses
            .iter()
            .map(|u| format!("{} {} {}", label(c, u.doc), u.form, use_counts(u)))
            .collect();
        let _ = writeln!(out, "  {}: {}", n.concept, uses.join(" · "));
    }
}

fn text_framing(out: &mut String, c: &Comparison, bold: &dyn Fn(&str) -> String) {
    let _ = writeln!(out, "\n{}", bold("Framing per article"));
    for f in &c.framing {
        let _ = writeln!(out, "  {}", doc_name(c, f.doc));
        let own: Vec<String> = f
            .loaded
            .iter()
            .filter(|t| t.voice != "quoted")
            .map(|t| {
                format!(
                    "\"{}\" ({}{})",
                    t.phrase,
                    t.kind,
                    if t.voice == "indirect" {
                        ", in reported speech"
                    } else {
                        ""
                    }
                )
            })
            .collect();
        let quoted = f.loaded.iter().filter(|t| t.voice == "quoted").count();
        let _ = writeln!(
            out,
            "    loaded terms: {}{}",
            if own.is_empty() {
                "none".into()
            } else {
                own.join(", ")
            },
            if quoted > 0 {
                format!(" (+{quoted} inside quotes of others)")
            } else {
                String::new()
            }
        );
        if !f.scare_quotes.is_empty() {
            let sq: Vec<String> = f
                .scare_quotes
                .iter()
                .map(|s| format!("\"{}\"", s.text))
                .collect();
            let _ = writeln!(out, "    scare quotes: {}", sq.join(", "));
        }
        if !f.cues.is_empty() {
            let cues: Vec<String> = f
                .cues
                .iter()
                .map(|q| format!("{} ×{} ({})", q.verb, q.count, q.stance))
                .collect();
            let _ = writeln!(out, "    attribution verbs: {}", cues.join(", "));
        }
        if !f.hedges.is_empty() {
            let h: Vec<String> = f
                .hedges
                .iter()
                .map(|t| format!("\"{}\"", t.phrase))
                .collect();
            let _ = writeln!(out, "    hedges: {}", h.join(", "));
        }
    }
}

/// "×2", "×2, 1 in quotation marks", "1 in captions".
fn use_counts(u: &parallax_pipeline::parallax_compare::NameUse) -> String {
    let mut parts = Vec::new();
    if u.count > 0 {
        parts.push(format!("×{}", u.count));
    }
    if u.quoted > 0 {
        parts.push(format!("{} in quotation marks", u.quoted));
    }
    if u.captions > 0 {
        parts.push(format!("{} in captions", u.captions));
    }
    parts.join(", ")
}

fn md(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub(crate) fn markdown(
    report: &RunReport,
    articles: &[Extracted],
    stories: &[StoryReport<'_>],
) -> String {
    let mut out = format!("# parallax report\n\n{}\n", run_summary(report));
    for r in stories {
        let c = &r.comparison;
        let _ = writeln!(
            out,
            "\n## Story {}: {}\n\n{}\n",
            r.story.id,
            counts(articles, r.story),
            md(&why(r.story))
        );
        out.push_str(
            "| article | date | outlet | kind | origin | title |\n|---|---|---|---|---|---|\n",
        );
        for (i, d) in c.documents.iter().enumerate() {
            let title = articles[r.story.members[i]]
                .article
                .meta
                .title
                .as_deref()
                .unwrap_or("");
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                md(&d.label),
                d.date.as_deref().unwrap_or("-"),
                md(d.outlet.as_deref().unwrap_or("unknown")),
                d.outlet_kind,
                d.origin + 1,
                md(title)
            );
        }
        out.push_str("\n### Timeline\n\n");
        for e in &c.timeline.story {
            let _ = writeln!(out, "- **{}** {}: {}", e.date, e.fact, md(&e.summary));
        }
        if !c.timeline.background.is_empty() {
            out.push_str("\nBackground:\n\n");
            for e in &c.timeline.background {
                let _ = writeln!(out, "- {} {}: {}", e.date, e.fact, md(&e.summary));
            }
        }
        out.push_str("\n### Coverage\n\n| fact |");
        for d in &c.documents {
            let _ = write!(out, " {} |", md(&d.label));
        }
        out.push_str(" support |\n|---|");
        for _ in &c.documents {
            out.push_str("---|");
        }
        out.push_str("---|\n");
        for f in &c.facts {
            let _ = write!(out, "| {} {} |", f.id, md(&f.summary));
            for doc in 0..c.documents.len() {
                let _ = write!(out, " {} |", cell(f, doc));
            }
            let _ = writeln!(out, " {} |", md(&f.support.note));
        }
        let _ = writeln!(out, "\n{LEGEND}");
        if !c.roles.is_empty() {
            out.push_str("\nRoles resolved across articles:\n\n");
            for r in &c.roles {
                let (role, person) = role_words(c, r);
                let _ = writeln!(out, "- {}: {}", md(&role), md(&person));
            }
        }
        out.push_str("\n### Shared statements\n\n");
        for st in c.statements.iter().take(STATEMENTS_SHOWN) {
            let _ = writeln!(out, "- **{}** {}", st.id, md(&st.support.note));
            for m in &st.mentions {
                let _ = writeln!(
                    out,
                    "  - {}{}: {}",
                    md(label(c, m.doc)),
                    if m.attributed { " (quoting)" } else { "" },
                    md(&crate::render::excerpt(&m.text, 200))
                );
            }
        }
        out.push_str("\n### Contradictions\n\n");
        for x in &c.contradictions {
            let _ = writeln!(out, "- **{}**: {}", kind_label(x.kind), md(&x.about));
            for claim in &x.claims {
                let _ = writeln!(
                    out,
                    "  - {}: {} (bytes {}–{})",
                    md(label(c, claim.doc)),
                    md(&claim.says),
                    claim.span[0],
                    claim.span[1]
                );
            }
            if let Some(q) = &x.qualifier {
                let _ = writeln!(out, "  - *qualifier*: {}", md(q));
            }
        }
        out.push_str("\n### Naming\n\n| name | uses |\n|---|---|\n");
        for n in &c.naming {
            let uses: Vec<String> = n
                .uses
                .iter()
                .map(|u| format!("{}: {} {}", md(label(c, u.doc)), md(&u.form), use_counts(u)))
                .collect();
            let _ = writeln!(out, "| {} | {} |", md(&n.concept), uses.join("; "));
        }
        out.push_str("\n### Framing\n\n");
        for f in &c.framing {
            let terms: Vec<String> = f
                .loaded
                .iter()
                .filter(|t| t.voice != "quoted")
                .map(|t| format!("\"{}\" ({})", md(&t.phrase), t.kind))
                .collect();
            let sq: Vec<String> = f
                .scare_quotes
                .iter()
                .map(|s| format!("\"{}\"", md(&s.text)))
                .collect();
            let cues: Vec<String> = f
                .cues
                .iter()
                .map(|q| format!("{} ×{}", md(&q.verb), q.count))
                .collect();
            let _ = writeln!(
                out,
                "- **{}**: loaded: {}; scare quotes: {}; verbs: {}",
                md(&doc_name(c, f.doc)),
                terms.join(", "),
                sq.join(", "),
                cues.join(", ")
            );
        }
        out.push_str("\n### Omissions\n\n");
        for o in &c.omissions {
            let _ = writeln!(
                out,
                "- {} leaves out {} {} ({} other origins)",
                md(&doc_name(c, o.doc)),
                o.fact,
                md(&o.summary),
                o.origins
            );
        }
    }
    out
}

pub(crate) fn json(
    report: &RunReport,
    articles: &[Extracted],
    stories: &[StoryReport<'_>],
) -> serde_json::Value {
    let run = serde_json::json!({
        "documents": report.n_documents,
        "failed": report.n_failed,
        "stored": report.n_stored,
        "alreadyStored": report.n_duplicates,
        "diagnostics": report.diagnostics.iter().map(|d| serde_json::json!({
            "stage": d.stage.as_str(), "severity": d.severity.as_str(), "location": d.location, "message": d.message,
        })).collect::<Vec<_>>(),
    });
    let stories: Vec<serde_json::Value> = stories
        .iter()
        .map(|r| {
            serde_json::json!({
                "id": r.story.id,
                "summary": counts(articles, r.story),
                "why": why(r.story),
                "origins": r.story.origins.iter().map(|(docs, sources)| serde_json::json!({"documents": docs, "sources": sources})).collect::<Vec<_>>(),
                "comparison": r.comparison,
            })
        })
        .collect();
    serde_json::json!({
        "schema": "parallax-report/1",
        "run": run,
        "articles": report.articles.iter().map(crate::render::article_json).collect::<Vec<_>>(),
        "stories": stories,
    })
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:90rem;margin:2rem auto;padding:0 1rem;color:#222}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}td.c{text-align:center;font-size:1.1rem}td.fact{min-width:24rem}.muted{color:#666}.kind{display:inline-block;padding:0 .4rem;border-radius:.3rem;background:#eef;font-size:.85rem}.date{background:#fde2c8}.count{background:#d8ecff}.attribute{background:#f5d0f0}.number{background:#d9f2d0}.q{color:#555;font-style:italic}svg{max-width:100%;height:auto}";

pub(crate) fn html(
    report: &RunReport,
    articles: &[Extracted],
    stories: &[StoryReport<'_>],
) -> String {
    html_linked(report, articles, stories, None)
}

/// `inner` (already escaped) as a link to the evidence: bytes `span` of
/// document `doc`, at `{base}{doc id}?from=&to=#evidence`; as it is
/// without a base (a standalone report links nowhere).
fn evidence(base: Option<&str>, c: &Comparison, doc: usize, span: [u32; 2], inner: &str) -> String {
    match (base, c.documents.get(doc)) {
        (Some(base), Some(d)) if span[0] < span[1] => format!(
            "<a href=\"{}{}?from={}&amp;to={}#evidence\">{inner}</a>",
            escape_html(base),
            escape_html(&d.id),
            span[0],
            span[1]
        ),
        _ => inner.to_string(),
    }
}

/// The HTML report; with `links`, every piece of evidence (a coverage
/// cell, a contradiction's claim, a name's first use, a loaded term, a
/// scare quote) links to its bytes in the article at `{links}{id}` (the
/// server's article page, which highlights them).
pub(crate) fn html_linked(
    report: &RunReport,
    articles: &[Extracted],
    stories: &[StoryReport<'_>],
    links: Option<&str>,
) -> String {
    let e = escape_html;
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"><title>parallax report</title>\n<style>{STYLE}</style></head><body>\n"
    );
    // A report of a run says what the run read; a page the server shows
    // is a story of the store, read by no run of its own.
    if links.is_none() {
        let _ = writeln!(
            out,
            "<h1>parallax report</h1>\n<p class=\"muted\">{}</p>",
            e(&run_summary(report))
        );
    }
    for r in stories {
        let c = &r.comparison;
        let _ = writeln!(
            out,
            "<section><h2>Story {}: {}</h2>\n<p class=\"muted\">{}</p>",
            e(&r.story.id),
            e(&counts(articles, r.story)),
            e(&why(r.story))
        );
        out.push_str("<table><tr><th>article</th><th>date</th><th>outlet</th><th>kind</th><th>origin</th><th>title</th></tr>\n");
        for (i, d) in c.documents.iter().enumerate() {
            let title = articles[r.story.members[i]]
                .article
                .meta
                .title
                .as_deref()
                .unwrap_or("");
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&d.label),
                e(d.date.as_deref().unwrap_or("-")),
                e(d.outlet.as_deref().unwrap_or("unknown")),
                e(&d.outlet_kind),
                d.origin + 1,
                e(title)
            );
        }
        out.push_str("</table>\n<h3>Timeline</h3>\n");
        out.push_str(&timeline_svg(c));
        out.push_str("<h3>Coverage matrix</h3>\n<table><tr><th>fact</th>");
        for d in &c.documents {
            let _ = write!(
                out,
                "<th title=\"{}\">{}</th>",
                e(&doc_name(c, d_index(c, d))),
                e(&column(&d.label))
            );
        }
        out.push_str("<th>support</th></tr>\n");
        for f in &c.facts {
            let _ = write!(
                out,
                "<tr><td><b>{}</b> {}{}</td>",
                e(&f.id),
                e(&f.summary),
                f.date
                    .as_deref()
                    .map(|d| format!(" <span class=\"muted\">[{}]</span>", e(d)))
                    .unwrap_or_default()
            );
            for doc in 0..c.documents.len() {
                let mentions: Vec<_> = f.mentions.iter().filter(|m| m.doc == doc).collect();
                let said: Vec<&str> = mentions.iter().map(|m| m.text.as_str()).collect();
                let mark = match mentions.first() {
                    Some(m) => evidence(links, c, doc, m.sentence, cell(f, doc)),
                    None => cell(f, doc).to_string(),
                };
                let _ = write!(
                    out,
                    "<td class=\"c\" title=\"{}\">{mark}</td>",
                    e(&said.join("\n\n")),
                );
            }
            let _ = writeln!(out, "<td>{}</td></tr>", e(&f.support.note));
        }
        let _ = writeln!(out, "</table><p class=\"muted\">{}</p>", e(LEGEND));
        if !c.roles.is_empty() {
            out.push_str("<p>Roles resolved across articles:</p><ul>\n");
            for r in &c.roles {
                let (role, person) = role_words(c, r);
                let _ = writeln!(
                    out,
                    "<li>{}: {}</li>",
                    evidence(links, c, r.doc, r.span, &e(&role)),
                    evidence(links, c, r.by_doc, r.by_span, &e(&person))
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("<h3>Shared statements</h3>\n<p class=\"muted\">Sentences outside the facts that several articles make, aligned by the words they share.</p>\n<table><tr><th>statement</th><th>support</th><th>in each article</th></tr>\n");
        for st in c.statements.iter().take(STATEMENTS_SHOWN) {
            let sentences: Vec<String> = st
                .mentions
                .iter()
                .map(|m| {
                    format!(
                        "<b>{}</b>{}: <span class=\"q\">{}</span>",
                        e(label(c, m.doc)),
                        if m.attributed { " (quoting)" } else { "" },
                        e(&crate::render::excerpt(&m.text, 220))
                    )
                })
                .collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&st.id),
                e(&st.support.note),
                sentences.join("<br>")
            );
        }
        out.push_str("</table>\n");
        out.push_str("<h3>Contradictions</h3>\n");
        if c.contradictions.is_empty() {
            out.push_str("<p class=\"muted\">none found</p>\n");
        }
        for x in &c.contradictions {
            let k = kind_label(x.kind);
            let _ = writeln!(
                out,
                "<p><span class=\"kind {k}\">{k}</span> {}</p><ul>",
                e(&x.about)
            );
            for claim in &x.claims {
                let bytes = format!("bytes {}–{}", claim.span[0], claim.span[1]);
                let _ = writeln!(
                    out,
                    "<li><b>{}</b>: <span class=\"q\">{}</span> <span class=\"muted\">({})</span></li>",
                    e(label(c, claim.doc)),
                    e(&claim.says),
                    evidence(links, c, claim.doc, claim.span, &bytes)
                );
            }
            if let Some(q) = &x.qualifier {
                let _ = writeln!(out, "<li>qualifier: {}</li>", e(q));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("<h3>Naming</h3>\n<table><tr><th>name</th>");
        for d in &c.documents {
            let _ = write!(out, "<th>{}</th>", e(&d.label));
        }
        out.push_str("</tr>\n");
        for n in &c.naming {
            let _ = write!(out, "<tr><td>{}</td>", e(&n.concept));
            for doc in 0..c.documents.len() {
                let forms: Vec<String> = n
                    .uses
                    .iter()
                    .filter(|u| u.doc == doc)
                    .map(|u| {
                        format!(
                            "<span title=\"{}\">{}</span> {}",
                            e(&u.note),
                            evidence(links, c, u.doc, u.first, &e(&u.form)),
                            e(&use_counts(u))
                        )
                    })
                    .collect();
                let _ = write!(out, "<td>{}</td>", forms.join("<br>"));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n<h3>Framing side by side</h3>\n<table><tr><th>article</th><th>loaded terms (own voice)</th><th>scare quotes</th><th>attribution verbs</th><th>hedges</th></tr>\n");
        for f in &c.framing {
            let terms: Vec<String> = f
                .loaded
                .iter()
                .filter(|t| t.voice != "quoted")
                .map(|t| {
                    format!(
                        "<span title=\"{}: {}\">{}</span>",
                        e(&t.kind),
                        e(&t.note),
                        evidence(links, c, f.doc, t.span, &e(&t.phrase))
                    )
                })
                .collect();
            let sq: Vec<String> = f
                .scare_quotes
                .iter()
                .map(|s| evidence(links, c, f.doc, s.span, &format!("“{}”", e(&s.text))))
                .collect();
            let cues: Vec<String> = f
                .cues
                .iter()
                .map(|q| {
                    format!(
                        "{} ×{} <span class=\"muted\">{}</span>",
                        e(&q.verb),
                        q.count,
                        e(&q.stance)
                    )
                })
                .collect();
            let hedges: Vec<String> = f.hedges.iter().map(|t| e(&t.phrase)).collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                e(&doc_name(c, f.doc)),
                terms.join(", "),
                sq.join(", "),
                cues.join(", "),
                hedges.join(", ")
            );
        }
        out.push_str("</table>\n<h3>Omissions</h3>\n<ul>\n");
        for o in &c.omissions {
            let _ = writeln!(
                out,
                "<li><b>{}</b> leaves out {} {} ({} other origins report it)</li>",
                e(&doc_name(c, o.doc)),
                e(&o.fact),
                e(&o.summary),
                o.origins
            );
        }
        out.push_str("</ul>\n<h3>Copy graph</h3>\n");
        out.push_str(&crate::stories::svg(articles, r.story));
        out.push_str("</section>\n");
    }
    out.push_str("</body></html>\n");
    out
}

/// The story's facts on a time axis: the story's days in a band, each fact
/// a dot at its date (a bar for a span), background facts to the left of a
/// break.
fn timeline_svg(c: &Comparison) -> String {
    let e = escape_html;
    let day = |s: &str| -> Option<(i64, i64)> {
        let (a, b) = s.split_once('/').unwrap_or((s, s));
        Some((
            parallax_core::PartialDate::parse_iso(a)?.to_days()?,
            parallax_core::PartialDate::parse_iso(b)?.to_days()?,
        ))
    };
    let story: Vec<(&str, (i64, i64), &str)> = c
        .timeline
        .story
        .iter()
        .filter_map(|t| Some((t.fact.as_str(), day(&t.date)?, t.summary.as_str())))
        .collect();
    let background: Vec<(&str, &str, &str)> = c
        .timeline
        .background
        .iter()
        .map(|t| (t.fact.as_str(), t.date.as_str(), t.summary.as_str()))
        .collect();
    // The axis spans the facts dated to the week or closer; a fact dated
    // only to a month or a year is drawn as a pale bar clipped to it.
    let (lo, hi) = story
        .iter()
        .filter(|(_, (a, b), _)| b - a <= 7)
        .fold((i64::MAX, i64::MIN), |(lo, hi), (_, (a, b), _)| {
            (lo.min(*a), hi.max(*b))
        });
    let (lo, hi) = if lo > hi { (0, 1) } else { (lo - 1, hi + 1) };
    let rows = story.len() + background.len() + usize::from(!background.is_empty());
    let (left, width, row) = (170.0_f64, 560.0_f64, 22.0_f64);
    let height = 40.0 + row * rows as f64 + 20.0;
    let x = |d: i64| left + (d.clamp(lo, hi) - lo) as f64 / (hi - lo).max(1) as f64 * width;
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1100\" height=\"{height:.0}\" viewBox=\"0 0 1100 {height:.0}\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\" aria-label=\"timeline\">\n"
    );
    let first = parallax_core::PartialDate::from_days(lo + 1)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let last = parallax_core::PartialDate::from_days(hi - 1)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "<line x1=\"{left}\" y1=\"28\" x2=\"{:.0}\" y2=\"28\" stroke=\"#999\"/><text x=\"{left}\" y=\"18\">{}</text><text x=\"{:.0}\" y=\"18\" text-anchor=\"end\">{}</text>",
        left + width,
        e(&first),
        left + width,
        e(&last)
    );
    let mut y = 40.0;
    for (fact, (a, b), summary) in &story {
        let (x1, x2) = (x(*a), x(*b));
        if b - a > 7 {
            let _ = writeln!(
                out,
                "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" fill=\"#d5e2f1\"/>",
                y + 4.0,
                (x2 - x1).max(2.0)
            );
        } else if b > a {
            let _ = writeln!(
                out,
                "<rect x=\"{x1:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"8\" fill=\"#7aa6d8\"/>",
                y + 4.0,
                (x2 - x1).max(2.0)
            );
        } else {
            let _ = writeln!(
                out,
                "<circle cx=\"{x1:.1}\" cy=\"{:.1}\" r=\"5\" fill=\"#2a6ebb\"/>",
                y + 8.0
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"10\" y=\"{:.1}\">{} {}</text><text x=\"{:.0}\" y=\"{:.1}\">{}</text>",
            y + 12.0,
            e(fact),
            e(&c.facts
                .iter()
                .find(|f| f.id == *fact)
                .and_then(|f| f.date.clone())
                .unwrap_or_default()),
            left + width + 12.0,
            y + 12.0,
            e(&crate::render::excerpt(summary, 60))
        );
        y += row;
    }
    if !background.is_empty() {
        let _ = writeln!(
            out,
            "<line x1=\"10\" y1=\"{:.1}\" x2=\"1090\" y2=\"{:.1}\" stroke=\"#ccc\" stroke-dasharray=\"4 3\"/><text x=\"{left}\" y=\"{:.1}\" fill=\"#666\">background, before the story's days</text>",
            y + 2.0,
            y + 2.0,
            y + 16.0
        );
        y += row;
        for (fact, date, summary) in &background {
            let _ = writeln!(
                out,
                "<text x=\"10\" y=\"{:.1}\" fill=\"#666\">{} {}</text><text x=\"{:.0}\" y=\"{:.1}\" fill=\"#666\">{}</text>",
                y + 12.0,
                e(fact),
                e(date),
                left + width + 12.0,
                y + 12.0,
                e(&crate::render::excerpt(summary, 60))
            );
            y += row;
        }
    }
    out.push_str("</svg>\n");
    out
}
