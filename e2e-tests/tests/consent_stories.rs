//! Consent and audit trail stories. Each story is written once, generic over
//! the backend, and run twice: on a real `substrate-contracts-node` and on the
//! ink_e2e sandbox.

#[macro_use]
mod common;

use audit_trail::chain::RangeCheck;
use common::*;
use consent::consent::Error as ConsentError;
use ink_e2e::AccountKeyring::{Bob, Charlie, Dave};
use ink_e2e::ContractsBackend;
use interfaces::traits::{AuditLog, ConsentCheck};
use interfaces::{Action, AuditAction, AuditError, AuditRecord, DataCategory, Purpose};

/// How many entries concern `patient`, and the sequence number of the head.
async fn trail_size<Client: Backend>(
    client: &mut Client,
    suite: &ConsentSuite,
    patient: ink::primitives::AccountId,
) -> (u32, u64) {
    let len = client
        .call(&ink_e2e::ferdie(), &suite.audit_calls().history_len(patient))
        .dry_run()
        .await
        .expect("dry run")
        .return_value();
    let head = client
        .call(&ink_e2e::ferdie(), &suite.audit_calls().head())
        .dry_run()
        .await
        .expect("head")
        .return_value();
    (len, head.seq)
}

mod stories {
    use super::*;

    /// (a) A patient grants consent; `check` is true; the audit trail holds the
    /// entry and its hash chain verifies.
    pub async fn patient_grants_and_the_audit_trail_proves_it<Client: Backend>(
        mut client: Client,
        _clock: BlockClock,
    ) -> E2EResult<()> {
        // given the deployed suite, a patient (Bob) and a doctor (Charlie)
        let suite = deploy_consent_suite(&mut client).await;
        let (patient, doctor) = (account(Bob), account(Charlie));
        assert!(!reads_lab_results(&mut client, &suite, patient, doctor).await);

        // when the patient grants the doctor read access to lab results for treatment
        let grant = suite
            .consent_calls()
            .grant(patient, doctor, lab_results_for_treatment(FAR_FUTURE));
        let consent_id = client
            .call(&ink_e2e::bob(), &grant)
            .submit()
            .await
            .expect("grant submitted")
            .return_value()
            .expect("grant accepted");

        // then the consent checks true, for that scope only
        assert!(reads_lab_results(&mut client, &suite, patient, doctor).await);
        let mental_health = suite.consent_calls().check(
            patient,
            doctor,
            DataCategory::MentalHealth,
            Purpose::Treatment,
            Action::Read,
        );
        assert!(!client
            .call(&ink_e2e::ferdie(), &mental_health)
            .dry_run()
            .await
            .expect("dry run")
            .return_value());

        // and the patient's audit history holds the grant, written by the consent contract
        let (history, head, verification) = audit_history(&mut client, suite.audit, patient).await;
        assert_eq!(history.len(), 1);
        let entry = &history[0];
        assert_eq!(entry.record.action, AuditAction::ConsentGranted);
        assert_eq!((entry.record.actor, entry.record.counterpart), (patient, Some(doctor)));
        assert_eq!(entry.record.subject, consent_id);
        assert_eq!(entry.writer, suite.consent);
        // and the chain head commits to it and re-verifies on chain
        assert_eq!((head.seq, head.hash), (1, entry.hash));
        assert_eq!(verification, RangeCheck::Intact { last_hash: head.hash });
        Ok(())
    }

