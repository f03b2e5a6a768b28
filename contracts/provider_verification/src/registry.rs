//! The provider registry's logic, kept apart from the message layer so it can
//! be tested without a chain.
//!
//! Lifecycle of a provider:
//!
//! ```text
//!  apply ──► Pending ──(required distinct attestations)──► Active ◄──► Suspended
//!                                                            │  reinstate / suspend (verifier)
//!                         renew (before expiry) + attestations: new credential and expiry
//!  revoke (admin) from any state ──► Revoked (final)
//!  Pending ──(withdraw, by the applicant)──► Withdrawn ──(apply)──► Pending
//! ```
//!
//! A verifier never attests itself. A suspension outlives the accreditation:
//! a suspended provider cannot start over by applying again after expiry;
//! only a verifier's `reinstate` (or the admin's `revoke`) ends it.
//!
//! Every application or renewal opens a new attestation *round*; a verifier
//! attests each round at most once, so a provider needs that many *distinct*
//! verifiers. `is_verified` is true only while active and before `valid_until`.

use crate::error::{Error, Result};
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::bounds::{bounded_bytes, bounded_list, MAX_POINTER_LEN};
use interfaces::types::Flag;
use interfaces::{FlagSet, ProviderKind, Timestamp};

/// Longest jurisdiction code (ISO 3166-2, for example `DE-BY`, `US-CA`).
pub const MAX_JURISDICTION_LEN: usize = 16;
/// Most distinct attestations the admin may require for a kind.
pub const MAX_REQUIRED_ATTESTATIONS: u8 = 7;
/// Attestations a kind requires until the admin sets otherwise.
pub const DEFAULT_REQUIRED_ATTESTATIONS: u8 = 1;
/// Longest accreditation period: five years of block time (ms).
pub const MAX_ACCREDITATION_MS: Timestamp = 5 * 365 * 24 * 60 * 60 * 1000;

/// A set of provider kinds (what a verifier may attest).
pub type KindSet = FlagSet<ProviderKind>;

/// Where a provider stands.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProviderStatus {
    /// Applied; waiting for attestations.
    Pending,
    /// Verified (while not expired).
    Active,
    /// Suspended by a verifier; may be reinstated.
    Suspended,
    /// Revoked by the admin; final.
    Revoked,
    /// The applicant withdrew its pending application; it may apply again.
    Withdrawn,
}

/// A renewal waiting for attestations; the provider stays active meanwhile.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Renewal {
    /// The renewed credential's hash.
    pub credential_hash: Hash,
    /// The renewed accreditation's end (block time, ms).
    pub valid_until: Timestamp,
    /// Distinct attestations of the renewal so far.
    pub attestations: u8,
}

/// A provider as registered.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// What kind of healthcare entity.
    pub kind: ProviderKind,
    /// blake2-256 of the credential document (held off chain).
    pub credential_hash: Hash,
    /// blake2-256 of the licence or registry id (for example an NPI or GMC number).
    pub licence_hash: Hash,
    /// Where the licence holds (ISO 3166-2 code).
    pub jurisdiction: Vec<u8>,
    /// Where the public directory entry lives (for example an IPFS CID); the
    /// provider may change it.
    pub profile_ref: Vec<u8>,
    /// Where it stands.
    pub status: ProviderStatus,
    /// Accreditation level: distinct verifier attestations of the current credential.
    pub level: u8,
    /// End of the accreditation (block time, ms).
    pub valid_until: Timestamp,
    /// A renewal waiting for attestations.
    pub renewal: Option<Renewal>,
    /// The current attestation round (one per application or renewal).
    pub round: u32,
    /// Block time (ms) of the last change.
    pub updated_at: Timestamp,
}

impl Provider {
    fn is_verified_at(&self, now: Timestamp) -> bool {
        self.status == ProviderStatus::Active && now < self.valid_until
    }
}

/// What an application states.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// The kind applied for.
    pub kind: ProviderKind,
    /// blake2-256 of the credential document.
    pub credential_hash: Hash,
    /// blake2-256 of the licence or registry id.
    pub licence_hash: Hash,
    /// ISO 3166-2 code, at most 16 bytes.
    pub jurisdiction: Vec<u8>,
    /// Pointer to the public directory entry, at most 128 bytes; may be empty.
    pub profile_ref: Vec<u8>,
    /// End of the accreditation applied for (block time, ms), at most five years ahead.
    pub valid_until: Timestamp,
}

