//! The record index's storage and logic, kept apart from the message layer
//! (which adds the cross-contract checks) so it can be tested without a chain.
//!
//! A record is an index entry only: hashes, a bounded pointer and a Merkle
//! root; the content stays off chain, encrypted. Every look-up is a `Mapping`
//! read, so each message costs the same however many records exist.

use crate::error::{Error, Result};
use crate::merkle::MAX_FIELDS;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::bounds::{bounded_bytes, MAX_POINTER_LEN};
use interfaces::pagination::read_page;
use interfaces::{DataCategory, Page, Purpose, Timestamp};

/// Longest encrypted data-key envelope: an HPKE X-Wing envelope of a
/// 32-byte key is 1,173 bytes (an X25519 one 85); room for a header more.
pub const MAX_ENVELOPE_LEN: usize = 1280;
/// Most devices one patient may register.
pub const MAX_DEVICES: u32 = 8;

/// A record as its author submits it.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRecord {
    /// Whose record it is.
    pub patient: AccountId,
    /// Its data category.
    pub category: DataCategory,
    /// Why a provider writes it: the patient's write consent must cover this
    /// purpose (ignored when the patient or the patient's device writes).
    pub purpose: Purpose,
    /// blake2-256 of the ciphertext.
    pub content_hash: Hash,
    /// Where the ciphertext lives (for example an IPFS CID), 1 to 128 bytes.
    pub pointer: Vec<u8>,
    /// Root of the Merkle tree over the record's fields (see `merkle`).
    pub fields_root: Hash,
    /// How many fields the tree commits to (0 to 256; 0: no field proofs).
    pub field_count: u16,
    /// The same patient's record of the same category this one replaces.
    pub supersedes: Option<u64>,
}

/// A record as indexed.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Its id (from 1).
    pub id: u64,
    /// Whose record it is.
    pub patient: AccountId,
    /// Who added it.
    pub author: AccountId,
    /// Its data category.
    pub category: DataCategory,
    /// blake2-256 of the ciphertext.
    pub content_hash: Hash,
    /// Where the ciphertext lives.
    pub pointer: Vec<u8>,
    /// Root of the Merkle tree over the record's fields.
    pub fields_root: Hash,
    /// How many fields the tree commits to.
    pub field_count: u16,
    /// Block time (ms) when it was added.
    pub created_at: Timestamp,
    /// The record it replaces, if any.
    pub supersedes: Option<u64>,
    /// The purpose its author stated when writing it. An author shares the
    /// data key only with grantees whose read consent covers this purpose.
    pub purpose: Purpose,
    /// Whether the patient withheld it from everyone but themselves.
    pub withheld: bool,
}

/// Position `slot` in `patient`'s listing of `category`.
type ListingSlot = (AccountId, DataCategory, u32);
/// A grantee's envelope of a record.
type EnvelopeKey = (u64, AccountId);

/// `envelope` if it is 1 to [`MAX_ENVELOPE_LEN`] bytes long.
pub fn check_envelope(envelope: Vec<u8>) -> Result<Vec<u8>> {
    if envelope.is_empty() {
        return Err(Error::EmptyEnvelope);
    }
    bounded_bytes(envelope, MAX_ENVELOPE_LEN, Error::EnvelopeTooLong)
}

/// Records, the per-patient listing by category, envelopes, devices and
/// withholdings.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct RecordIndex {
    records: Mapping<u64, Record, ManualKey<0x5241_0001>>,
    last_id: u64,
    listing_len: Mapping<(AccountId, DataCategory), u32, ManualKey<0x5241_0002>>,
    listing: Mapping<ListingSlot, u64, ManualKey<0x5241_0003>>,
    envelopes: Mapping<EnvelopeKey, Vec<u8>, ManualKey<0x5241_0004>>,
    device_owner: Mapping<AccountId, AccountId, ManualKey<0x5241_0005>>,
    device_count: Mapping<AccountId, u32, ManualKey<0x5241_0006>>,
    /// (record, grantee) pairs the patient withheld.
    withheld_from: Mapping<(u64, AccountId), (), ManualKey<0x5241_0007>>,
    /// The first record that superseded each superseded record.
    superseded_by: Mapping<u64, u64, ManualKey<0x5241_0008>>,
}

