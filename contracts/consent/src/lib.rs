//! # Consent
//!
//! A patient grants a grantee (a provider, a researcher, an insurer) scoped,
//! time-bound access: data categories × purposes × actions within a validity
//! window, and updates or revokes it at any time. A patient may name delegates
//! (guardians) who manage consent for them, and may opt in to emergency
//! (break-glass) access. [`ConsentCheck::check`] costs one storage read however
//! many consents exist (two for a consent a delegate granted: the delegation
//! is read too). Every change is appended to the audit trail through
//! the `AuditLog` trait; if the audit trail refuses, the change is reverted.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod book;
pub mod error;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod consent {
    use crate::book::{Consent, ConsentBook, ConsentTerms};
    pub use crate::error::{Error, Result};
    use interfaces::traits::ConsentCheck;
    use interfaces::{
        append_to, digest_of, Action, Admin, AdminControl, AdminError, AuditAction, AuditRecord, DataCategory, Page,
        Purpose,
    };

    /// A consent was granted.
    #[ink(event)]
    pub struct ConsentGranted {
        /// Whose data.
        #[ink(topic)]
        patient: AccountId,
        /// Who may access it.
        #[ink(topic)]
        grantee: AccountId,
        /// The grant's id.
        consent_id: u64,
        /// The patient or delegate who granted it.
        by: AccountId,
        /// Block time (ms) at which it stops holding.
        valid_until: Timestamp,
    }

    /// The terms of a consent changed.
    #[ink(event)]
    pub struct ConsentUpdated {
        /// Whose data.
        #[ink(topic)]
        patient: AccountId,
        /// Who may access it.
        #[ink(topic)]
        grantee: AccountId,
        /// The grant's id.
        consent_id: u64,
        /// The patient or delegate who changed it.
        by: AccountId,
        /// Block time (ms) at which it stops holding.
        valid_until: Timestamp,
    }

    /// A consent was revoked.
    #[ink(event)]
    pub struct ConsentRevoked {
        /// Whose data.
        #[ink(topic)]
        patient: AccountId,
        /// Who lost access.
        #[ink(topic)]
        grantee: AccountId,
        /// The grant's id.
        consent_id: u64,
        /// The patient or delegate who revoked it.
        by: AccountId,
    }

    /// A patient named a delegate.
    #[ink(event)]
    pub struct DelegateAdded {
        /// The patient.
        #[ink(topic)]
        patient: AccountId,
        /// The delegate.
        #[ink(topic)]
        delegate: AccountId,
        /// When the delegation ends, if it does.
        valid_until: Option<Timestamp>,
    }

    /// A delegation ended.
    #[ink(event)]
    pub struct DelegateRemoved {
        /// The patient.
        #[ink(topic)]
        patient: AccountId,
        /// The former delegate.
        #[ink(topic)]
        delegate: AccountId,
        /// Who ended it (the patient or the delegate).
        by: AccountId,
    }

    /// A patient opted in to or out of emergency access.
    #[ink(event)]
    pub struct EmergencyAccessChanged {
        /// The patient.
        #[ink(topic)]
        patient: AccountId,
        /// Whether emergency access is now allowed.
        enabled: bool,
        /// The patient or delegate who changed it.
        by: AccountId,
    }

    /// The admin pointed the contract at another audit trail.
    #[ink(event)]
    pub struct AuditTrailChanged {
        /// The audit trail now written to.
        #[ink(topic)]
        audit_trail: AccountId,
    }

    /// The consent contract's storage.
    #[ink(storage)]
    pub struct ConsentRegistry {
        admin: Admin,
        audit_trail: AccountId,
        book: ConsentBook,
    }

    // The constructor reads the caller, so a `Default` would mislead.
    #[allow(clippy::new_without_default)]
    impl ConsentRegistry {
        /// Creates the registry, writing to `audit_trail` (which must
        /// authorise this contract as a writer). The caller becomes admin.
        #[ink(constructor)]
        pub fn new(audit_trail: AccountId) -> Self {
            Self {
                admin: Admin::new(Self::env().caller()),
                audit_trail,
                book: ConsentBook::default(),
            }
        }

        /// The patient, or a delegate, grants `grantee` access to `patient`'s
        /// data within `terms` (categories, purposes, actions, validity window,
        /// policy reference). Returns the grant's id. Fails if the grantee
        /// already holds a consent in force (use `update`). A delegate may not
        /// grant to itself nor past the end of its delegation.
        #[ink(message)]
        pub fn grant(&mut self, patient: AccountId, grantee: AccountId, terms: ConsentTerms) -> Result<u64> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let consent = self.book.grant(caller, patient, grantee, terms, now)?;
            self.audit_consent(AuditAction::ConsentGranted, &consent, caller)?;
            self.env().emit_event(ConsentGranted {
                patient,
                grantee,
                consent_id: consent.id,
                by: caller,
                valid_until: consent.scope.window.until,
            });
            Ok(consent.id)
        }

