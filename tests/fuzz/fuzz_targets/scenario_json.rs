//! Scenario files: any text read as a scenario file (JSON) either gives a scenario that is
//! accepted, prints back as JSON that reads as the same scenario, or is refused with a message
//! that is one safe line once the command line has escaped it.
#![no_main]

use headroom::cli;
use headroom::scenario::inputs::escaped;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match cli::read_scenario(text) {
        Ok(scenario) => {
            headroom_fuzz::accepted(&scenario);
            let again = serde_json_round_trip(&scenario);
            assert!(again == scenario, "its JSON reads as another scenario");
        }
        Err(message) => headroom_fuzz::refused(&escaped(&message, 400)),
    }
});

/// The scenario as `headroom eval --format scenario` prints it, read back.
fn serde_json_round_trip(scenario: &headroom::scenario::Scenario) -> headroom::scenario::Scenario {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let fragment = headroom::export::link::encode(scenario);
    let status = cli::run(
        [
            "headroom",
            "eval",
            &format!("#{fragment}"),
            "--format",
            "scenario",
        ]
        .map(Into::into),
        &mut out,
        &mut err,
    );
    assert_eq!(status, 0, "{}", String::from_utf8_lossy(&err));
    let printed = String::from_utf8(out).expect("the command line prints UTF-8");
    cli::read_scenario(&printed).unwrap_or_else(|e| panic!("its own JSON does not read: {e}"))
}
