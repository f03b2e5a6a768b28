//! Attack stories: authority that must end with its source, records a
//! patient withholds, and checks that must fail closed. In each, the attacker
//! tries on chain (the call is submitted, not only dry run), is refused with
//! its own error, and the state read afterwards shows that nothing changed.
//! Each story runs on a real `substrate-contracts-node` and on the ink_e2e
//! sandbox; the stories that wait for block time to pass an end run on the
//! node only (the drink tier has the time-travel versions).

#[macro_use]
mod common;

use audit_trail::audit_trail::Error as AuditTrailError;
use common::*;
use consent::consent::Error as ConsentError;
use ink::primitives::Hash;
use ink_e2e::AccountKeyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use interfaces::types::Flag;
use interfaces::{digest_of, Action, AuditAction, DataCategory, DenialReason, ProviderKind, Purpose};
use provider_verification::provider_verification::Error as RegistryError;
use provider_verification::registry::ProviderStatus;
use record_access::record_access::{AccessOutcome, Error as RecordError};

const WEEK_SECS: u64 = 7 * 86_400;

mod stories {
    use super::*;

    /// A guardian named for a week tries to grant itself everything, and to
    /// grant a doctor until 2100: both refused, nothing stored or audited.
    /// What it grants within its week holds only while it is a guardian: the
    /// patient removes it, and the doctor's consent stops at once, while the
    /// patient's own grant stands.
    pub async fn a_guardian_cannot_grant_itself_or_outlast_its_delegation<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given Bob names Dave his guardian for a week
        let suite = deploy_consent_suite(&mut client).await;
        let (patient, guardian, doctor, nurse) = (account(Bob), account(Dave), account(Charlie), account(Eve));
        let week = clock.seconds_from_now(WEEK_SECS);
        let mut consent = suite.consent_calls();
        submit(
            &mut client,
            &ink_e2e::bob(),
            &consent.add_delegate(guardian, Some(week)),
        )
        .await
        .expect("guardian named");
        let (named, _, _) = audit_history(&mut client, suite.audit, patient).await;
        assert_eq!(named.len(), 1);
        assert_eq!(
            (named[0].record.action, named[0].record.subject, named[0].record.digest),
            (AuditAction::DelegateAdded, 1, digest_of(&Some(week))),
            "the entry names the delegation and commits to its end"
        );

        // when the guardian grants itself every category
        let everything = terms(DataCategory::ALL, &[Purpose::Treatment], &[Action::Read]);
        let to_itself = refused(
            &mut client,
            &ink_e2e::dave(),
            &consent.grant(patient, guardian, everything),
        )
        .await;
        // and grants the doctor until 2100
        let forever = consent.grant(patient, doctor, lab_results_for_treatment(FAR_FUTURE));
        let past_its_end = refused(&mut client, &ink_e2e::dave(), &forever).await;

        // then both are refused with their own errors, and nothing is stored or audited
        assert_eq!(to_itself, ConsentError::DelegateSelfGrant);
        assert_eq!(past_its_end, ConsentError::BeyondDelegation);
        assert_eq!(read(&mut client, &consent.consent(patient, guardian)).await, None);
        assert_eq!(read(&mut client, &consent.consent(patient, doctor)).await, None);
        let (history, _, _) = audit_history(&mut client, suite.audit, patient).await;
        assert_eq!(history.len(), 1);

        // when the guardian grants the doctor within the week, and Bob grants the nurse himself
        submit(
            &mut client,
            &ink_e2e::dave(),
            &consent.grant(patient, doctor, lab_results_for_treatment(week)),
        )
        .await
        .expect("grant within the delegation");
        submit(
            &mut client,
            &ink_e2e::bob(),
            &consent.grant(patient, nurse, lab_results_for_treatment(FAR_FUTURE)),
        )
        .await
        .expect("patient grants");
        assert!(reads_lab_results(&mut client, &suite, patient, doctor).await);
        // and then Bob removes the guardian
        submit(
            &mut client,
            &ink_e2e::bob(),
            &consent.remove_delegate(patient, guardian),
        )
        .await
        .expect("guardian removed");

