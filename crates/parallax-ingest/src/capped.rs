//! Size-capped reading. Every byte count that comes from outside is bounded here.

use std::io::{self, BufRead, Read};
use std::path::Path;

/// The outcome of a capped read.
#[derive(Debug)]
pub enum CappedRead {
    /// Everything was read, within the cap.
    Complete(Vec<u8>),
    /// There was more than the cap allows; nothing is returned.
    TooLarge,
}

/// Reads all of `reader` unless it holds more than `cap` bytes.
pub fn read_capped(reader: impl Read, cap: usize) -> io::Result<CappedRead> {
    let mut bytes = Vec::new();
    reader.take(cap as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > cap {
        return Ok(CappedRead::TooLarge);
    }
    Ok(CappedRead::Complete(bytes))
}

/// Reads a file unless it is larger than `cap`, checking its length first so a
/// huge file is refused without being read.
pub(crate) fn read_file_capped(path: &Path, cap: usize) -> io::Result<CappedRead> {
    let file = std::fs::File::open(path)?;
    if file.metadata()?.len() > cap as u64 {
        return Ok(CappedRead::TooLarge);
    }
    read_capped(file, cap)
}

/// A gzip decoder (all members) that yields at most `cap` decompressed bytes.
///
/// This is the one place that builds a raw decoder: `clippy.toml` disallows them
/// elsewhere, because `.warc.gz` is untrusted and may be a decompression bomb.
#[allow(clippy::disallowed_methods)]
pub(crate) fn gzip_reader<R: Read>(
    inner: R,
    cap: u64,
) -> io::Take<flate2::read::MultiGzDecoder<R>> {
    flate2::read::MultiGzDecoder::new(inner).take(cap)
}

/// How a capped line read ended.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Line {
    /// A line (without its terminator) is in the buffer.
    Complete,
    /// The line was longer than the cap; it was skipped up to its end.
    TooLong,
    /// No more input.
    Eof,
}

/// Reads one `\n`-terminated line into `buf`, never buffering more than `cap`
/// bytes of it. A longer line is consumed and reported as [`Line::TooLong`].
pub(crate) fn read_line_capped(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Line> {
    buf.clear();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, found) = match available.iter().position(|&b| b == b'\n') {
            Some(pos) => (&available[..pos], Some(pos)),
            None => (available, None),
        };
        if !too_long && buf.len() + chunk.len() <= cap {
            buf.extend_from_slice(chunk);
        } else {
            too_long = true;
            buf.clear();
        }
        let used = found.map_or(chunk.len(), |pos| pos + 1);
        reader.consume(used);
        if found.is_some() {
            break;
        }
    }
    if too_long {
        return Ok(Line::TooLong);
    }
    if !any {
        return Ok(Line::Eof);
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(Line::Complete)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_skipped_not_buffered() {
        let input = format!("short\n{}\nafter\nlast", "x".repeat(1000));
        let mut reader = io::BufReader::with_capacity(16, input.as_bytes());
        let mut buf = Vec::new();
        let mut seen = Vec::new();
        loop {
            match read_line_capped(&mut reader, &mut buf, 100).unwrap() {
                Line::Eof => break,
                Line::TooLong => seen.push("<too long>".to_string()),
                Line::Complete => seen.push(String::from_utf8(buf.clone()).unwrap()),
            }
        }
        assert_eq!(seen, ["short", "<too long>", "after", "last"]);
    }

    #[test]
    fn capped_read_refuses_overflow() {
        assert!(matches!(
            read_capped(&b"12345"[..], 4).unwrap(),
            CappedRead::TooLarge
        ));
        assert!(
            matches!(read_capped(&b"1234"[..], 4).unwrap(), CappedRead::Complete(v) if v == b"1234")
        );
    }
}
