//! Attack stories against contracts that misbehave on purpose
//! (`contracts/testing/hostile_callee`): a registry or consent check that
//! traps, answers garbage or burns all gas; an audit trail that refuses or
//! traps; a PSP22 token that tries to re-enter the pool, governance and
//! insurance from inside `transfer_from`. Each ends in a refusal or a
//! fail-closed denial, and the state read back shows nothing half-written.

use hostile_callee::hostile_callee::{Behaviour, HostileCallee, Reentry};
use ink::primitives::AccountId;
use interfaces::{AuditAction, DenialReason, Purpose};
use record_access::record_access::{AccessOutcome, RecordAccess};
use sandbox_tests::{account, calls, lab_record, lab_results_for_treatment, provider_application, SandboxChain};

const ADMIN: u8 = 1;
const PATIENT: u8 = 10;
const GUARDIAN: u8 = 12;
const HOSPITAL: u8 = 20;
const PARAMEDIC: u8 = 22;
const DAY: u64 = 86_400_000;

/// Audit trail, consent and registry (real or `hostile`), and record access
/// wired to them; the patient has one record (id 1), the hospital and a
/// paramedic are verified (when the registry is real), the hospital holds
/// the patient's consent and the guardian is the patient's delegate (when
/// consent is real).
struct Suite {
    chain: SandboxChain,
    audit: AccountId,
    consent: AccountId,
    records: AccountId,
}

#[derive(Clone, Copy)]
enum Hostile {
    Registry(Behaviour),
    Consent(Behaviour),
    /// Every contract is the real one.
    Nothing,
}

fn suite_with(hostile: Hostile) -> Suite {
    let mut chain = SandboxChain::new();
    let (admin, patient, hospital) = (account(ADMIN), account(PATIENT), account(HOSPITAL));
    chain.fund(patient);
    chain.fund(hospital);
    let audit = chain.deploy("audit_trail", (), admin);
    let real_consent = chain.deploy("consent", audit, admin);
    let real_registry = chain.deploy("provider_verification", (), admin);
    let (registry, consent) = match hostile {
        Hostile::Registry(behaviour) => (chain.deploy("hostile_callee", (behaviour, 0u128), admin), real_consent),
        Hostile::Consent(behaviour) => (real_registry, chain.deploy("hostile_callee", (behaviour, 0u128), admin)),
        Hostile::Nothing => (real_registry, real_consent),
    };
    let records = chain.deploy("record_access", (registry, consent, audit), admin);
    let mut trail = calls::<audit_trail::audit_trail::AuditTrail>(audit);
    for writer in [real_consent, records] {
        assert_eq!(chain.call(admin, &trail.authorize_writer(writer)).value, Ok(()));
    }
    let mut registry_calls = calls::<provider_verification::provider_verification::ProviderVerification>(real_registry);
    let kinds = interfaces::types::Flag::ALL.to_vec();
    assert_eq!(
        chain.call(admin, &registry_calls.appoint_verifier(admin, kinds)).value,
        Ok(())
    );
    for (provider, kind) in [
        (hospital, interfaces::ProviderKind::Hospital),
        (account(PARAMEDIC), interfaces::ProviderKind::EmergencyService),
    ] {
        chain.fund(provider);
        let application = provider_application(kind, chain.block_time() + 90 * DAY);
        assert_eq!(chain.call(provider, &registry_calls.apply(application)).value, Ok(()));
        assert!(chain.call(admin, &registry_calls.attest(provider)).value.is_ok());
    }
    let mut consent_calls = calls::<consent::consent::ConsentRegistry>(real_consent);
    chain.fund(account(GUARDIAN));
    assert_eq!(
        chain
            .call(patient, &consent_calls.add_delegate(account(GUARDIAN), None))
            .value,
        Ok(())
    );
    assert_eq!(
        chain
            .call(patient, &consent_calls.set_emergency_access(patient, true))
            .value,
        Ok(())
    );
    let mut terms = lab_results_for_treatment(chain.block_time() + 30 * DAY);
    terms.actions.push(interfaces::Action::Write);
    assert!(chain
        .call(patient, &consent_calls.grant(patient, hospital, terms))
        .value
        .is_ok());
    let mut index = calls::<RecordAccess>(records);
    assert_eq!(chain.call(patient, &index.add_record(lab_record(patient))).value, Ok(1));
    Suite {
        chain,
        audit,
        consent: real_consent,
        records,
    }
}

