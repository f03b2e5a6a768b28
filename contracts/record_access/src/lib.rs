//! # Record access
//!
//! The index of health records (never their content) and the gate to them.
//! Patients, their registered devices (vital signs) and verified providers
//! with the patient's write consent add records. [`RecordAccess::request_access`]
//! asks the provider registry (`ProviderCheck`) and the consent contract
//! (`ConsentCheck`), writes the decision, granted or denied with its reason,
//! to the audit trail (`AuditLog`), and returns what a granted requester needs
//! to fetch and decrypt the record. [`RecordAccess::verify_field`] checks a
//! Merkle proof of one field against a record's root, so a claim can prove one
//! fact of a record without revealing the rest.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod error;
pub mod index;
pub mod keeper;
pub mod merkle;
pub mod outcome;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod record_access {
    pub use crate::error::{Error, Result};
    use crate::index::{EnvelopeSetter, NewRecord, Record, RecordIndex};
    pub use crate::keeper::DataPlane;
    use crate::keeper::Keepers;
    pub use crate::outcome::{AccessGrant, AccessOutcome, RewardOutcome};
    use ink::prelude::vec::Vec;
    use interfaces::calls;
    use interfaces::traits::{RecordLookup, RecordSummary};
    use interfaces::{
        append_to, digest_of, Action, Admin, AdminControl, AdminError, AuditAction, AuditRecord, DataCategory,
        DenialReason, Page, ProviderKind, Purpose,
    };

