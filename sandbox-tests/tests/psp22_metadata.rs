//! The built reward_token bundle lists every PSP22 and PSP22Metadata message
//! with exactly the standard's selector (w3f PSP22: the first four bytes of
//! blake2b-256 of "PSP22::message_name"), and its events and error are the
//! standard's.

use sandbox_tests::bundle_path;
use serde_json::Value;

/// The standard's selector table (PSP22, PSP22Metadata, PSP22Burnable).
const STANDARD_SELECTORS: &[(&str, &str)] = &[
    ("PSP22::total_supply", "0x162df8c2"),
    ("PSP22::balance_of", "0x6568382f"),
    ("PSP22::allowance", "0x4d47d921"),
    ("PSP22::transfer", "0xdb20f9f5"),
    ("PSP22::transfer_from", "0x54b3c76e"),
    ("PSP22::approve", "0xb20f1bbd"),
    ("PSP22::increase_allowance", "0x96d6b57a"),
    ("PSP22::decrease_allowance", "0xfecb57d5"),
    ("PSP22Metadata::token_name", "0x3d261bd4"),
    ("PSP22Metadata::token_symbol", "0x34205be5"),
    ("PSP22Metadata::token_decimals", "0x7271b782"),
    ("PSP22Burnable::burn", "0x7a9da510"),
];

fn metadata() -> Value {
    let path = bundle_path("reward_token").with_extension("json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "no metadata at {}: run scripts/build-contracts ({error})",
            path.display()
        )
    });
    serde_json::from_str(&text).expect("the metadata is JSON")
}

#[test]
fn every_standard_message_has_exactly_the_standard_selector() {
    // given the release bundle's metadata
    let metadata = metadata();
    let messages = metadata["spec"]["messages"].as_array().expect("messages");
    // then each standard message is listed once, with the standard's selector
    for (label, selector) in STANDARD_SELECTORS {
        let listed: Vec<&Value> = messages.iter().filter(|m| m["label"] == *label).collect();
        assert_eq!(listed.len(), 1, "{label} is listed once");
        assert_eq!(listed[0]["selector"], *selector, "{label} has the standard selector");
    }
    // and no other message uses a standard selector
    let reused = messages
        .iter()
        .filter(|m| {
            STANDARD_SELECTORS
                .iter()
                .any(|(_, selector)| m["selector"] == *selector)
        })
        .filter(|m| STANDARD_SELECTORS.iter().all(|(label, _)| m["label"] != *label))
        .count();
    assert_eq!(reused, 0);
}

#[test]
fn the_standard_events_are_declared_with_their_topics() {
    let metadata = metadata();
    let events = metadata["spec"]["events"].as_array().expect("events");
    for (event, topics) in [("Transfer", ["from", "to"]), ("Approval", ["owner", "spender"])] {
        let declared = events
            .iter()
            .find(|e| e["label"] == event)
            .unwrap_or_else(|| panic!("{event} is declared"));
        for topic in topics {
            let arg = declared["args"]
                .as_array()
                .and_then(|args| args.iter().find(|a| a["label"] == topic))
                .unwrap_or_else(|| panic!("{event}.{topic} exists"));
            assert_eq!(arg["indexed"], true, "{event}.{topic} is a topic");
        }
    }
}