/// What an attestation achieved.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attested {
    /// Counted; more attestations are needed (or the provider was already active).
    Counted,
    /// The provider became active.
    Activated,
    /// The pending renewal took effect.
    Renewed,
}

/// Verifiers, requirements, providers and attestations.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Registry {
    verifiers: Mapping<AccountId, KindSet, ManualKey<0x5056_0001>>,
    required: Mapping<ProviderKind, u8, ManualKey<0x5056_0002>>,
    providers: Mapping<AccountId, Provider, ManualKey<0x5056_0003>>,
    /// (provider, verifier) -> the last round the verifier attested.
    attested_round: Mapping<(AccountId, AccountId), u32, ManualKey<0x5056_0004>>,
}

fn check_expiry(valid_until: Timestamp, now: Timestamp) -> Result<Timestamp> {
    if valid_until <= now {
        return Err(Error::ExpiryInPast);
    }
    if valid_until.saturating_sub(now) > MAX_ACCREDITATION_MS {
        return Err(Error::ValidityTooLong);
    }
    Ok(valid_until)
}

impl Registry {
    /// Appoints `verifier` (or changes what it may attest) for `kinds`.
    pub fn appoint_verifier(&mut self, verifier: AccountId, kinds: &[ProviderKind]) -> Result<KindSet> {
        let kinds = KindSet::from_slice(bounded_list(kinds, ProviderKind::ALL.len(), Error::TooManyItems)?);
        if kinds.is_empty() {
            return Err(Error::EmptyKinds);
        }
        self.verifiers.insert(verifier, &kinds);
        Ok(kinds)
    }

    /// Dismisses `verifier`. Its past attestations stand.
    pub fn dismiss_verifier(&mut self, verifier: AccountId) -> Result<()> {
        self.verifiers.take(verifier).map(|_| ()).ok_or(Error::UnknownVerifier)
    }

    /// The kinds `verifier` may attest (empty if it is not a verifier).
    pub fn verifier_kinds(&self, verifier: AccountId) -> KindSet {
        self.verifiers.get(verifier).unwrap_or_else(KindSet::empty)
    }

    /// Sets how many distinct attestations `kind` requires (1 to 7). Applies
    /// to attestations from now on.
    pub fn set_required_attestations(&mut self, kind: ProviderKind, count: u8) -> Result<()> {
        if count == 0 || count > MAX_REQUIRED_ATTESTATIONS {
            return Err(Error::InvalidRequirement);
        }
        self.required.insert(kind, &count);
        Ok(())
    }

    /// How many distinct attestations `kind` requires.
    pub fn required_attestations(&self, kind: ProviderKind) -> u8 {
        self.required.get(kind).unwrap_or(DEFAULT_REQUIRED_ATTESTATIONS)
    }

    /// `applicant` applies. An account whose earlier registration expired
    /// (and was not revoked) may apply again; it starts over as pending.
    pub fn apply(&mut self, applicant: AccountId, application: Application, now: Timestamp) -> Result<Provider> {
        let jurisdiction = bounded_bytes(
            application.jurisdiction,
            MAX_JURISDICTION_LEN,
            Error::JurisdictionTooLong,
        )?;
        let profile_ref = bounded_bytes(application.profile_ref, MAX_POINTER_LEN, Error::ProfileRefTooLong)?;
        let valid_until = check_expiry(application.valid_until, now)?;
        let round = match self.providers.get(applicant) {
            None => 0,
            Some(previous) if previous.status == ProviderStatus::Revoked => return Err(Error::ProviderRevoked),
            Some(previous) if previous.status == ProviderStatus::Suspended => return Err(Error::ProviderSuspended),
            Some(previous) if previous.status == ProviderStatus::Withdrawn => {
                previous.round.checked_add(1).ok_or(Error::Overflow)?
            }
            Some(previous) if now < previous.valid_until => return Err(Error::AlreadyRegistered),
            Some(previous) => previous.round.checked_add(1).ok_or(Error::Overflow)?,
        };
        let provider = Provider {
            kind: application.kind,
            credential_hash: application.credential_hash,
            licence_hash: application.licence_hash,
            jurisdiction,
            profile_ref,
            status: ProviderStatus::Pending,
            level: 0,
            valid_until,
            renewal: None,
            round,
            updated_at: now,
        };
        self.providers.insert(applicant, &provider);
        Ok(provider)
    }

