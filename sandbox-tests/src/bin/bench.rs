//! Weight and storage deposit per message, measured on the drink! sandbox with
//! the release bundles, at a small and a large amount of stored state, plus
//! each contract's optimized code size. Prints a Markdown table and writes it
//! to the file given as the first argument (default `bench/RESULTS.md`).
//!
//! Run through `scripts/bench`, which builds the release bundles first.

use audit_trail::audit_trail::AuditTrail;
use ink::primitives::{AccountId, Hash};
use interfaces::traits::{AuditLog, ConsentCheck};
use interfaces::traits::{ProviderCheck, RewardCredit, PSP22};
use interfaces::ProviderKind;
use interfaces::{Action, AuditAction, AuditRecord, DataCategory, Purpose};
use record_access::record_access::AccessOutcome;
use reward_pool::reward_pool::RewardPool;
use reward_token::reward_token::RewardToken;
use sandbox_tests::{
    account, bundle_path, calls, lab_record, lab_results_for_treatment, provider_application, ConsentSuite, Cost,
    HealthSuite,
};
use std::fmt::Write as _;
use zk_verifier::zk_verifier::ZkVerifier;

const SMALL: u32 = 10;
const DEFAULT_LARGE: u32 = 10_000;
const CONTRACTS: &[&str] = &[
    "audit_trail",
    "consent",
    "provider_verification",
    "record_access",
    "reward_token",
    "reward_pool",
    "insurance",
    "insurance_extension",
    "governance",
    "key_directory",
    "zk_verifier",
];
/// The psp22 crate's own example token, built by `scripts/bench` for comparison.
const PSP22_EXAMPLE: &str = "psp22_example";
/// Normal-class share of a block's ref_time on substrate-contracts-node:
/// 75% of 2 s of reference weight.
const BLOCK_NORMAL_REF_TIME: u64 = 1_500_000_000_000;

struct Row {
    contract: &'static str,
    message: &'static str,
    /// How many entries of the same kind were stored; `None` for a message
    /// measured once on a small fixed state (not at scale).
    stored: Option<u32>,
    cost: Cost,
}

impl Row {
    fn stored_label(&self) -> String {
        self.stored
            .map_or_else(|| "fixed (not at scale)".to_string(), |count| count.to_string())
    }
}

/// Adds a row per `(message, cost)` of `contract` measured with `stored` entries.
fn push_rows(rows: &mut Vec<Row>, contract: &'static str, stored: Option<u32>, measured: &[(&'static str, Cost)]) {
    rows.extend(measured.iter().map(|&(message, cost)| Row {
        contract,
        message,
        stored,
        cost,
    }));
}

/// The `i`-th of many distinct accounts.
fn nth_account(i: u32) -> AccountId {
    let mut bytes = [0xA5u8; 32];
    bytes[..4].copy_from_slice(&i.to_le_bytes());
    AccountId::from(bytes)
}

fn far_future(suite: &mut ConsentSuite) -> u64 {
    suite.chain.block_time() + 365 * 86_400_000
}

/// consent `grant` and `check` with `stored` consents of one patient in place.
fn bench_consent(stored: u32, rows: &mut Vec<Row>) {
    let mut suite = ConsentSuite::deploy();
    let patient = account(10);
    suite.chain.fund(patient);
    let until = far_future(&mut suite);
    for i in 0..stored {
        let grant = suite
            .consent_calls()
            .grant(patient, nth_account(i), lab_results_for_treatment(until));
        let outcome = suite.chain.call(patient, &grant);
        assert!(outcome.value.is_ok(), "filling consent {i}: {:?}", outcome.value);
        progress(i);
    }

    let check = suite.consent_calls().check(
        patient,
        nth_account(stored / 2),
        DataCategory::LabResults,
        Purpose::Treatment,
        Action::Read,
    );
    let checked = suite.chain.query(account(99), &check);
    assert!(checked.value, "the stored consent checks true");
    rows.push(Row {
        contract: "consent",
        message: "check (ConsentCheck)",
        stored: Some(stored),
        cost: checked.cost,
    });

    let grant = suite
        .consent_calls()
        .grant(patient, account(77), lab_results_for_treatment(until));
    let granted = suite.chain.call(patient, &grant);
    assert!(granted.value.is_ok());
    rows.push(Row {
        contract: "consent",
        message: "grant (incl. audit append)",
        stored: Some(stored),
        cost: granted.cost,
    });
}

