//! Share links: any text given as a link either opens a scenario that is accepted (`accepted`),
//! or is refused with a message that is one safe line (`refused`).
#![no_main]

use headroom::export::link;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    match link::decode(&text) {
        Ok(scenario) => headroom_fuzz::accepted(&scenario),
        Err(error) => headroom_fuzz::refused(&error.to_string()),
    }
});