    /// `applicant` withdraws its pending application (not a renewal: an
    /// active provider stays active). It may apply again later, in a new round.
    pub fn withdraw(&mut self, applicant: AccountId, now: Timestamp) -> Result<Provider> {
        let provider = self.providers.get(applicant).ok_or(Error::UnknownProvider)?;
        if provider.status != ProviderStatus::Pending {
            return Err(Error::NotPending);
        }
        Ok(self.set_status(applicant, provider, ProviderStatus::Withdrawn, now))
    }

    /// `verifier` attests `account`'s current application or renewal. A
    /// verifier may not attest itself.
    pub fn attest(&mut self, verifier: AccountId, account: AccountId, now: Timestamp) -> Result<(Provider, Attested)> {
        if verifier == account {
            return Err(Error::SelfAttestation);
        }
        let mut provider = self.provider_for_verifier(verifier, account)?;
        match provider.status {
            ProviderStatus::Revoked => return Err(Error::ProviderRevoked),
            ProviderStatus::Suspended => return Err(Error::ProviderSuspended),
            ProviderStatus::Withdrawn => return Err(Error::NotPending),
            ProviderStatus::Pending | ProviderStatus::Active => {}
        }
        if provider.renewal.is_none() && now >= provider.valid_until {
            return Err(Error::CredentialExpired);
        }
        if self.attested_round.get((account, verifier)) == Some(provider.round) {
            return Err(Error::AlreadyAttested);
        }
        let required = self.required_attestations(provider.kind);
        let outcome = match provider.renewal {
            Some(mut renewal) => {
                renewal.attestations = renewal.attestations.checked_add(1).ok_or(Error::Overflow)?;
                if renewal.attestations >= required {
                    provider.credential_hash = renewal.credential_hash;
                    provider.valid_until = renewal.valid_until;
                    provider.level = renewal.attestations;
                    provider.renewal = None;
                    Attested::Renewed
                } else {
                    provider.renewal = Some(renewal);
                    Attested::Counted
                }
            }
            None => {
                provider.level = provider.level.checked_add(1).ok_or(Error::Overflow)?;
                if provider.status == ProviderStatus::Pending && provider.level >= required {
                    provider.status = ProviderStatus::Active;
                    Attested::Activated
                } else {
                    Attested::Counted
                }
            }
        };
        provider.updated_at = now;
        self.attested_round.insert((account, verifier), &provider.round);
        self.providers.insert(account, &provider);
        Ok((provider, outcome))
    }

    /// `verifier` suspends the active provider `account`.
    pub fn suspend(&mut self, verifier: AccountId, account: AccountId, now: Timestamp) -> Result<Provider> {
        let provider = self.provider_for_verifier(verifier, account)?;
        if provider.status != ProviderStatus::Active {
            return Err(Error::NotActive);
        }
        Ok(self.set_status(account, provider, ProviderStatus::Suspended, now))
    }

    /// `verifier` reinstates the suspended provider `account`.
    pub fn reinstate(&mut self, verifier: AccountId, account: AccountId, now: Timestamp) -> Result<Provider> {
        let provider = self.provider_for_verifier(verifier, account)?;
        if provider.status != ProviderStatus::Suspended {
            return Err(Error::NotSuspended);
        }
        Ok(self.set_status(account, provider, ProviderStatus::Active, now))
    }

    /// Revokes `account` for good (the admin's decision; checked by the caller).
    pub fn revoke(&mut self, account: AccountId, now: Timestamp) -> Result<Provider> {
        let mut provider = self.providers.get(account).ok_or(Error::UnknownProvider)?;
        if provider.status == ProviderStatus::Revoked {
            return Err(Error::ProviderRevoked);
        }
        provider.renewal = None;
        Ok(self.set_status(account, provider, ProviderStatus::Revoked, now))
    }

