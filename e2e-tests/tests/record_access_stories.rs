//! The record access path: providers verified by accreditation authorities,
//! records written with the patient's consent, access decisions checked
//! against the registry and consent and written to the audit trail. Each
//! story runs on a real `substrate-contracts-node` and on the ink_e2e sandbox;
//! the expiry of a credential by block time is in `sandbox-tests` (time travel).

#[macro_use]
mod common;

use audit_trail::chain::RangeCheck;
use common::*;
use ink::primitives::{AccountId, Hash};
use ink_e2e::AccountKeyring::{Bob, Charlie, Dave, Eve, Ferdie, Two};
use interfaces::traits::{ConsentCheck, ProviderCheck};
use interfaces::{Action, AuditAction, DataCategory, DenialReason, ProviderKind, Purpose};
use provider_verification::provider_verification::Error as RegistryError;
use provider_verification::registry::Attested;
use record_access::merkle::{build, leaf_hash};
use record_access::record_access::{AccessOutcome, Error as RecordError};

const ENVELOPE: [u8; 80] = [0xE7; 80];

/// Who is who in the stories. Alice (admin) and Eve are accreditation
/// authorities; Bob is the patient; Charlie a hospital; Dave a physician.
/// Ferdie plays the one extra role a story needs (emergency service, device,
/// applicant): the dev node funds only Alice to Ferdie, so `One` and `Two`
/// appear only in dry runs, which pay no storage deposit.
struct Cast {
    patient: AccountId,
    hospital: AccountId,
    physician: AccountId,
}

fn cast() -> Cast {
    Cast {
        patient: account(Bob),
        hospital: account(Charlie),
        physician: account(Dave),
    }
}

/// Given: hospitals need two attestations; Alice and Eve may attest hospitals,
/// Alice also physicians and emergency services; Charlie (hospital) and Dave
/// (physician) are verified; Bob lets the hospital write lab results and the
/// physician read them, for treatment; the hospital wrote lab record 1 and
/// sealed its data key to the physician.
async fn given_a_lab_record_shared_with_a_physician<Client: Backend>(
    client: &mut Client,
    clock: BlockClock,
) -> HealthSuite {
    let suite = deploy_health_suite(client).await;
    let who = cast();
    let mut registry = suite.provider_calls();
    let requirement = registry.set_required_attestations(ProviderKind::Hospital, 2);
    client
        .call(&ink_e2e::alice(), &requirement)
        .submit()
        .await
        .expect("admin sets the hospital requirement");
    let verifiers = [
        (
            account(ink_e2e::AccountKeyring::Alice),
            vec![
                ProviderKind::Hospital,
                ProviderKind::Physician,
                ProviderKind::EmergencyService,
            ],
        ),
        (account(Eve), vec![ProviderKind::Hospital]),
    ];
    for (verifier, kinds) in verifiers {
        client
            .call(&ink_e2e::alice(), &registry.appoint_verifier(verifier, kinds))
            .submit()
            .await
            .expect("admin appoints a verifier");
    }

    // the hospital applies; two distinct verifiers attest
    let until = clock.a_year_from_now();
    client
        .call(
            &ink_e2e::charlie(),
            &registry.apply(application(ProviderKind::Hospital, until)),
        )
        .submit()
        .await
        .expect("hospital applies");
    let first = client
        .call(&ink_e2e::alice(), &registry.attest(who.hospital))
        .submit()
        .await
        .expect("first attestation")
        .return_value();
    assert_eq!(first, Ok(Attested::Counted));
    assert!(!is_verified(client, &suite, who.hospital, ProviderKind::Hospital).await);
    let twice = client
        .call(&ink_e2e::alice(), &registry.attest(who.hospital))
        .dry_run()
        .await
        .expect("dry run");
    assert_eq!(twice.return_value(), Err(RegistryError::AlreadyAttested));
    let second = client
        .call(&ink_e2e::eve(), &registry.attest(who.hospital))
        .submit()
        .await
        .expect("second attestation")
        .return_value();
    assert_eq!(second, Ok(Attested::Activated));
    assert!(is_verified(client, &suite, who.hospital, ProviderKind::Hospital).await);

    // the physician applies; one attestation suffices for physicians
    client
        .call(
            &ink_e2e::dave(),
            &registry.apply(application(ProviderKind::Physician, until)),
        )
        .submit()
        .await
        .expect("physician applies");
    client
        .call(&ink_e2e::alice(), &registry.attest(who.physician))
        .submit()
        .await
        .expect("physician attested");

    // the patient consents: the hospital writes lab results, the physician reads them
    let mut consent = suite.consent_calls();
    let grants = [
        consent.grant(
            who.patient,
            who.hospital,
            terms(&[DataCategory::LabResults], &[Purpose::Treatment], &[Action::Write]),
        ),
        consent.grant(
            who.patient,
            who.physician,
            terms(&[DataCategory::LabResults], &[Purpose::Treatment], &[Action::Read]),
        ),
    ];
    for grant in &grants {
        client
            .call(&ink_e2e::bob(), grant)
            .submit()
            .await
            .expect("patient grants");
    }

    // the hospital writes the lab record and seals its key to the physician
    let mut records = suite.record_calls();
    let added = client
        .call(
            &ink_e2e::charlie(),
            &records.add_record(new_record(who.patient, DataCategory::LabResults, Hash::default(), 0)),
        )
        .submit()
        .await
        .expect("hospital adds the record")
        .return_value();
    assert_eq!(added, Ok(1));
    client
        .call(
            &ink_e2e::charlie(),
            &records.set_envelope(1, who.physician, ENVELOPE.to_vec()),
        )
        .submit()
        .await
        .expect("hospital shares the key");
    suite
}

