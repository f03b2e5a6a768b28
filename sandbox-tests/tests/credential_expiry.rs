//! A provider's accreditation ends by block time: record access is then
//! denied and the denial audited, with no one suspending or revoking it.

use interfaces::traits::{ConsentCheck, ProviderCheck};
use interfaces::{Action, AuditAction, DataCategory, DenialReason, ProviderKind, Purpose};
use record_access::record_access::AccessOutcome;
use sandbox_tests::{account, lab_record, lab_results_for_treatment, HealthSuite};

const DAY: u64 = 86_400_000;

#[test]
fn an_expired_credential_is_denied_access_and_the_denial_is_audited() {
    // given a physician accredited for 30 days, with the patient's read consent,
    // and the patient's own lab record
    let mut suite = HealthSuite::deploy();
    let (patient, physician) = (account(10), account(20));
    let now = suite.chain().block_time();
    suite.verify_provider(physician, ProviderKind::Physician, now + 30 * DAY);
    suite.chain().fund(patient);
    let grant = suite
        .suite
        .consent_calls()
        .grant(patient, physician, lab_results_for_treatment(now + 365 * DAY));
    assert!(suite.chain().call(patient, &grant).value.is_ok());
    let add = suite.record_calls().add_record(lab_record(patient));
    let record_id = suite
        .chain()
        .call(patient, &add)
        .value
        .expect("the patient adds a record");
    let request = suite.record_calls().request_access(record_id, Purpose::Treatment);
    assert!(matches!(
        suite.chain().call(physician, &request).value,
        Ok(AccessOutcome::Granted(_))
    ));

    // when block time passes the end of the accreditation
    suite.chain().advance_time(30 * DAY);

    // then the physician is no longer verified and access is denied
    let verified = suite.provider_calls().is_verified(physician, ProviderKind::Physician);
    assert!(!suite.chain().query(account(99), &verified).value);
    let outcome = suite.chain().call(physician, &request);
    assert_eq!(
        outcome.value,
        Ok(AccessOutcome::Denied(DenialReason::ProviderNotVerified))
    );
    assert!(!outcome.reverted, "a denial is kept on chain");
    // and the denial is the last entry of the patient's audit history
    let history = suite.suite.audit_calls().history(patient, 0, 50);
    let entries = suite.chain().query(account(99), &history).value.expect("valid page");
    let last = entries.items.last().expect("entries exist");
    assert_eq!(
        (last.record.action, last.record.actor, last.record.subject),
        (
            AuditAction::AccessDenied {
                purpose: Purpose::Treatment,
                reason: DenialReason::ProviderNotVerified
            },
            physician,
            record_id
        )
    );
    // while the consent itself still holds
    let check = suite.suite.consent_calls().check(
        patient,
        physician,
        DataCategory::LabResults,
        Purpose::Treatment,
        Action::Read,
    );
    assert!(suite.chain().query(account(99), &check).value);
}

/// A suspended provider whose accreditation expired cannot start over by
/// applying again: it stays suspended until a verifier reinstates it.
#[test]
fn a_suspended_provider_stays_suspended_after_its_accreditation_expires() {
    use provider_verification::provider_verification::Error as RegistryError;
    use provider_verification::registry::ProviderStatus;
    use sandbox_tests::provider_application;

    // given a physician accredited for 30 days and suspended
    let mut suite = HealthSuite::deploy();
    let (admin, physician) = (suite.suite.admin, account(20));
    let now = suite.chain().block_time();
    suite.verify_provider(physician, ProviderKind::Physician, now + 30 * DAY);
    let suspend = suite
        .provider_calls()
        .suspend(physician, ink::primitives::Hash::default());
    assert_eq!(suite.chain().call(admin, &suspend).value, Ok(()));

    // when the accreditation has expired and it applies again for a year
    suite.chain().advance_time(30 * DAY);
    let later = suite.chain().block_time();
    let reapply = suite
        .provider_calls()
        .apply(provider_application(ProviderKind::Physician, later + 365 * DAY));
    let refused = suite.chain().call(physician, &reapply);

    // then it is refused, and still suspended on its old terms
    assert!(refused.reverted);
    assert_eq!(refused.value, Err(RegistryError::ProviderSuspended));
    let provider = suite.provider_calls().provider(physician);
    let stored = suite.chain().query(account(99), &provider).value.expect("registered");
    assert_eq!(
        (stored.status, stored.valid_until),
        (ProviderStatus::Suspended, now + 30 * DAY)
    );
    // until a verifier reinstates it; then it may apply again
    let reinstate = suite.provider_calls().reinstate(physician);
    assert_eq!(suite.chain().call(admin, &reinstate).value, Ok(()));
    assert_eq!(suite.chain().call(physician, &reapply).value, Ok(()));
}