    /// (b) The patient revokes; `check` is false; the revocation is audited.
    pub async fn patient_revokes_and_the_revocation_is_audited<Client: Backend>(
        mut client: Client,
        _clock: BlockClock,
    ) -> E2EResult<()> {
        // given a granted consent
        let suite = deploy_consent_suite(&mut client).await;
        let (patient, doctor) = (account(Bob), account(Charlie));
        let grant = suite
            .consent_calls()
            .grant(patient, doctor, lab_results_for_treatment(FAR_FUTURE));
        client
            .call(&ink_e2e::bob(), &grant)
            .submit()
            .await
            .expect("grant submitted");
        assert!(reads_lab_results(&mut client, &suite, patient, doctor).await);

        // when the patient revokes it
        let revoke = suite.consent_calls().revoke(patient, doctor);
        let outcome = client
            .call(&ink_e2e::bob(), &revoke)
            .submit()
            .await
            .expect("revoke submitted");
        assert_eq!(outcome.return_value(), Ok(()));

        // then it no longer checks true, and the trail holds grant then revocation
        assert!(!reads_lab_results(&mut client, &suite, patient, doctor).await);
        let (history, head, verification) = audit_history(&mut client, suite.audit, patient).await;
        let actions: Vec<_> = history.iter().map(|entry| entry.record.action).collect();
        assert_eq!(actions, [AuditAction::ConsentGranted, AuditAction::ConsentRevoked]);
        assert_eq!(history[1].prev_hash, history[0].hash);
        assert_eq!(head.seq, 2);
        assert_eq!(verification, RangeCheck::Intact { last_hash: head.hash });

        // and revoking again is refused
        let again = refused(&mut client, &ink_e2e::bob(), &revoke).await;
        assert_eq!(again, ConsentError::NoActiveConsent);
        let (after, _, _) = audit_history(&mut client, suite.audit, patient).await;
        assert_eq!(after.len(), 2, "the refused revocation is not audited");
        Ok(())
    }

    /// (d) An account that is not an authorised writer cannot append, and a
    /// consent contract the trail does not trust cannot change consent at all.
    pub async fn only_authorised_writers_append_to_the_trail<Client: Backend>(
        mut client: Client,
        _clock: BlockClock,
    ) -> E2EResult<()> {
        // given the suite, and a second consent contract the trail never authorised
        let suite = deploy_consent_suite(&mut client).await;
        let mut rogue_constructor = consent::consent::ConsentRegistryRef::new(suite.audit);
        let rogue = client
            .instantiate("consent", &ink_e2e::eve(), &mut rogue_constructor)
            .submit()
            .await
            .expect("rogue consent instantiates")
            .account_id;
        let patient = account(Bob);

        // when an account (even the admin) appends directly
        let forged = AuditRecord {
            patient,
            actor: patient,
            counterpart: None,
            action: AuditAction::ConsentRevoked,
            subject: 1,
            digest: Default::default(),
        };
        let direct = refused(&mut client, &ink_e2e::alice(), &suite.audit_calls().append(forged)).await;
        // then it is refused
        assert_eq!(direct, AuditError::NotAuthorizedWriter);

        // when the patient grants through the untrusted consent contract
        let rogue_grant = ink_e2e::create_call_builder::<consent::consent::ConsentRegistry>(rogue).grant(
            patient,
            account(Charlie),
            lab_results_for_treatment(FAR_FUTURE),
        );
        let rejected = refused(&mut client, &ink_e2e::bob(), &rogue_grant).await;
        // then the audit refusal reverts the grant
        assert_eq!(rejected, ConsentError::AuditRejected);

        // and the trail is still empty, and the rogue contract stored nothing
        assert_eq!(trail_size(&mut client, &suite, patient).await, (0, 0));
        let rogue_consent =
            ink_e2e::create_call_builder::<consent::consent::ConsentRegistry>(rogue).consent(patient, account(Charlie));
        assert_eq!(read(&mut client, &rogue_consent).await, None);
        Ok(())
    }

    /// (e) A delegate can grant for the patient; a stranger cannot.
    pub async fn a_delegate_grants_for_the_patient_but_a_stranger_cannot<Client: Backend>(
        mut client: Client,
        _clock: BlockClock,
    ) -> E2EResult<()> {
        // given a patient (Bob) who names a guardian (Dave)
        let suite = deploy_consent_suite(&mut client).await;
        let (patient, doctor, guardian) = (account(Bob), account(Charlie), account(Dave));
        let add = suite.consent_calls().add_delegate(guardian, None);
        client
            .call(&ink_e2e::bob(), &add)
            .submit()
            .await
            .expect("delegate added");

        // when a stranger (Eve) grants for the patient
        let grant = suite
            .consent_calls()
            .grant(patient, doctor, lab_results_for_treatment(FAR_FUTURE));
        let by_stranger = refused(&mut client, &ink_e2e::eve(), &grant).await;
        // then it is refused and nothing is stored
        assert_eq!(by_stranger, ConsentError::NotPatientOrDelegate);
        assert!(!reads_lab_results(&mut client, &suite, patient, doctor).await);
        assert_eq!(
            read(&mut client, &suite.consent_calls().consent(patient, doctor)).await,
            None
        );

        // when the guardian grants for the patient
        client
            .call(&ink_e2e::dave(), &grant)
            .submit()
            .await
            .expect("guardian grants");
        // then the consent holds and the trail names the guardian as actor
        assert!(reads_lab_results(&mut client, &suite, patient, doctor).await);
        let (history, _, verification) = audit_history(&mut client, suite.audit, patient).await;
        let entries: Vec<_> = history
            .iter()
            .map(|e| (e.record.action, e.record.actor, e.record.counterpart))
            .collect();
        assert_eq!(
            entries,
            [
                (AuditAction::DelegateAdded, patient, Some(guardian)),
                (AuditAction::ConsentGranted, guardian, Some(doctor)),
            ]
        );
        assert!(matches!(verification, RangeCheck::Intact { .. }));
        Ok(())
    }

