//! Evaluation and benchmarks of parallax over the public sets in
//! `../shared/data`, printed beside the published peer figures.
//!
//! The data is read where it lies; nothing from it is copied into the project.
//! Each evaluation returns a [`Table`] that the CLI prints and that
//! `docs/quality.md` records with the command that made it.

pub mod annotate;
pub mod bench;
pub mod copies;
mod data;
pub mod events;
pub mod extract;
pub mod framing;
mod metrics;
pub mod peer;
pub mod petrarch;
pub mod stories;

pub use data::{BasilArticle, basil_articles};
pub use metrics::{Prf, token_f1};

/// Rows of figures, printed as an aligned text table or Markdown.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The title line.
    pub title: String,
    /// Column headers.
    pub header: Vec<String>,
    /// Rows, one string per column.
    pub rows: Vec<Vec<String>>,
    /// Notes printed under the table.
    pub notes: Vec<String>,
}

impl Table {
    /// Renders the table as GitHub Markdown.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "### {}\n\n| {} |\n|{}|\n",
            self.title,
            self.header.join(" | "),
            vec!["---"; self.header.len()].join("|")
        );
        for row in &self.rows {
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
        for note in &self.notes {
            out.push_str(&format!("\n{note}\n"));
        }
        out
    }

    /// Renders the table as aligned plain text.
    pub fn to_text(&self) -> String {
        let n = self.header.len();
        let mut widths = vec![0; n];
        for row in std::iter::once(&self.header).chain(&self.rows) {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let line = |row: &Vec<String>| {
            row.iter()
                .enumerate()
                .map(|(i, cell)| format!("{cell:<width$}", width = widths[i]))
                .collect::<Vec<_>>()
                .join("  ")
                .trim_end()
                .to_string()
        };
        let mut out = format!("{}\n{}\n", self.title, line(&self.header));
        for row in &self.rows {
            out.push_str(&line(row));
            out.push('\n');
        }
        for note in &self.notes {
            out.push_str(&format!("  {note}\n"));
        }
        out
    }
}