    /// The active provider `account` asks to renew before its accreditation
    /// expires, with a renewed credential; verifiers attest the renewal.
    pub fn renew(
        &mut self,
        account: AccountId,
        credential_hash: Hash,
        valid_until: Timestamp,
        now: Timestamp,
    ) -> Result<Provider> {
        let mut provider = self.providers.get(account).ok_or(Error::UnknownProvider)?;
        if provider.status != ProviderStatus::Active {
            return Err(Error::NotActive);
        }
        if now >= provider.valid_until {
            return Err(Error::CredentialExpired);
        }
        if provider.renewal.is_some() {
            return Err(Error::RenewalPending);
        }
        let valid_until = check_expiry(valid_until, now)?;
        if valid_until <= provider.valid_until {
            return Err(Error::RenewalNotLater);
        }
        provider.round = provider.round.checked_add(1).ok_or(Error::Overflow)?;
        provider.renewal = Some(Renewal {
            credential_hash,
            valid_until,
            attestations: 0,
        });
        provider.updated_at = now;
        self.providers.insert(account, &provider);
        Ok(provider)
    }

    /// The provider changes its public directory entry.
    pub fn update_profile(&mut self, account: AccountId, profile_ref: Vec<u8>, now: Timestamp) -> Result<Provider> {
        let profile_ref = bounded_bytes(profile_ref, MAX_POINTER_LEN, Error::ProfileRefTooLong)?;
        let mut provider = self.providers.get(account).ok_or(Error::UnknownProvider)?;
        if provider.status == ProviderStatus::Revoked {
            return Err(Error::ProviderRevoked);
        }
        provider.profile_ref = profile_ref;
        provider.updated_at = now;
        self.providers.insert(account, &provider);
        Ok(provider)
    }

    /// `account`'s registration, if any.
    pub fn provider(&self, account: AccountId) -> Option<Provider> {
        self.providers.get(account)
    }

    /// The kind `account` is verified as at `now`, if any. One storage read.
    pub fn verified_kind(&self, account: AccountId, now: Timestamp) -> Option<ProviderKind> {
        self.providers
            .get(account)
            .filter(|provider| provider.is_verified_at(now))
            .map(|provider| provider.kind)
    }

    /// The provider `account`, if `verifier` may act on its kind.
    fn provider_for_verifier(&self, verifier: AccountId, account: AccountId) -> Result<Provider> {
        let kinds = self.verifiers.get(verifier).ok_or(Error::NotVerifier)?;
        let provider = self.providers.get(account).ok_or(Error::UnknownProvider)?;
        if !kinds.contains(provider.kind) {
            return Err(Error::KindNotAllowed);
        }
        Ok(provider)
    }

    fn set_status(
        &mut self,
        account: AccountId,
        mut provider: Provider,
        status: ProviderStatus,
        now: Timestamp,
    ) -> Provider {
        provider.status = status;
        provider.updated_at = now;
        self.providers.insert(account, &provider);
        provider
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: Timestamp = 86_400_000;
    const NOW: Timestamp = 1_000 * DAY;

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }
    const ADMIN_VERIFIER_A: u8 = 1;
    const VERIFIER_B: u8 = 2;
    const HOSPITAL: u8 = 10;

    fn application(kind: ProviderKind, valid_until: Timestamp) -> Application {
        Application {
            kind,
            credential_hash: Hash::from([3; 32]),
            licence_hash: Hash::from([4; 32]),
            jurisdiction: b"DE-BY".to_vec(),
            profile_ref: b"ipfs://bafy-profile".to_vec(),
            valid_until,
        }
    }

    /// A registry with two hospital verifiers and hospitals requiring two attestations.
    fn registry_requiring_two_for_hospitals() -> Registry {
        let mut registry = Registry::default();
        registry
            .appoint_verifier(
                account(ADMIN_VERIFIER_A),
                &[ProviderKind::Hospital, ProviderKind::Laboratory],
            )
            .expect("appoint a");
        registry
            .appoint_verifier(account(VERIFIER_B), &[ProviderKind::Hospital])
            .expect("appoint b");
        registry
            .set_required_attestations(ProviderKind::Hospital, 2)
            .expect("requirement");
        registry
    }