/// audit_trail `append` with `stored` entries of the same patient in place.
fn bench_audit(stored: u32, rows: &mut Vec<Row>) {
    let mut suite = ConsentSuite::deploy();
    // Only contracts may be writers: the sandbox lets the bench call as the
    // consent contract's account (authorised at deployment), so `append` is
    // measured alone.
    let writer = suite.consent;
    suite.chain.fund(writer);
    let record = |subject: u64| AuditRecord {
        patient: account(10),
        actor: account(10),
        counterpart: Some(account(20)),
        action: AuditAction::ConsentGranted,
        subject,
        digest: Hash::from([7u8; 32]),
    };
    for i in 0..stored {
        let append = calls::<AuditTrail>(suite.audit).append(record(u64::from(i)));
        assert!(suite.chain.call(writer, &append).value.is_ok(), "filling entry {i}");
        progress(i);
    }
    let append = suite.audit_calls().append(record(u64::from(stored)));
    let appended = suite.chain.call(writer, &append);
    assert_eq!(appended.value, Ok(u64::from(stored) + 1));
    rows.push(Row {
        contract: "audit_trail",
        message: "append (AuditLog)",
        stored: Some(stored),
        cost: appended.cost,
    });
}

/// The record access path with `stored` records of one patient (same
/// category) and `stored` other verified providers in place: `add_record` by a
/// verified hospital, `request_access` granted and denied, `is_verified`.
fn bench_records(stored: u32, rows: &mut Vec<Row>) {
    let mut health = HealthSuite::deploy();
    let (patient, hospital, physician) = (account(10), account(11), account(12));
    let now = health.chain().block_time();
    let (until, accredited_until) = (now + 365 * 86_400_000, now + 300 * 86_400_000);
    health.verify_provider(hospital, ProviderKind::Hospital, accredited_until);
    health.verify_provider(physician, ProviderKind::Physician, accredited_until);
    health.chain().fund(patient);
    let mut write_terms = lab_results_for_treatment(until);
    write_terms.actions = vec![Action::Write];
    let consent = health.suite.consent_calls();
    for (grantee, terms) in [(hospital, write_terms), (physician, lab_results_for_treatment(until))] {
        let grant = consent.clone().grant(patient, grantee, terms);
        assert!(health.chain().call(patient, &grant).value.is_ok(), "patient grants");
    }

    let add_own = health.record_calls().add_record(lab_record(patient));
    for i in 0..stored {
        assert!(
            health.chain().call(patient, &add_own).value.is_ok(),
            "filling record {i}"
        );
        let provider = nth_account(i);
        health.chain().fund(provider);
        let apply = health
            .provider_calls()
            .apply(provider_application(ProviderKind::Physician, accredited_until));
        assert_eq!(
            health.chain().call(provider, &apply).value,
            Ok(()),
            "filling provider {i}"
        );
        let attest = health.provider_calls().attest(provider);
        let admin = health.suite.admin;
        assert!(
            health.chain().call(admin, &attest).value.is_ok(),
            "attesting provider {i}"
        );
        progress(i);
    }

    let add = health.record_calls().add_record(lab_record(patient));
    let added = health.chain().call(hospital, &add);
    let record_id = added.value.expect("the hospital adds a record");
    rows.push(Row {
        contract: "record_access",
        message: "add_record (verified hospital, incl. registry, consent, audit)",
        stored: Some(stored),
        cost: added.cost,
    });

    let request = health.record_calls().request_access(record_id, Purpose::Treatment);
    let granted = health.chain().call(physician, &request);
    assert!(matches!(granted.value, Ok(AccessOutcome::Granted(_))));
    rows.push(Row {
        contract: "record_access",
        message: "request_access granted (incl. registry, consent, audit)",
        stored: Some(stored),
        cost: granted.cost,
    });

    // The hospital may write lab results but holds no read consent.
    let denied = health.chain().call(hospital, &request);
    assert!(matches!(denied.value, Ok(AccessOutcome::Denied(_))));
    rows.push(Row {
        contract: "record_access",
        message: "request_access denied (incl. registry, consent, audit)",
        stored: Some(stored),
        cost: denied.cost,
    });

    let verified = health.provider_calls().is_verified(physician, ProviderKind::Physician);
    let checked = health.chain().query(account(99), &verified);
    assert!(checked.value);
    rows.push(Row {
        contract: "provider_verification",
        message: "is_verified (ProviderCheck)",
        stored: Some(stored),
        cost: checked.cost,
    });
}