impl Suite {
    fn audit_length(&mut self) -> u64 {
        let head = calls::<audit_trail::audit_trail::AuditTrail>(self.audit).head();
        self.chain.query(account(ADMIN), &head).value.seq
    }

    fn last_audit_action(&mut self) -> AuditAction {
        let seq = self.audit_length();
        let entry = calls::<audit_trail::audit_trail::AuditTrail>(self.audit).entry(seq);
        self.chain
            .query(account(ADMIN), &entry)
            .value
            .expect("the head entry exists")
            .record
            .action
    }

    /// The hospital asks to read record 1: the decision must be a denial
    /// for `CheckUnavailable`, audited once.
    fn hospital_is_denied_and_audited(&mut self) {
        self.is_denied_and_audited(HOSPITAL, Purpose::Treatment);
    }

    /// `requester` asks to read record 1 for `purpose`: denied for
    /// `CheckUnavailable`, audited once.
    fn is_denied_and_audited(&mut self, requester: u8, purpose: Purpose) {
        let before = self.audit_length();
        let mut index = calls::<RecordAccess>(self.records);
        let outcome = self.chain.call(account(requester), &index.request_access(1, purpose));
        assert_eq!(outcome.value, Ok(AccessOutcome::Denied(DenialReason::CheckUnavailable)));
        assert_eq!(self.audit_length(), before + 1, "the denial is audited once");
        assert_eq!(
            self.last_audit_action(),
            AuditAction::AccessDenied {
                purpose,
                reason: DenialReason::CheckUnavailable
            }
        );
    }

    /// Whether record 1 is withheld from the hospital.
    fn withheld_from_hospital(&mut self) -> bool {
        let index = calls::<RecordAccess>(self.records);
        self.chain
            .query(account(ADMIN), &index.is_withheld(1, account(HOSPITAL)))
            .value
    }

    /// The hospital tries to add a record for the patient: refused with
    /// `expected` (or not run at all when `expected` is `None`); no record
    /// 2, no audit entry.
    fn hospital_cannot_add_a_record(&mut self, expected: Option<record_access::error::Error>) {
        let before = self.audit_length();
        let mut index = calls::<RecordAccess>(self.records);
        let outcome = self
            .chain
            .try_call(account(HOSPITAL), &index.add_record(lab_record(account(PATIENT))));
        match expected {
            Some(error) => assert_eq!(outcome.expect("the call runs").value, Err(error)),
            None => assert!(outcome.is_err(), "the call cannot run to the end: {outcome:?}"),
        }
        let record_2 = self.chain.query(account(ADMIN), &index.record(2)).value;
        assert_eq!(record_2, None, "nothing was stored");
        assert_eq!(self.audit_length(), before, "nothing was audited");
    }
}

#[test]
fn a_registry_that_traps_or_answers_garbage_denies_access_fail_closed_and_adds_nothing() {
    for behaviour in [Behaviour::Trap, Behaviour::Garbage] {
        // given record access asking a registry that misbehaves
        let mut suite = suite_with(Hostile::Registry(behaviour));
        // when the hospital asks to read, then it is denied and the denial audited
        suite.hospital_is_denied_and_audited();
        // when the hospital tries to write, then it is refused and nothing stored
        suite.hospital_cannot_add_a_record(Some(record_access::error::Error::RegistryUnavailable));
    }
}

#[test]
fn a_consent_check_that_traps_or_answers_garbage_denies_access_fail_closed_and_adds_nothing() {
    for behaviour in [Behaviour::Trap, Behaviour::Garbage] {
        // given record access asking a consent contract that misbehaves
        let mut suite = suite_with(Hostile::Consent(behaviour));
        // when the (verified) hospital asks to read, then it is denied
        suite.hospital_is_denied_and_audited();
        // when it tries to write, then it is refused and nothing stored
        suite.hospital_cannot_add_a_record(Some(record_access::error::Error::ConsentUnavailable));
    }
}

