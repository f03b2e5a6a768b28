//! Insurance runs its rarer messages in `insurance_extension`'s code,
//! delegate-called over its own storage. These stories check the seam: the
//! extension answers exactly the messages insurance forwards, with the same
//! arguments and answers; it is code, never a contract; insurance will not
//! start on code the chain does not hold; and a forwarded message changes
//! insurance's own state, as its caller, with its refusals intact.

use ink::primitives::Hash;
use insurance::insurance::Error;
use insurance::plan::PlanStatus;
use interfaces::{AdminError, ProviderKind};
use sandbox_tests::{account, bundle_path, monthly_lab_plan, InsuredSuite, SandboxChain};
use serde_json::Value;
use std::collections::BTreeMap;

const YEAR: u64 = 365 * 86_400_000;

/// The metadata (`spec` and `types`) of a release bundle.
fn metadata(contract: &str) -> Value {
    let path = bundle_path(contract);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|error| panic!("no bundle at {}: run scripts/build-contracts ({error})", path.display()));
    serde_json::from_str(&text).expect("a bundle is JSON")
}

/// A type of `types`, written out in full (path, parameters and shape), so
/// two metadata's types compare by what they are, not by their ids.
fn render(types: &Value, id: &Value, depth: usize) -> String {
    assert!(depth < 24, "a type nests deeper than the suite's types do");
    let entry = types
        .as_array()
        .and_then(|all| all.iter().find(|entry| &entry["id"] == id))
        .unwrap_or_else(|| panic!("type {id} is in the registry"));
    let ty = &entry["type"];
    let path = ty["path"]
        .as_array()
        .map(|segments| segments.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("::"));
    let shape = render_def(types, &ty["def"], depth + 1);
    format!("{}{shape}", path.unwrap_or_default())
}

fn render_def(types: &Value, def: &Value, depth: usize) -> String {
    let fields = |fields: &Value| -> String {
        fields
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|field| {
                        let name = field["name"].as_str().unwrap_or("_");
                        format!("{name}: {}", render(types, &field["type"], depth))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default()
    };
    if let Some(composite) = def.get("composite") {
        format!("{{{}}}", fields(&composite["fields"]))
    } else if let Some(variant) = def.get("variant") {
        let variants = variant["variants"]
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|v| {
                        format!(
                            "{}#{}({})",
                            v["name"].as_str().unwrap_or("?"),
                            v["index"],
                            fields(&v["fields"])
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" | ")
            })
            .unwrap_or_default();
        format!("<{variants}>")
    } else if let Some(sequence) = def.get("sequence") {
        format!("[{}]", render(types, &sequence["type"], depth))
    } else if let Some(array) = def.get("array") {
        format!("[{}; {}]", render(types, &array["type"], depth), array["len"])
    } else if let Some(tuple) = def.get("tuple") {
        let members = tuple
            .as_array()
            .map(|all| {
                all.iter()
                    .map(|id| render(types, id, depth))
                    .collect::<Vec<_>>()
                    .join(", ")
            })
            .unwrap_or_default();
        format!("({members})")
    } else if let Some(primitive) = def.get("primitive") {
        primitive.as_str().unwrap_or("?").to_string()
    } else if let Some(compact) = def.get("compact") {
        format!("Compact<{}>", render(types, &compact["type"], depth))
    } else {
        format!("{def}")
    }
}

