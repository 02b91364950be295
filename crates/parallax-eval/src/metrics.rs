//! Precision, recall and F1, and bag-of-tokens overlap for main-text extraction.

use std::collections::HashMap;

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

impl Prf {
    /// From counts of true positives, false positives and false negatives.
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Prf {
        let precision = if tp + fp == 0 {
            0.0
        } else {
            tp as f64 / (tp + fp) as f64
        };
        let recall = if tp + fn_ == 0 {
            0.0
        } else {
            tp as f64 / (tp + fn_) as f64
        };
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            precision,
            recall,
            f1,
        }
    }
}

/// A table row: what, gold count, predicted count, P, R, F1 (three decimals),
/// from the counts of gold items, predicted items and correct ones.
pub(crate) fn counts_row(what: &str, gold: usize, predicted: usize, correct: usize) -> Vec<String> {
    let prf = Prf::from_counts(
        correct,
        predicted.saturating_sub(correct),
        gold.saturating_sub(correct),
    );
    vec![
        what.to_string(),
        gold.to_string(),
        predicted.to_string(),
        format!("{:.3}", prf.precision),
        format!("{:.3}", prf.recall),
        format!("{:.3}", prf.f1),
    ]
}

/// Lowercased word tokens of `text`.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Bag-of-tokens precision, recall and F1 of `got` against `want`: the measure
/// used by the CleanEval and trafilatura evaluations.
pub fn token_f1(got: &str, want: &str) -> Prf {
    let mut want_counts: HashMap<String, usize> = HashMap::new();
    let want_tokens = tokens(want);
    for token in &want_tokens {
        *want_counts.entry(token.clone()).or_default() += 1;
    }
    let got_tokens = tokens(got);
    let mut overlap = 0;
    for token in &got_tokens {
        if let Some(count) = want_counts.get_mut(token)
            && *count > 0
        {
            *count -= 1;
            overlap += 1;
        }
    }
    Prf::from_counts(
        overlap,
        got_tokens.len() - overlap,
        want_tokens.len() - overlap,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_counts_multiplicity() {
        let prf = token_f1("a a b c", "a b b d");
        assert_eq!(prf, Prf::from_counts(2, 2, 2));
        assert_eq!(token_f1("", "").f1, 0.0);
        assert!((token_f1("Same words.", "same WORDS").f1 - 1.0).abs() < 1e-9);
    }
}
