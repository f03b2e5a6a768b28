//! The record access path: providers verified by accreditation authorities,
//! records written with the patient's consent, access decisions checked
//! against the registry and consent and written to the audit trail. Each
//! story runs on a real `substrate-contracts-node` and on the ink_e2e sandbox;
//! the expiry of a credential by block time is in `sandbox-tests` (time travel).

#[macro_use]
mod common;

use common::*;
use ink::primitives::Hash;
use ink_e2e::AccountKeyring::{Eve, Ferdie, Two};
use interfaces::known_answers::{bytes, hash, hashes, value};
use interfaces::traits::ConsentCheck;
use interfaces::{digest_of, Action, AuditAction, DataCategory, DenialReason, ProviderKind, Purpose};
use provider_verification::provider_verification::Error as RegistryError;
use record_access::merkle::{leaf_hash, Salt};
use record_access::record_access::{AccessOutcome, DataPlane, Error as RecordError};

mod stories {
    use super::*;

    /// A hospital applies, two verifiers attest, it is verified; it writes a
    /// lab record with the patient's write consent; a physician with read
    /// consent gets pointer and envelope; the patient's audit history shows
    /// both, and the chain verifies.
    pub async fn a_verified_hospital_writes_and_a_consented_physician_reads<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        // when the physician asks for the lab record for treatment
        let outcome = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        // then access is granted with what is needed to fetch and decrypt it
        let AccessOutcome::Granted(grant) = outcome else {
            panic!("expected a grant, got {outcome:?}");
        };
        let record = client
            .call(&ink_e2e::ferdie(), &suite.record_calls().record(1))
            .dry_run()
            .await
            .expect("the chain answers")
            .return_value()
            .expect("record 1 exists");
        assert_eq!(grant.pointer, record.pointer);
        assert_eq!(grant.content_hash, record.content_hash);
        assert_eq!(grant.envelope, Some(ENVELOPE.to_vec()));
        assert!(!grant.emergency);
        // and the patient's history shows the write, the key sharing and the read
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        assert_eq!(
            actions,
            [
                (AuditAction::ConsentGranted, who.patient, 1),
                (AuditAction::ConsentGranted, who.patient, 2),
                (
                    AuditAction::RecordAddedFor {
                        purpose: Purpose::Treatment
                    },
                    who.hospital,
                    1
                ),
                (AuditAction::KeyShared, who.hospital, 1),
                (
                    AuditAction::AccessGranted {
                        purpose: Purpose::Treatment
                    },
                    who.physician,
                    1
                ),
            ]
        );
        Ok(())
    }

    /// The same physician asks for a mental-health record its consent does not
    /// cover: denied, and the denial is in the audit trail.
    pub async fn a_record_outside_the_consent_is_denied_and_the_denial_audited<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the patient's own mental-health record
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let own = new_record(who.patient, DataCategory::MentalHealth, Hash::default(), 0);
        let id = client
            .call(&ink_e2e::bob(), &suite.record_calls().add_record(own))
            .submit()
            .await
            .expect("the chain answers")
            .return_value()
            .expect("the patient adds their own record");
        // when the physician asks for it
        let outcome = request_access(&mut client, &suite, &ink_e2e::dave(), id, Purpose::Treatment).await;
        // then it is denied for lack of consent, and the denial is audited
        assert_eq!(outcome, AccessOutcome::Denied(DenialReason::NoConsent));
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        assert_eq!(
            actions.last(),
            Some(&(
                AuditAction::AccessDenied {
                    purpose: Purpose::Treatment,
                    reason: DenialReason::NoConsent
                },
                who.physician,
                id
            ))
        );
        // and the patient reads their own record
        let own_read = request_access(&mut client, &suite, &ink_e2e::bob(), id, Purpose::PatientRequest).await;
        assert!(matches!(own_read, AccessOutcome::Granted(_)));
        Ok(())
    }

    /// The physician's accreditation is suspended: access is denied and
    /// audited; once reinstated it is granted again.
    pub async fn a_suspended_physician_is_denied_and_the_denial_audited<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        // when a verifier suspends the physician
        client
            .call(
                &ink_e2e::alice(),
                &suite.provider_calls().suspend(who.physician, Hash::from([0x5A; 32])),
            )
            .submit()
            .await
            .expect("the chain answers");
        // then the request is denied as unverified, and audited
        let outcome = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert_eq!(outcome, AccessOutcome::Denied(DenialReason::ProviderNotVerified));
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        assert_eq!(
            actions.last().map(|(action, actor, _)| (*action, *actor)),
            Some((
                AuditAction::AccessDenied {
                    purpose: Purpose::Treatment,
                    reason: DenialReason::ProviderNotVerified
                },
                who.physician
            ))
        );
        // when reinstated, access is granted again
        client
            .call(&ink_e2e::alice(), &suite.provider_calls().reinstate(who.physician))
            .submit()
            .await
            .expect("the chain answers");
        let again = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert!(matches!(again, AccessOutcome::Granted(_)));
        Ok(())
    }

    /// Emergency access by a verified emergency service (Ferdie): granted only
    /// when the patient opted in, and audited as emergency; a physician
    /// cannot claim the emergency purpose.
    pub async fn emergency_access_needs_a_verified_service_and_the_patients_opt_in<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given a verified emergency service
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let (who, service) = (cast(), account(Ferdie));
        let mut registry = suite.provider_calls();
        let apply = registry.apply(application(ProviderKind::EmergencyService, clock.a_year_from_now()));
        client
            .call(&ink_e2e::ferdie(), &apply)
            .submit()
            .await
            .expect("the chain answers");
        client
            .call(&ink_e2e::alice(), &registry.attest(service))
            .submit()
            .await
            .expect("the chain answers");
        // when it asks before the patient opted in: denied
        let before = request_access(&mut client, &suite, &ink_e2e::ferdie(), 1, Purpose::Emergency).await;
        assert_eq!(before, AccessOutcome::Denied(DenialReason::EmergencyAccessNotEnabled));
        // and a physician cannot use the emergency purpose at all
        let physician = request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Emergency).await;
        assert_eq!(physician, AccessOutcome::Denied(DenialReason::NotEmergencyService));
        // when the patient opts in
        client
            .call(
                &ink_e2e::bob(),
                &suite.consent_calls().set_emergency_access(who.patient, true),
            )
            .submit()
            .await
            .expect("the chain answers");
        // then the emergency service is granted, marked as emergency
        let after = request_access(&mut client, &suite, &ink_e2e::ferdie(), 1, Purpose::Emergency).await;
        let AccessOutcome::Granted(grant) = after else {
            panic!("expected a grant, got {after:?}");
        };
        assert!(grant.emergency);
        assert_eq!(grant.envelope, None);
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        let last_three: Vec<_> = actions
            .iter()
            .rev()
            .take(3)
            .rev()
            .map(|(a, actor, _)| (*a, *actor))
            .collect();
        assert_eq!(
            last_three,
            [
                (
                    AuditAction::AccessDenied {
                        purpose: Purpose::Emergency,
                        reason: DenialReason::NotEmergencyService
                    },
                    who.physician
                ),
                (AuditAction::EmergencyAccessEnabled, who.patient),
                (AuditAction::EmergencyAccessGranted, service),
            ]
        );
        Ok(())
    }

    /// A patient's device appends a vital-signs record; it may not write other
    /// categories, and a stranger's device cannot write for the patient.
    pub async fn a_patients_device_appends_vital_signs_but_a_strangers_cannot<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given Bob's device (Ferdie's key), and a device (Two) that Eve registered
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let (who, device, strangers_device) = (cast(), account(Ferdie), account(Two));
        let mut records = suite.record_calls();
        client
            .call(&ink_e2e::bob(), &records.register_device(device))
            .submit()
            .await
            .expect("the chain answers");
        client
            .call(&ink_e2e::eve(), &records.register_device(strangers_device))
            .submit()
            .await
            .expect("the chain answers");
        let vitals = new_record(who.patient, DataCategory::VitalSigns, Hash::default(), 0);
        // when Bob's device appends vital signs
        let id = client
            .call(&ink_e2e::ferdie(), &records.add_record(vitals.clone()))
            .submit()
            .await
            .expect("the chain answers")
            .return_value()
            .expect("the patient's device writes vital signs");
        // then the record is Bob's, written by the device
        let page = client
            .call(
                &ink_e2e::ferdie(),
                &records.records_of(who.patient, DataCategory::VitalSigns, 0, 10),
            )
            .dry_run()
            .await
            .expect("the chain answers")
            .return_value()
            .expect("valid page");
        assert_eq!(
            page.items.iter().map(|r| (r.id, r.author)).collect::<Vec<_>>(),
            [(id, device)]
        );
        // and the device cannot write lab results
        let lab = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        let wrong_category = refused(&mut client, &ink_e2e::ferdie(), &records.add_record(lab)).await;
        assert_eq!(wrong_category, RecordError::DeviceCategoryNotAllowed);
        // and a stranger's device cannot write for Bob at all (Two is unfunded:
        // only a dry run; the device's refusal above was submitted)
        let stranger = client
            .call(&ink_e2e::two(), &records.add_record(vitals))
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(stranger.return_value(), Err(RecordError::UnverifiedAuthor));
        // nothing but the device's vital signs was stored
        let lab_results = read(
            &mut client,
            &records.records_of(who.patient, DataCategory::LabResults, 0, 10),
        )
        .await;
        assert_eq!(lab_results.map(|page| page.total), Ok(1));
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        assert!(actions.contains(&(AuditAction::DeviceRegistered, who.patient, 0)));
        assert_eq!(
            actions.last(),
            Some(&(
                AuditAction::RecordAddedFor {
                    purpose: Purpose::Treatment
                },
                device,
                id
            ))
        );
        Ok(())
    }

    /// An insurer proves one field of a claim record (its diagnosis code)
    /// with a salted Merkle proof, without reading the record. The record's
    /// root, the salted field and its proof are the independent known-answer
    /// vectors (Python's blake2b), so the on-chain check agrees with them.
    pub async fn an_insurer_proves_a_diagnosis_field_without_reading_the_record<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given a claim record whose five salted fields the hospital committed to
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let vector = |key: &str| value(&format!("merkle.claim.{key}")).expect("known answer");
        let root = hash(vector("root")).expect("root");
        let (salt, field) = vector("field.1").split_once(' ').expect("salt and field");
        let (salt, field): (Salt, Vec<u8>) = (
            bytes(salt).expect("hex").try_into().expect("32 bytes"),
            bytes(field).expect("hex"),
        );
        assert_eq!(field, b"diagnosis=ICD10:J18.9");
        let proof = hashes(vector("proof.1")).expect("proof");
        let mut consent_to_write = terms(&[DataCategory::Diagnoses], &[Purpose::Treatment], &[Action::Write]);
        consent_to_write.categories.push(DataCategory::LabResults);
        let update = suite
            .consent_calls()
            .update(who.patient, who.hospital, consent_to_write);
        submit(&mut client, &ink_e2e::bob(), &update)
            .await
            .expect("patient widens the write consent");
        let claim = new_record(who.patient, DataCategory::Diagnoses, root, 5);
        let id = submit(
            &mut client,
            &ink_e2e::charlie(),
            &suite.record_calls().add_record(claim),
        )
        .await
        .expect("hospital adds the claim record");
        // when the insurer (Two), given the salt, the field and its proof by
        // the patient, hashes the leaf and checks it against the record's root
        let records = suite.record_calls();
        let leaf = leaf_hash(&salt, &field);
        assert_eq!(Some(leaf), hash(vector("leaf.1")));
        let proven = read(&mut client, &records.verify_field(id, 1, leaf, proof.clone())).await;
        // then the field is proven
        assert_eq!(proven, Ok(true));
        // and another diagnosis under the same salt is not, nor the right one without its salt
        let forged = leaf_hash(&salt, b"diagnosis=ICD10:I10");
        assert_eq!(
            read(&mut client, &records.verify_field(id, 1, forged, proof.clone())).await,
            Ok(false)
        );
        let unsalted = leaf_hash(&[0; 32], &field);
        assert_eq!(
            read(&mut client, &records.verify_field(id, 1, unsalted, proof.clone())).await,
            Ok(false)
        );
        // and a proof of the wrong length is an error, not a "false"
        let short = read(&mut client, &records.verify_field(id, 1, leaf, proof[..1].to_vec())).await;
        assert_eq!(short, Err(RecordError::ProofLengthMismatch));
        Ok(())
    }

    /// Bad input on chain, each call submitted: unknown record, oversized
    /// pointer and envelope, unverified author, a verified provider without
    /// write consent, a verifier attesting a kind it is not allowed for: each
    /// its specific error, nothing stored or audited.
    pub async fn bad_input_gets_its_specific_error_and_stores_nothing<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let mut records = suite.record_calls();
        let before = audited_actions(&mut client, &suite, who.patient).await.len();

        let unknown = refused(
            &mut client,
            &ink_e2e::dave(),
            &records.request_access(99, Purpose::Treatment),
        )
        .await;
        assert_eq!(unknown, RecordError::UnknownRecord);

        let mut oversized = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        oversized.pointer = vec![b'x'; 129];
        let too_long = refused(&mut client, &ink_e2e::charlie(), &records.add_record(oversized)).await;
        assert_eq!(too_long, RecordError::PointerTooLong);

        let big_envelope = records.set_envelope(1, who.physician, vec![0; 1281]);
        let too_big = refused(&mut client, &ink_e2e::bob(), &big_envelope).await;
        assert_eq!(too_big, RecordError::EnvelopeTooLong);

        // Eve is neither verified nor the patient
        let by_stranger = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        let unverified = refused(&mut client, &ink_e2e::eve(), &records.add_record(by_stranger)).await;
        assert_eq!(unverified, RecordError::UnverifiedAuthor);

        // the physician is verified, but its consent lets it read, not write
        let by_reader = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        let no_write = refused(&mut client, &ink_e2e::dave(), &records.add_record(by_reader)).await;
        assert_eq!(no_write, RecordError::NoWriteConsent);

        // the physician, once the patient lets it write lab results too, may
        // add records of its own but not "amend" the hospital's: a new version
        // would hide the hospital's record from every grantee
        let read_and_write = terms(
            &[DataCategory::LabResults],
            &[Purpose::Treatment],
            &[Action::Read, Action::Write],
        );
        let widen = suite.consent_calls().update(who.patient, who.physician, read_and_write);
        submit(&mut client, &ink_e2e::bob(), &widen)
            .await
            .expect("the patient lets the physician write");
        let mut amendment = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        amendment.supersedes = Some(1);
        let not_its_record = refused(&mut client, &ink_e2e::dave(), &records.add_record(amendment)).await;
        assert_eq!(not_its_record, RecordError::NotAuthorOfSuperseded);
        assert_eq!(read(&mut client, &records.superseded_by(1)).await, None);

        // Eve may attest hospitals only, not physicians
        let mut registry = suite.provider_calls();
        let apply = registry.apply(application(ProviderKind::Physician, clock.a_year_from_now()));
        submit(&mut client, &ink_e2e::ferdie(), &apply).await.expect("applies");
        let wrong_kind = refused(&mut client, &ink_e2e::eve(), &registry.attest(account(Ferdie))).await;
        assert_eq!(wrong_kind, RegistryError::KindNotAllowed);
        assert!(!is_verified(&mut client, &suite, account(Ferdie), ProviderKind::Physician).await);

        // nothing stored: still one lab record, the physician's envelope as the
        // hospital set it, and nothing new audited but the widened consent
        let page = client
            .call(
                &ink_e2e::ferdie(),
                &records.records_of(who.patient, DataCategory::LabResults, 0, 10),
            )
            .dry_run()
            .await
            .expect("the chain answers")
            .return_value()
            .expect("valid page");
        assert_eq!(page.total, 1);
        let envelope = read(&mut client, &records.envelope(1, who.physician)).await;
        assert_eq!(envelope, Some(ENVELOPE.to_vec()));
        let audited = audited_actions(&mut client, &suite, who.patient).await;
        assert_eq!(audited.len(), before + 1);
        assert_eq!(
            audited.last().map(|(action, ..)| action),
            Some(&AuditAction::ConsentUpdated)
        );
        let consent_check = suite.consent_calls().check(
            who.patient,
            account(Eve),
            DataCategory::LabResults,
            Purpose::Treatment,
            Action::Write,
        );
        assert!(!client
            .call(&ink_e2e::ferdie(), &consent_check)
            .dry_run()
            .await
            .expect("the chain answers")
            .return_value());
        Ok(())
    }

    /// In strict mode no grantee's envelope is stored: the hospital may seal
    /// the key to the patient's keeper but not to a stranger; the physician's
    /// grant names its audit entry; only the keeper may note the release,
    /// which is audited; once the patient withholds the record from the
    /// physician, even the keeper is refused.
    pub async fn in_strict_mode_only_the_keeper_releases_keys_and_each_release_is_audited<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the lab record shared with the physician, and a strict deployment whose keeper is Ferdie
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let keeper = account(Ferdie);
        let strict = DataPlane {
            strict: true,
            default_keeper: Some(keeper),
        };
        let outsider = refused(
            &mut client,
            &ink_e2e::eve(),
            &suite.record_calls().set_data_plane(strict),
        )
        .await;
        assert_eq!(outsider, RecordError::NotAdmin);
        submit(
            &mut client,
            &ink_e2e::alice(),
            &suite.record_calls().set_data_plane(strict),
        )
        .await
        .expect("the admin goes strict");
        assert_eq!(
            read(&mut client, &suite.record_calls().keeper_of(who.patient)).await,
            Some(keeper)
        );

        // when the hospital seals the key to a stranger, it is refused and nothing is stored
        let to_stranger = suite.record_calls().set_envelope(1, account(Eve), vec![7; 85]);
        assert_eq!(
            refused(&mut client, &ink_e2e::charlie(), &to_stranger).await,
            RecordError::StrictModeEnvelope
        );
        assert_eq!(
            read(&mut client, &suite.record_calls().envelope(1, account(Eve))).await,
            None
        );
        // but it may seal it to the keeper, which holds no read consent of its own
        let to_keeper = suite.record_calls().set_envelope(1, keeper, vec![9; 1173]);
        submit(&mut client, &ink_e2e::charlie(), &to_keeper)
            .await
            .expect("the author seals to the keeper");

        // when the physician is granted access, the grant names its audit entry
        let AccessOutcome::Granted(grant) =
            request_access(&mut client, &suite, &ink_e2e::dave(), 1, Purpose::Treatment).await
        else {
            panic!("expected a grant");
        };
        let head = read(&mut client, &suite.audit_calls().head()).await;
        assert_eq!(grant.audit_seq, head.seq);
        let entry = read(&mut client, &suite.audit_calls().entry(grant.audit_seq))
            .await
            .expect("the grant is on the trail");
        assert_eq!((entry.record.actor, entry.record.subject), (who.physician, 1));

        // then a stranger cannot note a release, and the trail is unchanged
        let digest = Hash::from([5; 32]);
        let by_stranger = suite
            .record_calls()
            .note_release(1, who.physician, grant.audit_seq, digest);
        assert_eq!(
            refused(&mut client, &ink_e2e::eve(), &by_stranger).await,
            RecordError::NotKeeper
        );
        assert_eq!(read(&mut client, &suite.audit_calls().head()).await.seq, head.seq);
        // and the keeper's release is audited, its digest binding the grant
        let note = suite
            .record_calls()
            .note_release(1, who.physician, grant.audit_seq, digest);
        let released = submit(&mut client, &ink_e2e::ferdie(), &note)
            .await
            .expect("the keeper notes it");
        let entry = read(&mut client, &suite.audit_calls().entry(released))
            .await
            .expect("the release is on the trail");
        assert_eq!(entry.record.action, AuditAction::KeyReleased);
        assert_eq!(
            (entry.record.actor, entry.record.counterpart),
            (keeper, Some(who.physician))
        );
        assert_eq!(entry.record.digest, digest_of(&(grant.audit_seq, digest)));

        // when the patient withholds the record from the physician, even the keeper is refused
        submit(
            &mut client,
            &ink_e2e::bob(),
            &suite.record_calls().withhold(1, Some(who.physician)),
        )
        .await
        .expect("the patient withholds it");
        let after = read(&mut client, &suite.audit_calls().head()).await;
        assert_eq!(
            refused(&mut client, &ink_e2e::ferdie(), &note).await,
            RecordError::RecordWithheld
        );
        assert_eq!(read(&mut client, &suite.audit_calls().head()).await.seq, after.seq);
        Ok(())
    }
}