    #[ink::test]
    fn a_hospital_becomes_verified_after_two_distinct_attestations() {
        // given
        let mut registry = registry_requiring_two_for_hospitals();
        let hospital = account(HOSPITAL);
        registry
            .apply(hospital, application(ProviderKind::Hospital, NOW + 365 * DAY), NOW)
            .expect("apply");
        // when the first verifier attests
        let (_, first) = registry
            .attest(account(ADMIN_VERIFIER_A), hospital, NOW)
            .expect("attest");
        // then it is not verified yet, and the same verifier cannot count twice
        assert_eq!(first, Attested::Counted);
        assert_eq!(registry.verified_kind(hospital, NOW), None);
        assert_eq!(
            registry.attest(account(ADMIN_VERIFIER_A), hospital, NOW),
            Err(Error::AlreadyAttested)
        );
        // when a second verifier attests
        let (provider, second) = registry.attest(account(VERIFIER_B), hospital, NOW).expect("attest");
        // then
        assert_eq!(second, Attested::Activated);
        assert_eq!(provider.level, 2);
        assert_eq!(registry.verified_kind(hospital, NOW), Some(ProviderKind::Hospital));
        // and it stops being verified when the accreditation expires
        assert_eq!(registry.verified_kind(hospital, NOW + 365 * DAY), None);
    }

    #[ink::test]
    fn a_verifier_cannot_attest_a_kind_it_is_not_allowed_for_and_nothing_is_stored() {
        let mut registry = registry_requiring_two_for_hospitals();
        let lab = account(11);
        registry
            .apply(lab, application(ProviderKind::Laboratory, NOW + DAY), NOW)
            .expect("apply");
        assert_eq!(
            registry.attest(account(VERIFIER_B), lab, NOW),
            Err(Error::KindNotAllowed)
        );
        assert_eq!(registry.attest(account(99), lab, NOW), Err(Error::NotVerifier));
        assert_eq!(registry.provider(lab).map(|p| p.level), Some(0));
        // the allowed verifier's single attestation suffices (default requirement 1)
        let (_, outcome) = registry.attest(account(ADMIN_VERIFIER_A), lab, NOW).expect("attest");
        assert_eq!(outcome, Attested::Activated);
    }

    #[ink::test]
    fn bad_applications_are_refused_and_store_nothing() {
        let mut registry = Registry::default();
        let applicant = account(12);
        let mut long_jurisdiction = application(ProviderKind::Physician, NOW + DAY);
        long_jurisdiction.jurisdiction = vec![b'X'; MAX_JURISDICTION_LEN + 1];
        let mut long_profile = application(ProviderKind::Physician, NOW + DAY);
        long_profile.profile_ref = vec![b'p'; MAX_POINTER_LEN + 1];
        assert_eq!(
            registry.apply(applicant, long_jurisdiction, NOW),
            Err(Error::JurisdictionTooLong)
        );
        assert_eq!(
            registry.apply(applicant, long_profile, NOW),
            Err(Error::ProfileRefTooLong)
        );
        assert_eq!(
            registry.apply(applicant, application(ProviderKind::Physician, NOW), NOW),
            Err(Error::ExpiryInPast)
        );
        assert_eq!(
            registry.apply(
                applicant,
                application(ProviderKind::Physician, NOW + MAX_ACCREDITATION_MS + 1),
                NOW
            ),
            Err(Error::ValidityTooLong)
        );
        assert_eq!(registry.provider(applicant), None);
        assert_eq!(registry.appoint_verifier(account(1), &[]), Err(Error::EmptyKinds));
        assert_eq!(
            registry.set_required_attestations(ProviderKind::Hospital, 0),
            Err(Error::InvalidRequirement)
        );
        assert_eq!(
            registry.set_required_attestations(ProviderKind::Hospital, MAX_REQUIRED_ATTESTATIONS + 1),
            Err(Error::InvalidRequirement)
        );
        assert_eq!(registry.required_attestations(ProviderKind::Hospital), 1);
        assert_eq!(registry.verifier_kinds(account(1)), KindSet::empty());
    }

    #[ink::test]
    fn suspension_and_revocation_end_verification_and_only_suspension_is_undone() {
        // given an active laboratory
        let mut registry = registry_requiring_two_for_hospitals();
        let lab = account(11);
        let verifier = account(ADMIN_VERIFIER_A);
        registry
            .apply(lab, application(ProviderKind::Laboratory, NOW + DAY), NOW)
            .expect("apply");
        registry.attest(verifier, lab, NOW).expect("attest");
        // when suspended
        registry.suspend(verifier, lab, NOW).expect("suspend");
        // then
        assert_eq!(registry.verified_kind(lab, NOW), None);
        assert_eq!(registry.suspend(verifier, lab, NOW), Err(Error::NotActive));
        assert_eq!(
            registry.attest(account(VERIFIER_B), lab, NOW),
            Err(Error::KindNotAllowed)
        );
        // when reinstated
        registry.reinstate(verifier, lab, NOW).expect("reinstate");
        assert_eq!(registry.verified_kind(lab, NOW), Some(ProviderKind::Laboratory));
        assert_eq!(registry.reinstate(verifier, lab, NOW), Err(Error::NotSuspended));
        // when revoked
        registry.revoke(lab, NOW).expect("revoke");
        assert_eq!(registry.verified_kind(lab, NOW), None);
        assert_eq!(registry.reinstate(verifier, lab, NOW), Err(Error::NotSuspended));
        assert_eq!(registry.revoke(lab, NOW), Err(Error::ProviderRevoked));
        assert_eq!(
            registry.apply(lab, application(ProviderKind::Laboratory, NOW + 2 * DAY), NOW + DAY),
            Err(Error::ProviderRevoked)
        );
    }

