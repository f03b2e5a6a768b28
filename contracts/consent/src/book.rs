//! The consent book: who may see what, for which purpose, until when; who
//! may manage a patient's consents; who opted in to emergency access.
//!
//! The terms follow HL7 FHIR Consent: a permit provision with a period
//! (`ValidityWindow`), an actor (the grantee), actions, purposes and data
//! classes (`DataCategory`), and a `policy_ref` to the signed consent document
//! held off chain (`Consent.sourceReference`). A consent is keyed by
//! (patient, grantee), so [`ConsentBook::check`] is one storage read however
//! many consents exist.

use crate::error::{Error, Result};
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::bounds::{bounded_bytes, bounded_list, MAX_POINTER_LEN};
use interfaces::pagination::read_page;
use interfaces::types::Flag;
use interfaces::{
    Action, ActionSet, CategorySet, DataCategory, FlagSet, Page, Purpose, PurposeSet, Timestamp, ValidityWindow,
};

/// Most delegates (guardians) one patient may name.
pub const MAX_DELEGATES: u32 = 8;

/// Terms as a patient (or delegate) submits them.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentTerms {
    /// Data categories covered (at least one).
    pub categories: Vec<DataCategory>,
    /// Purposes allowed (at least one).
    pub purposes: Vec<Purpose>,
    /// Actions allowed (at least one).
    pub actions: Vec<Action>,
    /// Block time (ms) from which the consent holds; 0 means now.
    pub valid_from: Timestamp,
    /// Block time (ms) at which the consent stops holding; must be in the future.
    pub valid_until: Timestamp,
    /// Where the signed consent document lives (for example an IPFS CID), at
    /// most 128 bytes; may be empty.
    pub policy_ref: Vec<u8>,
}

/// Validated terms as stored.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentScope {
    /// Data categories covered.
    pub categories: CategorySet,
    /// Purposes allowed.
    pub purposes: PurposeSet,
    /// Actions allowed.
    pub actions: ActionSet,
    /// When the consent holds.
    pub window: ValidityWindow,
    /// Reference to the signed consent document.
    pub policy_ref: Vec<u8>,
}

impl ConsentScope {
    /// Checks `terms` against the bounds and the current block time.
    pub fn from_terms(terms: ConsentTerms, now: Timestamp) -> Result<Self> {
        let categories = non_empty_set(&terms.categories, Error::EmptyCategories)?;
        let purposes = non_empty_set(&terms.purposes, Error::EmptyPurposes)?;
        let actions = non_empty_set(&terms.actions, Error::EmptyActions)?;
        let policy_ref = bounded_bytes(terms.policy_ref, MAX_POINTER_LEN, Error::PolicyRefTooLong)?;
        let from = if terms.valid_from == 0 { now } else { terms.valid_from };
        let window = ValidityWindow::new(from, terms.valid_until, now)?;
        Ok(Self {
            categories,
            purposes,
            actions,
            window,
            policy_ref,
        })
    }

    /// Whether the scope permits `action` on `category` for `purpose` at `now`.
    pub fn permits(&self, category: DataCategory, purpose: Purpose, action: Action, now: Timestamp) -> bool {
        self.window.contains(now)
            && self.categories.contains(category)
            && self.purposes.contains(purpose)
            && self.actions.contains(action)
    }
}

/// A consent a delegate grants or updates may not outlast the delegation.
fn within_delegation(scope: &ConsentScope, delegation: Option<&Delegation>) -> Result<()> {
    match delegation.and_then(|delegation| delegation.until) {
        Some(until) if scope.window.until > until => Err(Error::BeyondDelegation),
        _ => Ok(()),
    }
}

fn non_empty_set<T: Flag>(values: &[T], empty: Error) -> Result<FlagSet<T>> {
    let values = bounded_list(values, T::ALL.len(), Error::TooManyItems)?;
    let set = FlagSet::from_slice(values);
    if set.is_empty() {
        Err(empty)
    } else {
        Ok(set)
    }
}

pub use status::ConsentStatus;

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#[allow(clippy::cast_possible_truncation)]
mod status {
    use interfaces::Timestamp;

    /// Whether a consent is in force (within its window), was revoked, or
    /// lapsed with the delegation it was granted under. `Lapsed` is never
    /// stored: reads report it for a consent whose delegation has ended.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum ConsentStatus {
        /// In force while its window holds.
        Active,
        /// Revoked at the given block time (ms).
        Revoked {
            /// When.
            at: Timestamp,
        },
        /// Granted or last updated by a delegate whose delegation has ended
        /// (removed, or expired): it no longer holds.
        Lapsed,
    }
}

