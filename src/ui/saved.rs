//! Saved scenarios: the scenarios a user kept by name, to open or compare later. They live in
//! localStorage as CSV records (name, share link, when saved), and travel between browsers as
//! a CSV file of the same records under a header, which a spreadsheet opens too.
//!
//! Each scenario is kept as its share link, so a saved scenario opens in every later build, as
//! a link does ([`crate::export::link`]).

use crate::export::link;
use crate::records;
use crate::scenario::Scenario;

/// localStorage key of the saved scenarios.
pub const KEY: &str = "headroom.saved";

/// localStorage key where a stored list that did not read back whole is kept, as it was,
/// before the list is first written over.
pub const SET_ASIDE_KEY: &str = "headroom.saved.unread";

/// The most scenarios kept: far more than a deal needs, few enough that the list stays usable
/// and the storage unharmed by an imported file of any size.
pub const MOST: usize = 200;

/// The longest name kept, in characters.
pub const LONGEST_NAME: usize = 120;

/// The longest link kept, in bytes: twice the longest link Headroom makes.
const LONGEST_LINK: usize = 64 * 1024;

/// The latest time a browser's clock can show, in milliseconds since 1970 (ECMAScript's
/// 8.64 × 10¹⁵); a stored time past it reads as 0.
const LATEST_MS: f64 = 8.64e15;

/// The header of an exported file.
pub const HEADER: [&str; 3] = ["name", "link", "saved_at_ms"];

/// One saved scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Saved {
    /// Its name, as the user gave it.
    pub name: String,
    /// The scenario as a share-link fragment (`v8.…`).
    pub link: String,
    /// When it was saved, in milliseconds since 1970 (the browser's clock).
    pub at_ms: f64,
}

impl Saved {
    /// `scenario` saved under `name` at `at_ms`.
    pub fn new(name: &str, scenario: &Scenario, at_ms: f64) -> Saved {
        Saved {
            name: one_line(name),
            link: link::encode(scenario),
            at_ms,
        }
    }

    /// The scenario, or why its link does not open in this build.
    pub fn scenario(&self) -> Result<Scenario, String> {
        link::decode(&self.link).map_err(|e| e.to_string())
    }
}

/// Why a name cannot be given to a saved scenario; `None` when it can.
pub fn name_problem(name: &str) -> Option<String> {
    let name = name.trim();
    if name.is_empty() {
        return Some("Give the scenario a name.".into());
    }
    if name.chars().count() > LONGEST_NAME {
        return Some(format!("A name is at most {LONGEST_NAME} characters."));
    }
    if name.chars().any(char::is_control) {
        return Some("A name is one line of text.".into());
    }
    None
}

/// Keeps `saved` under its name, newest first: it replaces a scenario of the same name (the
/// replaced one is returned, so that the page can offer it back), and the oldest beyond
/// [`MOST`] is dropped and returned likewise.
pub fn keep(list: &mut Vec<Saved>, saved: Saved) -> Vec<Saved> {
    let mut dropped: Vec<Saved> = Vec::new();
    if let Some(at) = list.iter().position(|s| s.name == saved.name) {
        dropped.push(list.remove(at));
    }
    list.insert(0, saved);
    dropped.extend(list.drain(MOST.min(list.len())..));
    dropped
}

/// Renames the scenario named `from` (by name, not place: another tab may have saved since),
/// unless another has the new name; `Err` says why not.
pub fn rename(list: &mut [Saved], from: &str, name: &str) -> Result<(), String> {
    if let Some(problem) = name_problem(name) {
        return Err(problem);
    }
    let name = name.trim();
    if list.iter().any(|s| s.name != from && s.name == name) {
        return Err(format!("Another saved scenario is named “{name}”."));
    }
    match list.iter_mut().find(|s| s.name == from) {
        Some(saved) => {
            saved.name = one_line(name);
            Ok(())
        }
        None => Err(format!("“{from}” is no longer saved.")),
    }
}

/// The list as localStorage keeps it: one record each, newest first.
pub fn write(list: &[Saved]) -> String {
    let mut text = String::new();
    for saved in list {
        let at = format!("{}", saved.at_ms);
        records::write(&mut text, [saved.name.as_str(), &saved.link, &at], "\n");
    }
    text
}

/// The list [`write`] stored, or a file [`export`] wrote (its header skipped), at most [`MOST`]
/// scenarios. A record without a name and a link is skipped; a name is kept to one line of at
/// most [`LONGEST_NAME`] characters; a time that is not one reads as 0.
pub fn parse(text: &str) -> Vec<Saved> {
    let mut list = parse_all(text);
    list.truncate(MOST);
    list
}

