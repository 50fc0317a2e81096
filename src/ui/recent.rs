//! Recent scenarios: the last ten the user's work was replaced by (a link opened, a preset
//! picked, another recent scenario restored), and any saved work or link that could not be
//! opened, kept as its text with the reason. They live in localStorage, so they survive a reload;
//! any can be opened again, and an unreadable one copied, so nothing the user made is ever
//! silently lost.

use crate::export::link;
use crate::scenario::Scenario;

/// How many recent scenarios are kept; the oldest goes first.
pub const KEPT: usize = 10;

/// The longest text an entry keeps, in bytes (twice the longest link Headroom makes): a longer
/// one is kept to this length, so that a hostile one cannot fill the browser's storage.
const LONGEST_TEXT: usize = 64 * 1024;

/// The most bytes kept of why an entry was set aside, or why it cannot be opened: more than any
/// the page writes, so that a stored list edited by hand cannot fill the storage.
const LONGEST_WHY: usize = 1_000;

/// One recent scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// When it was set aside, in milliseconds since 1970 (the browser's clock).
    pub at_ms: f64,
    /// Why it was set aside, e.g. "You opened a shared link."
    pub why: String,
    /// The scenario as a share-link fragment, or the text that could not be opened.
    pub text: String,
    /// Why the text could not be opened; `None` for a scenario that opens.
    pub unreadable: Option<String>,
}

impl Entry {
    /// A scenario set aside.
    pub fn scenario(scenario: &Scenario, why: &str, at_ms: f64) -> Entry {
        Entry {
            at_ms,
            why: why.to_string(),
            text: link::encode(scenario),
            unreadable: None,
        }
    }

    /// Text that could not be opened as a scenario, and why.
    pub fn unreadable(text: &str, reason: &str, why: &str, at_ms: f64) -> Entry {
        Entry {
            at_ms,
            why: why.to_string(),
            text: clip(text, LONGEST_TEXT).to_string(),
            unreadable: Some(reason.to_string()),
        }
    }

    /// Stored text: the scenario it encodes, or the text with why it cannot be opened.
    #[inline(never)]
    pub fn stored(text: &str, why: &str, at_ms: f64) -> Entry {
        match link::decode(text) {
            Ok(scenario) => Entry::scenario(&scenario, why, at_ms),
            Err(error) => Entry::unreadable(text, &error.to_string(), why, at_ms),
        }
    }

    /// The scenario, when the entry holds one that opens.
    pub fn opened(&self) -> Option<Scenario> {
        if self.unreadable.is_some() {
            return None;
        }
        link::decode(&self.text).ok()
    }
}