/// A patient's consent to one grantee.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Consent {
    /// Unique id of this grant (a new grant after a revocation gets a new id).
    pub id: u64,
    /// The patient who consents.
    pub patient: AccountId,
    /// Who is allowed.
    pub grantee: AccountId,
    /// What is allowed and when.
    pub scope: ConsentScope,
    /// Active or revoked.
    pub status: ConsentStatus,
    /// The patient or delegate who last granted or updated it.
    pub granted_by: AccountId,
    /// The id of the delegation under which a delegate granted or last
    /// updated it; `None` when the patient did. Such a consent holds only
    /// while that very delegation does (a later delegation of the same
    /// account, with another id, does not revive it).
    pub delegation: Option<u64>,
    /// Block time (ms) of the last change.
    pub updated_at: Timestamp,
    /// Position in the patient's listing.
    slot: u32,
}

impl Consent {
    fn is_revoked(&self) -> bool {
        matches!(self.status, ConsentStatus::Revoked { .. })
    }
}

/// A delegate (guardian, carer, legal representative) of a patient.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Delegation {
    /// Unique id of this delegation (naming the same delegate again gives a new id).
    pub id: u64,
    /// Block time (ms) when the patient named the delegate.
    pub since: Timestamp,
    /// Block time (ms) when the delegation ends, if it does.
    pub until: Option<Timestamp>,
}

impl Delegation {
    fn holds(&self, now: Timestamp) -> bool {
        self.until.is_none_or(|until| now < until)
    }
}

/// All consents, delegations and emergency opt-ins.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct ConsentBook {
    consents: Mapping<(AccountId, AccountId), Consent, ManualKey<0x434e_0001>>,
    listing_len: Mapping<AccountId, u32, ManualKey<0x434e_0002>>,
    listing: Mapping<(AccountId, u32), AccountId, ManualKey<0x434e_0003>>,
    last_id: u64,
    delegations: Mapping<(AccountId, AccountId), Delegation, ManualKey<0x434e_0004>>,
    delegate_count: Mapping<AccountId, u32, ManualKey<0x434e_0005>>,
    emergency: Mapping<AccountId, EmergencyOptIn, ManualKey<0x434e_0006>>,
    last_delegation_id: u64,
}

/// A patient's opt-in to emergency (break-glass) access.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmergencyOptIn {
    /// Block time (ms) of the opt-in.
    pub since: Timestamp,
    /// The delegate who opted the patient in, and the id of its delegation;
    /// `None` when the patient did. A delegate's opt-in ends with the delegation.
    pub by_delegate: Option<(AccountId, u64)>,
}

impl ConsentBook {
    /// `Ok` if `caller` is `patient` or one of its delegates at `now`.
    pub fn ensure_can_manage(&self, caller: AccountId, patient: AccountId, now: Timestamp) -> Result<()> {
        if caller == patient || self.is_delegate(patient, caller, now) {
            Ok(())
        } else {
            Err(Error::NotPatientOrDelegate)
        }
    }

    /// Grants `grantee` a new consent on `patient`'s data.
    pub fn grant(
        &mut self,
        caller: AccountId,
        patient: AccountId,
        grantee: AccountId,
        terms: ConsentTerms,
        now: Timestamp,
    ) -> Result<Consent> {
        let delegation = self.authority(caller, patient, grantee, now)?;
        if grantee == patient {
            return Err(Error::SelfGrant);
        }
        let scope = ConsentScope::from_terms(terms, now)?;
        within_delegation(&scope, delegation.as_ref())?;
        let previous = self.consents.get((patient, grantee));
        if previous.as_ref().is_some_and(|consent| self.in_force(consent, now)) {
            return Err(Error::ConsentAlreadyActive);
        }
        let id = self.last_id.checked_add(1).ok_or(Error::Overflow)?;
        let slot = match previous {
            Some(consent) => consent.slot,
            None => self.append_to_listing(patient, grantee)?,
        };
        let consent = Consent {
            id,
            patient,
            grantee,
            scope,
            status: ConsentStatus::Active,
            granted_by: caller,
            delegation: delegation.map(|delegation| delegation.id),
            updated_at: now,
            slot,
        };
        self.consents.insert((patient, grantee), &consent);
        self.last_id = id;
        Ok(consent)
    }

    fn append_to_listing(&mut self, patient: AccountId, grantee: AccountId) -> Result<u32> {
        let slot = self.listing_len.get(patient).unwrap_or(0);
        let len = slot.checked_add(1).ok_or(Error::Overflow)?;
        self.listing.insert((patient, slot), &grantee);
        self.listing_len.insert(patient, &len);
        Ok(slot)
    }