/// Who sets an envelope: the patient's side may replace one; an author may
/// only add one where none is set (never overwrite the patient's choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvelopeSetter {
    /// The patient or a current delegate.
    PatientSide,
    /// The record's author, in standing.
    Author,
}

impl RecordIndex {
    /// Checks `new` against the bounds and the index; returns the record
    /// `author` would add (its id is set by [`RecordIndex::insert`]).
    pub fn draft(&self, author: AccountId, new: NewRecord, now: Timestamp) -> Result<Record> {
        if new.pointer.is_empty() {
            return Err(Error::EmptyPointer);
        }
        let pointer = bounded_bytes(new.pointer, MAX_POINTER_LEN, Error::PointerTooLong)?;
        if new.field_count > MAX_FIELDS {
            return Err(Error::TooManyFields);
        }
        if let Some(superseded) = new.supersedes {
            let old = self
                .records
                .get(superseded)
                .filter(|old| old.patient == new.patient && old.category == new.category)
                .ok_or(Error::InvalidSupersedes)?;
            // A new version hides the old one from every grantee (the keeper
            // releases no key of a superseded record), so another author's
            // "amendment" would withdraw a record it never wrote.
            if author != old.author && author != old.patient {
                return Err(Error::NotAuthorOfSuperseded);
            }
        }
        Ok(Record {
            id: 0,
            patient: new.patient,
            author,
            category: new.category,
            content_hash: new.content_hash,
            pointer,
            fields_root: new.fields_root,
            field_count: new.field_count,
            created_at: now,
            supersedes: new.supersedes,
            purpose: new.purpose,
            withheld: false,
        })
    }

    /// Stores a drafted record under the next id and lists it under its
    /// patient and category.
    pub fn insert(&mut self, mut record: Record) -> Result<Record> {
        let id = self.last_id.checked_add(1).ok_or(Error::Overflow)?;
        let key = (record.patient, record.category);
        let slot = self.listing_len.get(key).unwrap_or(0);
        let len = slot.checked_add(1).ok_or(Error::Overflow)?;
        record.id = id;
        if let Some(old) = record.supersedes {
            if !self.superseded_by.contains(old) {
                self.superseded_by.insert(old, &id);
            }
        }
        self.records.insert(id, &record);
        self.listing.insert((record.patient, record.category, slot), &id);
        self.listing_len.insert(key, &len);
        self.last_id = id;
        Ok(record)
    }

    /// Record `id`, if it exists.
    pub fn record(&self, id: u64) -> Option<Record> {
        self.records.get(id)
    }

    /// The first record that superseded record `id`, if any.
    pub fn superseded_by(&self, id: u64) -> Option<u64> {
        self.superseded_by.get(id)
    }

    /// A page of `patient`'s records of `category`, oldest first.
    pub fn records_of(
        &self,
        patient: AccountId,
        category: DataCategory,
        start: u32,
        limit: u32,
    ) -> Result<Page<Record>> {
        let total = self.listing_len.get((patient, category)).unwrap_or(0);
        Ok(read_page(total, start, limit, |slot| {
            self.listing
                .get((patient, category, slot))
                .and_then(|id| self.records.get(id))
        })?)
    }

    /// Sets `grantee`'s envelope of `record` (whose setter the message layer
    /// has checked). The patient's side replaces an earlier envelope; an
    /// author may only add one where none is set.
    pub fn set_envelope(
        &mut self,
        setter: EnvelopeSetter,
        record: &Record,
        grantee: AccountId,
        envelope: Vec<u8>,
    ) -> Result<()> {
        let envelope = check_envelope(envelope)?;
        let key = (record.id, grantee);
        if setter == EnvelopeSetter::Author && self.envelopes.contains(key) {
            return Err(Error::EnvelopeAlreadySet);
        }
        self.envelopes.insert(key, &envelope);
        Ok(())
    }

    /// Removes `grantee`'s envelope of `record` (the message layer checked
    /// that the caller is the patient's side or the grantee).
    pub fn remove_envelope(&mut self, record: &Record, grantee: AccountId) -> Result<()> {
        self.envelopes
            .take((record.id, grantee))
            .map(|_| ())
            .ok_or(Error::NoEnvelope)
    }

