//! # Audit trail
//!
//! An append-only log of everything that happens to a patient's consents and
//! records. Only writer contracts that the admin authorised (consent,
//! record access, insurance) may append. Each entry commits to the previous
//! entry's blake2-256 hash, so [`AuditTrail::head`] commits to the whole
//! history and [`AuditTrail::verify_range`] re-computes any stretch of it on
//! chain. A per-patient index gives each patient a paginated history.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod chain;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod audit_trail {
    use crate::chain::{AuditChain, AuditEntry, ChainHead, RangeCheck, RangeError};
    use ink::storage::traits::ManualKey;
    use ink::storage::Mapping;
    use interfaces::traits::AuditLog;
    use interfaces::{Admin, AdminControl, AdminError, AuditAction, AuditError, AuditRecord, Page, PageError};

    /// Errors of the audit trail's own messages (appending uses [`AuditError`]).
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Error {
        /// The caller is not the admin.
        NotAdmin,
        /// The account is already an authorised writer.
        WriterAlreadyAuthorized,
        /// The account is not an authorised writer.
        UnknownWriter,
        /// A page size of 0 or over `MAX_PAGE_SIZE`.
        InvalidPageSize,
        /// `from` is 0, `from > to`, or `to` is past the head.
        InvalidRange,
        /// The range is longer than `MAX_VERIFY_RANGE` entries.
        RangeTooLong,
        /// Only contract accounts may be writers: a key holder could forge entries.
        WriterNotContract,
    }

    impl From<AdminError> for Error {
        fn from(_: AdminError) -> Self {
            Error::NotAdmin
        }
    }

    impl From<PageError> for Error {
        fn from(_: PageError) -> Self {
            Error::InvalidPageSize
        }
    }

    impl From<RangeError> for Error {
        fn from(error: RangeError) -> Self {
            match error {
                RangeError::Invalid => Error::InvalidRange,
                RangeError::TooLong => Error::RangeTooLong,
            }
        }
    }

    /// Result of the audit trail's own messages.
    pub type Result<T> = core::result::Result<T, Error>;

    /// An entry was appended.
    #[ink(event)]
    pub struct EntryAppended {
        /// Whose history it joins.
        #[ink(topic)]
        patient: AccountId,
        /// The writer contract that appended it.
        #[ink(topic)]
        writer: AccountId,
        /// Its sequence number.
        seq: u64,
        /// What happened.
        action: AuditAction,
        /// Its hash, the new chain head.
        hash: Hash,
    }

    /// The admin authorised a writer contract.
    #[ink(event)]
    pub struct WriterAuthorized {
        /// The writer.
        #[ink(topic)]
        writer: AccountId,
    }

    /// The admin withdrew a writer's authorisation.
    #[ink(event)]
    pub struct WriterRevoked {
        /// The former writer.
        #[ink(topic)]
        writer: AccountId,
    }

    /// The audit trail's storage.
    /// Root fields keep their order across upgrades; the mappings (here and
    /// in [`AuditChain`]) have explicit keys, so a new version that renames
    /// or adds fields still reads every entry.
    #[ink(storage)]
    pub struct AuditTrail {
        admin: Admin,
        writers: Mapping<AccountId, (), ManualKey<0x4154_0001>>,
        chain: AuditChain,
    }

    // The constructor reads the caller, so a `Default` would mislead.
    #[allow(clippy::new_without_default)]
    impl AuditTrail {
        /// Creates an empty trail whose admin is the caller.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {
                admin: Admin::new(Self::env().caller()),
                writers: Mapping::default(),
                chain: AuditChain::default(),
            }
        }

        /// Admin only: lets `writer` (a contract of the suite) append
        /// entries. Refused for an account that is not a contract
        /// (`WriterNotContract`): a key holder could append any entry.
        #[ink(message)]
        pub fn authorize_writer(&mut self, writer: AccountId) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            if !self.env().is_contract(&writer) {
                return Err(Error::WriterNotContract);
            }
            if self.writers.contains(writer) {
                return Err(Error::WriterAlreadyAuthorized);
            }
            self.writers.insert(writer, &());
            self.env().emit_event(WriterAuthorized { writer });
            Ok(())
        }

        /// Admin only: stops `writer` from appending entries. Its past
        /// entries stay.
        #[ink(message)]
        pub fn revoke_writer(&mut self, writer: AccountId) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            if !self.writers.contains(writer) {
                return Err(Error::UnknownWriter);
            }
            self.writers.remove(writer);
            self.env().emit_event(WriterRevoked { writer });
            Ok(())
        }

        /// Whether `account` may append entries.
        #[ink(message)]
        pub fn is_writer(&self, account: AccountId) -> bool {
            self.writers.contains(account)
        }

        /// The version of the code this contract runs: 2. Only the v2 build
        /// (`contracts/upgrades/`) has this message; the upgrade story
        /// switches a deployed trail to it and reads every record back.
        #[cfg(code_v2)]
        #[ink(message)]
        pub fn code_version(&self) -> u32 {
            2
        }

        /// The newest entry's sequence number and hash (0 and all zeros while
        /// the trail is empty). The hash commits to every entry before it.
        #[ink(message)]
        pub fn head(&self) -> ChainHead {
            self.chain.head()
        }

        /// Entry number `seq` (from 1), if it exists.
        #[ink(message)]
        pub fn entry(&self, seq: u64) -> Option<AuditEntry> {
            self.chain.entry(seq)
        }

        /// How many entries concern `patient`.
        #[ink(message)]
        pub fn history_len(&self, patient: AccountId) -> u32 {
            self.chain.history_len(patient)
        }

        /// `patient`'s entries, oldest first: `limit` (1 to 50) entries from
        /// position `start` of the patient's own index.
        #[ink(message)]
        pub fn history(&self, patient: AccountId, start: u32, limit: u32) -> Result<Page<AuditEntry>> {
            Ok(self.chain.history(patient, start, limit)?)
        }

        /// Re-computes entries `from..=to` (at most 100) on chain: each must
        /// link to its predecessor's hash and hash to its stored hash.
        /// Returns `Intact` or the first broken entry.
        #[ink(message)]
        pub fn verify_range(&self, from: u64, to: u64) -> Result<RangeCheck> {
            Ok(self.chain.verify_range(from, to)?)
        }
    }

    impl AuditLog for AuditTrail {
        #[ink(message)]
        fn append(&mut self, record: AuditRecord) -> core::result::Result<u64, AuditError> {
            let writer = self.env().caller();
            if !self.writers.contains(writer) {
                return Err(AuditError::NotAuthorizedWriter);
            }
            let entry = self
                .chain
                .append(writer, record, self.env().block_timestamp(), self.env().block_number())?;
            self.env().emit_event(EntryAppended {
                patient: entry.record.patient,
                writer,
                seq: entry.seq,
                action: entry.record.action,
                hash: entry.hash,
            });
            Ok(entry.seq)
        }
    }

    impl AdminControl for AuditTrail {
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
        use ink::env::test::{default_accounts, recorded_events, set_caller, set_contract};
        use ink::env::DefaultEnvironment;

        fn record_for(patient: AccountId) -> AuditRecord {
            AuditRecord {
                patient,
                actor: patient,
                counterpart: None,
                action: AuditAction::EmergencyAccessEnabled,
                subject: 0,
                digest: Hash::default(),
            }
        }

        #[ink::test]
        fn only_an_authorised_writer_can_append() {
            // given a trail whose admin (alice) authorised bob
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut trail = AuditTrail::new();
            set_contract::<DefaultEnvironment>(accounts.bob);
            trail.authorize_writer(accounts.bob).expect("admin authorises");
            // when charlie appends, then it is refused and nothing is stored
            set_caller::<DefaultEnvironment>(accounts.charlie);
            assert_eq!(
                trail.append(record_for(accounts.eve)),
                Err(AuditError::NotAuthorizedWriter)
            );
            assert_eq!(trail.head().seq, 0);
            // when bob appends, then the entry is stored and announced
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(trail.append(record_for(accounts.eve)), Ok(1));
            assert_eq!(trail.history_len(accounts.eve), 1);
            assert_eq!(trail.entry(1).map(|e| e.writer), Some(accounts.bob));
            assert_eq!(recorded_events().count(), 2, "WriterAuthorized, EntryAppended");
        }

        #[ink::test]
        fn a_revoked_writer_can_no_longer_append() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut trail = AuditTrail::new();
            set_contract::<DefaultEnvironment>(accounts.bob);
            trail.authorize_writer(accounts.bob).expect("authorise");
            trail.revoke_writer(accounts.bob).expect("revoke");
            assert!(!trail.is_writer(accounts.bob));
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(
                trail.append(record_for(accounts.eve)),
                Err(AuditError::NotAuthorizedWriter)
            );
        }

        #[ink::test]
        fn an_outsider_cannot_manage_writers_or_take_admin() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut trail = AuditTrail::new();
            set_contract::<DefaultEnvironment>(accounts.bob);
            set_caller::<DefaultEnvironment>(accounts.charlie);
            assert_eq!(trail.authorize_writer(accounts.charlie), Err(Error::NotAdmin));
            assert_eq!(trail.revoke_writer(accounts.charlie), Err(Error::NotAdmin));
            assert_eq!(trail.propose_admin(accounts.charlie), Err(AdminError::NotAdmin));
            assert_eq!(trail.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
            assert_eq!(trail.accept_admin(), Err(AdminError::NotPendingAdmin));
            assert!(!trail.is_writer(accounts.charlie));
            assert_eq!(trail.admin(), accounts.alice);
        }

        #[ink::test]
        fn writers_are_authorised_and_revoked_once() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut trail = AuditTrail::new();
            set_contract::<DefaultEnvironment>(accounts.bob);
            assert_eq!(trail.revoke_writer(accounts.bob), Err(Error::UnknownWriter));
            trail.authorize_writer(accounts.bob).expect("authorise");
            assert_eq!(
                trail.authorize_writer(accounts.bob),
                Err(Error::WriterAlreadyAuthorized)
            );
        }

        #[ink::test]
        fn admin_moves_in_two_steps() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut trail = AuditTrail::new();
            set_contract::<DefaultEnvironment>(accounts.bob);
            trail.propose_admin(accounts.bob).expect("propose");
            assert_eq!(trail.pending_admin(), Some(accounts.bob));
            set_caller::<DefaultEnvironment>(accounts.bob);
            trail.accept_admin().expect("accept");
            assert_eq!(trail.admin(), accounts.bob);
            assert_eq!(trail.pending_admin(), None);
        }

        #[ink::test]
        fn bad_ranges_and_pages_give_their_errors() {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let trail = AuditTrail::new();
            assert_eq!(trail.verify_range(1, 1), Err(Error::InvalidRange));
            assert_eq!(trail.history(accounts.bob, 0, 51), Err(Error::InvalidPageSize));
        }

        #[ink::test]
        fn a_key_holder_cannot_be_made_a_writer() {
            // given a trail and a plain account (not a contract)
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut trail = AuditTrail::new();
            // when the admin authorises it, then it is refused
            assert_eq!(trail.authorize_writer(accounts.django), Err(Error::WriterNotContract));
            // and it cannot append
            assert!(!trail.is_writer(accounts.django));
            set_caller::<DefaultEnvironment>(accounts.django);
            assert_eq!(
                trail.append(record_for(accounts.eve)),
                Err(AuditError::NotAuthorizedWriter)
            );
            assert_eq!(trail.head().seq, 0);
            assert_eq!(recorded_events().count(), 0);
        }
    }
}