#[test]
fn a_paramedic_under_a_consent_contract_that_traps_or_answers_garbage_gets_no_emergency_access() {
    for behaviour in [Behaviour::Trap, Behaviour::Garbage] {
        // given a verified emergency service, and record access asking a
        // consent contract that misbehaves whether the patient opted in
        let mut suite = suite_with(Hostile::Consent(behaviour));
        // when the paramedic breaks the glass, then it is denied fail-closed
        // and the denial audited once
        suite.is_denied_and_audited(PARAMEDIC, Purpose::Emergency);
    }
}

#[test]
fn a_delegate_is_refused_when_the_consent_contract_cannot_say_it_is_one() {
    use record_access::error::Error as RecordError;
    for behaviour in [Behaviour::Trap, Behaviour::Garbage] {
        // given record access asking a misbehaving consent contract whether
        // the guardian is the patient's delegate
        let mut suite = suite_with(Hostile::Consent(behaviour));
        let before = suite.audit_length();
        let mut index = calls::<RecordAccess>(suite.records);
        // when the guardian withholds record 1 from the hospital, then it is
        // refused, nothing is withheld and nothing audited
        let withheld = suite
            .chain
            .call(account(GUARDIAN), &index.withhold(1, Some(account(HOSPITAL))));
        assert_eq!(withheld.value, Err(RecordError::ConsentUnavailable));
        assert!(!suite.withheld_from_hospital());
        assert_eq!(suite.audit_length(), before);
        // and the patient, who needs no answer from consent, still can
        let own = suite
            .chain
            .call(account(PATIENT), &index.withhold(1, Some(account(HOSPITAL))));
        assert_eq!(own.value, Ok(()));
        assert!(suite.withheld_from_hospital());
        // when the guardian tries to release it, then it is refused and it stays withheld
        let released = suite
            .chain
            .call(account(GUARDIAN), &index.release(1, Some(account(HOSPITAL))));
        assert_eq!(released.value, Err(RecordError::ConsentUnavailable));
        assert!(suite.withheld_from_hospital());
    }
}

#[test]
fn an_audit_trail_that_stops_accepting_a_writer_reverts_a_revocation_and_a_withholding() {
    use consent::book::ConsentStatus;
    use consent::error::Error as ConsentError;
    use record_access::error::Error as RecordError;
    // given the real suite with the hospital's consent in force, and then the
    // audit trail no longer accepting consent's and record access's entries
    let mut suite = suite_with(Hostile::Nothing);
    let (admin, patient, hospital) = (account(ADMIN), account(PATIENT), account(HOSPITAL));
    let mut trail = calls::<audit_trail::audit_trail::AuditTrail>(suite.audit);
    for writer in [suite.consent, suite.records] {
        assert_eq!(suite.chain.call(admin, &trail.revoke_writer(writer)).value, Ok(()));
    }
    let before = suite.audit_length();
    // when the patient revokes the hospital's consent, then it is refused
    // and the consent stays in force
    let mut consent_calls = calls::<consent::consent::ConsentRegistry>(suite.consent);
    let revoked = suite.chain.call(patient, &consent_calls.revoke(patient, hospital));
    assert_eq!(revoked.value, Err(ConsentError::AuditRejected));
    let kept = suite
        .chain
        .query(patient, &consent_calls.consent(patient, hospital))
        .value
        .expect("the consent exists");
    assert_eq!(kept.status, ConsentStatus::Active);
    // when the patient withholds record 1 from the hospital, then it is
    // refused and nothing is withheld
    let mut index = calls::<RecordAccess>(suite.records);
    let withheld = suite.chain.call(patient, &index.withhold(1, Some(hospital)));
    assert_eq!(withheld.value, Err(RecordError::AuditRejected));
    assert!(!suite.withheld_from_hospital());
    assert_eq!(suite.audit_length(), before, "nothing was audited");
}