        // then the guardian's grant stops holding at once; Bob's own stands
        assert!(!reads_lab_results(&mut client, &suite, patient, doctor).await);
        assert!(reads_lab_results(&mut client, &suite, patient, nurse).await);
        let (history, _, _) = audit_history(&mut client, suite.audit, patient).await;
        let removal = history.last().expect("audited");
        assert_eq!(
            (removal.record.action, removal.record.subject, removal.record.digest),
            (AuditAction::DelegateRemoved, 1, digest_of(&Some(week)))
        );
        Ok(())
    }

    /// The hospital that wrote a record tries to overwrite the key envelope
    /// of the physician, to seal the key to an account without consent, and,
    /// once its write consent is revoked or once it is suspended, to seal it
    /// to a consented one or to remove the physician's: each refused, the
    /// envelopes and the history unchanged.
    /// The patient's side keeps its power.
    pub async fn a_record_author_loses_its_key_powers_with_its_standing<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the hospital's lab record 1, sealed to the physician, and a
        // nurse (Ferdie) Bob lets read lab results
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let (who, nurse, stranger) = (cast(), account(Ferdie), account(Eve));
        let grant_nurse = suite
            .consent_calls()
            .grant(who.patient, nurse, lab_results_for_treatment(FAR_FUTURE));
        submit(&mut client, &ink_e2e::bob(), &grant_nurse)
            .await
            .expect("nurse consented");
        let before = audited_actions(&mut client, &suite, who.patient).await;
        let mut records = suite.record_calls();
        let forged = vec![0x66; 80];

        // when the hospital overwrites the physician's envelope, or seals the key to a stranger
        let overwrite = refused(
            &mut client,
            &ink_e2e::charlie(),
            &records.set_envelope(1, who.physician, forged.clone()),
        )
        .await;
        let to_stranger = refused(
            &mut client,
            &ink_e2e::charlie(),
            &records.set_envelope(1, stranger, forged.clone()),
        )
        .await;
        // then
        assert_eq!(overwrite, RecordError::EnvelopeAlreadySet);
        assert_eq!(to_stranger, RecordError::GranteeNotConsented);
        assert_eq!(audited_actions(&mut client, &suite, who.patient).await, before);

        // when Bob revokes the hospital's write consent, and it shares with the consented nurse
        let revoke = suite.consent_calls().revoke(who.patient, who.hospital);
        submit(&mut client, &ink_e2e::bob(), &revoke)
            .await
            .expect("write consent revoked");
        let without_consent = refused(
            &mut client,
            &ink_e2e::charlie(),
            &records.set_envelope(1, nurse, forged.clone()),
        )
        .await;
        // then it is no longer in standing
        assert_eq!(without_consent, RecordError::AuthorNotInStanding);

        // when Bob grants it again but a verifier suspends it, and it shares
        // with the nurse or removes the physician's envelope
        let write_again = suite.consent_calls().grant(
            who.patient,
            who.hospital,
            terms(&[DataCategory::LabResults], &[Purpose::Treatment], &[Action::Write]),
        );
        submit(&mut client, &ink_e2e::bob(), &write_again)
            .await
            .expect("write consent granted again");
        let before = audited_actions(&mut client, &suite, who.patient).await;
        let suspend = suite.provider_calls().suspend(who.hospital, Hash::from([0x5A; 32]));
        submit(&mut client, &ink_e2e::alice(), &suspend)
            .await
            .expect("verifier suspends the hospital");
        let suspended_share = refused(
            &mut client,
            &ink_e2e::charlie(),
            &records.set_envelope(1, nurse, forged.clone()),
        )
        .await;
        let removal = refused(
            &mut client,
            &ink_e2e::charlie(),
            &records.remove_envelope(1, who.physician),
        )
        .await;
        // then
        assert_eq!(suspended_share, RecordError::AuthorNotInStanding);
        assert_eq!(removal, RecordError::NotPatientDelegateOrGrantee);

        // and nothing changed: the physician's envelope is the one first set, nobody else has one
        assert_eq!(
            read(&mut client, &records.envelope(1, who.physician)).await,
            Some(ENVELOPE.to_vec())
        );
        assert_eq!(read(&mut client, &records.envelope(1, nurse)).await, None);
        assert_eq!(read(&mut client, &records.envelope(1, stranger)).await, None);
        assert_eq!(audited_actions(&mut client, &suite, who.patient).await, before);

        // while the patient seals the key to the nurse, and the physician drops its own envelope
        submit(
            &mut client,
            &ink_e2e::bob(),
            &records.set_envelope(1, nurse, vec![0x77; 80]),
        )
        .await
        .expect("patient shares");
        submit(
            &mut client,
            &ink_e2e::dave(),
            &records.remove_envelope(1, who.physician),
        )
        .await
        .expect("grantee removes its own envelope");
        assert_eq!(
            read(&mut client, &records.envelope(1, nurse)).await,
            Some(vec![0x77; 80])
        );
        assert_eq!(read(&mut client, &records.envelope(1, who.physician)).await, None);
        Ok(())
    }

    /// A verifier applies as a physician and attests itself: refused, it
    /// stays unverified. An applicant withdraws its pending application: it
    /// can no longer be attested until it applies again.
    pub async fn a_verifier_cannot_attest_itself_and_an_applicant_may_withdraw<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given Alice, a verifier of physicians, applies as a physician herself
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let (alice, applicant) = (account(Alice), account(Ferdie));
        let mut registry = suite.provider_calls();
        let apply = registry.apply(application(ProviderKind::Physician, clock.a_year_from_now()));
        submit(&mut client, &ink_e2e::alice(), &apply).await.expect("applies");
        // when she attests her own application
        let own = refused(&mut client, &ink_e2e::alice(), &registry.attest(alice)).await;
        // then it is refused and she is pending, with no attestation
        assert_eq!(own, RegistryError::SelfAttestation);
        let stored = read(&mut client, &registry.provider(alice)).await.expect("registered");
        assert_eq!((stored.status, stored.level), (ProviderStatus::Pending, 0));
        assert!(!is_verified(&mut client, &suite, alice, ProviderKind::Physician).await);

        // when Ferdie applies and withdraws
        submit(&mut client, &ink_e2e::ferdie(), &apply).await.expect("applies");
        submit(&mut client, &ink_e2e::ferdie(), &registry.withdraw_application())
            .await
            .expect("withdraws");
        // then a verifier can no longer attest it, nor can it withdraw twice
        let attest = refused(&mut client, &ink_e2e::alice(), &registry.attest(applicant)).await;
        let again = refused(&mut client, &ink_e2e::ferdie(), &registry.withdraw_application()).await;
        assert_eq!((attest, again), (RegistryError::NotPending, RegistryError::NotPending));
        let stored = read(&mut client, &registry.provider(applicant))
            .await
            .expect("registered");
        assert_eq!((stored.status, stored.level), (ProviderStatus::Withdrawn, 0));
        // and when it applies again, it can be attested
        submit(&mut client, &ink_e2e::ferdie(), &apply)
            .await
            .expect("applies again");
        submit(&mut client, &ink_e2e::alice(), &registry.attest(applicant))
            .await
            .expect("attested");
        assert!(is_verified(&mut client, &suite, applicant, ProviderKind::Physician).await);
        Ok(())
    }

    /// Bob withholds his lab record from the physician whose consent covers
    /// lab results: the physician is denied with `Withheld`, and the denial
    /// is audited. A stranger and the physician cannot lift it; the hospital
    /// cannot share the key past it. Bob's guardian lifts it.
    pub async fn a_patient_withholds_one_record_from_a_consented_physician<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the lab record the physician may read
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let (who, guardian, stranger) = (cast(), account(Ferdie), account(Eve));
        let mut records = suite.record_calls();
        assert_eq!(
            read(&mut client, &records.envelope(1, who.physician)).await,
            Some(ENVELOPE.to_vec())
        );
        // when Bob withholds it from the physician
        submit(&mut client, &ink_e2e::bob(), &records.withhold(1, Some(who.physician)))
            .await
            .expect("patient withholds");
        // then the physician's key envelope goes with it
        assert_eq!(read(&mut client, &records.envelope(1, who.physician)).await, None);
        // then the physician is denied, audited, though its consent still covers lab results
        let denied = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert_eq!(denied, AccessOutcome::Denied(DenialReason::Withheld));
        assert!(reads_lab_results(&mut client, &suite.consent_suite, who.patient, who.physician).await);
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        let last_two: Vec<_> = actions.iter().rev().take(2).rev().cloned().collect();
        assert_eq!(
            last_two,
            [
                (AuditAction::RecordWithheld, who.patient, 1),
                (
                    AuditAction::AccessDenied {
                        purpose: Purpose::Treatment,
                        reason: DenialReason::Withheld
                    },
                    who.physician,
                    1
                ),
            ]
        );
        // and other readers are unaffected
        assert!(!read(&mut client, &records.is_withheld(1, stranger)).await);

        // when a stranger or the physician lifts it, or the hospital re-shares past it
        let by_stranger = refused(&mut client, &ink_e2e::eve(), &records.release(1, Some(who.physician))).await;
        let by_physician = refused(&mut client, &ink_e2e::dave(), &records.release(1, Some(who.physician))).await;
        let everyone = refused(&mut client, &ink_e2e::eve(), &records.withhold(1, None)).await;
        let reshare = refused(
            &mut client,
            &ink_e2e::charlie(),
            &records.set_envelope(1, who.physician, ENVELOPE.to_vec()),
        )
        .await;
        // then each is refused and the record stays withheld from the physician alone
        assert_eq!(
            (by_stranger, by_physician, everyone, reshare),
            (
                RecordError::NotPatientOrDelegate,
                RecordError::NotPatientOrDelegate,
                RecordError::NotPatientOrDelegate,
                RecordError::RecordWithheld
            )
        );
        assert!(read(&mut client, &records.is_withheld(1, who.physician)).await);
        assert!(!read(&mut client, &records.is_withheld(1, stranger)).await);
        assert_eq!(read(&mut client, &records.envelope(1, who.physician)).await, None);

        // when Bob names the physician a guardian too, it still cannot lift it in its own favour
        let mut consent = suite.consent_calls();
        submit(&mut client, &ink_e2e::bob(), &consent.add_delegate(who.physician, None))
            .await
            .expect("physician named guardian");
        let own_favour = refused(&mut client, &ink_e2e::dave(), &records.release(1, Some(who.physician))).await;
        assert_eq!(own_favour, RecordError::DelegateActsForItself);
        assert!(read(&mut client, &records.is_withheld(1, who.physician)).await);
        // when Bob's other guardian lifts it
        submit(&mut client, &ink_e2e::bob(), &consent.add_delegate(guardian, None))
            .await
            .expect("guardian named");
        submit(
            &mut client,
            &ink_e2e::ferdie(),
            &records.release(1, Some(who.physician)),
        )
        .await
        .expect("guardian lifts it");
        // then the physician is granted again
        let granted = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert!(matches!(granted, AccessOutcome::Granted(_)));
        // and withheld from everyone, it is denied again to all but Bob
        submit(&mut client, &ink_e2e::bob(), &records.withhold(1, None))
            .await
            .expect("withheld from all");
        let denied = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert_eq!(denied, AccessOutcome::Denied(DenialReason::Withheld));
        let own = request_access(&mut client, &suite, &ink_e2e::bob(), 1, Purpose::PatientRequest).await;
        assert!(matches!(own, AccessOutcome::Granted(_)));
        Ok(())
    }

    /// The admin points record access at a registry, then a consent
    /// contract, that cannot answer: the physician's request is denied with
    /// `CheckUnavailable` and audited; a write fails and stores nothing. The
    /// patient still reads their own record.
    pub async fn checks_that_cannot_be_made_deny_and_the_denial_is_audited<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let mut records = suite.record_calls();
        let links = read(&mut client, &records.linked_contracts()).await;
        // given the registry link points at the audit trail, a contract without `verified_kind`
        let no_registry = record_access::record_access::LinkedContracts {
            providers: suite.consent_suite.audit,
            ..links
        };
        submit(
            &mut client,
            &ink_e2e::alice(),
            &records.set_linked_contracts(no_registry),
        )
        .await
        .expect("relinked");
        // when the physician asks, then it is denied and audited
        let outcome = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert_eq!(outcome, AccessOutcome::Denied(DenialReason::CheckUnavailable));
        let denial = AuditAction::AccessDenied {
            purpose: Purpose::Treatment,
            reason: DenialReason::CheckUnavailable,
        };
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        assert_eq!(actions.last(), Some(&(denial, who.physician, 1)));

        // given the consent link points at an account that is no contract at all
        let no_consent = record_access::record_access::LinkedContracts {
            consent: account(Eve),
            ..links
        };
        submit(
            &mut client,
            &ink_e2e::alice(),
            &records.set_linked_contracts(no_consent),
        )
        .await
        .expect("relinked");
        // when the physician asks, then it is denied and audited
        let outcome = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert_eq!(outcome, AccessOutcome::Denied(DenialReason::CheckUnavailable));
        let before_write = audited_actions(&mut client, &suite, who.patient).await;
        assert_eq!(before_write.last(), Some(&(denial, who.physician, 1)));
        // and when the hospital writes, it fails and stores nothing
        let lab = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        let write = refused(&mut client, &ink_e2e::charlie(), &records.add_record(lab)).await;
        assert_eq!(write, RecordError::ConsentUnavailable);
        let page = read(
            &mut client,
            &records.records_of(who.patient, DataCategory::LabResults, 0, 10),
        )
        .await;
        assert_eq!(page.map(|page| page.total), Ok(1));
        assert_eq!(audited_actions(&mut client, &suite, who.patient).await, before_write);
        // while the patient reads their own record, no check needed
        let own = request_access(&mut client, &suite, &ink_e2e::bob(), 1, Purpose::PatientRequest).await;
        assert!(matches!(own, AccessOutcome::Granted(_)));
        Ok(())
    }

    /// The audit trail stops trusting record access and consent: a read, a
    /// write and a grant each fail with `AuditRejected`, and nothing is
    /// stored. There is no unaudited access or change.
    pub async fn without_the_audit_trail_nothing_is_granted_or_stored<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let mut audit = suite.audit_calls();
        let before = audited_actions(&mut client, &suite, who.patient).await;
        for writer in [suite.records, suite.consent_suite.consent] {
            submit(&mut client, &ink_e2e::alice(), &audit.revoke_writer(writer))
                .await
                .expect("writer revoked");
        }
        let mut records = suite.record_calls();
        // when the physician reads, the patient writes, and the patient grants
        let read_attempt = refused(
            &mut client,
            &ink_e2e::dave(),
            &records.request_access(1, Purpose::Treatment),
        )
        .await;
        let lab = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        let write = refused(&mut client, &ink_e2e::bob(), &records.add_record(lab)).await;
        let grant = suite
            .consent_calls()
            .grant(who.patient, account(Eve), lab_results_for_treatment(FAR_FUTURE));
        let consent_change = refused(&mut client, &ink_e2e::bob(), &grant).await;
        // then each fails for the audit trail's refusal
        assert_eq!(
            (read_attempt, write, consent_change),
            (
                RecordError::AuditRejected,
                RecordError::AuditRejected,
                ConsentError::AuditRejected
            )
        );
        // and nothing was stored or audited
        let page = read(
            &mut client,
            &records.records_of(who.patient, DataCategory::LabResults, 0, 10),
        )
        .await;
        assert_eq!(page.map(|page| page.total), Ok(1));
        assert_eq!(
            read(&mut client, &suite.consent_calls().consent(who.patient, account(Eve))).await,
            None
        );
        assert_eq!(audited_actions(&mut client, &suite, who.patient).await, before);
        Ok(())
    }

    /// An outsider (Eve) tries every privileged message of every contract,
    /// each submitted and refused; the admin cannot make a key holder an
    /// audit writer; admin moves only in two steps, on every contract. The
    /// state read afterwards is unchanged.
    pub async fn an_outsider_is_refused_every_privileged_message<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let suite = deploy_rewarded_suite(&mut client).await;
        let health = &suite.health;
        let (alice, eve, dave) = (account(Alice), account(Eve), account(Dave));
        let mut registry = health.provider_calls();
        submit(
            &mut client,
            &ink_e2e::alice(),
            &registry.appoint_verifier(alice, vec![ProviderKind::Physician]),
        )
        .await
        .expect("verifier appointed");
        let apply = registry.apply(application(ProviderKind::Physician, clock.a_year_from_now()));
        submit(&mut client, &ink_e2e::dave(), &apply).await.expect("applies");
        submit(&mut client, &ink_e2e::alice(), &registry.attest(dave))
            .await
            .expect("attested");
        let links = read(&mut client, &health.record_calls().linked_contracts()).await;
        let mut audit = health.audit_calls();
        let mut consent = health.consent_calls();
        let mut records = health.record_calls();
        let mut token = suite.token_calls();
        let mut pool = suite.pool_calls();

        // when Eve tries each privileged message
        let not_admin = AuditTrailError::NotAdmin;
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &audit.authorize_writer(eve)).await,
            not_admin
        );
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &audit.revoke_writer(health.records)).await,
            not_admin
        );
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &consent.set_audit_trail(eve)).await,
            ConsentError::NotAdmin
        );
        let appoint = registry.appoint_verifier(eve, vec![ProviderKind::Physician]);
        let registry_refusals = [
            refused(&mut client, &ink_e2e::eve(), &appoint).await,
            refused(&mut client, &ink_e2e::eve(), &registry.dismiss_verifier(alice)).await,
            refused(
                &mut client,
                &ink_e2e::eve(),
                &registry.set_required_attestations(ProviderKind::Physician, 7),
            )
            .await,
            refused(&mut client, &ink_e2e::eve(), &registry.revoke(dave, Hash::default())).await,
            refused(&mut client, &ink_e2e::eve(), &registry.suspend(dave, Hash::default())).await,
        ];
        assert_eq!(
            registry_refusals,
            [
                RegistryError::NotAdmin,
                RegistryError::NotAdmin,
                RegistryError::NotAdmin,
                RegistryError::NotAdmin,
                RegistryError::NotVerifier
            ]
        );
        let hijack = record_access::record_access::LinkedContracts { consent: eve, ..links };
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &records.set_linked_contracts(hijack)).await,
            RecordError::NotAdmin
        );
        let token_admin = reward_token::reward_token::Error::NotAdmin;
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &token.grant_minter(eve)).await,
            token_admin
        );
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &token.revoke_minter(alice)).await,
            token_admin
        );
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &token.set_paused(true)).await,
            token_admin
        );
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &pool.set_crediter(eve)).await,
            reward_pool::reward_pool::Error::NotAdmin
        );
        // and reinstating a provider a verifier suspended
        submit(&mut client, &ink_e2e::alice(), &registry.suspend(dave, Hash::default()))
            .await
            .expect("verifier suspends");
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &registry.reinstate(dave)).await,
            RegistryError::NotVerifier
        );
        // and when the admin makes a key holder an audit writer
        let key_holder = refused(&mut client, &ink_e2e::alice(), &audit.authorize_writer(eve)).await;
        assert_eq!(key_holder, AuditTrailError::WriterNotContract);

        // then nothing changed
        assert!(!read(&mut client, &audit.is_writer(eve)).await);
        assert!(read(&mut client, &audit.is_writer(health.records)).await);
        assert_eq!(
            read(&mut client, &consent.audit_trail()).await,
            health.consent_suite.audit
        );
        assert_eq!(read(&mut client, &registry.verifier_kinds(eve)).await, Vec::new());
        assert_eq!(
            read(&mut client, &registry.verifier_kinds(alice)).await,
            vec![ProviderKind::Physician]
        );
        assert_eq!(
            read(&mut client, &registry.required_attestations(ProviderKind::Physician)).await,
            1
        );
        let provider = read(&mut client, &registry.provider(dave)).await.expect("registered");
        assert_eq!(provider.status, ProviderStatus::Suspended);
        assert_eq!(read(&mut client, &records.linked_contracts()).await, links);
        assert!(!read(&mut client, &token.is_minter(eve)).await);
        assert!(read(&mut client, &token.is_minter(alice)).await);
        assert!(!read(&mut client, &token.paused()).await);
        assert_eq!(read(&mut client, &pool.crediter()).await, health.records);

        // and admin moves only in two steps, on every contract
        admin_moves_in_two_steps!(client, audit_trail::audit_trail::AuditTrail, health.consent_suite.audit);
        admin_moves_in_two_steps!(client, consent::consent::ConsentRegistry, health.consent_suite.consent);
        admin_moves_in_two_steps!(
            client,
            provider_verification::provider_verification::ProviderVerification,
            health.providers
        );
        admin_moves_in_two_steps!(client, record_access::record_access::RecordAccess, health.records);
        admin_moves_in_two_steps!(client, reward_token::reward_token::RewardToken, suite.token);
        admin_moves_in_two_steps!(client, reward_pool::reward_pool::RewardPool, suite.pool);
        Ok(())
    }
}