/// At most the first `longest` bytes of `text`, cut between characters.
fn clip(text: &str, longest: usize) -> &str {
    let mut end = text.len().min(longest);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Adds `entry` as the newest, dropping an older entry with the same text and the oldest beyond
/// [`KEPT`].
pub fn push(entries: &mut Vec<Entry>, entry: Entry) {
    entries.retain(|e| e.text != entry.text);
    entries.insert(0, entry);
    entries.truncate(KEPT);
}

/// The entries as localStorage keeps them: one CSV record each, newest first — time, why, text,
/// and why it could not be opened (empty when it can).
pub fn write(entries: &[Entry]) -> String {
    let mut text = String::new();
    for e in entries {
        let at = format!("{}", e.at_ms);
        let unreadable = e.unreadable.as_deref().unwrap_or_default();
        crate::records::write(&mut text, [at.as_str(), &e.why, &e.text, unreadable], "\n");
    }
    text
}

/// The entries [`write`] stored. A record this version cannot read (a time that is not one, too
/// few cells: written by another version) is kept as an entry that cannot be opened, with its
/// text, so that going back and forth between versions loses nothing.
pub fn parse(stored: &str) -> Vec<Entry> {
    let mut entries: Vec<Entry> = crate::records::read(stored)
        .into_iter()
        .map(|r| {
            let at_ms = r.first().and_then(|t| t.parse::<f64>().ok());
            match (at_ms, r.get(1), r.get(2)) {
                (Some(at_ms), Some(why), Some(text)) if at_ms.is_finite() && at_ms >= 0.0 => {
                    Entry {
                        at_ms,
                        why: clip(why, LONGEST_WHY).to_string(),
                        text: clip(text, LONGEST_TEXT).to_string(),
                        unreadable: r
                            .get(3)
                            .filter(|u| !u.is_empty())
                            .map(|u| clip(u, LONGEST_WHY).to_string()),
                    }
                }
                _ => Entry::unreadable(
                    &r.join(","),
                    "This version of Headroom cannot read this entry.",
                    "Kept from another version of Headroom.",
                    0.0,
                ),
            }
        })
        .collect();
    entries.truncate(KEPT);
    entries
}

/// `mine` with the entries another tab stored since (`stored`) that `mine` lacks, newest first,
/// at most [`KEPT`]: two tabs saving in turn keep each other's.
pub fn merge(mine: &[Entry], stored: Vec<Entry>) -> Vec<Entry> {
    let mut all = mine.to_vec();
    for entry in stored {
        if !all.iter().any(|e| e.text == entry.text) {
            // Placed by time among `mine`, which is newest first (no sort: a sort's code is large
            // for the first visit).
            let at = all
                .iter()
                .position(|e| e.at_ms < entry.at_ms)
                .unwrap_or(all.len());
            all.insert(at, entry);
        }
    }
    all.truncate(KEPT);
    all
}

/// Removes the entry holding `text`, if any: the scenario it held is open again.
pub fn forget(entries: &mut Vec<Entry>, text: &str) {
    entries.retain(|e| e.text != text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    #[test]
    fn entries_read_back_as_they_were_written() {
        let scenario = presets::by_id("agent-platform").unwrap().scenario();
        let entries = vec![
            Entry::scenario(&scenario, "You opened a shared link.", 1_764_000_000_000.0),
            Entry::unreadable(
                "v99.abc, \"quoted\"\nsecond line",
                "This link uses scenario format 99.",
                "Your saved scenario could not be opened.",
                1_763_000_000_000.0,
            ),
        ];
        let stored = write(&entries);
        assert_eq!(parse(&stored), entries);
        assert_eq!(parse(&stored)[0].opened(), Some(scenario));
        assert_eq!(parse(&stored)[1].opened(), None);
    }

    #[test]
    fn the_newest_ten_are_kept_each_once() {
        let mut entries = Vec::new();
        let mut scenario = presets::by_id("agent-platform").unwrap().scenario();
        for runs in 1..=12 {
            scenario.workload.runs_per_day = f64::from(runs);
            push(
                &mut entries,
                Entry::scenario(&scenario, "edited", f64::from(runs)),
            );
        }
        assert_eq!(entries.len(), KEPT);
        assert_eq!(entries[0].at_ms, 12.0);
        assert_eq!(entries[KEPT - 1].at_ms, 3.0);
        // The same scenario again moves to the front rather than appearing twice.
        scenario.workload.runs_per_day = 5.0;
        push(&mut entries, Entry::scenario(&scenario, "again", 13.0));
        assert_eq!(entries.len(), KEPT);
        assert_eq!(entries[0].why, "again");
        assert_eq!(
            entries.iter().filter(|e| e.text == entries[0].text).count(),
            1
        );
    }

    /// Found by a hostile review: records another version might write (an ISO time, two cells)
    /// were dropped on the next load, and a time of NaN was shown as "0 Jan 00:00".
    #[test]
    fn records_this_version_cannot_read_were_dropped() {
        let scenario = presets::by_id("agent-platform").unwrap().scenario();
        let good = write(&[Entry::scenario(&scenario, "kept", 1.0)]);
        let stored = format!("2026-12-02T10:00:00Z,x,y\nNaN,a,b\nonly,two\n{good}");
        let entries = parse(&stored);
        assert_eq!(entries.len(), 4);
        assert_eq!(entries[3].why, "kept");
        assert_eq!(entries[3].opened(), Some(scenario));
        for kept in &entries[..3] {
            assert!(kept.unreadable.is_some() && kept.opened().is_none());
            assert_eq!(kept.at_ms, 0.0);
        }
        assert_eq!(entries[0].text, "2026-12-02T10:00:00Z,x,y");
        assert_eq!(entries[2].text, "only,two");
    }

    /// Found by a hostile review: two tabs each wrote their own list over the other's, and the
    /// work one of them set aside was gone.
    #[test]
    fn two_tabs_saving_in_turn_overwrote_each_other() {
        let mut a = presets::by_id("agent-platform").unwrap().scenario();
        a.name = "tab a".into();
        let mut b = a.clone();
        b.name = "tab b".into();
        let theirs = vec![Entry::scenario(&a, "a", 1.0)];
        let mine = vec![Entry::scenario(&b, "b", 2.0)];
        let merged = merge(&mine, parse(&write(&theirs)));
        assert_eq!(merged.len(), 2);
        assert_eq!(merged[0].why, "b");
        assert_eq!(merged[1].opened(), Some(a));
    }

    #[test]
    fn a_stored_list_edited_by_hand_is_read_cut_to_bounds() {
        let why = "w".repeat(200_000);
        let text = "t".repeat(100_000);
        let stored = format!("5,{why},{text},{why}\n");
        let entries = parse(&stored);
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].why.len(), LONGEST_WHY);
        assert_eq!(entries[0].text.len(), LONGEST_TEXT);
        assert_eq!(
            entries[0].unreadable.as_ref().map(String::len),
            Some(LONGEST_WHY)
        );
    }

    #[test]
    fn a_huge_unreadable_text_is_kept_cut_to_a_bound() {
        let text = "é".repeat(LONGEST_TEXT);
        let entry = Entry::unreadable(&text, "too long", "a link", 0.0);
        assert!(entry.text.len() <= LONGEST_TEXT);
        assert!(text.starts_with(&entry.text));
    }
}