#[test]
fn a_check_that_burns_all_gas_cannot_get_a_grant_or_a_record_through() {
    for hostile in [
        Hostile::Registry(Behaviour::BurnGas),
        Hostile::Consent(Behaviour::BurnGas),
    ] {
        // given record access asking a callee that loops until the gas runs out
        let mut suite = suite_with(hostile);
        let before = suite.audit_length();
        // when the hospital asks to read, then the whole call runs out of gas:
        // no grant, no audit entry
        let mut index = calls::<RecordAccess>(suite.records);
        let outcome = suite
            .chain
            .try_call(account(HOSPITAL), &index.request_access(1, Purpose::Treatment));
        assert!(outcome.is_err(), "no answer comes back: {outcome:?}");
        assert_eq!(suite.audit_length(), before);
        // and writing fails the same way, storing nothing
        suite.hospital_cannot_add_a_record(None);
    }
}

#[test]
fn an_audit_trail_that_refuses_or_traps_reverts_the_change_it_was_to_record() {
    use consent::error::Error as ConsentError;
    use record_access::error::Error as RecordError;
    for (behaviour, refusals) in [
        (
            Behaviour::Refuse,
            Some((ConsentError::AuditRejected, RecordError::AuditRejected)),
        ),
        (
            Behaviour::Trap,
            Some((ConsentError::AuditUnavailable, RecordError::AuditUnavailable)),
        ),
        (
            Behaviour::Garbage,
            Some((ConsentError::AuditUnavailable, RecordError::AuditUnavailable)),
        ),
        // Out of gas: the whole call fails, nothing comes back.
        (Behaviour::BurnGas, None),
    ] {
        // given consent and record access writing to a hostile audit trail
        let mut chain = SandboxChain::new();
        let (admin, patient, hospital) = (account(ADMIN), account(PATIENT), account(HOSPITAL));
        chain.fund(patient);
        let trail = chain.deploy("hostile_callee", (behaviour, 0u128), admin);
        let consent = chain.deploy("consent", trail, admin);
        let registry = chain.deploy("provider_verification", (), admin);
        let records = chain.deploy("record_access", (registry, consent, trail), admin);
        // when the patient grants consent, then it is refused and no consent exists
        let mut consent_calls = calls::<consent::consent::ConsentRegistry>(consent);
        let grant = consent_calls.grant(patient, hospital, lab_results_for_treatment(chain.block_time() + DAY));
        let granted = chain.try_call(patient, &grant).map(|outcome| outcome.value);
        assert_eq!(granted.ok(), refusals.map(|(consent, _)| Err(consent)));
        assert_eq!(
            chain.query(patient, &consent_calls.consent(patient, hospital)).value,
            None
        );
        // when the patient adds a record, then it is refused and no record exists
        let mut index = calls::<RecordAccess>(records);
        let added = chain
            .try_call(patient, &index.add_record(lab_record(patient)))
            .map(|outcome| outcome.value);
        assert_eq!(added.ok(), refusals.map(|(_, record)| Err(record)));
        assert_eq!(chain.query(patient, &index.record(1)).value, None);
    }
}

/// A token (the hostile callee as PSP22) that re-enters `selector` of its
/// caller during every transfer (with one amount, or two when `twice`), or a
/// plain one when `selector` is `None`; the holder owns 10,000.
fn token(chain: &mut SandboxChain, reenter: Option<([u8; 4], bool)>) -> AccountId {
    let behaviour = match reenter {
        Some((selector, twice)) => Behaviour::Reenter { selector, twice },
        None => Behaviour::Refuse,
    };
    chain.deploy("hostile_callee", (behaviour, 10_000u128), account(PATIENT))
}

fn token_balance(chain: &mut SandboxChain, token: AccountId, holder: AccountId) -> u128 {
    use interfaces::traits::PSP22;
    chain
        .query(holder, &calls::<HostileCallee>(token).balance_of(holder))
        .value
}

/// What the holder puts into each victim (more than the 1,000 shares a
/// risk pool's first deposit locks).
const AMOUNT: u128 = 2_000;

/// Deploys a victim on `token` and has the holder put `AMOUNT` into it; returns
/// the call's answer (as printed), the victim's own count of what it
/// received, and the tokens it holds.
type Victim = fn(&mut SandboxChain, AccountId) -> (String, u128, u128);

