//! # Provider verification
//!
//! The registry of healthcare entities (physicians, hospitals, laboratories,
//! pharmacies, insurers, researchers, devices, emergency services). Providers
//! apply with hashes of their credential and licence; accreditation
//! authorities (verifiers) appointed by the admin attest; a provider becomes
//! active after the number of distinct attestations its kind requires.
//! Verifiers suspend and reinstate, the admin revokes, providers renew before
//! expiry. [`ProviderCheck::is_verified`] is a real-time check: active and not
//! expired at the current block time, one storage read.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod error;
pub mod registry;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod provider_verification {
    pub use crate::error::{Error, Result};
    use crate::registry::{Application, Attested, Provider, Registry};
    use ink::prelude::vec::Vec;
    use interfaces::traits::ProviderCheck;
    use interfaces::{Admin, AdminControl, AdminError, ProviderKind};

    /// An account applied to be registered as a provider.
    #[ink(event)]
    pub struct ProviderApplied {
        /// The applicant.
        #[ink(topic)]
        provider: AccountId,
        /// The kind applied for.
        kind: ProviderKind,
        /// End of the accreditation applied for (block time, ms).
        valid_until: Timestamp,
    }

    /// An applicant withdrew its pending application.
    #[ink(event)]
    pub struct ApplicationWithdrawn {
        /// The applicant.
        #[ink(topic)]
        provider: AccountId,
    }

    /// A verifier attested a provider's application or renewal.
    #[ink(event)]
    pub struct ProviderAttested {
        /// The provider.
        #[ink(topic)]
        provider: AccountId,
        /// The verifier.
        #[ink(topic)]
        verifier: AccountId,
        /// What the attestation achieved.
        outcome: Attested,
    }

    /// A verifier suspended a provider.
    #[ink(event)]
    pub struct ProviderSuspended {
        /// The provider.
        #[ink(topic)]
        provider: AccountId,
        /// The verifier.
        #[ink(topic)]
        verifier: AccountId,
        /// blake2-256 of the reason document (held off chain).
        reason: Hash,
    }

    /// A verifier reinstated a suspended provider.
    #[ink(event)]
    pub struct ProviderReinstated {
        /// The provider.
        #[ink(topic)]
        provider: AccountId,
        /// The verifier.
        #[ink(topic)]
        verifier: AccountId,
    }

    /// The admin revoked a provider for good.
    #[ink(event)]
    pub struct ProviderRevoked {
        /// The provider.
        #[ink(topic)]
        provider: AccountId,
        /// blake2-256 of the reason document (held off chain).
        reason: Hash,
    }

    /// A provider asked to renew its accreditation.
    #[ink(event)]
    pub struct RenewalRequested {
        /// The provider.
        #[ink(topic)]
        provider: AccountId,
        /// End of the renewed accreditation, once attested (block time, ms).
        valid_until: Timestamp,
    }

    /// A provider changed its public directory entry.
    #[ink(event)]
    pub struct ProfileUpdated {
        /// The provider.
        #[ink(topic)]
        provider: AccountId,
    }

    /// The admin appointed a verifier or changed the kinds it may attest.
    #[ink(event)]
    pub struct VerifierAppointed {
        /// The verifier.
        #[ink(topic)]
        verifier: AccountId,
        /// The kinds it may attest.
        kinds: Vec<ProviderKind>,
    }

    /// The admin dismissed a verifier.
    #[ink(event)]
    pub struct VerifierDismissed {
        /// The former verifier.
        #[ink(topic)]
        verifier: AccountId,
    }

    /// The admin changed how many attestations a kind requires.
    #[ink(event)]
    pub struct RequirementChanged {
        /// The kind.
        kind: ProviderKind,
        /// Distinct attestations now required.
        required: u8,
    }

    /// The provider registry's storage.
    #[ink(storage)]
    pub struct ProviderVerification {
        admin: Admin,
        registry: Registry,
    }