    /// Withholds `record` (as the message layer read it) from `from` (removing `from`'s envelope), or
    /// from everyone but the patient if `None` (envelopes stay: there is no
    /// bounded list of them to clear; the patient rotates the data key).
    /// Returns the record as it stands afterwards.
    pub fn withhold(&mut self, mut record: Record, from: Option<AccountId>) -> Result<Record> {
        let id = record.id;
        match from {
            Some(grantee) if grantee == record.patient => return Err(Error::CannotWithholdFromPatient),
            Some(grantee) => {
                if self.withheld_from.contains((id, grantee)) {
                    return Err(Error::AlreadyWithheld);
                }
                self.withheld_from.insert((id, grantee), &());
                // Its data-key envelope goes too: the record is not to be
                // shared with it, through the gate or around it.
                self.envelopes.remove((id, grantee));
            }
            None => {
                if record.withheld {
                    return Err(Error::AlreadyWithheld);
                }
                record.withheld = true;
                self.records.insert(id, &record);
            }
        }
        Ok(record)
    }

    /// Lifts a withholding of `record` (as the message layer read it) from `from` (or from everyone if
    /// `None`). Returns the record as it stands afterwards.
    pub fn release(&mut self, mut record: Record, from: Option<AccountId>) -> Result<Record> {
        let id = record.id;
        match from {
            Some(grantee) => {
                self.withheld_from.take((id, grantee)).ok_or(Error::NotWithheld)?;
            }
            None => {
                if !record.withheld {
                    return Err(Error::NotWithheld);
                }
                record.withheld = false;
                self.records.insert(id, &record);
            }
        }
        Ok(record)
    }

    /// Whether `record` is withheld from `account` (from everyone but the
    /// patient, or from `account` in particular). At most one storage read.
    pub fn is_withheld_from(&self, record: &Record, account: AccountId) -> bool {
        account != record.patient && (record.withheld || self.withheld_from.contains((record.id, account)))
    }

    /// `grantee`'s envelope of record `id`, if any.
    pub fn envelope(&self, id: u64, grantee: AccountId) -> Option<Vec<u8>> {
        self.envelopes.get((id, grantee))
    }

    /// `patient` registers `device`, which may then add vital-signs records for them.
    pub fn register_device(&mut self, patient: AccountId, device: AccountId) -> Result<()> {
        if device == patient {
            return Err(Error::SelfDevice);
        }
        if self.device_owner.contains(device) {
            return Err(Error::DeviceAlreadyRegistered);
        }
        let count = self.device_count.get(patient).unwrap_or(0);
        if count >= MAX_DEVICES {
            return Err(Error::TooManyDevices);
        }
        self.device_owner.insert(device, &patient);
        self.device_count.insert(patient, &count.saturating_add(1));
        Ok(())
    }

    /// `patient` removes their `device`.
    pub fn remove_device(&mut self, patient: AccountId, device: AccountId) -> Result<()> {
        if self.device_owner.get(device) != Some(patient) {
            return Err(Error::UnknownDevice);
        }
        self.device_owner.remove(device);
        let count = self.device_count.get(patient).unwrap_or(0);
        self.device_count.insert(patient, &count.saturating_sub(1));
        Ok(())
    }

    /// The patient `device` is registered to, if any.
    pub fn device_owner(&self, device: AccountId) -> Option<AccountId> {
        self.device_owner.get(device)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }
    const PATIENT: u8 = 1;
    const LAB: u8 = 2;

    fn lab_result(supersedes: Option<u64>) -> NewRecord {
        NewRecord {
            patient: account(PATIENT),
            category: DataCategory::LabResults,
            purpose: Purpose::Treatment,
            content_hash: Hash::from([5; 32]),
            pointer: b"ipfs://bafy-lab-result".to_vec(),
            fields_root: Hash::from([6; 32]),
            field_count: 3,
            supersedes,
        }
    }

    fn add(index: &mut RecordIndex, new: NewRecord) -> Record {
        let draft = index.draft(account(LAB), new, 1_000).expect("valid record");
        index.insert(draft).expect("inserted")
    }