    /// Bad input: an expiry in the past is refused with its own error and
    /// nothing is stored or audited.
    pub async fn a_consent_that_already_expired_is_refused_and_nothing_is_stored<Client: Backend>(
        mut client: Client,
        _clock: BlockClock,
    ) -> E2EResult<()> {
        let suite = deploy_consent_suite(&mut client).await;
        let (patient, doctor) = (account(Bob), account(Charlie));
        let grant = suite
            .consent_calls()
            .grant(patient, doctor, lab_results_for_treatment(1));
        let expired = refused(&mut client, &ink_e2e::bob(), &grant).await;
        assert_eq!(expired, ConsentError::ExpiryInPast);
        let stored = client
            .call(&ink_e2e::ferdie(), &suite.consent_calls().consent(patient, doctor))
            .dry_run()
            .await
            .expect("dry run")
            .return_value();
        assert_eq!(stored, None);
        assert_eq!(trail_size(&mut client, &suite, patient).await, (0, 0));
        Ok(())
    }
}

on_node_and_sandbox!(
    patient_grants_and_the_audit_trail_proves_it,
    patient_grants_and_the_audit_trail_proves_it_on_sandbox
);
on_node_and_sandbox!(
    patient_revokes_and_the_revocation_is_audited,
    patient_revokes_and_the_revocation_is_audited_on_sandbox
);
on_node_and_sandbox!(
    only_authorised_writers_append_to_the_trail,
    only_authorised_writers_append_to_the_trail_on_sandbox
);
on_node_and_sandbox!(
    a_delegate_grants_for_the_patient_but_a_stranger_cannot,
    a_delegate_grants_for_the_patient_but_a_stranger_cannot_on_sandbox
);
on_node_and_sandbox!(
    a_consent_that_already_expired_is_refused_and_nothing_is_stored,
    a_consent_that_already_expired_is_refused_and_nothing_is_stored_on_sandbox
);

/// (c) on the real node: a consent whose window ends a few seconds from now
/// checks true, then false once a block is stamped after its end. (The
/// sandbox version, with time travel instead of waiting, is in `sandbox-tests`.)
#[ink_e2e::test]
async fn a_consent_stops_checking_true_when_block_time_passes_its_end<Client: E2EBackend>(
    mut client: Client,
) -> E2EResult<()> {
    // given a consent that ends 6 s from now (dev nodes stamp blocks with the wall clock)
    let suite = deploy_consent_suite(&mut client).await;
    let (patient, doctor) = (account(Bob), account(Charlie));
    let ends_at = wall_clock_ms() + 6_000;
    let grant = suite
        .consent_calls()
        .grant(patient, doctor, lab_results_for_treatment(ends_at));
    client
        .call(&ink_e2e::bob(), &grant)
        .submit()
        .await
        .expect("grant submitted");
    assert!(reads_lab_results(&mut client, &suite, patient, doctor).await);

    // when block time passes the end (wait, then make the node seal a block)
    sleep_until(ends_at + 1_000).await;
    let touch = suite.consent_calls().set_emergency_access(patient, true);
    client
        .call(&ink_e2e::bob(), &touch)
        .submit()
        .await
        .expect("a later block");

    // then the consent no longer checks true, though it was never revoked
    assert!(!reads_lab_results(&mut client, &suite, patient, doctor).await);
    let stored = client
        .call(&ink_e2e::ferdie(), &suite.consent_calls().consent(patient, doctor))
        .dry_run()
        .await
        .expect("dry run")
        .return_value()
        .expect("still stored");
    assert_eq!(stored.status, consent::book::ConsentStatus::Active);
    Ok(())
}