async fn is_verified<Client: Backend>(
    client: &mut Client,
    suite: &HealthSuite,
    account: AccountId,
    kind: ProviderKind,
) -> bool {
    client
        .call(&ink_e2e::ferdie(), &suite.provider_calls().is_verified(account, kind))
        .dry_run()
        .await
        .expect("dry run")
        .return_value()
}

/// Submits `request_access(record_id, purpose)` as `requester` and returns
/// the outcome (a denial is an `Ok` too, and is kept on chain).
async fn request_access<Client: Backend>(
    client: &mut Client,
    suite: &HealthSuite,
    requester: &ink_e2e::Keypair,
    record_id: u64,
    purpose: Purpose,
) -> AccessOutcome {
    client
        .call(requester, &suite.record_calls().request_access(record_id, purpose))
        .submit()
        .await
        .expect("request submitted")
        .return_value()
        .expect("a decision, granted or denied")
}

/// The patient's audit actions in order, after checking that the whole chain
/// re-verifies on chain up to its head.
async fn audited_actions<Client: Backend>(
    client: &mut Client,
    suite: &HealthSuite,
    patient: AccountId,
) -> Vec<(AuditAction, AccountId, u64)> {
    let (history, head, verification) = audit_history(client, suite.consent_suite.audit, patient).await;
    assert_eq!(verification, RangeCheck::Intact { last_hash: head.hash });
    history
        .iter()
        .map(|entry| (entry.record.action, entry.record.actor, entry.record.subject))
        .collect()
}

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
                (AuditAction::RecordAdded, who.hospital, 1),
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
        let refused = client
            .call(&ink_e2e::ferdie(), &records.add_record(lab))
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(refused.return_value(), Err(RecordError::DeviceCategoryNotAllowed));
        // and a stranger's device cannot write for Bob at all
        let stranger = client
            .call(&ink_e2e::two(), &records.add_record(vitals))
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(stranger.return_value(), Err(RecordError::UnverifiedAuthor));
        let actions = audited_actions(&mut client, &suite, who.patient).await;
        assert!(actions.contains(&(AuditAction::DeviceRegistered, who.patient, 0)));
        assert_eq!(actions.last(), Some(&(AuditAction::RecordAdded, device, id)));
        Ok(())
    }

    /// An insurer proves one field of a record (its diagnosis code) with a
    /// Merkle proof, without reading the record.
    pub async fn an_insurer_proves_a_diagnosis_field_without_reading_the_record<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given a diagnosis record whose three fields the hospital committed to
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let fields: [&[u8]; 3] = [b"encounter=2026-11-02", b"diagnosis=ICD10:E11.9", b"severity=moderate"];
        let leaves: Vec<Hash> = fields.iter().map(|field| leaf_hash(field)).collect();
        let mut consent_to_write = terms(&[DataCategory::Diagnoses], &[Purpose::Treatment], &[Action::Write]);
        consent_to_write.categories.push(DataCategory::LabResults);
        client
            .call(
                &ink_e2e::bob(),
                &suite
                    .consent_calls()
                    .update(who.patient, who.hospital, consent_to_write),
            )
            .submit()
            .await
            .expect("the chain answers");
        let diagnosis = new_record(who.patient, DataCategory::Diagnoses, build::root(&leaves), 3);
        let id = client
            .call(&ink_e2e::charlie(), &suite.record_calls().add_record(diagnosis))
            .submit()
            .await
            .expect("the chain answers")
            .return_value()
            .expect("hospital adds the diagnosis");
        // when the insurer (Two), given the diagnosis leaf and its proof by
        // the patient, checks it against the record's root
        let records = suite.record_calls();
        let proof = build::proof(&leaves, 1);
        let proven = client
            .call(&ink_e2e::two(), &records.verify_field(id, 1, leaves[1], proof.clone()))
            .dry_run()
            .await
            .expect("the chain answers")
            .return_value();
        // then the field is proven, and another diagnosis is not
        assert_eq!(proven, Ok(true));
        let forged = client
            .call(
                &ink_e2e::two(),
                &records.verify_field(id, 1, leaf_hash(b"diagnosis=ICD10:I10"), proof.clone()),
            )
            .dry_run()
            .await
            .expect("the chain answers")
            .return_value();
        assert_eq!(forged, Ok(false));
        // and a proof of the wrong length is an error, not a "false"
        let short = client
            .call(
                &ink_e2e::two(),
                &records.verify_field(id, 1, leaves[1], proof[..1].to_vec()),
            )
            .dry_run()
            .await
            .expect("the chain answers")
            .return_value();
        assert_eq!(short, Err(RecordError::ProofLengthMismatch));
        Ok(())
    }

    /// Bad input on chain: unknown record, oversized pointer and envelope,
    /// unverified author, a verifier attesting a kind it is not allowed for:
    /// each its specific error, nothing stored or audited.
    pub async fn bad_input_gets_its_specific_error_and_stores_nothing<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let suite = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let mut records = suite.record_calls();
        let before = audited_actions(&mut client, &suite, who.patient).await.len();

        let unknown = client
            .call(&ink_e2e::dave(), &records.request_access(99, Purpose::Treatment))
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(unknown.return_value(), Err(RecordError::UnknownRecord));

        let mut oversized = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        oversized.pointer = vec![b'x'; 129];
        let too_long = client
            .call(&ink_e2e::charlie(), &records.add_record(oversized))
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(too_long.return_value(), Err(RecordError::PointerTooLong));

        let big_envelope = records.set_envelope(1, who.physician, vec![0; 257]);
        let refused = client
            .call(&ink_e2e::charlie(), &big_envelope)
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(refused.return_value(), Err(RecordError::EnvelopeTooLong));

        // Eve is neither verified nor the patient
        let by_stranger = new_record(who.patient, DataCategory::LabResults, Hash::default(), 0);
        let unverified = client
            .call(&ink_e2e::eve(), &records.add_record(by_stranger))
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(unverified.return_value(), Err(RecordError::UnverifiedAuthor));

        // Eve may attest hospitals only, not physicians
        let mut registry = suite.provider_calls();
        let apply = registry.apply(application(ProviderKind::Physician, clock.a_year_from_now()));
        client
            .call(&ink_e2e::ferdie(), &apply)
            .submit()
            .await
            .expect("the chain answers");
        let wrong_kind = client
            .call(&ink_e2e::eve(), &registry.attest(account(Ferdie)))
            .dry_run()
            .await
            .expect("the chain answers");
        assert_eq!(wrong_kind.return_value(), Err(RegistryError::KindNotAllowed));
        assert!(!is_verified(&mut client, &suite, account(Ferdie), ProviderKind::Physician).await);

        // nothing stored: still one lab record, and nothing new audited
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
        assert_eq!(audited_actions(&mut client, &suite, who.patient).await.len(), before);
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