        /// The patient, or a delegate, replaces the terms of `grantee`'s
        /// consent in force (an expired, revoked or lapsed one is refused
        /// with `NoActiveConsent`: `grant` gives it anew). A
        /// delegate may not update its own consent nor extend one past the
        /// end of its delegation.
        #[ink(message)]
        pub fn update(&mut self, patient: AccountId, grantee: AccountId, terms: ConsentTerms) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let consent = self.book.update(caller, patient, grantee, terms, now)?;
            self.audit_consent(AuditAction::ConsentUpdated, &consent, caller)?;
            self.env().emit_event(ConsentUpdated {
                patient,
                grantee,
                consent_id: consent.id,
                by: caller,
                valid_until: consent.scope.window.until,
            });
            Ok(())
        }

        /// The patient, or a delegate, revokes `grantee`'s consent at once.
        #[ink(message)]
        pub fn revoke(&mut self, patient: AccountId, grantee: AccountId) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let consent = self.book.revoke(caller, patient, grantee, now)?;
            self.audit_consent(AuditAction::ConsentRevoked, &consent, caller)?;
            self.env().emit_event(ConsentRevoked {
                patient,
                grantee,
                consent_id: consent.id,
                by: caller,
            });
            Ok(())
        }

        /// The version of the code this contract runs: 2. Only the v2 build
        /// (`contracts/upgrades/`) has this message; the upgrade story
        /// switches a deployed consent contract to it and reads every record back.
        #[cfg(code_v2)]
        #[ink(message)]
        pub fn code_version(&self) -> u32 {
            2
        }

        /// `patient`'s consent to `grantee` (active, expired, revoked, or
        /// lapsed with the delegation it was granted under), if any.
        #[ink(message)]
        pub fn consent(&self, patient: AccountId, grantee: AccountId) -> Option<Consent> {
            self.book.consent(patient, grantee, self.env().block_timestamp())
        }

        /// `patient`'s consents, one per grantee: `limit` (1 to 50) from
        /// position `start`.
        #[ink(message)]
        pub fn consents_of(&self, patient: AccountId, start: u32, limit: u32) -> Result<Page<Consent>> {
            self.book
                .consents_of(patient, start, limit, self.env().block_timestamp())
        }

        /// The caller (a patient) names `delegate` (a guardian, carer or legal
        /// representative) to manage consent for them, until `valid_until`
        /// (block time, ms) or until removed if `None`. At most 8 delegates.
        /// A delegate may not grant itself, nor grant past `valid_until`;
        /// what it grants stops holding when the delegation ends. The audit
        /// entry's subject is the delegation's id and its digest is
        /// blake2-256 of SCALE(`valid_until`).
        #[ink(message)]
        pub fn add_delegate(&mut self, delegate: AccountId, valid_until: Option<Timestamp>) -> Result<()> {
            let (patient, now) = (self.env().caller(), self.env().block_timestamp());
            let delegation = self.book.add_delegate(patient, delegate, valid_until, now)?;
            self.audit(
                patient,
                patient,
                Some(delegate),
                AuditAction::DelegateAdded,
                delegation.id,
                digest_of(&delegation.until),
            )?;
            self.env().emit_event(DelegateAdded {
                patient,
                delegate,
                valid_until,
            });
            Ok(())
        }

        /// Ends `delegate`'s delegation for `patient`. The caller must be the
        /// patient or the delegate (stepping down). Consents the delegate
        /// granted stop holding at once.
        #[ink(message)]
        pub fn remove_delegate(&mut self, patient: AccountId, delegate: AccountId) -> Result<()> {
            let caller = self.env().caller();
            let delegation = self.book.remove_delegate(caller, patient, delegate)?;
            self.audit(
                patient,
                caller,
                Some(delegate),
                AuditAction::DelegateRemoved,
                delegation.id,
                digest_of(&delegation.until),
            )?;
            self.env().emit_event(DelegateRemoved {
                patient,
                delegate,
                by: caller,
            });
            Ok(())
        }

        /// The patient, or a delegate, opts `patient` in to (`enabled = true`)
        /// or out of emergency (break-glass) access by verified emergency
        /// services.
        #[ink(message)]
        pub fn set_emergency_access(&mut self, patient: AccountId, enabled: bool) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            self.book.set_emergency_access(caller, patient, enabled, now)?;
            let action = if enabled {
                AuditAction::EmergencyAccessEnabled
            } else {
                AuditAction::EmergencyAccessDisabled
            };
            self.audit(patient, caller, None, action, 0, digest_of(&enabled))?;
            self.env().emit_event(EmergencyAccessChanged {
                patient,
                enabled,
                by: caller,
            });
            Ok(())
        }

        /// The audit trail this contract writes to.
        #[ink(message)]
        pub fn audit_trail(&self) -> AccountId {
            self.audit_trail
        }

        /// Admin only: writes to `audit_trail` from now on.
        #[ink(message)]
        pub fn set_audit_trail(&mut self, audit_trail: AccountId) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.audit_trail = audit_trail;
            self.env().emit_event(AuditTrailChanged { audit_trail });
            Ok(())
        }

        /// Audits a consent change; the digest commits to the new terms.
        fn audit_consent(&mut self, action: AuditAction, consent: &Consent, actor: AccountId) -> Result<()> {
            self.audit(
                consent.patient,
                actor,
                Some(consent.grantee),
                action,
                consent.id,
                digest_of(&consent.scope),
            )
        }

        /// Appends to the audit trail. A refusal or a failed call becomes an
        /// `Err`, which reverts the change being audited.
        fn audit(
            &mut self,
            patient: AccountId,
            actor: AccountId,
            counterpart: Option<AccountId>,
            action: AuditAction,
            subject: u64,
            digest: Hash,
        ) -> Result<()> {
            let record = AuditRecord {
                patient,
                actor,
                counterpart,
                action,
                subject,
                digest,
            };
            append_to(self.audit_trail, record)?;
            Ok(())
        }
    }

    impl ConsentCheck for ConsentRegistry {
        #[ink(message)]
        fn check(
            &self,
            patient: AccountId,
            grantee: AccountId,
            category: DataCategory,
            purpose: Purpose,
            action: Action,
        ) -> bool {
            self.book.check(
                patient,
                grantee,
                category,
                purpose,
                action,
                self.env().block_timestamp(),
            )
        }

        #[ink(message)]
        fn emergency_access_enabled(&self, patient: AccountId) -> bool {
            self.book
                .emergency_access_enabled(patient, self.env().block_timestamp())
        }

        #[ink(message)]
        fn is_delegate(&self, patient: AccountId, account: AccountId) -> bool {
            self.book.is_delegate(patient, account, self.env().block_timestamp())
        }
    }

    impl AdminControl for ConsentRegistry {
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

        // Messages that change consent call the audit trail, which off-chain
        // tests cannot do: those paths are covered by the e2e stories, and the
        // book's logic by its own unit tests. Here: what needs no audit.

        #[ink::test]
        fn an_outsider_cannot_repoint_the_audit_trail_or_take_admin() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut registry = ConsentRegistry::new(accounts.django);
            set_caller::<DefaultEnvironment>(accounts.eve);
            assert_eq!(registry.set_audit_trail(accounts.eve), Err(Error::NotAdmin));
            assert_eq!(registry.propose_admin(accounts.eve), Err(AdminError::NotAdmin));
            assert_eq!(registry.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
            assert_eq!(registry.audit_trail(), accounts.django);
            set_caller::<DefaultEnvironment>(accounts.alice);
            registry.set_audit_trail(accounts.frank).expect("admin repoints");
            assert_eq!(registry.audit_trail(), accounts.frank);
        }

        #[ink::test]
        fn failures_before_the_audit_call_store_nothing() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.eve);
            let mut registry = ConsentRegistry::new(accounts.django);
            let terms = ConsentTerms {
                categories: vec![DataCategory::LabResults],
                purposes: vec![Purpose::Treatment],
                actions: vec![Action::Read],
                valid_from: 0,
                valid_until: 1,
                policy_ref: vec![],
            };
            assert_eq!(
                registry.grant(accounts.alice, accounts.bob, terms),
                Err(Error::NotPatientOrDelegate)
            );
            assert_eq!(
                registry.revoke(accounts.alice, accounts.bob),
                Err(Error::NotPatientOrDelegate)
            );
            assert_eq!(registry.consent(accounts.alice, accounts.bob), None);
            assert!(!registry.check(
                accounts.alice,
                accounts.bob,
                DataCategory::LabResults,
                Purpose::Treatment,
                Action::Read
            ));
        }
    }
}