    #[ink::test]
    fn records_are_listed_per_patient_and_category_in_pages() {
        // given three lab results and one vital-signs record
        let mut index = RecordIndex::default();
        let first = add(&mut index, lab_result(None));
        add(&mut index, lab_result(None));
        let third = add(&mut index, lab_result(Some(first.id)));
        let mut vitals = lab_result(None);
        vitals.category = DataCategory::VitalSigns;
        add(&mut index, vitals);
        // when listing lab results two at a time
        let page = index
            .records_of(account(PATIENT), DataCategory::LabResults, 0, 2)
            .expect("page");
        let rest = index
            .records_of(account(PATIENT), DataCategory::LabResults, 2, 2)
            .expect("page");
        // then
        assert_eq!(page.total, 3);
        assert_eq!(page.items.iter().map(|r| r.id).collect::<Vec<_>>(), vec![1, 2]);
        assert_eq!(page.next, Some(2));
        assert_eq!(rest.items, vec![third.clone()]);
        assert_eq!(third.supersedes, Some(1));
        assert_eq!(
            index.superseded_by(1),
            Some(third.id),
            "the first version knows what replaced it"
        );
        assert_eq!(index.superseded_by(third.id), None);
        assert_eq!(third.author, account(LAB));
        assert_eq!(
            index.records_of(account(PATIENT), DataCategory::LabResults, 0, 51),
            Err(Error::InvalidPageSize)
        );
    }

    #[ink::test]
    fn only_the_author_or_the_patient_may_supersede_a_record() {
        // given the lab's record of the patient
        let mut index = RecordIndex::default();
        let original = add(&mut index, lab_result(None));
        let rival = account(3);
        // when another author tries to amend it, it is refused and nothing is stored
        assert_eq!(
            index.draft(rival, lab_result(Some(original.id)), 0),
            Err(Error::NotAuthorOfSuperseded)
        );
        assert_eq!(index.superseded_by(original.id), None);
        assert_eq!(index.record(2), None);
        // then the lab itself and the patient may
        assert!(index.draft(account(LAB), lab_result(Some(original.id)), 0).is_ok());
        let by_patient = index
            .draft(account(PATIENT), lab_result(Some(original.id)), 0)
            .expect("the patient amends her own record");
        let amended = index.insert(by_patient).expect("inserted");
        assert_eq!(index.superseded_by(original.id), Some(amended.id));
    }

    #[ink::test]
    fn bad_records_are_refused_and_nothing_is_stored() {
        let mut index = RecordIndex::default();
        let mut long_pointer = lab_result(None);
        long_pointer.pointer = vec![b'x'; MAX_POINTER_LEN + 1];
        let mut no_pointer = lab_result(None);
        no_pointer.pointer.clear();
        let mut too_many_fields = lab_result(None);
        too_many_fields.field_count = MAX_FIELDS + 1;
        let author = account(LAB);
        assert_eq!(index.draft(author, long_pointer, 0), Err(Error::PointerTooLong));
        assert_eq!(index.draft(author, no_pointer, 0), Err(Error::EmptyPointer));
        assert_eq!(index.draft(author, too_many_fields, 0), Err(Error::TooManyFields));
        assert_eq!(
            index.draft(author, lab_result(Some(7)), 0),
            Err(Error::InvalidSupersedes)
        );
        let other = add(
            &mut index,
            NewRecord {
                patient: account(9),
                ..lab_result(None)
            },
        );
        assert_eq!(
            index.draft(author, lab_result(Some(other.id)), 0),
            Err(Error::InvalidSupersedes)
        );
        assert_eq!(index.record(2), None);
        assert_eq!(
            index
                .records_of(account(PATIENT), DataCategory::LabResults, 0, 10)
                .map(|page| page.total),
            Ok(0)
        );
    }

    #[ink::test]
    fn an_author_adds_envelopes_but_never_overwrites_the_patients() {
        // given a lab result and the envelope the patient set for a physician
        let mut index = RecordIndex::default();
        let record = add(&mut index, lab_result(None));
        let physician = account(3);
        index
            .set_envelope(EnvelopeSetter::PatientSide, &record, physician, vec![1; 80])
            .expect("patient sets");
        // when the author tries to replace it, then it is refused and the patient's stays
        assert_eq!(
            index.set_envelope(EnvelopeSetter::Author, &record, physician, vec![2; 80]),
            Err(Error::EnvelopeAlreadySet)
        );
        assert_eq!(index.envelope(record.id, physician), Some(vec![1; 80]));
        // while the author may add one for another grantee, and the patient may replace any
        let nurse = account(4);
        index
            .set_envelope(EnvelopeSetter::Author, &record, nurse, vec![3; 80])
            .expect("author adds");
        index
            .set_envelope(EnvelopeSetter::PatientSide, &record, nurse, vec![4; 80])
            .expect("patient replaces");
        assert_eq!(index.envelope(record.id, nurse), Some(vec![4; 80]));
    }

