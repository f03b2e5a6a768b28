//! Stories that need a clock the test controls: consents and delegations end
//! by block time, with no one revoking them.

use consent::book::ConsentStatus;
use consent::consent::Error as ConsentError;
use interfaces::traits::ConsentCheck;
use interfaces::{Action, DataCategory, Purpose};
use sandbox_tests::{account, lab_results_for_treatment, ConsentSuite};

const DAY: u64 = 86_400_000;

fn lab_check(
    suite: &mut ConsentSuite,
    patient: ink::primitives::AccountId,
    grantee: ink::primitives::AccountId,
) -> bool {
    let check = suite.consent_calls().check(
        patient,
        grantee,
        DataCategory::LabResults,
        Purpose::Treatment,
        Action::Read,
    );
    suite.chain.query(account(99), &check).value
}

/// (c) A consent that expires by block time stops checking true.
#[test]
fn a_consent_stops_checking_true_when_block_time_reaches_its_end() {
    // given a consent that holds for one day from now
    let mut suite = ConsentSuite::deploy();
    let (patient, doctor) = (account(10), account(20));
    suite.chain.fund(patient);
    let now = suite.chain.block_time();
    let grant = suite
        .consent_calls()
        .grant(patient, doctor, lab_results_for_treatment(now + DAY));
    assert!(matches!(suite.chain.call(patient, &grant).value, Ok(1)));
    assert!(lab_check(&mut suite, patient, doctor));

    // when block time reaches the last millisecond of the window
    suite.chain.advance_time(DAY - 1);
    // then it still holds
    assert!(lab_check(&mut suite, patient, doctor));

    // when block time reaches the end of the window
    suite.chain.advance_time(1);
    // then it no longer holds, though it was never revoked
    assert!(!lab_check(&mut suite, patient, doctor));
    let stored = suite
        .chain
        .query(patient, &suite.consent_calls().consent(patient, doctor))
        .value;
    assert_eq!(stored.map(|consent| consent.status), Some(ConsentStatus::Active));

    // and the patient may grant anew without revoking first
    let later = suite.chain.block_time();
    let renew = suite
        .consent_calls()
        .grant(patient, doctor, lab_results_for_treatment(later + DAY));
    assert!(matches!(suite.chain.call(patient, &renew).value, Ok(2)));
    assert!(lab_check(&mut suite, patient, doctor));
}

/// A consent that starts in the future holds only from its start.
#[test]
fn a_consent_that_starts_tomorrow_holds_only_from_tomorrow() {
    let mut suite = ConsentSuite::deploy();
    let (patient, doctor) = (account(10), account(20));
    suite.chain.fund(patient);
    let now = suite.chain.block_time();
    let terms = consent::book::ConsentTerms {
        valid_from: now + DAY,
        ..lab_results_for_treatment(now + 2 * DAY)
    };
    assert!(suite
        .chain
        .call(patient, &suite.consent_calls().grant(patient, doctor, terms))
        .value
        .is_ok());
    assert!(!lab_check(&mut suite, patient, doctor));
    suite.chain.advance_time(DAY);
    assert!(lab_check(&mut suite, patient, doctor));
}

/// A guardian named until a date can no longer act for the patient after it.
#[test]
fn a_delegation_that_ended_by_block_time_no_longer_lets_the_guardian_grant() {
    // given a guardian named for one day
    let mut suite = ConsentSuite::deploy();
    let (patient, doctor, guardian) = (account(10), account(20), account(30));
    suite.chain.fund(patient);
    suite.chain.fund(guardian);
    let now = suite.chain.block_time();
    let add = suite.consent_calls().add_delegate(guardian, Some(now + DAY));
    assert_eq!(suite.chain.call(patient, &add).value, Ok(()));

    // when the day is over
    suite.chain.advance_time(DAY);

    // then the guardian's grant is refused and nothing is stored
    let later = suite.chain.block_time();
    let grant = suite
        .consent_calls()
        .grant(patient, doctor, lab_results_for_treatment(later + DAY));
    let refused = suite.chain.call(guardian, &grant);
    assert!(refused.reverted);
    assert_eq!(refused.value, Err(ConsentError::NotPatientOrDelegate));
    assert!(!lab_check(&mut suite, patient, doctor));
    let is_delegate = suite.consent_calls().is_delegate(patient, guardian);
    assert!(!suite.chain.query(patient, &is_delegate).value);
}

/// A consent a guardian granted ends no later than the guardian's delegation
/// (it cannot be granted past it), by block time; the patient's own grant is
/// unaffected.
#[test]
fn a_consent_a_guardian_granted_ends_no_later_than_the_delegation() {
    // given a guardian for a week who grants a doctor for the week, and the patient's own grant to a nurse
    let mut suite = ConsentSuite::deploy();
    let (patient, guardian, doctor, nurse) = (account(10), account(11), account(12), account(13));
    suite.chain.fund(patient);
    suite.chain.fund(guardian);
    let now = suite.chain.block_time();
    let add = suite.consent_calls().add_delegate(guardian, Some(now + 7 * DAY));
    assert_eq!(suite.chain.call(patient, &add).value, Ok(()));
    let by_guardian = suite
        .consent_calls()
        .grant(patient, doctor, lab_results_for_treatment(now + 7 * DAY));
    assert!(suite.chain.call(guardian, &by_guardian).value.is_ok());
    let own = suite
        .consent_calls()
        .grant(patient, nurse, lab_results_for_treatment(now + 30 * DAY));
    assert!(suite.chain.call(patient, &own).value.is_ok());
    assert!(lab_check(&mut suite, patient, doctor));

    // when the week is over
    suite.chain.advance_time(7 * DAY);

    // then the guardian's grant no longer holds, the patient's does
    assert!(!lab_check(&mut suite, patient, doctor));
    assert!(lab_check(&mut suite, patient, nurse));
    // and the former guardian can no longer grant at all
    let later = suite.chain.block_time();
    let again = suite
        .consent_calls()
        .grant(patient, account(14), lab_results_for_treatment(later + DAY));
    let refused = suite.chain.call(guardian, &again);
    assert!(refused.reverted);
    assert_eq!(refused.value, Err(ConsentError::NotPatientOrDelegate));
}

/// An expired consent cannot be updated back to life: refused, and the
/// stored consent keeps its old end.
#[test]
fn an_expired_consent_cannot_be_updated_back_to_life() {
    // given a consent that held for a day, and the day is over
    let mut suite = ConsentSuite::deploy();
    let (patient, doctor) = (account(10), account(12));
    suite.chain.fund(patient);
    let now = suite.chain.block_time();
    let grant = suite
        .consent_calls()
        .grant(patient, doctor, lab_results_for_treatment(now + DAY));
    assert!(suite.chain.call(patient, &grant).value.is_ok());
    suite.chain.advance_time(DAY);

    // when the patient updates it to run another year
    let later = suite.chain.block_time();
    let update = suite
        .consent_calls()
        .update(patient, doctor, lab_results_for_treatment(later + 365 * DAY));
    let refused = suite.chain.call(patient, &update);

    // then it is refused and nothing changed
    assert!(refused.reverted);
    assert_eq!(refused.value, Err(ConsentError::NoActiveConsent));
    let consent = suite.consent_calls().consent(patient, doctor);
    let stored = suite.chain.query(account(99), &consent).value.expect("stored");
    assert_eq!((stored.id, stored.scope.window.until), (1, now + DAY));
    assert!(!lab_check(&mut suite, patient, doctor));
}
