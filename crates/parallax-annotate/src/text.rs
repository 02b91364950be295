//! Words and sentences: the light tokenisation the rules share. Spans are
//! byte offsets into the text they were cut from.

#[derive(Debug, Clone, Copy)]
pub(crate) struct Token {
    pub(crate) start: usize,
    pub(crate) end: usize,
}

pub(crate) fn tokens(text: &str, start: usize, end: usize) -> Vec<Token> {
    let mut out = Vec::new();
    let mut token_start: Option<usize> = None;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        let is_word = c.is_alphanumeric()
            || c == '\''
            || c == '’'
            || c == '-'
            || c == '.' && token_start.is_some();
        match (is_word, token_start) {
            (true, None) => token_start = Some(at),
            (false, Some(s)) => {
                out.push(Token { start: s, end: at });
                token_start = None;
                if !c.is_whitespace() {
                    out.push(Token {
                        start: at,
                        end: at + c.len_utf8(),
                    });
                }
            }
            (false, None) if !c.is_whitespace() => out.push(Token {
                start: at,
                end: at + c.len_utf8(),
            }),
            _ => {}
        }
    }
    if let Some(s) = token_start {
        out.push(Token { start: s, end });
    }
    // A trailing period belongs to the sentence, not the word ("said.").
    for token in &mut out {
        while token.end > token.start + 1
            && text[..token.end].ends_with('.')
            && !is_abbreviation(&text[token.start..token.end])
        {
            token.end -= 1;
        }
    }
    out
}

pub(crate) fn is_abbreviation(word: &str) -> bool {
    matches!(
        word,
        "Mr."
            | "Mrs."
            | "Ms."
            | "Dr."
            | "Gen."
            | "Sen."
            | "Rep."
            | "Gov."
            | "Lt."
            | "Col."
            | "St."
            | "U.S."
            | "U.N."
            | "Jr."
            | "Sr."
    )
}

/// Sentence spans: ends at `.`, `!` or `?` (and a closing quote) followed by white space.
pub(crate) fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    // Inside a quotation that closes later in the same paragraph, a full
    // stop does not end the sentence: the quote and its "he added" stay one.
    let mut open_quote = false;
    for (i, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(i + 1).map(|&(_, n)| n);
        match c {
            '“' => open_quote = closes_in_paragraph(&text[at..]),
            '”' | '\n' => open_quote = false,
            _ => {}
        }
        if open_quote && matches!(c, '.' | '!' | '?') {
            continue;
        }
        let ends = match c {
            '.' | '!' | '?' => {
                next.is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '”' | '’'))
            }
            '"' | '”' | '’' => {
                i > 0
                    && matches!(chars[i - 1].1, '.' | '!' | '?')
                    && next.is_none_or(char::is_whitespace)
            }
            '\n' => true,
            _ => false,
        };
        if ends && !(c == '.' && word_before_is_abbreviation(text, at)) {
            let end = at + c.len_utf8();
            if text[start..end].trim().len() > 1 {
                out.push((start, end));
            }
            start = end;
        }
    }
    if text[start..].trim().len() > 1 {
        out.push((start, text.len()));
    }
    out
}

/// Whether the quotation opened at the start of `rest` closes before the
/// paragraph ends (and within a long paragraph's length).
fn closes_in_paragraph(rest: &str) -> bool {
    let paragraph = rest.split('\n').next().unwrap_or("");
    let window = &paragraph[..paragraph.floor_char_boundary(paragraph.len().min(1500))];
    window.contains('”')
}

fn word_before_is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..=dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    is_abbreviation(&before[word_start..])
}

pub(crate) fn lower(text: &str, token: Token) -> String {
    text[token.start..token.end]
        .to_lowercase()
        .replace('’', "'")
}

pub(crate) fn is_capitalized(text: &str, token: Token) -> bool {
    text[token.start..token.end]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

pub(crate) fn is_punct(text: &str, token: Token) -> bool {
    text[token.start..token.end]
        .chars()
        .all(|c| !c.is_alphanumeric())
}