on_node_and_sandbox!(
    a_guardian_cannot_grant_itself_or_outlast_its_delegation,
    a_guardian_cannot_grant_itself_or_outlast_its_delegation_on_sandbox
);
on_node_and_sandbox!(
    a_record_author_loses_its_key_powers_with_its_standing,
    a_record_author_loses_its_key_powers_with_its_standing_on_sandbox
);
on_node_and_sandbox!(
    a_verifier_cannot_attest_itself_and_an_applicant_may_withdraw,
    a_verifier_cannot_attest_itself_and_an_applicant_may_withdraw_on_sandbox
);
on_node_and_sandbox!(
    a_patient_withholds_one_record_from_a_consented_physician,
    a_patient_withholds_one_record_from_a_consented_physician_on_sandbox
);
on_node_and_sandbox!(
    checks_that_cannot_be_made_deny_and_the_denial_is_audited,
    checks_that_cannot_be_made_deny_and_the_denial_is_audited_on_sandbox
);
on_node_and_sandbox!(
    without_the_audit_trail_nothing_is_granted_or_stored,
    without_the_audit_trail_nothing_is_granted_or_stored_on_sandbox
);
on_node_and_sandbox!(
    an_outsider_is_refused_every_privileged_message,
    an_outsider_is_refused_every_privileged_message_on_sandbox
);