    #[ink::test]
    fn bad_envelopes_are_refused_and_removal_needs_an_envelope() {
        let mut index = RecordIndex::default();
        let record = add(&mut index, lab_result(None));
        let physician = account(3);
        let patient_side = EnvelopeSetter::PatientSide;
        assert_eq!(
            index.set_envelope(patient_side, &record, physician, vec![1; MAX_ENVELOPE_LEN + 1]),
            Err(Error::EnvelopeTooLong)
        );
        assert_eq!(
            index.set_envelope(patient_side, &record, physician, vec![]),
            Err(Error::EmptyEnvelope)
        );
        assert_eq!(index.envelope(record.id, physician), None);
        assert_eq!(index.remove_envelope(&record, physician), Err(Error::NoEnvelope));
        index
            .set_envelope(patient_side, &record, physician, vec![1; MAX_ENVELOPE_LEN])
            .expect("longest envelope");
        index.remove_envelope(&record, physician).expect("removed");
        assert_eq!(index.envelope(record.id, physician), None);
    }

    #[ink::test]
    fn a_record_is_withheld_from_one_grantee_or_everyone_but_the_patient() {
        // given a lab result, a physician and a nurse
        let mut index = RecordIndex::default();
        let record = add(&mut index, lab_result(None));
        let (patient, physician, nurse) = (account(PATIENT), account(3), account(4));
        // given the physician holds an envelope
        index
            .set_envelope(EnvelopeSetter::PatientSide, &record, physician, vec![1; 80])
            .expect("envelope");
        // when the patient withholds it from the physician
        let withheld = index
            .withhold(index.record(record.id).expect("stored"), Some(physician))
            .expect("withhold");
        // then only the physician is kept out, and its envelope is gone
        assert!(index.is_withheld_from(&withheld, physician));
        assert_eq!(index.envelope(record.id, physician), None);
        assert!(!index.is_withheld_from(&withheld, nurse));
        assert_eq!(
            index.withhold(index.record(record.id).expect("stored"), Some(physician)),
            Err(Error::AlreadyWithheld)
        );
        assert_eq!(
            index.withhold(index.record(record.id).expect("stored"), Some(patient)),
            Err(Error::CannotWithholdFromPatient)
        );
        // when withheld from everyone, then everyone but the patient is kept out
        let from_all = index
            .withhold(index.record(record.id).expect("stored"), None)
            .expect("withhold from all");
        assert!(from_all.withheld);
        assert!(index.is_withheld_from(&from_all, nurse));
        assert!(!index.is_withheld_from(&from_all, patient));
        assert_eq!(
            index.withhold(index.record(record.id).expect("stored"), None),
            Err(Error::AlreadyWithheld)
        );
        // when both are lifted, then nobody is kept out and lifting again is an error
        index
            .release(index.record(record.id).expect("stored"), None)
            .expect("release all");
        let released = index
            .release(index.record(record.id).expect("stored"), Some(physician))
            .expect("release physician");
        assert!(!index.is_withheld_from(&released, physician));
        assert_eq!(
            index.release(index.record(record.id).expect("stored"), None),
            Err(Error::NotWithheld)
        );
        assert_eq!(
            index.release(index.record(record.id).expect("stored"), Some(physician)),
            Err(Error::NotWithheld)
        );
    }

    #[ink::test]
    fn a_patient_registers_a_bounded_number_of_devices_each_once() {
        let mut index = RecordIndex::default();
        let patient = account(PATIENT);
        assert_eq!(index.register_device(patient, patient), Err(Error::SelfDevice));
        for i in 0..MAX_DEVICES {
            index
                .register_device(patient, account(100 + i as u8))
                .expect("register");
        }
        assert_eq!(index.register_device(patient, account(200)), Err(Error::TooManyDevices));
        assert_eq!(
            index.register_device(account(7), account(100)),
            Err(Error::DeviceAlreadyRegistered)
        );
        assert_eq!(index.remove_device(account(7), account(100)), Err(Error::UnknownDevice));
        index.remove_device(patient, account(100)).expect("remove");
        assert_eq!(index.device_owner(account(100)), None);
        index.register_device(patient, account(200)).expect("room again");
        assert_eq!(index.device_owner(account(200)), Some(patient));
    }
}