    #[ink::test]
    fn a_renewal_keeps_the_provider_active_and_takes_effect_after_fresh_attestations() {
        // given an active hospital whose accreditation ends in 30 days
        let mut registry = registry_requiring_two_for_hospitals();
        let hospital = account(HOSPITAL);
        registry
            .apply(hospital, application(ProviderKind::Hospital, NOW + 30 * DAY), NOW)
            .expect("apply");
        registry.attest(account(ADMIN_VERIFIER_A), hospital, NOW).expect("a");
        registry.attest(account(VERIFIER_B), hospital, NOW).expect("b");
        // when it renews with a new credential
        let later = NOW + 20 * DAY;
        assert_eq!(
            registry.renew(hospital, Hash::from([9; 32]), NOW + 30 * DAY, later),
            Err(Error::RenewalNotLater)
        );
        registry
            .renew(hospital, Hash::from([9; 32]), NOW + 400 * DAY, later)
            .expect("renew");
        assert_eq!(
            registry.renew(hospital, Hash::from([9; 32]), NOW + 400 * DAY, later),
            Err(Error::RenewalPending)
        );
        // then it stays verified on the old terms while the same verifiers attest again
        assert_eq!(registry.verified_kind(hospital, later), Some(ProviderKind::Hospital));
        let (_, first) = registry.attest(account(ADMIN_VERIFIER_A), hospital, later).expect("a");
        assert_eq!(first, Attested::Counted);
        let (provider, second) = registry.attest(account(VERIFIER_B), hospital, later).expect("b");
        assert_eq!(second, Attested::Renewed);
        assert_eq!(provider.credential_hash, Hash::from([9; 32]));
        assert_eq!(
            registry.verified_kind(hospital, NOW + 100 * DAY),
            Some(ProviderKind::Hospital)
        );
    }

    #[ink::test]
    fn an_expired_provider_cannot_renew_but_may_apply_again() {
        let mut registry = registry_requiring_two_for_hospitals();
        let lab = account(11);
        registry
            .apply(lab, application(ProviderKind::Laboratory, NOW + DAY), NOW)
            .expect("apply");
        assert_eq!(
            registry.apply(lab, application(ProviderKind::Laboratory, NOW + DAY), NOW),
            Err(Error::AlreadyRegistered)
        );
        registry.attest(account(ADMIN_VERIFIER_A), lab, NOW).expect("attest");
        let expired = NOW + DAY;
        assert_eq!(
            registry.renew(lab, Hash::from([9; 32]), expired + DAY, expired),
            Err(Error::CredentialExpired)
        );
        let again = registry
            .apply(lab, application(ProviderKind::Laboratory, expired + DAY), expired)
            .expect("apply again");
        assert_eq!(again.status, ProviderStatus::Pending);
        // a new round: the same verifier may attest again
        let (_, outcome) = registry
            .attest(account(ADMIN_VERIFIER_A), lab, expired)
            .expect("attest");
        assert_eq!(outcome, Attested::Activated);
    }

    #[ink::test]
    fn a_provider_updates_its_profile_but_not_beyond_the_bound() {
        let mut registry = Registry::default();
        let lab = account(11);
        assert_eq!(
            registry.update_profile(lab, b"x".to_vec(), NOW),
            Err(Error::UnknownProvider)
        );
        registry
            .apply(lab, application(ProviderKind::Laboratory, NOW + DAY), NOW)
            .expect("apply");
        registry
            .update_profile(lab, b"ipfs://new".to_vec(), NOW)
            .expect("update");
        assert_eq!(
            registry.update_profile(lab, vec![0; MAX_POINTER_LEN + 1], NOW),
            Err(Error::ProfileRefTooLong)
        );
        assert_eq!(
            registry.provider(lab).map(|p| p.profile_ref),
            Some(b"ipfs://new".to_vec())
        );
    }