/// Every scenario of a stored list or file, however many.
fn parse_all(text: &str) -> Vec<Saved> {
    records::read(text)
        .into_iter()
        .filter(|r| r.iter().map(String::as_str).ne(HEADER))
        .filter_map(|r| {
            let name = clip(&one_line(r.first()?), LONGEST_NAME);
            let link = r.get(1)?.trim();
            if name.is_empty() || link.is_empty() || link.len() > LONGEST_LINK {
                return None;
            }
            let at_ms = r.get(2).and_then(|t| t.parse::<f64>().ok());
            Some(Saved {
                name,
                link: link.strip_prefix('#').unwrap_or(link).to_string(),
                at_ms: at_ms
                    .filter(|t| (0.0..=LATEST_MS).contains(t))
                    .unwrap_or(0.0),
            })
        })
        .collect()
}

/// The file "Export" downloads: a header, then the list as [`write`] keeps it, with `\r\n`
/// line ends as spreadsheets expect.
pub fn export(list: &[Saved]) -> String {
    let mut text = String::new();
    records::write(&mut text, HEADER, "\r\n");
    for saved in list {
        let at = format!("{}", saved.at_ms);
        records::write(&mut text, [saved.name.as_str(), &saved.link, &at], "\r\n");
    }
    text
}

/// What an import did, in words the page shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Imported {
    /// Scenarios added.
    pub added: usize,
    /// Scenarios already saved under the same name with the same link.
    pub already: usize,
    /// Scenarios whose links do not open in this build, each with its name and why.
    pub refused: Vec<(String, String)>,
    /// Scenarios left out, the file's or the oldest saved, to keep at most [`MOST`].
    pub beyond: usize,
}

impl Imported {
    /// The import in a sentence.
    pub fn summary(&self) -> String {
        let mut text = match (self.added, self.already) {
            (0, 0) if self.refused.is_empty() => "The file holds no saved scenarios.".to_string(),
            (added, 0) => format!("Imported {added} scenario{}.", plural(added)),
            (added, already) => format!(
                "Imported {added} scenario{}; {already} {} already saved.",
                plural(added),
                if already == 1 { "was" } else { "were" }
            ),
        };
        // The first few refused by name, cut short: a file may hold thousands.
        for (name, why) in self.refused.iter().take(SAID) {
            text.push_str(&format!(
                " “{}” was not imported: {}",
                clip(name, 40),
                clip(why, 160)
            ));
        }
        if self.refused.len() > SAID {
            text.push_str(&format!(
                " {} more could not be imported.",
                self.refused.len() - SAID
            ));
        }
        if self.beyond > 0 {
            text.push_str(&format!(
                " {} {} left out: at most {MOST} are kept.",
                self.beyond,
                if self.beyond == 1 { "was" } else { "were" }
            ));
        }
        text
    }
}