/// On the real node: a consent that expired by block time cannot be updated
/// back to life (`NoActiveConsent`); it stays as it was and is granted anew
/// under a new id.
#[ink_e2e::test]
async fn an_expired_consent_cannot_be_updated_back_to_life<Client: E2EBackend>(mut client: Client) -> E2EResult<()> {
    // given a consent that ends 6 s from now, and has ended
    let suite = deploy_consent_suite(&mut client).await;
    let (patient, doctor) = (account(Bob), account(Charlie));
    let ends_at = wall_clock_ms() + 6_000;
    let mut consent = suite.consent_calls();
    submit(
        &mut client,
        &ink_e2e::bob(),
        &consent.grant(patient, doctor, lab_results_for_treatment(ends_at)),
    )
    .await
    .expect("granted");
    sleep_until(ends_at + 1_000).await;
    seal_a_block(&mut client, &suite).await;
    // when the patient updates it to run until 2100
    let update = consent.update(patient, doctor, lab_results_for_treatment(FAR_FUTURE));
    let revived = refused(&mut client, &ink_e2e::bob(), &update).await;
    // then it is refused, and the stored consent still ends where it ended
    assert_eq!(revived, ConsentError::NoActiveConsent);
    let stored = read(&mut client, &consent.consent(patient, doctor))
        .await
        .expect("stored");
    assert_eq!((stored.id, stored.scope.window.until), (1, ends_at));
    assert!(!reads_lab_results(&mut client, &suite, patient, doctor).await);
    // while a new grant holds, under a new id
    let id = submit(
        &mut client,
        &ink_e2e::bob(),
        &consent.grant(patient, doctor, lab_results_for_treatment(FAR_FUTURE)),
    )
    .await
    .expect("granted anew");
    assert_eq!(id, 2);
    Ok(())
}