/// PSP22 `transfer` (to an existing holder), `approve` and `transfer_from` on
/// `token` (deployed with `new(supply, name, symbol, decimals)`).
fn bench_psp22(contract: &'static str, rows: &mut Vec<Row>) {
    let mut chain = sandbox_tests::SandboxChain::new();
    let (holder, other, spender) = (account(1), account(2), account(3));
    let no_name: Option<String> = None;
    let token = chain.deploy(contract, (1_000_000u128, no_name.clone(), no_name, 12u8), holder);
    let calls = || calls::<RewardToken>(token);
    // `other` becomes an existing holder first, as in the reference figure.
    assert_eq!(
        chain.call(holder, &calls().transfer(other, 1, Vec::new())).value,
        Ok(())
    );
    let transfer = chain.call(holder, &calls().transfer(other, 100, Vec::new()));
    assert_eq!(transfer.value, Ok(()));
    let approve = chain.call(holder, &calls().approve(spender, 1_000));
    assert_eq!(approve.value, Ok(()));
    chain.fund(spender);
    let transfer_from = chain.call(spender, &calls().transfer_from(holder, other, 100, Vec::new()));
    assert_eq!(transfer_from.value, Ok(()));
    push_rows(
        rows,
        contract,
        None,
        &[
            ("PSP22::transfer (to an existing holder)", transfer.cost),
            ("PSP22::approve", approve.cost),
            ("PSP22::transfer_from", transfer_from.cost),
        ],
    );
}