    /// The contracts record access calls.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct LinkedContracts {
        /// The provider registry (`ProviderCheck`).
        pub providers: AccountId,
        /// The consent contract (`ConsentCheck`).
        pub consent: AccountId,
        /// The audit trail (`AuditLog`), which must authorise this contract as a writer.
        pub audit_trail: AccountId,
        /// The research reward pool (`RewardCredit`), if rewards are paid;
        /// it must name this contract as its crediter.
        pub reward_pool: Option<AccountId>,
    }

    /// A record was added to the index.
    #[ink(event)]
    pub struct RecordAdded {
        /// Whose record.
        #[ink(topic)]
        patient: AccountId,
        /// Who added it.
        #[ink(topic)]
        author: AccountId,
        /// Its id.
        record_id: u64,
        /// Its category.
        category: DataCategory,
    }

    /// Access to a record was granted (and audited).
    #[ink(event)]
    pub struct AccessGranted {
        /// Whose record.
        #[ink(topic)]
        patient: AccountId,
        /// Who asked.
        #[ink(topic)]
        requester: AccountId,
        /// The record.
        record_id: u64,
        /// The purpose stated.
        purpose: Purpose,
        /// Whether it was break-glass emergency access.
        emergency: bool,
        /// Whether the patient was rewarded (research access).
        reward: RewardOutcome,
    }

    /// Access to a record was denied (and audited).
    #[ink(event)]
    pub struct AccessDenied {
        /// Whose record.
        #[ink(topic)]
        patient: AccountId,
        /// Who asked.
        #[ink(topic)]
        requester: AccountId,
        /// The record.
        record_id: u64,
        /// The purpose stated.
        purpose: Purpose,
        /// Why.
        reason: DenialReason,
    }

    /// A data-key envelope was set for a grantee.
    #[ink(event)]
    pub struct EnvelopeSet {
        /// The record.
        #[ink(topic)]
        record_id: u64,
        /// Whose envelope.
        #[ink(topic)]
        grantee: AccountId,
        /// The patient or author who set it.
        by: AccountId,
    }

    /// A data-key envelope was removed.
    #[ink(event)]
    pub struct EnvelopeRemoved {
        /// The record.
        #[ink(topic)]
        record_id: u64,
        /// Whose envelope.
        #[ink(topic)]
        grantee: AccountId,
        /// Who removed it.
        by: AccountId,
    }

    /// The patient (or a delegate) withheld a record.
    #[ink(event)]
    pub struct RecordWithheld {
        /// The record.
        #[ink(topic)]
        record_id: u64,
        /// Whom it is withheld from; `None`: everyone but the patient.
        #[ink(topic)]
        from: Option<AccountId>,
        /// The patient or delegate who withheld it.
        by: AccountId,
    }

    /// The patient (or a delegate) lifted a withholding.
    #[ink(event)]
    pub struct RecordReleased {
        /// The record.
        #[ink(topic)]
        record_id: u64,
        /// Whom it was withheld from; `None`: everyone but the patient.
        #[ink(topic)]
        from: Option<AccountId>,
        /// The patient or delegate who lifted it.
        by: AccountId,
    }

    /// A patient registered a device.
    #[ink(event)]
    pub struct DeviceRegistered {
        /// The patient.
        #[ink(topic)]
        patient: AccountId,
        /// The device.
        #[ink(topic)]
        device: AccountId,
    }

    /// A patient removed a device.
    #[ink(event)]
    pub struct DeviceRemoved {
        /// The patient.
        #[ink(topic)]
        patient: AccountId,
        /// The device.
        #[ink(topic)]
        device: AccountId,
    }

    /// The admin pointed record access at other contracts.
    #[ink(event)]
    pub struct LinksChanged {
        /// The contracts now called.
        links: LinkedContracts,
    }

    /// The admin changed the data-plane settings (strict mode, default keeper).
    #[ink(event)]
    pub struct DataPlaneChanged {
        /// The settings now.
        settings: DataPlane,
    }

    /// A patient named a keeper (or went back to the default).
    #[ink(event)]
    pub struct KeeperChanged {
        /// The patient.
        #[ink(topic)]
        patient: AccountId,
        /// The keeper they named; `None`: the default keeper.
        keeper: Option<AccountId>,
    }

    /// A patient's keeper released a record's data key to a grantee.
    #[ink(event)]
    pub struct KeyReleased {
        /// Whose record.
        #[ink(topic)]
        patient: AccountId,
        /// Who received the key.
        #[ink(topic)]
        grantee: AccountId,
        /// The record.
        record_id: u64,
        /// The audited grant the release answered.
        grant_seq: u64,
        /// The keeper.
        keeper: AccountId,
    }

    /// The record index's storage. Root fields keep their order across
    /// upgrades; new ones are added at the end.
    #[ink(storage)]
    pub struct RecordAccess {
        admin: Admin,
        links: LinkedContracts,
        index: RecordIndex,
        keepers: Keepers,
    }

    // The constructor reads the caller, so a `Default` would mislead.
    #[allow(clippy::new_without_default)]
    impl RecordAccess {
        /// Creates the index, calling `providers` (registry), `consent` and
        /// `audit_trail` (which must authorise this contract as a writer).
        /// The caller becomes admin.
        #[ink(constructor)]
        pub fn new(providers: AccountId, consent: AccountId, audit_trail: AccountId) -> Self {
            Self {
                admin: Admin::new(Self::env().caller()),
                links: LinkedContracts {
                    providers,
                    consent,
                    audit_trail,
                    reward_pool: None,
                },
                index: RecordIndex::default(),
                keepers: Keepers::default(),
            }
        }

        /// Adds `record` to the index and audits it. The caller must be the
        /// patient, a device the patient registered (vital-signs records
        /// only), or a verified provider whose write consent from the patient
        /// covers the record's category and `record.purpose`. Returns the
        /// record's id.
        #[ink(message)]
        pub fn add_record(&mut self, record: NewRecord) -> Result<u64> {
            let (author, now) = (self.env().caller(), self.env().block_timestamp());
            let purpose = record.purpose;
            let draft = self.index.draft(author, record, now)?;
            self.authorize_author(author, &draft, purpose)?;
            let record = self.index.insert(draft)?;
            self.audit(
                &record,
                author,
                None,
                AuditAction::RecordAddedFor { purpose },
                record.content_hash,
            )?;
            self.env().emit_event(RecordAdded {
                patient: record.patient,
                author,
                record_id: record.id,
                category: record.category,
            });
            Ok(record.id)
        }

        /// The caller asks to read record `record_id` for `purpose`. Granted
        /// to the patient; denied (`Withheld`) to anyone the patient withheld
        /// the record from, whatever else holds; else to a verified provider
        /// whose consent covers the
        /// record's category, `purpose` and reading; for `Emergency`, only to
        /// a verified emergency service when the patient opted in. The
        /// decision is audited either way: a denial is `Ok(Denied(reason))`.
        /// A grant carries the pointer, the content hash, the caller's
        /// data-key envelope (in strict mode only the patient's exists) and
        /// the grant's audit sequence number, which the patient's keeper
        /// reads before it releases the key. A granted `Research` access by a provider
        /// credits the patient with the requester's rate from the reward
        /// pool; if it cannot, access is still granted and `reward` says why
        /// nothing was paid.
        #[ink(message)]
        pub fn request_access(&mut self, record_id: u64, purpose: Purpose) -> Result<AccessOutcome> {
            let requester = self.env().caller();
            let record = self.index.record(record_id).ok_or(Error::UnknownRecord)?;
            let decision = self.decide(requester, &record, purpose);
            let reward = match decision {
                Ok(false) if purpose == Purpose::Research && requester != record.patient => {
                    self.reward(requester, record.patient)
                }
                _ => RewardOutcome::NotApplicable,
            };
            let action = match decision {
                Ok(true) => AuditAction::EmergencyAccessGranted,
                Ok(false) => AuditAction::AccessGranted { purpose },
                Err(reason) => AuditAction::AccessDenied { purpose, reason },
            };
            let audit_seq = self.audit(&record, requester, None, action, record.content_hash)?;
            let (patient, record_id) = (record.patient, record.id);
            match decision {
                Ok(emergency) => {
                    self.env().emit_event(AccessGranted {
                        patient,
                        requester,
                        record_id,
                        purpose,
                        emergency,
                        reward,
                    });
                    Ok(AccessOutcome::Granted(AccessGrant {
                        // An envelope strict mode no longer allows (set
                        // before it was switched on) is not handed out.
                        envelope: self
                            .index
                            .envelope(record_id, requester)
                            .filter(|_| self.keepers.envelope_allowed(patient, requester)),
                        audit_seq,
                        pointer: record.pointer,
                        content_hash: record.content_hash,
                        emergency,
                        reward,
                    }))
                }
                Err(reason) => {
                    self.env().emit_event(AccessDenied {
                        patient,
                        requester,
                        record_id,
                        purpose,
                        reason,
                    });
                    Ok(AccessOutcome::Denied(reason))
                }
            }
        }

        /// Whether `leaf` (blake2-256 of `0x00` ‖ the field's 32-byte salt ‖
        /// the field's bytes) is field `index` of record `record_id`, by the
        /// Merkle `proof` (sibling hashes from the leaf level up, exactly
        /// ⌈log₂ field count⌉ of them). See the `merkle` module for how to
        /// build the tree.
        #[ink(message)]
        pub fn verify_field(&self, record_id: u64, index: u16, leaf: Hash, proof: Vec<Hash>) -> Result<bool> {
            let record = self.index.record(record_id).ok_or(Error::UnknownRecord)?;
            Ok(crate::merkle::verify(
                &record.fields_root,
                record.field_count,
                index,
                leaf,
                &proof,
            )?)
        }

        /// Sets `grantee`'s encrypted data-key `envelope` (1 to 1,280 bytes)
        /// for record `record_id`. In strict mode only the patient's and the
        /// patient's keeper's envelopes may be set (`StrictModeEnvelope`).
        /// The patient or a current delegate may set
        /// or replace anyone's (a delegate not its own), except for a grantee
        /// the record is withheld from. The record's author may only add one where
        /// none is set, only while it is in standing (a verified provider
        /// with the patient's write consent for the record's category and
        /// purpose, or the patient's registered device), and only for the
        /// patient, the patient's keeper, or a grantee with a current read
        /// consent for that category and purpose
        /// from whom the record is not withheld.
        #[ink(message)]
        pub fn set_envelope(&mut self, record_id: u64, grantee: AccountId, envelope: Vec<u8>) -> Result<()> {
            let caller = self.env().caller();
            let record = self.index.record(record_id).ok_or(Error::UnknownRecord)?;
            if !self.keepers.envelope_allowed(record.patient, grantee) {
                return Err(Error::StrictModeEnvelope);
            }
            let setter = if self.acts_for_patient(caller, &record)? {
                if caller != record.patient && grantee == caller {
                    return Err(Error::DelegateActsForItself);
                }
                if self.index.is_withheld_from(&record, grantee) {
                    return Err(Error::RecordWithheld);
                }
                EnvelopeSetter::PatientSide
            } else if caller == record.author {
                self.ensure_author_may_share(&record, grantee)?;
                EnvelopeSetter::Author
            } else {
                return Err(Error::NotPatientOrAuthor);
            };
            let digest = digest_of(&envelope);
            self.index.set_envelope(setter, &record, grantee, envelope)?;
            self.audit(&record, caller, Some(grantee), AuditAction::KeyShared, digest)?;
            self.env().emit_event(EnvelopeSet {
                record_id,
                grantee,
                by: caller,
            });
            Ok(())
        }

        /// The patient, a current delegate or the grantee removes `grantee`'s
        /// envelope of record `record_id`.
        #[ink(message)]
        pub fn remove_envelope(&mut self, record_id: u64, grantee: AccountId) -> Result<()> {
            let caller = self.env().caller();
            let record = self.index.record(record_id).ok_or(Error::UnknownRecord)?;
            if caller != grantee && !self.acts_for_patient(caller, &record)? {
                return Err(Error::NotPatientDelegateOrGrantee);
            }
            self.index.remove_envelope(&record, grantee)?;
            self.audit(&record, caller, Some(grantee), AuditAction::KeyRemoved, Hash::default())?;
            self.env().emit_event(EnvelopeRemoved {
                record_id,
                grantee,
                by: caller,
            });
            Ok(())
        }

        /// The patient or a current delegate withholds record `record_id`
        /// from `from`, or from everyone but the patient if `None` (FHIR's
        /// "withhold consent to disclose a specific record"):
        /// `request_access` then denies with `Withheld`, audited, whatever
        /// the requester's consent covers, and no one may share the key with
        /// them; withholding from one account also removes its envelope.
        /// Withheld from everyone, envelopes stay: rotate the data key (a new
        /// record that supersedes this one). The audit entry's digest is
        /// blake2-256 of SCALE(`from`).
        #[ink(message)]
        pub fn withhold(&mut self, record_id: u64, from: Option<AccountId>) -> Result<()> {
            let caller = self.env().caller();
            let record = self.ensure_acts_for_patient(caller, record_id)?;
            let record = self.index.withhold(record, from)?;
            self.audit(&record, caller, from, AuditAction::RecordWithheld, digest_of(&from))?;
            self.env().emit_event(RecordWithheld {
                record_id,
                from,
                by: caller,
            });
            Ok(())
        }

        /// The patient or a current delegate lifts the withholding of record
        /// `record_id` from `from` (or from everyone if `None`). A delegate
        /// may not lift one in its own favour: from itself, or from everyone.
        #[ink(message)]
        pub fn release(&mut self, record_id: u64, from: Option<AccountId>) -> Result<()> {
            let caller = self.env().caller();
            let record = self.ensure_acts_for_patient(caller, record_id)?;
            // A delegate may not lift a withholding in its own favour.
            if caller != record.patient && from.is_none_or(|account| account == caller) {
                return Err(Error::DelegateActsForItself);
            }
            let record = self.index.release(record, from)?;
            self.audit(&record, caller, from, AuditAction::RecordReleased, digest_of(&from))?;
            self.env().emit_event(RecordReleased {
                record_id,
                from,
                by: caller,
            });
            Ok(())
        }

        /// `grantee`'s data-key envelope of record `record_id`, if set. An
        /// envelope is ciphertext sealed to the grantee: public like all
        /// contract storage, readable only with the grantee's key.
        #[ink(message)]
        pub fn envelope(&self, record_id: u64, grantee: AccountId) -> Option<Vec<u8>> {
            self.index.envelope(record_id, grantee)
        }

        /// Whether record `record_id` is withheld from `account` (from
        /// everyone but the patient, or from `account` in particular).
        #[ink(message)]
        pub fn is_withheld(&self, record_id: u64, account: AccountId) -> bool {
            self.index
                .record(record_id)
                .is_some_and(|record| self.index.is_withheld_from(&record, account))
        }

        /// The caller (a patient) registers `device`, which may then add
        /// vital-signs records for them. At most 8 devices per patient.
        #[ink(message)]
        pub fn register_device(&mut self, device: AccountId) -> Result<()> {
            let patient = self.env().caller();
            self.index.register_device(patient, device)?;
            self.audit_patient(patient, device, AuditAction::DeviceRegistered)?;
            self.env().emit_event(DeviceRegistered { patient, device });
            Ok(())
        }

        /// The caller (a patient) removes their `device`.
        #[ink(message)]
        pub fn remove_device(&mut self, device: AccountId) -> Result<()> {
            let patient = self.env().caller();
            self.index.remove_device(patient, device)?;
            self.audit_patient(patient, device, AuditAction::DeviceRemoved)?;
            self.env().emit_event(DeviceRemoved { patient, device });
            Ok(())
        }

        /// The patient `device` is registered to, if any.
        #[ink(message)]
        pub fn device_owner(&self, device: AccountId) -> Option<AccountId> {
            self.index.device_owner(device)
        }

        /// Record `record_id`'s index entry, if it exists.
        #[ink(message)]
        pub fn record(&self, record_id: u64) -> Option<Record> {
            self.index.record(record_id)
        }

        /// `patient`'s records of `category`, oldest first: `limit` (1 to 50)
        /// from position `start`.
        #[ink(message)]
        pub fn records_of(
            &self,
            patient: AccountId,
            category: DataCategory,
            start: u32,
            limit: u32,
        ) -> Result<Page<Record>> {
            self.index.records_of(patient, category, start, limit)
        }

        /// The first record that superseded record `record_id`, if any (a
        /// keeper releases no key of a superseded version).
        #[ink(message)]
        pub fn superseded_by(&self, record_id: u64) -> Option<u64> {
            self.index.superseded_by(record_id)
        }

        /// The data-plane settings: strict mode and the default keeper.
        #[ink(message)]
        pub fn data_plane(&self) -> DataPlane {
            self.keepers.settings()
        }

        /// Admin only: sets strict mode (no grantee envelopes on chain, only
        /// the patient's and the keeper's) and the default keeper.
        #[ink(message)]
        pub fn set_data_plane(&mut self, settings: DataPlane) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.keepers.set_settings(settings);
            self.env().emit_event(DataPlaneChanged { settings });
            Ok(())
        }

        /// `patient`'s keeper: the one they named, else the default keeper.
        #[ink(message)]
        pub fn keeper_of(&self, patient: AccountId) -> Option<AccountId> {
            self.keepers.keeper_of(patient)
        }

        /// The caller (a patient) names `keeper` as the keeper of their
        /// records' keys (for example the hospital that holds their data), or
        /// with `None` goes back to the default keeper. Audited.
        /// `SelfKeeper` if `keeper` is the caller.
        #[ink(message)]
        pub fn set_keeper(&mut self, keeper: Option<AccountId>) -> Result<()> {
            let patient = self.env().caller();
            self.keepers.name(patient, keeper)?;
            let entry = AuditRecord {
                patient,
                actor: patient,
                counterpart: keeper,
                action: AuditAction::KeeperChanged,
                subject: 0,
                digest: digest_of(&keeper),
            };
            append_to(self.links.audit_trail, entry)?;
            self.env().emit_event(KeeperChanged { patient, keeper });
            Ok(())
        }

        /// The patient's keeper (only) notes that it released record
        /// `record_id`'s data key to `grantee`, answering the grant audited
        /// as `grant_seq`; `envelope_digest` is blake2-256 of the envelope it
        /// sealed. Written to the audit trail (`KeyReleased`, digest
        /// blake2-256 of SCALE((`grant_seq`, `envelope_digest`))); returns
        /// that entry's sequence number. `NoKeeper`, `NotKeeper`,
        /// `RecordWithheld` if the record is withheld from `grantee`, or
        /// `RecordSuperseded` if a newer version replaced it.
        #[ink(message)]
        pub fn note_release(
            &mut self,
            record_id: u64,
            grantee: AccountId,
            grant_seq: u64,
            envelope_digest: Hash,
        ) -> Result<u64> {
            let keeper = self.env().caller();
            let record = self.index.record(record_id).ok_or(Error::UnknownRecord)?;
            match self.keepers.keeper_of(record.patient) {
                None => return Err(Error::NoKeeper),
                Some(named) if named != keeper => return Err(Error::NotKeeper),
                Some(_) => {}
            }
            if self.index.is_withheld_from(&record, grantee) {
                return Err(Error::RecordWithheld);
            }
            if self.index.superseded_by(record_id).is_some() {
                return Err(Error::RecordSuperseded);
            }
            // A unit variant: a field in `AuditAction` costs every writer
            // contract's code (insurance's 1.2 KB); the digest binds the grant.
            let seq = self.audit(
                &record,
                keeper,
                Some(grantee),
                AuditAction::KeyReleased,
                digest_of(&(grant_seq, envelope_digest)),
            )?;
            self.env().emit_event(KeyReleased {
                patient: record.patient,
                grantee,
                record_id,
                grant_seq,
                keeper,
            });
            Ok(seq)
        }

        /// The contracts record access calls.
        #[ink(message)]
        pub fn linked_contracts(&self) -> LinkedContracts {
            self.links
        }

        /// Admin only: calls `links` from now on.
        #[ink(message)]
        pub fn set_linked_contracts(&mut self, links: LinkedContracts) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.links = links;
            self.env().emit_event(LinksChanged { links });
            Ok(())
        }

        /// `Ok` if `author` may add `draft`.
        fn authorize_author(&self, author: AccountId, draft: &Record, purpose: Purpose) -> Result<()> {
            if author == draft.patient {
                return Ok(());
            }
            if self.index.device_owner(author) == Some(draft.patient) {
                return if draft.category == DataCategory::VitalSigns {
                    Ok(())
                } else {
                    Err(Error::DeviceCategoryNotAllowed)
                };
            }
            if self.verified_kind(author)?.is_none() {
                return Err(Error::UnverifiedAuthor);
            }
            if !self.consent_allows(draft.patient, author, draft.category, purpose, Action::Write)? {
                return Err(Error::NoWriteConsent);
            }
            Ok(())
        }

        /// `Ok(emergency)` if `requester` may read `record` for `purpose`,
        /// else why not. A check that cannot be made denies (fails closed).
        fn decide(
            &self,
            requester: AccountId,
            record: &Record,
            purpose: Purpose,
        ) -> core::result::Result<bool, DenialReason> {
            if requester == record.patient {
                return Ok(false);
            }
            if self.index.is_withheld_from(record, requester) {
                return Err(DenialReason::Withheld);
            }
            let unavailable = |_| DenialReason::CheckUnavailable;
            let kind = self.verified_kind(requester).map_err(unavailable)?;
            if purpose == Purpose::Emergency {
                if kind != Some(ProviderKind::EmergencyService) {
                    return Err(DenialReason::NotEmergencyService);
                }
                return if self.emergency_access_enabled(record.patient).map_err(unavailable)? {
                    Ok(true)
                } else {
                    Err(DenialReason::EmergencyAccessNotEnabled)
                };
            }
            if kind.is_none() {
                return Err(DenialReason::ProviderNotVerified);
            }
            if self
                .consent_allows(record.patient, requester, record.category, purpose, Action::Read)
                .map_err(unavailable)?
            {
                Ok(false)
            } else {
                Err(DenialReason::NoConsent)
            }
        }

        /// Credits `patient` from `sponsor`'s deposit in the reward pool.
        fn reward(&mut self, sponsor: AccountId, patient: AccountId) -> RewardOutcome {
            match self.links.reward_pool {
                None => RewardOutcome::NotApplicable,
                Some(pool) => match calls::credit(pool, sponsor, patient) {
                    Ok(amount) => RewardOutcome::Paid(amount),
                    Err(refused) => RewardOutcome::NotPaid(refused),
                },
            }
        }

        /// Asks the provider registry which kind `account` is verified as.
        fn verified_kind(&self, account: AccountId) -> Result<Option<ProviderKind>> {
            calls::verified_kind(self.links.providers, account).map_err(|_| Error::RegistryUnavailable)
        }

        /// Asks the consent contract whether `patient` consents.
        fn consent_allows(
            &self,
            patient: AccountId,
            grantee: AccountId,
            category: DataCategory,
            purpose: Purpose,
            action: Action,
        ) -> Result<bool> {
            calls::consent_covers(self.links.consent, patient, grantee, category, purpose, action)
                .map_err(|_| Error::ConsentUnavailable)
        }

        /// Asks the consent contract whether `patient` opted in to emergency access.
        fn emergency_access_enabled(&self, patient: AccountId) -> Result<bool> {
            calls::emergency_access_enabled(self.links.consent, patient).map_err(|_| Error::ConsentUnavailable)
        }

        /// Whether `caller` acts for `record`'s patient: the patient, or a
        /// delegate the consent contract says is current.
        fn acts_for_patient(&self, caller: AccountId, record: &Record) -> Result<bool> {
            if caller == record.patient {
                return Ok(true);
            }
            calls::is_delegate(self.links.consent, record.patient, caller).map_err(|_| Error::ConsentUnavailable)
        }

        /// Record `record_id`, if `caller` acts for its patient.
        fn ensure_acts_for_patient(&self, caller: AccountId, record_id: u64) -> Result<Record> {
            let record = self.index.record(record_id).ok_or(Error::UnknownRecord)?;
            if self.acts_for_patient(caller, &record)? {
                Ok(record)
            } else {
                Err(Error::NotPatientOrDelegate)
            }
        }

        /// `Ok` if `record`'s author may still share its key with `grantee`:
        /// the author is in standing and the grantee may read the record.
        fn ensure_author_may_share(&self, record: &Record, grantee: AccountId) -> Result<()> {
            let (patient, author) = (record.patient, record.author);
            let in_standing = if self.index.device_owner(author) == Some(patient) {
                true
            } else {
                self.verified_kind(author)?.is_some()
                    && self.consent_allows(patient, author, record.category, record.purpose, Action::Write)?
            };
            if !in_standing {
                return Err(Error::AuthorNotInStanding);
            }
            if self.index.is_withheld_from(record, grantee) {
                return Err(Error::RecordWithheld);
            }
            // The patient and their keeper need no read consent: the keeper
            // holds the key only to release it after an audited grant.
            let keeper = self.keepers.keeper_of(patient);
            if grantee != patient
                && Some(grantee) != keeper
                && !self.consent_allows(patient, grantee, record.category, record.purpose, Action::Read)?
            {
                return Err(Error::GranteeNotConsented);
            }
            Ok(())
        }

        /// Audits an event about `record`; returns the entry's sequence number.
        fn audit(
            &mut self,
            record: &Record,
            actor: AccountId,
            counterpart: Option<AccountId>,
            action: AuditAction,
            digest: Hash,
        ) -> Result<u64> {
            let entry = AuditRecord {
                patient: record.patient,
                actor,
                counterpart,
                action,
                subject: record.id,
                digest,
            };
            Ok(append_to(self.links.audit_trail, entry)?)
        }

        /// Audits a patient's own change concerning `counterpart` (a device).
        fn audit_patient(&mut self, patient: AccountId, counterpart: AccountId, action: AuditAction) -> Result<()> {
            let entry = AuditRecord {
                patient,
                actor: patient,
                counterpart: Some(counterpart),
                action,
                subject: 0,
                digest: Hash::default(),
            };
            append_to(self.links.audit_trail, entry)?;
            Ok(())
        }
    }

    impl RecordLookup for RecordAccess {
        #[ink(message)]
        fn record_summary(&self, record_id: u64) -> Option<RecordSummary> {
            self.index.record(record_id).map(|record| RecordSummary {
                patient: record.patient,
                author: record.author,
                category: record.category,
                content_hash: record.content_hash,
                fields_root: record.fields_root,
                created_at: record.created_at,
            })
        }

        #[ink(message)]
        fn field_proven(&self, record_id: u64, index: u16, leaf: Hash, proof: Vec<Hash>) -> bool {
            matches!(self.verify_field(record_id, index, leaf, proof), Ok(true))
        }
    }

    impl AdminControl for RecordAccess {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            self.admin.current()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            self.admin.pending()
        }

        #[ink(message)]
        fn propose_admin(&mut self, successor: AccountId) -> core::result::Result<(), AdminError> {
            self.admin.propose(self.env().caller(), successor)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AdminError> {
            self.admin.accept(self.env().caller())
        }

        #[ink(message)]
        fn set_code(&mut self, code_hash: Hash) -> core::result::Result<(), AdminError> {
            self.admin.set_code(self.env().caller(), code_hash)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test::{default_accounts, set_caller};
        use ink::env::DefaultEnvironment;

        // Adding records and requesting access call other contracts, which
        // off-chain tests cannot do: those paths are the e2e stories; the
        // index's logic has its own unit tests. Here: what needs no call.

        fn contract() -> RecordAccess {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            RecordAccess::new(accounts.django, accounts.eve, accounts.frank)
        }

        #[ink::test]
        fn an_outsider_cannot_relink_or_take_admin() {
            let accounts = default_accounts::<DefaultEnvironment>();
            let mut contract = contract();
            let links = contract.linked_contracts();
            set_caller::<DefaultEnvironment>(accounts.eve);
            let hijack = LinkedContracts {
                audit_trail: accounts.eve,
                ..links
            };
            assert_eq!(contract.set_linked_contracts(hijack), Err(Error::NotAdmin));
            assert_eq!(contract.propose_admin(accounts.eve), Err(AdminError::NotAdmin));
            assert_eq!(contract.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
            assert_eq!(contract.linked_contracts(), links);
            set_caller::<DefaultEnvironment>(accounts.alice);
            contract.set_linked_contracts(hijack).expect("admin relinks");
            assert_eq!(contract.linked_contracts().audit_trail, accounts.eve);
        }

        #[ink::test]
        fn unknown_records_and_bad_input_fail_before_any_call() {
            let accounts = default_accounts::<DefaultEnvironment>();
            let mut contract = contract();
            assert_eq!(
                contract.request_access(1, Purpose::Treatment),
                Err(Error::UnknownRecord)
            );
            assert_eq!(
                contract.verify_field(1, 0, Hash::default(), vec![]),
                Err(Error::UnknownRecord)
            );
            assert_eq!(contract.record_summary(1), None);
            assert_eq!(
                contract.set_envelope(1, accounts.bob, vec![1; 10]),
                Err(Error::UnknownRecord)
            );
            let oversized = NewRecord {
                patient: accounts.alice,
                category: DataCategory::LabResults,
                purpose: Purpose::Treatment,
                content_hash: Hash::default(),
                pointer: vec![b'x'; interfaces::bounds::MAX_POINTER_LEN + 1],
                fields_root: Hash::default(),
                field_count: 0,
                supersedes: None,
            };
            assert_eq!(contract.add_record(oversized), Err(Error::PointerTooLong));
            assert_eq!(
                contract.records_of(accounts.alice, DataCategory::LabResults, 0, 0),
                Err(Error::InvalidPageSize)
            );
            assert_eq!(contract.register_device(accounts.alice), Err(Error::SelfDevice));
            assert_eq!(contract.device_owner(accounts.bob), None);
        }

        #[ink::test]
        fn only_the_admin_sets_the_data_plane_and_no_one_notes_a_release_for_an_unknown_record() {
            // given a record access whose admin is alice
            let accounts = default_accounts::<DefaultEnvironment>();
            let mut contract = contract();
            assert_eq!(contract.data_plane(), DataPlane::default());
            let strict = DataPlane {
                strict: true,
                default_keeper: Some(accounts.charlie),
            };
            // when eve tries to set it, she is refused and nothing changed
            set_caller::<DefaultEnvironment>(accounts.eve);
            assert_eq!(contract.set_data_plane(strict), Err(Error::NotAdmin));
            assert_eq!(contract.data_plane(), DataPlane::default());
            assert_eq!(contract.keeper_of(accounts.bob), None);
            // when alice sets it, every patient who named none has charlie as keeper
            set_caller::<DefaultEnvironment>(accounts.alice);
            contract.set_data_plane(strict).expect("admin sets it");
            assert_eq!(contract.data_plane(), strict);
            assert_eq!(contract.keeper_of(accounts.bob), Some(accounts.charlie));
            // and a keeper cannot note a release of a record that does not exist
            set_caller::<DefaultEnvironment>(accounts.charlie);
            assert_eq!(
                contract.note_release(1, accounts.bob, 1, Hash::default()),
                Err(Error::UnknownRecord)
            );
            assert_eq!(contract.superseded_by(1), None);
            // and a patient cannot name themselves
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(contract.set_keeper(Some(accounts.bob)), Err(Error::SelfKeeper));
            assert_eq!(contract.keeper_of(accounts.bob), Some(accounts.charlie));
        }
    }
}