    #[ink::test]
    fn a_verifier_cannot_attest_itself() {
        // given a hospital verifier that applies as a hospital itself
        let mut registry = registry_requiring_two_for_hospitals();
        let verifier = account(VERIFIER_B);
        registry
            .apply(verifier, application(ProviderKind::Hospital, NOW + DAY), NOW)
            .expect("apply");
        // when it attests its own application, then it is refused and nothing counts
        assert_eq!(registry.attest(verifier, verifier, NOW), Err(Error::SelfAttestation));
        let stored = registry.provider(verifier).expect("stored");
        assert_eq!((stored.status, stored.level), (ProviderStatus::Pending, 0));
        // and the other verifier's attestation counts as the first of two
        registry
            .attest(account(ADMIN_VERIFIER_A), verifier, NOW)
            .expect("other verifier attests");
        assert_eq!(registry.verified_kind(verifier, NOW), None);
    }

    #[ink::test]
    fn a_suspended_provider_stays_suspended_after_its_accreditation_expires() {
        // given a laboratory that was verified and then suspended
        let mut registry = registry_requiring_two_for_hospitals();
        let (lab, verifier) = (account(11), account(ADMIN_VERIFIER_A));
        registry
            .apply(lab, application(ProviderKind::Laboratory, NOW + DAY), NOW)
            .expect("apply");
        registry.attest(verifier, lab, NOW).expect("attest");
        registry.suspend(verifier, lab, NOW).expect("suspend");
        // when its accreditation has expired and it applies again
        let later = NOW + 2 * DAY;
        assert_eq!(
            registry.apply(lab, application(ProviderKind::Laboratory, later + DAY), later),
            Err(Error::ProviderSuspended)
        );
        // then it is still suspended, on its old terms
        let stored = registry.provider(lab).expect("stored");
        assert_eq!(
            (stored.status, stored.valid_until),
            (ProviderStatus::Suspended, NOW + DAY)
        );
        // and only after a reinstatement may it apply again
        registry.reinstate(verifier, lab, later).expect("reinstate");
        registry
            .apply(lab, application(ProviderKind::Laboratory, later + DAY), later)
            .expect("apply again");
        assert_eq!(registry.provider(lab).map(|p| p.status), Some(ProviderStatus::Pending));
    }

    #[ink::test]
    fn an_applicant_withdraws_its_pending_application_and_may_apply_again() {
        // given a pending hospital with one of two attestations
        let mut registry = registry_requiring_two_for_hospitals();
        let hospital = account(HOSPITAL);
        registry
            .apply(hospital, application(ProviderKind::Hospital, NOW + DAY), NOW)
            .expect("apply");
        registry
            .attest(account(ADMIN_VERIFIER_A), hospital, NOW)
            .expect("first attestation");
        // when it withdraws
        let withdrawn = registry.withdraw(hospital, NOW).expect("withdraw");
        // then it is withdrawn, cannot be attested, and cannot withdraw twice
        assert_eq!(withdrawn.status, ProviderStatus::Withdrawn);
        assert_eq!(
            registry.attest(account(VERIFIER_B), hospital, NOW),
            Err(Error::NotPending)
        );
        assert_eq!(registry.withdraw(hospital, NOW), Err(Error::NotPending));
        assert_eq!(registry.withdraw(account(77), NOW), Err(Error::UnknownProvider));
        // when it applies again, a new round starts: the first verifier may attest again
        registry
            .apply(hospital, application(ProviderKind::Hospital, NOW + DAY), NOW)
            .expect("apply again");
        registry
            .attest(account(ADMIN_VERIFIER_A), hospital, NOW)
            .expect("new round");
        let (_, outcome) = registry
            .attest(account(VERIFIER_B), hospital, NOW)
            .expect("second attestation");
        assert_eq!(outcome, Attested::Activated);
        // and an active provider has nothing pending to withdraw
        assert_eq!(registry.withdraw(hospital, NOW), Err(Error::NotPending));
        assert_eq!(registry.verified_kind(hospital, NOW), Some(ProviderKind::Hospital));
    }
}