/// The Groth16 verifier on the committed snarkjs known answer (three public
/// inputs: commitment, threshold, claim) under the development key.
fn bench_zk_verifier(rows: &mut Vec<Row>) {
    let mut chain = sandbox_tests::SandboxChain::new();
    chain.allow_block_sized_calls();
    let key = include_bytes!("../../../zk/artifacts/at_least.vkey.bin").to_vec();
    let verifier = chain.deploy("zk_verifier", (key,), account(1));
    let answer: serde_json::Value =
        serde_json::from_str(include_str!("../../../zk/fixtures/at_least.known-answer.json")).expect("json");
    let hex = |text: &serde_json::Value| -> Vec<u8> {
        let text = text.as_str().expect("hex");
        (0..text.len())
            .step_by(2)
            .map(|at| u8::from_str_radix(&text[at..at + 2], 16).expect("hex"))
            .collect()
    };
    let proof = hex(&answer["encoded"]["proof"]);
    let inputs: Vec<[u8; 32]> = answer["encoded"]["publicInputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|input| hex(input).try_into().expect("32 bytes"))
        .collect();
    let verified = chain.call(account(1), &calls::<ZkVerifier>(verifier).verify(proof, inputs));
    assert_eq!(verified.value, Ok(true), "the known answer verifies");
    push_rows(
        rows,
        "zk_verifier",
        None,
        &[("verify (Groth16, BN254, 3 public inputs)", verified.cost)],
    );
}

/// The reward pool's deposit (incl. `transfer_from`), credit and withdrawal
/// (incl. `transfer`), credited by a plain account standing in for record access.
fn bench_pool(rows: &mut Vec<Row>) {
    let mut chain = sandbox_tests::SandboxChain::new();
    let (admin, sponsor, patient, crediter) = (account(1), account(2), account(3), account(4));
    let no_name: Option<String> = None;
    let token = chain.deploy("reward_token", (1_000_000u128, no_name.clone(), no_name, 12u8), admin);
    let pool = chain.deploy("reward_pool", (token, crediter), admin);
    let token_calls = || calls::<RewardToken>(token);
    let pool_calls = || calls::<RewardPool>(pool);
    for account in [sponsor, patient, crediter] {
        chain.fund(account);
    }
    assert_eq!(
        chain
            .call(admin, &token_calls().transfer(sponsor, 10_000, Vec::new()))
            .value,
        Ok(())
    );
    assert_eq!(chain.call(sponsor, &token_calls().approve(pool, 10_000)).value, Ok(()));
    assert_eq!(chain.call(sponsor, &pool_calls().deposit(1_000, 10)).value, Ok(()));
    let deposit = chain.call(sponsor, &pool_calls().deposit(1_000, 10));
    assert_eq!(deposit.value, Ok(()));
    assert_eq!(
        chain.call(crediter, &pool_calls().credit(sponsor, patient)).value,
        Ok(10)
    );
    let credit = chain.call(crediter, &pool_calls().credit(sponsor, patient));
    assert_eq!(credit.value, Ok(10));
    let withdraw = chain.call(patient, &pool_calls().withdraw_earned(10));
    assert_eq!(withdraw.value, Ok(()));
    push_rows(
        rows,
        "reward_pool",
        None,
        &[
            ("deposit (incl. PSP22 transfer_from)", deposit.cost),
            ("credit (RewardCredit)", credit.cost),
            ("withdraw_earned (incl. PSP22 transfer)", withdraw.cost),
        ],
    );
}

/// Insurance's enrolment, premium, claims on the auto and the review path,
/// a vote and a payout, with `stored` other policies and `stored` other
/// claims (each holder's own, under review) in place.
fn bench_insurance(stored: u32, rows: &mut Vec<Row>) {
    use insurance::plan::PlanTerms;
    const DAY: u64 = 86_400_000;
    let mut suite = sandbox_tests::InsuredSuite::deploy();
    let mut ins = suite.insurance_calls();
    let (admin, patient, hospital, insurer) = (account(1), account(10), account(20), account(30));
    let assessors = [account(40), account(41)];
    let until = suite.chain().block_time() + 2 * 365 * DAY;
    suite.health.verify_provider(hospital, ProviderKind::Hospital, until);
    suite.health.verify_provider(insurer, ProviderKind::Insurer, until);
    // each policy in force needs its 5,000 of coverage free, and each filler
    // claim reserves its 800 payout on top
    let capital = 6_000 * (u128::from(stored) + 10);
    suite.fund_and_approve(admin, capital);
    let deposit = ins.deposit_capital(capital, capital - insurance::pool::LOCKED_SHARES);
    assert!(suite.chain().call(admin, &deposit).value.is_ok());
    let plan = PlanTerms {
        waiting_period: DAY,
        ..sandbox_tests::monthly_lab_plan()
    };
    assert_eq!(suite.chain().call(insurer, &ins.publish_plan(plan)).value, Ok(0));
    assert_eq!(suite.chain().call(admin, &ins.approve_plan(0)).value, Ok(()));
    for assessor in assessors {
        let appoint = suite.insurance_calls().set_assessor(0, assessor, true);
        assert_eq!(suite.chain().call(admin, &appoint).value, Ok(()));
        suite.chain().fund(assessor);
    }
    assert_eq!(suite.chain().call(admin, &ins.set_quorum(0, 2)).value, Ok(()));
    // other holders: each enrols, and once covered claims on its own record
    for i in 0..stored {
        let holder = nth_account(i);
        suite.fund_and_approve(holder, 100);
        assert!(suite.chain().call(holder, &ins.enrol(0)).value.is_ok());
        progress(i);
    }
    suite.chain().advance_time(DAY);
    for i in 0..stored {
        let holder = nth_account(i);
        let add = suite.health.record_calls().add_record(lab_record(holder));
        let record = suite.chain().call(holder, &add).value.expect("own record");
        let claim = suite
            .insurance_calls()
            .submit_claim(u64::from(i), record, 1_050, Hash::from([7; 32]), None);
        assert!(suite.chain().call(holder, &claim).value.is_ok(), "filling claim {i}");
        progress(i);
    }
    // the measured patient: consents for the hospital to write and the insurer to read for payment
    let consent = |purpose: Purpose, action: Action| consent::book::ConsentTerms {
        purposes: vec![purpose],
        actions: vec![action],
        ..lab_results_for_treatment(until)
    };
    suite.fund_and_approve(patient, 1_000);
    for (grantee, terms) in [
        (hospital, consent(Purpose::Treatment, Action::Write)),
        (insurer, consent(Purpose::Payment, Action::Read)),
    ] {
        let grant = suite.health.suite.consent_calls().grant(patient, grantee, terms);
        assert!(suite.chain().call(patient, &grant).value.is_ok());
    }
    let policy = u64::from(stored);
    let enrol = suite.chain().call(patient, &ins.enrol(0));
    assert_eq!(enrol.value, Ok(policy));
    let premium = suite.chain().call(patient, &ins.pay_premium(policy));
    assert_eq!(premium.value, Ok(()));
    suite.chain().advance_time(DAY);
    let hospital_writes = |suite: &mut sandbox_tests::InsuredSuite| {
        let add = suite.health.record_calls().add_record(lab_record(patient));
        suite.chain().call(hospital, &add).value.expect("hospital record")
    };
    let first = hospital_writes(&mut suite);
    let service = Hash::from([0x5E; 32]);
    let before_claims = suite.chain().snapshot();
    let auto = suite
        .chain()
        .call(patient, &ins.submit_claim(policy, first, 1_050, service, None));
    let auto_claim = auto.value.expect("auto-approved claim");
    suite.chain().advance_time(DAY);
    let payout = suite.chain().call(patient, &ins.payout(auto_claim));
    assert_eq!(payout.value, Ok(()));
    let second = hospital_writes(&mut suite);
    let review = suite
        .chain()
        .call(patient, &ins.submit_claim(policy, second, 1_050, service, None));
    let reviewed = review.value.expect("claim under review");
    let vote = suite.chain().call(assessors[0], &ins.vote(reviewed, false));
    assert_eq!(vote.value, Ok(()));
    // the same first claim, with client/risk-model.json's model in the contract
    suite.chain().restore(&before_claims);
    let model = insurance::risk::RiskModel::from_float(-3.0, [4.0, 1.5, 2.0, 1.2, 0.5]);
    let set_model = suite.chain().call(admin, &ins.set_risk_model(Some(model)));
    assert_eq!(set_model.value, Ok(()));
    let scored = suite
        .chain()
        .call(patient, &ins.submit_claim(policy, first, 1_050, service, None));
    let scored_claim = scored.value.expect("a claim scored at submission");
    let risk = suite
        .chain()
        .query(patient, &ins.claim(scored_claim))
        .value
        .and_then(|claim| claim.risk);
    assert!(risk.is_some(), "the contract scored the claim");
    push_rows(
        rows,
        "insurance",
        Some(stored),
        &[
            ("enrol (incl. registry check, PSP22 transfer_from, audit)", enrol.cost),
            ("pay_premium (incl. PSP22 transfer_from, audit)", premium.cost),
            (
                "submit_claim, auto-approved (incl. record, registry, consent, audit)",
                auto.cost,
            ),
            ("payout (incl. registry, PSP22 transfer, audit)", payout.cost),
            ("submit_claim, to review (duplicate fingerprint)", review.cost),
            ("vote", vote.cost),
            ("set_risk_model (admin; runs in the extension)", set_model.cost),
            (
                "submit_claim, scored by the contract's risk model (as auto-approved, plus the score)",
                scored.cost,
            ),
        ],
    );
}

/// governance `lock`, `propose` (one call), `vote` and `execute` (one
/// external call) with `stored` other lockers and `stored` other proposals
/// in place. The lockers lock over many block times, so the total's history
/// has many checkpoints.
fn bench_governance(stored: u32, rows: &mut Vec<Row>) {
    use governance::proposal::Support;
    const DAY: u64 = 86_400_000;
    let mut suite = sandbox_tests::GovernedSuite::deploy(sandbox_tests::governance_settings_in_days());
    let (main, newcomer) = (account(60), account(61));
    suite.lock(main, 1_000_000_000);
    let registry = suite.health.providers;
    suite.hand_over(registry);
    let mut dao = suite.governance_calls();
    let description = Hash::from([1; 32]);
    let take_registry = dao.propose(vec![sandbox_tests::accept_admin(registry)], description);
    let setup = suite.chain().call(main, &take_registry).value.expect("proposes");
    let registry_calls = suite.health.provider_calls();
    let require = |kind: ProviderKind| {
        let mut registry = registry_calls.clone();
        sandbox_tests::proposed(&registry.set_required_attestations(kind, 2))
    };
    let filler = dao.propose(vec![require(ProviderKind::Laboratory)], description);
    for i in 0..stored {
        suite.lock(nth_account(i), 10);
        assert!(suite.chain().call(main, &filler).value.is_ok(), "filling proposal {i}");
        if i % 100 == 99 {
            suite.chain().advance_time(1);
        }
        progress(i);
    }
    // the measured newcomer's lock: minted and approved first
    suite.chain().fund(newcomer);
    let mut token = calls::<RewardToken>(suite.token);
    let mint = token.mint_to(newcomer, 10);
    assert_eq!(suite.chain().call(account(1), &mint).value, Ok(()));
    let approve = token.approve(suite.governance, 10);
    assert_eq!(suite.chain().call(newcomer, &approve).value, Ok(()));
    let lock = suite.chain().call(newcomer, &dao.lock(10));
    assert_eq!(lock.value, Ok(10));
    // A block time later than every filler, at both sizes: the measured
    // vote then extends the voter's hold (one write) at both, instead of at
    // 10,000 only (where the fillers advanced the time).
    suite.chain().advance_time(1);
    let propose = suite
        .chain()
        .call(main, &dao.propose(vec![require(ProviderKind::Hospital)], description));
    let measured = propose.value.expect("proposes");
    suite.chain().advance_time(DAY + 1);
    assert!(suite.chain().call(main, &dao.vote(setup, Support::For)).value.is_ok());
    let vote = suite.chain().call(main, &dao.vote(measured, Support::For));
    assert_eq!(vote.value, Ok(1_000_000_000));
    suite.chain().advance_time(3 * DAY);
    for id in [setup, measured] {
        assert!(suite.chain().call(main, &dao.queue(id)).value.is_ok());
    }
    suite.chain().advance_time(2 * DAY);
    assert_eq!(suite.chain().call(main, &dao.execute(setup)).value, Ok(()));
    let execute = suite.chain().call(main, &dao.execute(measured));
    assert_eq!(execute.value, Ok(()));
    push_rows(
        rows,
        "governance",
        Some(stored),
        &[
            ("lock (incl. PSP22 transfer_from)", lock.cost),
            ("propose (one call)", propose.cost),
            ("vote", vote.cost),
            (
                "execute (one call: the registry's set_required_attestations)",
                execute.cost,
            ),
        ],
    );
}

fn wasm_size(contract: &str) -> u64 {
    let wasm = bundle_path(contract).with_extension("wasm");
    std::fs::metadata(&wasm).map(|meta| meta.len()).unwrap_or_else(|error| {
        panic!("no optimized Wasm at {}: {error}", wasm.display());
    })
}

fn progress(filled: u32) {
    if filled > 0 && filled % 1_000 == 0 {
        eprintln!("bench:   {filled} stored ...");
    }
}

fn ratio(large: u64, small: u64) -> f64 {
    large as f64 / small.max(1) as f64
}

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "bench/RESULTS.md".to_string());
    let large_count: u32 = std::env::args()
        .nth(2)
        .map(|arg| arg.parse().expect("the second argument is the large stored count"))
        .unwrap_or(DEFAULT_LARGE);
    let mut rows = Vec::new();
    eprintln!("bench: PSP22 tokens and the reward pool ...");
    bench_psp22("reward_token", &mut rows);
    bench_psp22(PSP22_EXAMPLE, &mut rows);
    bench_pool(&mut rows);
    eprintln!("bench: the zk verifier ...");
    bench_zk_verifier(&mut rows);
    for stored in [SMALL, large_count] {
        eprintln!("bench: consent with {stored} consents stored ...");
        bench_consent(stored, &mut rows);
        eprintln!("bench: audit_trail with {stored} entries stored ...");
        bench_audit(stored, &mut rows);
        eprintln!("bench: record access with {stored} records and {stored} providers stored ...");
        bench_records(stored, &mut rows);
        eprintln!("bench: insurance with {stored} policies and {stored} claims stored ...");
        bench_insurance(stored, &mut rows);
        eprintln!("bench: governance with {stored} lockers and {stored} proposals stored ...");
        bench_governance(stored, &mut rows);
    }

    let mut report = String::new();
    writeln!(report, "# Benchmark: weight and storage deposit per message\n").ok();
    writeln!(
        report,
        "Measured with `scripts/bench` on the drink! sandbox (pallet-contracts default weights) \
         running the `cargo contract build --release` bundles. `stored` is how many entries of the \
         same kind were already in storage; \"fixed (not at scale)\" marks a message measured once on a \
         small fixed state. Storage deposit in plancks (positive = charged).\n"
    )
    .ok();
    writeln!(
        report,
        "| contract | message | stored | ref_time | proof_size | storage deposit |"
    )
    .ok();
    writeln!(report, "|---|---|---:|---:|---:|---:|").ok();
    for row in &rows {
        writeln!(
            report,
            "| {} | {} | {} | {} | {} | {} |",
            row.contract,
            row.message,
            row.stored_label(),
            row.cost.ref_time,
            row.cost.proof_size,
            row.cost.storage_deposit
        )
        .ok();
    }

    writeln!(report, "\n## Cost at {large_count} stored / cost at {SMALL} stored\n").ok();
    writeln!(
        report,
        "| contract | message | ref_time ratio | proof_size ratio | within 5% |"
    )
    .ok();
    writeln!(report, "|---|---|---:|---:|---|").ok();
    let mut all_flat = true;
    for small in rows.iter().filter(|row| row.stored == Some(SMALL)) {
        let Some(large) = rows.iter().find(|row| {
            row.stored == Some(large_count) && row.contract == small.contract && row.message == small.message
        }) else {
            continue;
        };
        let (time, proof) = (
            ratio(large.cost.ref_time, small.cost.ref_time),
            ratio(large.cost.proof_size, small.cost.proof_size),
        );
        let flat = (time - 1.0).abs() <= 0.05 && (proof - 1.0).abs() <= 0.05;
        all_flat &= flat;
        writeln!(
            report,
            "| {} | {} | {time:.4} | {proof:.4} | {} |",
            small.contract,
            small.message,
            if flat { "yes" } else { "NO" }
        )
        .ok();
    }

    writeln!(report, "\n## Granted `request_access` calls per block\n").ok();
    for row in rows
        .iter()
        .filter(|row| row.message.starts_with("request_access granted"))
    {
        writeln!(
            report,
            "- {} stored: {} calls fit in a block's normal-class ref_time ({BLOCK_NORMAL_REF_TIME}, 75% of 2×10¹²)",
            row.stored_label(),
            BLOCK_NORMAL_REF_TIME / row.cost.ref_time.max(1)
        )
        .ok();
    }

    writeln!(report, "\n## reward_token against the psp22 crate's example token\n").ok();
    let transfer_of = |contract: &str| {
        rows.iter()
            .find(|row| row.contract == contract && row.message.starts_with("PSP22::transfer (to"))
            .map(|row| row.cost.ref_time)
            .unwrap_or(0)
    };
    let (ours, example) = (transfer_of("reward_token"), transfer_of(PSP22_EXAMPLE));
    writeln!(
        report,
        "- code size: {} / {} bytes = {:.3}",
        wasm_size("reward_token"),
        wasm_size(PSP22_EXAMPLE),
        ratio(wasm_size("reward_token"), wasm_size(PSP22_EXAMPLE))
    )
    .ok();
    writeln!(
        report,
        "- `PSP22::transfer` ref_time: {ours} / {example} = {:.3}",
        ratio(ours, example)
    )
    .ok();

    writeln!(report, "\n## Optimized code size\n").ok();
    writeln!(report, "| contract | .wasm bytes | under 64 KiB |").ok();
    writeln!(report, "|---|---:|---|").ok();
    for contract in CONTRACTS.iter().chain([&PSP22_EXAMPLE]) {
        let size = wasm_size(contract);
        writeln!(
            report,
            "| {contract} | {size} | {} |",
            if size < 64 * 1024 { "yes" } else { "NO" }
        )
        .ok();
    }

    print!("{report}");
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir).ok();
    }
    std::fs::write(&out, &report).unwrap_or_else(|error| panic!("writing {out}: {error}"));
    eprintln!("bench: wrote {out}");
    if !all_flat {
        eprintln!("bench: a message's cost grew by more than 5% with stored state");
        std::process::exit(1);
    }
}