fn reward_pool_deposit(chain: &mut SandboxChain, token: AccountId) -> (String, u128, u128) {
    let holder = account(PATIENT);
    let pool = chain.deploy("reward_pool", (token, account(ADMIN)), account(ADMIN));
    let mut pool_calls = calls::<reward_pool::reward_pool::RewardPool>(pool);
    let accepted = format!("{:?}", chain.call(holder, &pool_calls.deposit(AMOUNT, 10)).value);
    let (liabilities, held) = chain
        .query(holder, &pool_calls.solvency())
        .value
        .expect("the token answers");
    assert_eq!(
        chain.query(holder, &pool_calls.sponsorship(holder)).value.deposit,
        liabilities
    );
    (accepted, liabilities, held)
}

fn governance_lock(chain: &mut SandboxChain, token: AccountId) -> (String, u128, u128) {
    let holder = account(PATIENT);
    let settings = sandbox_tests::governance_settings_in_days();
    let governance = chain.deploy("governance", (token, settings), account(ADMIN));
    let mut governance_calls = calls::<governance::governance::Governance>(governance);
    let accepted = format!("{:?}", chain.call(holder, &governance_calls.lock(AMOUNT)).value);
    let locked = chain.query(holder, &governance_calls.total_locked()).value;
    assert_eq!(chain.query(holder, &governance_calls.locked_of(holder)).value, locked);
    (accepted, locked, token_balance(chain, token, governance))
}

fn insurance_capital(chain: &mut SandboxChain, token: AccountId) -> (String, u128, u128) {
    let holder = account(PATIENT);
    let registry = chain.deploy("provider_verification", (), account(ADMIN));
    let links = insurance::insurance::LinkedContracts {
        providers: registry,
        consent: registry,
        records: registry,
        audit_trail: registry,
        token,
    };
    let insurance = chain.deploy_insurance(links, 10_000, account(ADMIN));
    let mut insurance_calls = calls::<insurance::insurance::Insurance>(insurance);
    let accepted = format!(
        "{:?}",
        chain.call(holder, &insurance_calls.deposit_capital(AMOUNT, 0)).value
    );
    let pool = chain.query(holder, &insurance_calls.pool()).value;
    assert_eq!(
        chain.query(holder, &insurance_calls.shares_of(holder)).value,
        pool.total_shares - pool.locked_shares
    );
    (accepted, pool.capital_deposited, token_balance(chain, token, insurance))
}

#[test]
fn a_token_that_re_enters_the_reward_pool_governance_or_insurance_gets_the_whole_call_refused() {
    let victims: [(&str, [u8; 4], bool, Victim, &str); 3] = [
        (
            "reward pool",
            ink::selector_bytes!("deposit"),
            true,
            reward_pool_deposit,
            "Ok(())",
        ),
        (
            "governance",
            ink::selector_bytes!("lock"),
            false,
            governance_lock,
            "Ok(2000)",
        ),
        (
            "insurance",
            ink::selector_bytes!("deposit_capital"),
            true,
            insurance_capital,
            "Ok(1000)",
        ),
    ];
    for (name, selector, twice, victim, accepted) in victims {
        let mut chain = SandboxChain::new();
        chain.fund(account(PATIENT));
        // given a plain token, the victim takes AMOUNT and counts it (the control)
        let plain = token(&mut chain, None);
        let took = (accepted.to_string(), AMOUNT, AMOUNT);
        assert_eq!(victim(&mut chain, plain), took, "{name} on a plain token");
        // given a token that calls the victim back from inside transfer_from
        let hostile = token(&mut chain, Some((selector, twice)));
        // when the holder puts in AMOUNT, then the chain refuses the call back,
        // the token's transfer fails and the victim refuses: it counts
        // nothing, holds nothing, and the holder keeps every token
        assert_eq!(
            victim(&mut chain, hostile),
            ("Err(TokenUnavailable)".to_string(), 0, 0),
            "{name} on a re-entering token"
        );
        assert_eq!(token_balance(&mut chain, hostile, account(PATIENT)), 10_000);
        let last = chain
            .query(account(PATIENT), &calls::<HostileCallee>(hostile).last_reentry())
            .value;
        assert_eq!(last, Reentry::NotTried, "the token's own write was rolled back with it");
    }
}