/// On the real node: a suspended provider whose accreditation expired
/// applies again to start over: refused (`ProviderSuspended`); it stays
/// suspended on its old terms until a verifier reinstates it.
#[ink_e2e::test]
async fn a_suspended_provider_stays_suspended_after_its_accreditation_expires<Client: E2EBackend>(
    mut client: Client,
) -> E2EResult<()> {
    // given a physician verified until 6 s from now, suspended, and expired
    let suite = deploy_health_suite(&mut client).await;
    let (alice, physician) = (account(Alice), account(Dave));
    let mut registry = suite.provider_calls();
    submit(
        &mut client,
        &ink_e2e::alice(),
        &registry.appoint_verifier(alice, vec![ProviderKind::Physician]),
    )
    .await
    .expect("verifier appointed");
    let ends_at = wall_clock_ms() + 6_000;
    submit(
        &mut client,
        &ink_e2e::dave(),
        &registry.apply(application(ProviderKind::Physician, ends_at)),
    )
    .await
    .expect("applies");
    submit(&mut client, &ink_e2e::alice(), &registry.attest(physician))
        .await
        .expect("attested");
    submit(
        &mut client,
        &ink_e2e::alice(),
        &registry.suspend(physician, Hash::default()),
    )
    .await
    .expect("suspended");
    sleep_until(ends_at + 1_000).await;
    seal_a_block(&mut client, &suite.consent_suite).await;
    // when it applies again for a year
    let reapply = registry.apply(application(ProviderKind::Physician, wall_clock_ms() + 365 * 86_400_000));
    let refusal = refused(&mut client, &ink_e2e::dave(), &reapply).await;
    // then it is refused and it is still suspended, on its old terms
    assert_eq!(refusal, RegistryError::ProviderSuspended);
    let stored = read(&mut client, &registry.provider(physician))
        .await
        .expect("registered");
    assert_eq!(
        (stored.status, stored.valid_until),
        (ProviderStatus::Suspended, ends_at)
    );
    assert!(!is_verified(&mut client, &suite, physician, ProviderKind::Physician).await);
    Ok(())
}

/// Makes a dev node seal a block (it seals one per transaction), so that
/// block time catches up with the wall clock: a throwaway opt-in to
/// emergency access by a patient no story uses.
async fn seal_a_block<Client: Backend>(client: &mut Client, consent: &ConsentSuite) {
    let touch = consent.consent_calls().set_emergency_access(account(Ferdie), true);
    submit(client, &ink_e2e::ferdie(), &touch).await.expect("a later block");
}
