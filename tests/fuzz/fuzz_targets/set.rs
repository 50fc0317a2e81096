//! `--set` edits: the first line of the input picks a preset (by its first byte), each further
//! line (up to four) is one `--set PATH=VALUE`, applied as `headroom eval` applies them. The
//! edits either give a valid scenario whose launch figures read (the link target checks round
//! trips and evaluates whole), or are refused with a message that is one safe line once the
//! command line has escaped it; nothing else. (That the command line prints that message as its
//! one line of stderr with status 2 is tested in tests/cli.rs.)
#![no_main]

use headroom::cli;
use headroom::scenario::inputs::escaped;
use headroom::scenario::presets;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut lines = text.split('\n');
    let pick = lines.next().and_then(|l| l.bytes().next()).unwrap_or(0);
    let all = presets::all();
    let mut scenario = all[usize::from(pick) % all.len()].scenario();
    let mut paths = Vec::new();
    for assignment in lines.take(4) {
        match cli::apply_set(&mut scenario, assignment) {
            Ok(path) => paths.push(path),
            Err(message) => return headroom_fuzz::refused(&escaped(&message, 400)),
        }
    }
    match cli::check(&scenario, &paths) {
        Ok(()) => headroom_fuzz::accepted_at_launch(&scenario),
        Err(message) => headroom_fuzz::refused(&escaped(&message, 400)),
    }
});