/// How many refused scenarios an import's summary names.
const SAID: usize = 3;

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Adds the scenarios of an exported file to `list`. A scenario saved already (same name, same
/// link) is not added twice; one whose name is taken by another scenario is added under the
/// name with " (2)", " (3)"… after it; one whose link does not open is left out and named. The
/// imported ones come first, in the file's order.
pub fn import(list: &mut Vec<Saved>, file: &str) -> Imported {
    let mut imported = Imported::default();
    let mut added: Vec<Saved> = Vec::new();
    let mut read = parse_all(file);
    if read.len() > MOST {
        imported.beyond = read.len() - MOST;
        read.truncate(MOST);
    }
    for mut saved in read {
        if let Err(why) = saved.scenario() {
            imported.refused.push((saved.name, why));
            continue;
        }
        let taken = |name: &str| list.iter().chain(&added).find(|s| s.name == name);
        match taken(&saved.name) {
            Some(same) if same.link == saved.link => {
                imported.already += 1;
                continue;
            }
            Some(_) => {
                let original = saved.name.clone();
                let mut n = 2;
                while taken(&saved.name).is_some() {
                    let suffix = format!(" ({n})");
                    let base = clip(&original, LONGEST_NAME - suffix.chars().count());
                    saved.name = format!("{base}{suffix}");
                    n += 1;
                }
            }
            None => {}
        }
        added.push(saved);
    }
    imported.added = added.len();
    added.append(list);
    imported.beyond += added.len().saturating_sub(MOST);
    added.truncate(MOST);
    *list = added;
    imported
}

/// A name as it is kept: one line (a control character becomes a space), without the marks
/// that turn the direction of the text around it (U+202A to U+202E, U+2066 to U+2069), trimmed.
fn one_line(name: &str) -> String {
    let kept: String = (name.chars())
        .filter(|c| !matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    kept.trim().to_string()
}

/// At most `longest` characters of `text`.
fn clip(text: &str, longest: usize) -> String {
    text.chars().take(longest).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::presets;

    fn scenario(id: &str) -> Scenario {
        presets::by_id(id).unwrap().scenario()
    }

    #[test]
    fn a_list_written_reads_back_and_an_export_imports_into_an_empty_list() {
        let mut list = Vec::new();
        keep(
            &mut list,
            Saved::new("Base, \"as signed\"", &scenario("ux-flow-engine"), 1.5e12),
        );
        keep(
            &mut list,
            Saved::new("Bigger", &scenario("inventory-cloud-run"), 1.6e12),
        );
        assert_eq!(parse(&write(&list)), list);
        assert_eq!(parse(&export(&list)), list);
        let mut other = Vec::new();
        let imported = import(&mut other, &export(&list));
        assert_eq!((imported.added, imported.already), (2, 0));
        assert_eq!(other, list);
        assert_eq!(list[1].scenario().unwrap(), scenario("ux-flow-engine"));
    }

    #[test]
    fn saving_under_a_name_in_use_replaces_it_and_hands_it_back() {
        let mut list = Vec::new();
        keep(
            &mut list,
            Saved::new("Deal", &scenario("ux-flow-engine"), 1.0),
        );
        let dropped = keep(
            &mut list,
            Saved::new(" Deal ", &scenario("inventory-cloud-run"), 2.0),
        );
        assert_eq!(list.len(), 1);
        assert_eq!(dropped.len(), 1);
        assert_eq!(dropped[0].scenario().unwrap(), scenario("ux-flow-engine"));
        assert_eq!(list[0].scenario().unwrap(), scenario("inventory-cloud-run"));
    }

    #[test]
    fn importing_keeps_both_of_two_scenarios_of_one_name_and_names_what_it_refuses() {
        let mut list = vec![Saved::new("Deal", &scenario("ux-flow-engine"), 1.0)];
        let mut file = export(&[
            Saved::new("Deal", &scenario("inventory-cloud-run"), 2.0),
            Saved::new("Deal", &scenario("ux-flow-engine"), 1.0),
        ]);
        file.push_str("Broken,v8.not-a-scenario,3\r\n");
        let imported = import(&mut list, &file);
        assert_eq!((imported.added, imported.already), (1, 1));
        assert_eq!(imported.refused.len(), 1);
        assert_eq!(imported.refused[0].0, "Broken");
        let names: Vec<&str> = list.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Deal (2)", "Deal"]);
        assert!(imported.summary().contains("“Broken” was not imported"));
    }

    #[test]
    fn names_are_one_line_and_renaming_to_a_name_in_use_is_refused() {
        assert!(name_problem("  ").is_some());
        assert!(name_problem("a\nb").is_some());
        assert!(name_problem(&"x".repeat(LONGEST_NAME + 1)).is_some());
        let mut list = vec![
            Saved::new("A", &scenario("ux-flow-engine"), 1.0),
            Saved::new("B", &scenario("ux-flow-engine"), 1.0),
        ];
        assert!(rename(&mut list, "A", "B").is_err());
        rename(&mut list, "A", " C ").unwrap();
        assert_eq!(list[0].name, "C");
        assert!(rename(&mut list, "A", "D").is_err());
    }

    #[test]
    fn a_stored_list_of_any_size_keeps_at_most_the_most_and_skips_what_is_not_a_scenario() {
        let one = Saved::new("x", &scenario("ux-flow-engine"), 1.0);
        let mut text = String::from("only a name\n,v8.abc\n");
        for i in 0..MOST + 5 {
            records::write(
                &mut text,
                [format!("n{i}").as_str(), &one.link, "nan"],
                "\n",
            );
        }
        let list = parse(&text);
        assert_eq!(list.len(), MOST);
        assert_eq!(list[0].name, "n0");
        assert_eq!(list[0].at_ms, 0.0);
    }

    #[test]
    fn an_import_of_any_file_keeps_names_to_one_short_line_and_says_little_of_what_it_refuses() {
        let one = Saved::new("x", &scenario("ux-flow-engine"), 1.0);
        let other = Saved::new("y", &scenario("inventory-cloud-run"), 1.0);
        let long = "n".repeat(LONGEST_NAME);
        let mut file = String::new();
        records::write(&mut file, [long.as_str(), &one.link, "1"], "\n");
        records::write(&mut file, [long.as_str(), &other.link, "1"], "\n");
        records::write(&mut file, ["two\nlines\u{0}", &one.link, "1"], "\n");
        for i in 0..50 {
            records::write(
                &mut file,
                [format!("bad {i}").as_str(), "v8.AAAA", "1"],
                "\n",
            );
        }
        let mut list = Vec::new();
        let imported = import(&mut list, &file);
        assert_eq!(list.len(), 3);
        assert!(
            list.iter().all(|s| name_problem(&s.name).is_none()),
            "{list:?}"
        );
        assert_eq!(imported.refused.len(), 50);
        assert!(imported.summary().contains("47 more could not be imported"));
        assert!(imported.summary().len() < 1_000);
        let mut many = String::new();
        for i in 0..MOST + 7 {
            records::write(&mut many, [format!("m{i}").as_str(), &one.link, "1"], "\n");
        }
        let imported = import(&mut Vec::new(), &many);
        assert_eq!(imported.beyond, 7);
        assert!(imported.summary().contains("7 were left out"));
    }
}