    /// Replaces the terms of `grantee`'s consent in force. An expired,
    /// revoked or lapsed (its delegation ended) consent is refused with
    /// `NoActiveConsent`: `grant` gives it anew, under a new id.
    pub fn update(
        &mut self,
        caller: AccountId,
        patient: AccountId,
        grantee: AccountId,
        terms: ConsentTerms,
        now: Timestamp,
    ) -> Result<Consent> {
        let delegation = self.authority(caller, patient, grantee, now)?;
        let scope = ConsentScope::from_terms(terms, now)?;
        within_delegation(&scope, delegation.as_ref())?;
        let mut consent = self
            .consents
            .get((patient, grantee))
            .filter(|consent| self.in_force(consent, now))
            .ok_or(Error::NoActiveConsent)?;
        consent.scope = scope;
        consent.granted_by = caller;
        consent.delegation = delegation.map(|delegation| delegation.id);
        consent.updated_at = now;
        self.consents.insert((patient, grantee), &consent);
        Ok(consent)
    }

    /// Revokes `grantee`'s consent; `check` is false from now on.
    pub fn revoke(
        &mut self,
        caller: AccountId,
        patient: AccountId,
        grantee: AccountId,
        now: Timestamp,
    ) -> Result<Consent> {
        self.ensure_can_manage(caller, patient, now)?;
        let mut consent = self.active_consent(patient, grantee)?;
        consent.status = ConsentStatus::Revoked { at: now };
        consent.updated_at = now;
        self.consents.insert((patient, grantee), &consent);
        Ok(consent)
    }

    fn active_consent(&self, patient: AccountId, grantee: AccountId) -> Result<Consent> {
        self.consents
            .get((patient, grantee))
            .filter(|consent| !consent.is_revoked())
            .ok_or(Error::NoActiveConsent)
    }

    /// Whether `patient` consents to `grantee` doing `action` on `category`
    /// for `purpose` at `now`. One storage read.
    pub fn check(
        &self,
        patient: AccountId,
        grantee: AccountId,
        category: DataCategory,
        purpose: Purpose,
        action: Action,
        now: Timestamp,
    ) -> bool {
        self.consents.get((patient, grantee)).is_some_and(|consent| {
            !consent.is_revoked()
                && consent.scope.permits(category, purpose, action, now)
                && self.delegation_holds(&consent, now)
        })
    }

    /// Whether `consent` is in force at `now`: not revoked, not expired, and,
    /// if a delegate granted it, that delegation still holds. (One that starts
    /// later is in force: it is updated, not granted twice.)
    fn in_force(&self, consent: &Consent, now: Timestamp) -> bool {
        !consent.is_revoked() && now < consent.scope.window.until && self.delegation_holds(consent, now)
    }

    /// For a consent a delegate granted: whether the very delegation it was
    /// granted under still holds. A patient's own consent needs no delegation.
    /// One more storage read, only for delegated consents.
    fn delegation_holds(&self, consent: &Consent, now: Timestamp) -> bool {
        consent.delegation.is_none_or(|id| {
            self.delegations
                .get((consent.patient, consent.granted_by))
                .is_some_and(|delegation| delegation.id == id && delegation.holds(now))
        })
    }

    /// Who `caller` acts as for `patient`: `None` for the patient, the
    /// delegation for a current delegate. A delegate may not manage a
    /// consent whose grantee is the delegate itself.
    fn authority(
        &self,
        caller: AccountId,
        patient: AccountId,
        grantee: AccountId,
        now: Timestamp,
    ) -> Result<Option<Delegation>> {
        if caller == patient {
            return Ok(None);
        }
        let delegation = self
            .delegations
            .get((patient, caller))
            .filter(|delegation| delegation.holds(now))
            .ok_or(Error::NotPatientOrDelegate)?;
        if grantee == caller {
            return Err(Error::DelegateSelfGrant);
        }
        // Two delegates granting each other would get round the rule above.
        if self.is_delegate(patient, grantee, now) {
            return Err(Error::GranteeIsDelegate);
        }
        Ok(Some(delegation))
    }

    /// `patient`'s consent to `grantee`, active, revoked or lapsed at `now`, if any.
    pub fn consent(&self, patient: AccountId, grantee: AccountId, now: Timestamp) -> Option<Consent> {
        self.consents
            .get((patient, grantee))
            .map(|consent| self.as_seen_at(consent, now))
    }

    /// `consent` with the status a reader should see at `now`: `Lapsed` if
    /// it is not revoked but the delegation it was granted under has ended.
    fn as_seen_at(&self, mut consent: Consent, now: Timestamp) -> Consent {
        if !consent.is_revoked() && !self.delegation_holds(&consent, now) {
            consent.status = ConsentStatus::Lapsed;
        }
        consent
    }