/// Each message of a bundle by selector: its label, whether it mutates or
/// is payable, its arguments and its answer, types written out in full.
fn messages(contract: &str) -> BTreeMap<String, String> {
    let bundle = metadata(contract);
    let types = &bundle["types"];
    bundle["spec"]["messages"]
        .as_array()
        .expect("a bundle lists its messages")
        .iter()
        .map(|message| {
            let args = message["args"]
                .as_array()
                .map(|all| {
                    all.iter()
                        .map(|arg| format!("{}: {}", arg["label"], render(types, &arg["type"]["type"], 0)))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let selector = message["selector"].as_str().expect("a selector").to_string();
            let signature = format!(
                "{}(mutates {}, payable {}; {args}) -> {}",
                message["label"],
                message["mutates"],
                message["payable"],
                render(types, &message["returnType"]["type"], 0)
            );
            (selector, signature)
        })
        .collect()
}

#[test]
fn every_message_the_extension_runs_is_a_message_of_insurance_with_the_same_selector_arguments_and_answer() {
    // given both release bundles' metadata
    let insurance = messages("insurance");
    let extension = messages("insurance_extension");
    // then the extension runs only what insurance forwards, with the same shape
    assert!(extension.len() >= 15, "the extension runs insurance's rarer messages");
    for (selector, signature) in &extension {
        assert_eq!(
            insurance.get(selector),
            Some(signature),
            "insurance forwards {selector} with the extension's arguments and answer"
        );
    }
    // and the messages insurance keeps are not in the extension
    for kept in ["submit_claim", "vote", "payout", "enrol", "pay_premium", "extension"] {
        assert!(
            !extension
                .values()
                .any(|signature| signature.starts_with(&format!("\"{kept}\"("))),
            "{kept} runs in insurance itself"
        );
    }
}

#[test]
fn the_extension_is_code_and_cannot_be_instantiated() {
    // given a chain
    let mut chain = SandboxChain::new();
    // when someone instantiates the extension's code as a contract
    let instantiated = chain.try_deploy("insurance_extension", (), account(1));
    // then its constructor refuses
    let error = instantiated.expect_err("the extension has no instance");
    assert!(error.contains("reverted"), "{error}");
}

#[test]
fn insurance_will_not_start_on_an_extension_the_chain_does_not_hold() {
    // given the suite's contracts, and a code hash no one uploaded
    let mut suite = InsuredSuite::deploy();
    let read_links = suite.insurance_calls().linked_contracts();
    let links = suite.chain().query(account(1), &read_links).value;
    // when insurance is instantiated over it
    let instantiated = suite
        .chain()
        .try_deploy("insurance", (links, 10_000u32, Hash::from([7; 32])), account(1));
    // then the chain refuses: the delegate dependency cannot be locked
    assert!(instantiated.is_err(), "{instantiated:?}");
}

#[test]
fn a_forwarded_message_changes_insurance_state_as_its_caller_and_keeps_its_refusals() {
    // given the suite with a verified insurer
    let mut suite = InsuredSuite::deploy();
    let admin = account(1);
    let insurer = account(30);
    let outsider = account(99);
    let valid_until = suite.chain().block_time() + YEAR;
    suite
        .health
        .verify_provider(insurer, ProviderKind::Insurer, valid_until);
    let mut calls = suite.insurance_calls();
    // when the insurer publishes a plan (run in the extension's code)
    let published = suite.chain().call(insurer, &calls.publish_plan(monthly_lab_plan()));
    // then insurance's own storage holds it, the insurer's, proposed
    let plan = published.value.expect("a verified insurer publishes");
    let stored = suite
        .chain()
        .query(admin, &calls.plan(plan))
        .value
        .expect("insurance holds the plan");
    assert_eq!(stored.insurer, insurer);
    assert_eq!(stored.status, PlanStatus::Proposed);
    assert_eq!(suite.chain().query(admin, &calls.plan_count()).value, 1);
    // when an outsider approves it (the extension checks the admin)
    let refused = suite.chain().call(outsider, &calls.approve_plan(plan));
    // then it is refused with insurance's error, and the plan is still proposed
    assert!(refused.reverted);
    assert_eq!(refused.value, Err(Error::Admin(AdminError::NotAdmin)));
    let after = suite.chain().query(admin, &calls.plan(plan)).value.expect("the plan");
    assert_eq!(after.status, PlanStatus::Proposed);
    // and the admin's approval opens it
    assert_eq!(suite.chain().call(admin, &calls.approve_plan(plan)).value, Ok(()));
    let opened = suite.chain().query(admin, &calls.plan(plan)).value.expect("the plan");
    assert_eq!(opened.status, PlanStatus::Open);
}