on_node_and_sandbox!(
    a_verified_hospital_writes_and_a_consented_physician_reads,
    a_verified_hospital_writes_and_a_consented_physician_reads_on_sandbox
);
on_node_and_sandbox!(
    a_record_outside_the_consent_is_denied_and_the_denial_audited,
    a_record_outside_the_consent_is_denied_and_the_denial_audited_on_sandbox
);
on_node_and_sandbox!(
    a_suspended_physician_is_denied_and_the_denial_audited,
    a_suspended_physician_is_denied_and_the_denial_audited_on_sandbox
);
on_node_and_sandbox!(
    emergency_access_needs_a_verified_service_and_the_patients_opt_in,
    emergency_access_needs_a_verified_service_and_the_patients_opt_in_on_sandbox
);
on_node_and_sandbox!(
    a_patients_device_appends_vital_signs_but_a_strangers_cannot,
    a_patients_device_appends_vital_signs_but_a_strangers_cannot_on_sandbox
);
on_node_and_sandbox!(
    an_insurer_proves_a_diagnosis_field_without_reading_the_record,
    an_insurer_proves_a_diagnosis_field_without_reading_the_record_on_sandbox
);
on_node_and_sandbox!(
    bad_input_gets_its_specific_error_and_stores_nothing,
    bad_input_gets_its_specific_error_and_stores_nothing_on_sandbox
);
on_node_and_sandbox!(
    in_strict_mode_only_the_keeper_releases_keys_and_each_release_is_audited,
    in_strict_mode_only_the_keeper_releases_keys_and_each_release_is_audited_on_sandbox
);