    /// A page of `patient`'s consents (one per grantee, in the order the
    /// grantees were first granted).
    pub fn consents_of(&self, patient: AccountId, start: u32, limit: u32, now: Timestamp) -> Result<Page<Consent>> {
        let total = self.listing_len.get(patient).unwrap_or(0);
        Ok(read_page(total, start, limit, |slot| {
            self.listing
                .get((patient, slot))
                .and_then(|grantee| self.consent(patient, grantee, now))
        })?)
    }

    /// The patient names `delegate`, who may then grant, update and revoke
    /// consents and set emergency access on the patient's behalf.
    pub fn add_delegate(
        &mut self,
        patient: AccountId,
        delegate: AccountId,
        until: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<Delegation> {
        if delegate == patient {
            return Err(Error::SelfGrant);
        }
        if until.is_some_and(|until| until <= now) {
            return Err(Error::ExpiryInPast);
        }
        if self.delegations.contains((patient, delegate)) {
            return Err(Error::DelegateAlreadyAdded);
        }
        let count = self.delegate_count.get(patient).unwrap_or(0);
        if count >= MAX_DELEGATES {
            return Err(Error::TooManyDelegates);
        }
        let id = self.last_delegation_id.checked_add(1).ok_or(Error::Overflow)?;
        let delegation = Delegation { id, since: now, until };
        self.delegations.insert((patient, delegate), &delegation);
        self.delegate_count.insert(patient, &count.saturating_add(1));
        self.last_delegation_id = id;
        Ok(delegation)
    }

    /// Ends a delegation: the patient removes the delegate, or the delegate
    /// steps down. Consents the delegate granted stop holding at once.
    /// Returns the delegation that ended.
    pub fn remove_delegate(
        &mut self,
        caller: AccountId,
        patient: AccountId,
        delegate: AccountId,
    ) -> Result<Delegation> {
        if caller != patient && caller != delegate {
            return Err(Error::NotPatient);
        }
        let delegation = self
            .delegations
            .take((patient, delegate))
            .ok_or(Error::UnknownDelegate)?;
        let count = self.delegate_count.get(patient).unwrap_or(0);
        self.delegate_count.insert(patient, &count.saturating_sub(1));
        Ok(delegation)
    }

    /// Whether `account` may act for `patient` at `now`.
    pub fn is_delegate(&self, patient: AccountId, account: AccountId, now: Timestamp) -> bool {
        self.delegations
            .get((patient, account))
            .is_some_and(|delegation| delegation.holds(now))
    }

    /// Opts `patient` in to or out of emergency (break-glass) access. An
    /// opt-in by a delegate holds only while its delegation does.
    pub fn set_emergency_access(
        &mut self,
        caller: AccountId,
        patient: AccountId,
        enabled: bool,
        now: Timestamp,
    ) -> Result<()> {
        self.ensure_can_manage(caller, patient, now)?;
        if self.emergency_access_enabled(patient, now) == enabled {
            return Err(Error::EmergencyAccessUnchanged);
        }
        if enabled {
            let by_delegate = if caller == patient {
                None
            } else {
                self.delegations
                    .get((patient, caller))
                    .map(|delegation| (caller, delegation.id))
            };
            self.emergency.insert(
                patient,
                &EmergencyOptIn {
                    since: now,
                    by_delegate,
                },
            );
        } else {
            self.emergency.remove(patient);
        }
        Ok(())
    }

    /// Whether `patient` opted in to emergency access, at `now` (an opt-in a
    /// delegate made ends with its delegation).
    pub fn emergency_access_enabled(&self, patient: AccountId, now: Timestamp) -> bool {
        self.emergency.get(patient).is_some_and(|opt_in| {
            opt_in.by_delegate.is_none_or(|(delegate, id)| {
                self.delegations
                    .get((patient, delegate))
                    .is_some_and(|delegation| delegation.id == id && delegation.holds(now))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interfaces::MAX_PAGE_SIZE;

    const NOW: Timestamp = 1_000_000;
    const DAY: Timestamp = 86_400_000;

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }
    fn patient() -> AccountId {
        account(1)
    }
    fn doctor() -> AccountId {
        account(2)
    }
    fn guardian() -> AccountId {
        account(3)
    }
    fn stranger() -> AccountId {
        account(9)
    }

    fn lab_read_for_treatment() -> ConsentTerms {
        ConsentTerms {
            categories: vec![DataCategory::LabResults],
            purposes: vec![Purpose::Treatment],
            actions: vec![Action::Read],
            valid_from: 0,
            valid_until: NOW + DAY,
            policy_ref: b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec(),
        }
    }

    fn lab_check(book: &ConsentBook, now: Timestamp) -> bool {
        book.check(
            patient(),
            doctor(),
            DataCategory::LabResults,
            Purpose::Treatment,
            Action::Read,
            now,
        )
    }

    #[ink::test]
    fn a_granted_consent_checks_true_only_within_its_scope_and_window() {
        // given
        let mut book = ConsentBook::default();
        // when the patient grants lab results, treatment, read for a day
        let consent = book
            .grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("grant");
        // then
        assert_eq!(consent.id, 1);
        assert_eq!(
            consent.scope.window,
            ValidityWindow {
                from: NOW,
                until: NOW + DAY
            }
        );
        assert!(lab_check(&book, NOW));
        assert!(lab_check(&book, NOW + DAY - 1));
        assert!(!lab_check(&book, NOW + DAY), "expired by block time");
        assert!(!book.check(
            patient(),
            doctor(),
            DataCategory::MentalHealth,
            Purpose::Treatment,
            Action::Read,
            NOW
        ));
        assert!(!book.check(
            patient(),
            doctor(),
            DataCategory::LabResults,
            Purpose::Research,
            Action::Read,
            NOW
        ));
        assert!(!book.check(
            patient(),
            doctor(),
            DataCategory::LabResults,
            Purpose::Treatment,
            Action::Write,
            NOW
        ));
        assert!(!book.check(
            patient(),
            stranger(),
            DataCategory::LabResults,
            Purpose::Treatment,
            Action::Read,
            NOW
        ));
    }

    #[ink::test]
    fn a_consent_that_starts_later_does_not_hold_before_its_start() {
        let mut book = ConsentBook::default();
        let terms = ConsentTerms {
            valid_from: NOW + 10,
            ..lab_read_for_treatment()
        };
        book.grant(patient(), patient(), doctor(), terms, NOW).expect("grant");
        assert!(!lab_check(&book, NOW));
        assert!(lab_check(&book, NOW + 10));
    }

    #[ink::test]
    fn a_revoked_consent_checks_false_and_can_be_granted_again_under_a_new_id() {
        // given a granted consent
        let mut book = ConsentBook::default();
        book.grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("grant");
        // when the patient revokes it
        let revoked = book.revoke(patient(), patient(), doctor(), NOW + 1).expect("revoke");
        // then
        assert_eq!(revoked.status, ConsentStatus::Revoked { at: NOW + 1 });
        assert!(!lab_check(&book, NOW + 2));
        assert_eq!(
            book.revoke(patient(), patient(), doctor(), NOW + 2),
            Err(Error::NoActiveConsent)
        );
        // when granted again, it holds under a new id and keeps its listing slot
        let again = book
            .grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW + 3)
            .expect("grant");
        assert_eq!(again.id, 2);
        assert!(lab_check(&book, NOW + 3));
        assert_eq!(book.consents_of(patient(), 0, 10, NOW).expect("page").total, 1);
    }

    #[ink::test]
    fn an_active_consent_is_updated_not_granted_twice() {
        let mut book = ConsentBook::default();
        book.grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("grant");
        assert_eq!(
            book.grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW),
            Err(Error::ConsentAlreadyActive)
        );
        let wider = ConsentTerms {
            categories: vec![DataCategory::LabResults, DataCategory::Imaging],
            ..lab_read_for_treatment()
        };
        let updated = book
            .update(patient(), patient(), doctor(), wider, NOW + 5)
            .expect("update");
        assert_eq!(updated.id, 1);
        assert_eq!(updated.updated_at, NOW + 5);
        assert!(book.check(
            patient(),
            doctor(),
            DataCategory::Imaging,
            Purpose::Treatment,
            Action::Read,
            NOW + 5
        ));
        assert_eq!(
            book.update(patient(), patient(), stranger(), lab_read_for_treatment(), NOW),
            Err(Error::NoActiveConsent)
        );
    }

    #[ink::test]
    fn an_expired_consent_may_be_granted_anew() {
        let mut book = ConsentBook::default();
        book.grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("grant");
        let later = NOW + DAY;
        let terms = ConsentTerms {
            valid_until: later + DAY,
            ..lab_read_for_treatment()
        };
        let renewed = book
            .grant(patient(), patient(), doctor(), terms, later)
            .expect("grant after expiry");
        assert_eq!(renewed.id, 2);
        assert!(lab_check(&book, later));
    }

    #[ink::test]
    fn bad_terms_give_their_specific_error_and_store_nothing() {
        let mut book = ConsentBook::default();
        let cases = [
            (
                ConsentTerms {
                    categories: vec![],
                    ..lab_read_for_treatment()
                },
                Error::EmptyCategories,
            ),
            (
                ConsentTerms {
                    purposes: vec![],
                    ..lab_read_for_treatment()
                },
                Error::EmptyPurposes,
            ),
            (
                ConsentTerms {
                    actions: vec![],
                    ..lab_read_for_treatment()
                },
                Error::EmptyActions,
            ),
            (
                ConsentTerms {
                    actions: vec![Action::Read; 3],
                    ..lab_read_for_treatment()
                },
                Error::TooManyItems,
            ),
            (
                ConsentTerms {
                    policy_ref: vec![b'x'; MAX_POINTER_LEN + 1],
                    ..lab_read_for_treatment()
                },
                Error::PolicyRefTooLong,
            ),
            (
                ConsentTerms {
                    valid_until: NOW - 1,
                    ..lab_read_for_treatment()
                },
                Error::ExpiryInPast,
            ),
            (
                ConsentTerms {
                    valid_until: NOW,
                    ..lab_read_for_treatment()
                },
                Error::ExpiryInPast,
            ),
            (
                ConsentTerms {
                    valid_from: NOW + DAY,
                    ..lab_read_for_treatment()
                },
                Error::EmptyWindow,
            ),
        ];
        for (terms, error) in cases {
            assert_eq!(book.grant(patient(), patient(), doctor(), terms, NOW), Err(error));
        }
        assert_eq!(
            book.grant(patient(), patient(), patient(), lab_read_for_treatment(), NOW),
            Err(Error::SelfGrant)
        );
        assert_eq!(book.consent(patient(), doctor(), NOW), None);
        assert_eq!(book.consents_of(patient(), 0, 10, NOW).expect("page").total, 0);
        assert_eq!(book.last_id, 0);
    }

    #[ink::test]
    fn nobody_but_the_patient_or_a_delegate_manages_consent() {
        // given a consent and a named guardian
        let mut book = ConsentBook::default();
        book.grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("grant");
        book.add_delegate(patient(), guardian(), None, NOW)
            .expect("add delegate");
        // then a stranger can neither grant, update, revoke, nor set emergency access
        let other = account(4);
        assert_eq!(
            book.grant(stranger(), patient(), other, lab_read_for_treatment(), NOW),
            Err(Error::NotPatientOrDelegate)
        );
        assert_eq!(
            book.update(stranger(), patient(), doctor(), lab_read_for_treatment(), NOW),
            Err(Error::NotPatientOrDelegate)
        );
        assert_eq!(
            book.revoke(stranger(), patient(), doctor(), NOW),
            Err(Error::NotPatientOrDelegate)
        );
        assert_eq!(
            book.set_emergency_access(stranger(), patient(), true, NOW),
            Err(Error::NotPatientOrDelegate)
        );
        assert!(lab_check(&book, NOW));
        // and the guardian can
        let consent = book
            .grant(guardian(), patient(), other, lab_read_for_treatment(), NOW)
            .expect("guardian grants");
        assert_eq!(consent.granted_by, guardian());
        book.revoke(guardian(), patient(), doctor(), NOW)
            .expect("guardian revokes");
        assert!(!lab_check(&book, NOW));
    }

    #[ink::test]
    fn a_delegation_ends_when_it_expires_or_is_removed() {
        let mut book = ConsentBook::default();
        book.add_delegate(patient(), guardian(), Some(NOW + 10), NOW)
            .expect("add");
        assert!(book.is_delegate(patient(), guardian(), NOW + 9));
        assert!(!book.is_delegate(patient(), guardian(), NOW + 10));
        assert_eq!(
            book.grant(guardian(), patient(), doctor(), lab_read_for_treatment(), NOW + 10),
            Err(Error::NotPatientOrDelegate)
        );
        assert_eq!(
            book.remove_delegate(stranger(), patient(), guardian()),
            Err(Error::NotPatient)
        );
        book.remove_delegate(guardian(), patient(), guardian())
            .expect("delegate steps down");
        assert_eq!(
            book.remove_delegate(patient(), patient(), guardian()),
            Err(Error::UnknownDelegate)
        );
    }

    #[ink::test]
    fn delegates_are_bounded_unique_and_not_the_patient() {
        let mut book = ConsentBook::default();
        for i in 0..MAX_DELEGATES {
            book.add_delegate(patient(), account(100 + i as u8), None, NOW)
                .expect("add");
        }
        assert_eq!(
            book.add_delegate(patient(), account(99), None, NOW),
            Err(Error::TooManyDelegates)
        );
        assert_eq!(
            book.add_delegate(patient(), account(100), None, NOW),
            Err(Error::DelegateAlreadyAdded)
        );
        assert_eq!(
            book.add_delegate(patient(), patient(), None, NOW),
            Err(Error::SelfGrant)
        );
        assert_eq!(
            book.add_delegate(account(2), account(3), Some(NOW), NOW),
            Err(Error::ExpiryInPast)
        );
        book.remove_delegate(patient(), patient(), account(100))
            .expect("remove");
        book.add_delegate(patient(), account(99), None, NOW)
            .expect("room again");
    }

    #[ink::test]
    fn emergency_access_is_opt_in_and_each_change_is_real() {
        let mut book = ConsentBook::default();
        assert!(!book.emergency_access_enabled(patient(), NOW));
        assert_eq!(
            book.set_emergency_access(patient(), patient(), false, NOW),
            Err(Error::EmergencyAccessUnchanged)
        );
        book.set_emergency_access(patient(), patient(), true, NOW)
            .expect("opt in");
        assert!(book.emergency_access_enabled(patient(), NOW));
        book.set_emergency_access(patient(), patient(), false, NOW)
            .expect("opt out");
        assert!(!book.emergency_access_enabled(patient(), NOW));
    }

    #[ink::test]
    fn a_patient_lists_consents_page_by_page_within_the_bound() {
        let mut book = ConsentBook::default();
        for grantee in 10..15u8 {
            book.grant(patient(), patient(), account(grantee), lab_read_for_treatment(), NOW)
                .expect("grant");
        }
        let page = book.consents_of(patient(), 3, 10, NOW).expect("page");
        assert_eq!(
            page.items.iter().map(|c| c.grantee).collect::<Vec<_>>(),
            [account(13), account(14)]
        );
        assert_eq!((page.total, page.next), (5, None));
        assert_eq!(
            book.consents_of(patient(), 0, MAX_PAGE_SIZE + 1, NOW),
            Err(Error::InvalidPageSize)
        );
    }

    #[ink::test]
    fn a_delegate_cannot_grant_or_update_a_consent_to_itself() {
        // given a guardian named for a week
        let mut book = ConsentBook::default();
        book.add_delegate(patient(), guardian(), Some(NOW + 7 * DAY), NOW)
            .expect("add delegate");
        // when the guardian grants itself access, then it is refused
        assert_eq!(
            book.grant(guardian(), patient(), guardian(), lab_read_for_treatment(), NOW),
            Err(Error::DelegateSelfGrant)
        );
        // and when the patient granted the guardian, the guardian cannot widen it
        book.grant(patient(), patient(), guardian(), lab_read_for_treatment(), NOW)
            .expect("patient grants the guardian");
        let wider = ConsentTerms {
            categories: DataCategory::ALL.to_vec(),
            ..lab_read_for_treatment()
        };
        assert_eq!(
            book.update(guardian(), patient(), guardian(), wider, NOW),
            Err(Error::DelegateSelfGrant)
        );
        // then the stored consent is the patient's, unchanged
        let stored = book.consent(patient(), guardian(), NOW).expect("stored");
        assert_eq!(stored.granted_by, patient());
        assert!(!stored.scope.categories.contains(DataCategory::MentalHealth));
        assert_eq!(book.consents_of(patient(), 0, 10, NOW).expect("page").total, 1);
    }

    #[ink::test]
    fn a_delegate_cannot_grant_past_the_end_of_its_delegation() {
        // given a guardian named for a week
        let mut book = ConsentBook::default();
        let week = NOW + 7 * DAY;
        book.add_delegate(patient(), guardian(), Some(week), NOW)
            .expect("add delegate");
        // when it grants until u64::MAX, then it is refused and nothing is stored
        let forever = ConsentTerms {
            valid_until: u64::MAX,
            ..lab_read_for_treatment()
        };
        assert_eq!(
            book.grant(guardian(), patient(), doctor(), forever.clone(), NOW),
            Err(Error::BeyondDelegation)
        );
        assert_eq!(book.consent(patient(), doctor(), NOW), None);
        // when it grants within the week, then it holds, and it cannot be stretched by update
        let within = ConsentTerms {
            valid_until: week,
            ..lab_read_for_treatment()
        };
        book.grant(guardian(), patient(), doctor(), within, NOW)
            .expect("grant within the delegation");
        assert_eq!(
            book.update(guardian(), patient(), doctor(), forever.clone(), NOW),
            Err(Error::BeyondDelegation)
        );
        assert_eq!(
            book.consent(patient(), doctor(), NOW)
                .expect("stored")
                .scope
                .window
                .until,
            week
        );
        // but the patient may
        book.update(patient(), patient(), doctor(), forever, NOW)
            .expect("the patient extends");
    }

    #[ink::test]
    fn a_consent_a_delegate_granted_ends_with_the_delegation() {
        // given a guardian's grant to the doctor and the patient's own grant to another doctor
        let mut book = ConsentBook::default();
        let other_doctor = account(4);
        book.add_delegate(patient(), guardian(), None, NOW).expect("add");
        book.grant(guardian(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("guardian grants");
        book.grant(patient(), patient(), other_doctor, lab_read_for_treatment(), NOW)
            .expect("patient grants");
        assert!(lab_check(&book, NOW));
        // when the patient removes the guardian
        book.remove_delegate(patient(), patient(), guardian()).expect("remove");
        // then the guardian's grant stops holding at once, and reads as lapsed;
        // the patient's own does not
        assert!(!lab_check(&book, NOW));
        assert_eq!(
            book.consent(patient(), doctor(), NOW).map(|consent| consent.status),
            Some(ConsentStatus::Lapsed)
        );
        assert_eq!(
            book.consent(patient(), other_doctor, NOW).map(|consent| consent.status),
            Some(ConsentStatus::Active)
        );
        assert!(book.check(
            patient(),
            other_doctor,
            DataCategory::LabResults,
            Purpose::Treatment,
            Action::Read,
            NOW
        ));
        // and naming the guardian again does not revive the old grant
        book.add_delegate(patient(), guardian(), None, NOW)
            .expect("named again");
        assert!(!lab_check(&book, NOW));
        // while the lapsed consent may be granted anew, under a new id
        let again = book
            .grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("granted anew");
        assert_eq!((again.id, again.delegation), (3, None));
        assert!(lab_check(&book, NOW));
    }

    #[ink::test]
    fn a_consent_a_delegate_granted_never_outlasts_the_delegation() {
        let mut book = ConsentBook::default();
        book.add_delegate(patient(), guardian(), Some(NOW + DAY), NOW)
            .expect("add");
        let terms = ConsentTerms {
            valid_until: NOW + DAY,
            ..lab_read_for_treatment()
        };
        book.grant(guardian(), patient(), doctor(), terms, NOW).expect("grant");
        assert!(lab_check(&book, NOW + DAY - 1));
        assert!(!lab_check(&book, NOW + DAY));
    }

    #[ink::test]
    fn an_expired_consent_cannot_be_updated_back_to_life() {
        // given a consent that expired
        let mut book = ConsentBook::default();
        book.grant(patient(), patient(), doctor(), lab_read_for_treatment(), NOW)
            .expect("grant");
        let later = NOW + DAY;
        let extended = ConsentTerms {
            valid_until: later + DAY,
            ..lab_read_for_treatment()
        };
        // when it is updated, then it is refused and the stored consent is unchanged
        assert_eq!(
            book.update(patient(), patient(), doctor(), extended, later),
            Err(Error::NoActiveConsent)
        );
        let stored = book.consent(patient(), doctor(), NOW).expect("stored");
        assert_eq!(
            (stored.id, stored.scope.window.until, stored.updated_at),
            (1, NOW + DAY, NOW)
        );
        assert!(!lab_check(&book, later));
    }

    #[ink::test]
    fn each_delegation_gets_its_own_id() {
        let mut book = ConsentBook::default();
        let first = book.add_delegate(patient(), guardian(), None, NOW).expect("add");
        let removed = book.remove_delegate(patient(), patient(), guardian()).expect("remove");
        let second = book.add_delegate(patient(), guardian(), None, NOW).expect("add again");
        assert_eq!((first.id, removed.id, second.id), (1, 1, 2));
    }

    #[ink::test]
    fn two_delegates_cannot_grant_each_other() {
        // given two guardians
        let mut book = ConsentBook::default();
        let other_guardian = account(4);
        book.add_delegate(patient(), guardian(), None, NOW).expect("add");
        book.add_delegate(patient(), other_guardian, None, NOW).expect("add");
        // when one grants the other, then it is refused and nothing is stored
        assert_eq!(
            book.grant(guardian(), patient(), other_guardian, lab_read_for_treatment(), NOW),
            Err(Error::GranteeIsDelegate)
        );
        assert_eq!(book.consent(patient(), other_guardian, NOW), None);
        // while the patient may grant a guardian
        book.grant(patient(), patient(), other_guardian, lab_read_for_treatment(), NOW)
            .expect("the patient grants");
    }

    #[ink::test]
    fn an_emergency_opt_in_a_delegate_made_ends_with_the_delegation() {
        // given a guardian who opts the patient in to emergency access
        let mut book = ConsentBook::default();
        book.add_delegate(patient(), guardian(), None, NOW).expect("add");
        book.set_emergency_access(guardian(), patient(), true, NOW)
            .expect("guardian opts in");
        assert!(book.emergency_access_enabled(patient(), NOW));
        // when the patient removes the guardian, then the opt-in ends with it
        book.remove_delegate(patient(), patient(), guardian()).expect("remove");
        assert!(!book.emergency_access_enabled(patient(), NOW));
        book.add_delegate(patient(), guardian(), None, NOW)
            .expect("named again");
        assert!(!book.emergency_access_enabled(patient(), NOW), "not revived");
        // while the patient's own opt-in stands on its own
        book.set_emergency_access(patient(), patient(), true, NOW)
            .expect("patient opts in");
        book.remove_delegate(patient(), patient(), guardian()).expect("remove");
        assert!(book.emergency_access_enabled(patient(), NOW));
    }
}