    // The constructor reads the caller, so a `Default` would mislead.
    #[allow(clippy::new_without_default)]
    impl ProviderVerification {
        /// Creates an empty registry; the caller becomes admin. Every kind
        /// requires one attestation until the admin sets otherwise.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {
                admin: Admin::new(Self::env().caller()),
                registry: Registry::default(),
            }
        }

        /// Admin only: appoints `verifier` as an accreditation authority for
        /// `kinds` (or replaces the kinds of an existing verifier).
        #[ink(message)]
        pub fn appoint_verifier(&mut self, verifier: AccountId, kinds: Vec<ProviderKind>) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            let kinds = self.registry.appoint_verifier(verifier, &kinds)?;
            self.env().emit_event(VerifierAppointed {
                verifier,
                kinds: kinds.to_vec(),
            });
            Ok(())
        }

        /// Admin only: dismisses `verifier`; its past attestations stand.
        #[ink(message)]
        pub fn dismiss_verifier(&mut self, verifier: AccountId) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.registry.dismiss_verifier(verifier)?;
            self.env().emit_event(VerifierDismissed { verifier });
            Ok(())
        }

        /// The kinds `verifier` may attest (empty if it is not a verifier).
        #[ink(message)]
        pub fn verifier_kinds(&self, verifier: AccountId) -> Vec<ProviderKind> {
            self.registry.verifier_kinds(verifier).to_vec()
        }

        /// Admin only: providers of `kind` need `required` (1 to 7) distinct
        /// attestations to become active, from the next attestation on.
        #[ink(message)]
        pub fn set_required_attestations(&mut self, kind: ProviderKind, required: u8) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.registry.set_required_attestations(kind, required)?;
            self.env().emit_event(RequirementChanged { kind, required });
            Ok(())
        }

        /// How many distinct attestations providers of `kind` need.
        #[ink(message)]
        pub fn required_attestations(&self, kind: ProviderKind) -> u8 {
            self.registry.required_attestations(kind)
        }

        /// The caller applies to be registered as `application.kind`, with
        /// hashes of its credential and licence, its jurisdiction (at most 16
        /// bytes), a directory pointer (at most 128 bytes) and the end of the
        /// accreditation (at most five years ahead). It starts pending. An
        /// account whose accreditation expired may apply again, unless it is
        /// suspended (`ProviderSuspended`) or revoked.
        #[ink(message)]
        pub fn apply(&mut self, application: Application) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let provider = self.registry.apply(caller, application, now)?;
            self.env().emit_event(ProviderApplied {
                provider: caller,
                kind: provider.kind,
                valid_until: provider.valid_until,
            });
            Ok(())
        }

        /// The caller withdraws its pending application; it may apply again
        /// later. Fails with `NotPending` unless an application is pending.
        #[ink(message)]
        pub fn withdraw_application(&mut self) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            self.registry.withdraw(caller, now)?;
            self.env().emit_event(ApplicationWithdrawn { provider: caller });
            Ok(())
        }

        /// A verifier allowed for the provider's kind attests `provider`'s
        /// pending application or renewal. Each verifier counts once per
        /// application or renewal, and never for itself.
        #[ink(message)]
        pub fn attest(&mut self, provider: AccountId) -> Result<Attested> {
            let (verifier, now) = (self.env().caller(), self.env().block_timestamp());
            let (_, outcome) = self.registry.attest(verifier, provider, now)?;
            self.env().emit_event(ProviderAttested {
                provider,
                verifier,
                outcome,
            });
            Ok(outcome)
        }

        /// A verifier allowed for the provider's kind suspends the active
        /// `provider`; `reason` is the hash of the reason document.
        #[ink(message)]
        pub fn suspend(&mut self, provider: AccountId, reason: Hash) -> Result<()> {
            let (verifier, now) = (self.env().caller(), self.env().block_timestamp());
            self.registry.suspend(verifier, provider, now)?;
            self.env().emit_event(ProviderSuspended {
                provider,
                verifier,
                reason,
            });
            Ok(())
        }

        /// A verifier allowed for the provider's kind reinstates the suspended `provider`.
        #[ink(message)]
        pub fn reinstate(&mut self, provider: AccountId) -> Result<()> {
            let (verifier, now) = (self.env().caller(), self.env().block_timestamp());
            self.registry.reinstate(verifier, provider, now)?;
            self.env().emit_event(ProviderReinstated { provider, verifier });
            Ok(())
        }

        /// Admin only: revokes `provider` for good; `reason` is the hash of
        /// the reason document.
        #[ink(message)]
        pub fn revoke(&mut self, provider: AccountId, reason: Hash) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.registry.revoke(provider, self.env().block_timestamp())?;
            self.env().emit_event(ProviderRevoked { provider, reason });
            Ok(())
        }

        /// The caller, an active provider, asks before its accreditation
        /// expires to renew it with a renewed `credential_hash` until
        /// `valid_until`. It stays active on the old terms until the
        /// renewal has the attestations its kind requires.
        #[ink(message)]
        pub fn renew(&mut self, credential_hash: Hash, valid_until: Timestamp) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            self.registry.renew(caller, credential_hash, valid_until, now)?;
            self.env().emit_event(RenewalRequested {
                provider: caller,
                valid_until,
            });
            Ok(())
        }

        /// The caller, a registered provider, points its public directory
        /// entry at `profile_ref` (at most 128 bytes).
        #[ink(message)]
        pub fn update_profile(&mut self, profile_ref: Vec<u8>) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            self.registry.update_profile(caller, profile_ref, now)?;
            self.env().emit_event(ProfileUpdated { provider: caller });
            Ok(())
        }

        /// `account`'s registration, if any.
        #[ink(message)]
        pub fn provider(&self, account: AccountId) -> Option<Provider> {
            self.registry.provider(account)
        }
    }

    impl ProviderCheck for ProviderVerification {
        #[ink(message)]
        fn is_verified(&self, account: AccountId, kind: ProviderKind) -> bool {
            self.registry.verified_kind(account, self.env().block_timestamp()) == Some(kind)
        }

        #[ink(message)]
        fn verified_kind(&self, account: AccountId) -> Option<ProviderKind> {
            self.registry.verified_kind(account, self.env().block_timestamp())
        }
    }

    impl AdminControl for ProviderVerification {
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
        use ink::env::test::{default_accounts, recorded_events, set_block_timestamp, set_caller};
        use ink::env::DefaultEnvironment;

        const DAY: Timestamp = 86_400_000;

        fn application(kind: ProviderKind, valid_until: Timestamp) -> Application {
            Application {
                kind,
                credential_hash: Hash::from([3; 32]),
                licence_hash: Hash::from([4; 32]),
                jurisdiction: b"GB".to_vec(),
                profile_ref: Vec::new(),
                valid_until,
            }
        }

        #[ink::test]
        fn a_physician_is_verified_in_real_time_until_expiry_with_an_event_per_step() {
            // given a registry (alice admin) with bob appointed for physicians
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            set_block_timestamp::<DefaultEnvironment>(DAY);
            let mut contract = ProviderVerification::new();
            contract
                .appoint_verifier(accounts.bob, vec![ProviderKind::Physician])
                .expect("appoint");
            // when charlie applies and bob attests
            set_caller::<DefaultEnvironment>(accounts.charlie);
            contract
                .apply(application(ProviderKind::Physician, 3 * DAY))
                .expect("apply");
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(contract.attest(accounts.charlie), Ok(Attested::Activated));
            // then
            assert!(contract.is_verified(accounts.charlie, ProviderKind::Physician));
            assert!(!contract.is_verified(accounts.charlie, ProviderKind::Hospital));
            assert_eq!(contract.verified_kind(accounts.charlie), Some(ProviderKind::Physician));
            assert_eq!(recorded_events().count(), 3);
            // when block time passes the expiry
            set_block_timestamp::<DefaultEnvironment>(3 * DAY);
            assert!(!contract.is_verified(accounts.charlie, ProviderKind::Physician));
        }

        #[ink::test]
        fn outsiders_cannot_use_admin_or_verifier_powers() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut contract = ProviderVerification::new();
            set_caller::<DefaultEnvironment>(accounts.eve);
            assert_eq!(
                contract.appoint_verifier(accounts.eve, vec![ProviderKind::Hospital]),
                Err(Error::NotAdmin)
            );
            assert_eq!(
                contract.set_required_attestations(ProviderKind::Hospital, 2),
                Err(Error::NotAdmin)
            );
            assert_eq!(contract.dismiss_verifier(accounts.bob), Err(Error::NotAdmin));
            assert_eq!(contract.revoke(accounts.bob, Hash::default()), Err(Error::NotAdmin));
            assert_eq!(contract.attest(accounts.bob), Err(Error::NotVerifier));
            assert_eq!(contract.suspend(accounts.bob, Hash::default()), Err(Error::NotVerifier));
            assert_eq!(contract.propose_admin(accounts.eve), Err(AdminError::NotAdmin));
            assert_eq!(contract.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
            assert_eq!(contract.verifier_kinds(accounts.eve), Vec::new());
            assert_eq!(contract.required_attestations(ProviderKind::Hospital), 1);
            assert_eq!(recorded_events().count(), 0);
        }
    }
}
