//! CSV records (RFC 4180): the share link's payload, the price catalog, the CSV export and the
//! Recent list are all written in it.
//!
//! Written and read exactly as the `csv` crate writes and reads them with its defaults — a cell
//! quoted only when it needs to be, quotes doubled; records ended by `\n`, `\r` or `\r\n`, empty
//! lines skipped, text after a closing quote kept — in a small part of the code that crate adds
//! to the page. The tests check both directions against the `csv` crate itself
//! (`tests/properties.rs`), so that links written by either read the same.

/// Appends one record to `out`: the cells separated by commas, each quoted (its quotes doubled)
/// when it holds a comma, a quote, a carriage return or a line feed, then `terminator`. A record
/// with nothing in it (one empty cell, or none) is written `""`, so that it reads back as a
/// record, not a blank line.
///
/// ```
/// let mut text = String::new();
/// headroom::records::write(&mut text, ["a", "b,c", "say \"hi\""], "\r\n");
/// assert_eq!(text, "a,\"b,c\",\"say \"\"hi\"\"\"\r\n");
/// ```
pub fn write<S: AsRef<str>>(
    out: &mut String,
    cells: impl IntoIterator<Item = S>,
    terminator: &str,
) {
    let start = out.len();
    for (at, cell) in cells.into_iter().enumerate() {
        if at > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    if out.len() == start {
        out.push_str("\"\"");
    }
    out.push_str(terminator);
}

/// Where the reader is in the text.
#[derive(Clone, Copy)]
enum At {
    /// Before a record: line ends here are blank lines, skipped.
    StartRecord,
    /// Just after a carriage return that ended a record: a line feed here belongs to it.
    AfterCr,
    /// Before a cell.
    StartCell,
    /// Inside a cell that is not quoted (or after its closing quote).
    InCell,
    /// Inside a quoted cell.
    InQuotes,
    /// On a quote inside a quoted cell: a second quote is a quote, anything else closed it.
    QuoteInQuotes,
}

/// The records of `text`, each a list of its cells, read as [`write`] writes them and as the
/// `csv` crate reads them. Reading never fails: a quoted cell left open ends with the text.
///
/// ```
/// let records = headroom::records::read("a,\"b,c\"\r\n\r\n\"say \"\"hi\"\"\",\n");
/// assert_eq!(records, [vec!["a", "b,c"], vec!["say \"hi\"", ""]]);
/// ```
pub fn read(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut at = At::StartRecord;
    let line_end = |c: char| c == '\n' || c == '\r';
    for c in text.chars() {
        loop {
            match at {
                At::AfterCr => {
                    at = At::StartRecord;
                    if c == '\n' {
                        break;
                    }
                }
                At::StartRecord => {
                    if line_end(c) {
                        break;
                    }
                    at = At::StartCell;
                }
                At::StartCell if c == '"' => {
                    at = At::InQuotes;
                    break;
                }
                At::InQuotes => {
                    match c {
                        '"' => at = At::QuoteInQuotes,
                        _ => cell.push(c),
                    }
                    break;
                }
                At::QuoteInQuotes if c == '"' => {
                    cell.push('"');
                    at = At::InQuotes;
                    break;
                }
                At::StartCell | At::InCell | At::QuoteInQuotes => {
                    if c == ',' {
                        record.push(std::mem::take(&mut cell));
                        at = At::StartCell;
                    } else if line_end(c) {
                        record.push(std::mem::take(&mut cell));
                        records.push(std::mem::take(&mut record));
                        at = if c == '\r' {
                            At::AfterCr
                        } else {
                            At::StartRecord
                        };
                    } else {
                        cell.push(c);
                        at = At::InCell;
                    }
                    break;
                }
            }
        }
    }
    if !matches!(at, At::StartRecord | At::AfterCr) {
        record.push(cell);
        records.push(record);
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_the_crate(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    }

    #[test]
    fn reads_as_the_csv_crate_reads() {
        for text in [
            "",
            "a",
            "a,b\nc,d",
            "a,b\r\nc,d\r\n",
            "a\rb\r\r\n\nc",
            ",,\n,",
            "\"\"",
            "\"a,b\"\"c\",d",
            "\"a\"b,c",
            "a\"b,c\"",
            "\"open, never closed",
            "\"multi\nline\",x\n",
            "\"x\"\r\n\"y\"",
            "é,€,\u{3000}",
            "\n\n\r\n",
        ] {
            assert_eq!(read(text), by_the_crate(text), "{text:?}");
        }
    }

    #[test]
    fn writes_as_the_csv_crate_writes() {
        let records: [&[&str]; 6] = [
            &["a", "b"],
            &[""],
            &["", ""],
            &["a,b", "say \"hi\"", "line\nbreak", "cr\r"],
            &["é", "#", " spaced "],
            &[],
        ];
        for record in records {
            let mut ours = String::new();
            write(&mut ours, record, "\n");
            let mut theirs = csv::WriterBuilder::new().from_writer(Vec::new());
            theirs.write_record(record).unwrap();
            let theirs = String::from_utf8(theirs.into_inner().unwrap()).unwrap();
            assert_eq!(ours, theirs, "{record:?}");
        }
    }
}
