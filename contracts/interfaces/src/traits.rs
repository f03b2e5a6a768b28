//! The traits every cross-contract call of the suite goes through.
//!
//! A caller stores the callee's `AccountId` and calls through
//! `ink::contract_ref!(Trait)`, using `try_invoke` so that a failing callee
//! becomes the caller's own error instead of a trap. ink! derives each
//! message's selector from `Trait::message`, so callee and caller agree
//! without sharing anything else.

// `#[ink::trait_definition]` expands to off-chain stubs that panic; nothing
// written by hand in this module does.
#![allow(clippy::panic)]

use crate::{
    AccountId, Action, AdminError, AuditError, AuditRecord, Balance, DataCategory, Hash, ProviderKind, Purpose,
};

/// The append side of the audit trail.
#[ink::trait_definition]
pub trait AuditLog {
    /// Appends `record` to the hash chain and to the patient's index.
    /// Only writer contracts that the admin authorised may append.
    /// Returns the new entry's sequence number.
    #[ink(message)]
    fn append(&mut self, record: AuditRecord) -> Result<u64, AuditError>;
}

/// The question every reader of health data asks the consent contract.
#[ink::trait_definition]
pub trait ConsentCheck {
    /// Whether `patient` consents, at the current block time, to `grantee`
    /// performing `action` on data of `category` for `purpose`.
    /// Costs one storage read however many consents exist (two for a consent
    /// a delegate granted: it holds only while that delegation does).
    #[ink(message)]
    fn check(
        &self,
        patient: AccountId,
        grantee: AccountId,
        category: DataCategory,
        purpose: Purpose,
        action: Action,
    ) -> bool;

    /// Whether `patient` opted in to emergency (break-glass) access (an
    /// opt-in a delegate made holds only while its delegation does).
    #[ink(message)]
    fn emergency_access_enabled(&self, patient: AccountId) -> bool;

    /// Whether `account` may currently manage `patient`'s consent as a
    /// delegate (named and not expired at the current block time). Other
    /// contracts let a delegate act for the patient only while this holds.
    #[ink(message)]
    fn is_delegate(&self, patient: AccountId, account: AccountId) -> bool;
}

/// The real-time check of the provider registry.
#[ink::trait_definition]
pub trait ProviderCheck {
    /// Whether `account` is an active provider of `kind` whose accreditation
    /// has not expired at the current block time.
    #[ink(message)]
    fn is_verified(&self, account: AccountId, kind: ProviderKind) -> bool;

    /// The kind `account` is verified as (active and not expired at the
    /// current block time), if any: one call answers "is this a verified
    /// provider, and of which kind".
    #[ink(message)]
    fn verified_kind(&self, account: AccountId) -> Option<ProviderKind>;
}

/// What another contract may learn about a record from the record index.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordSummary {
    /// Whose record it is.
    pub patient: AccountId,
    /// Who added it.
    pub author: AccountId,
    /// Its data category.
    pub category: DataCategory,
    /// blake2-256 of the record's ciphertext.
    pub content_hash: Hash,
    /// Root of the Merkle tree over the record's fields.
    pub fields_root: Hash,
    /// Block time at which it was added.
    pub created_at: crate::Timestamp,
}

/// Record look-ups for other contracts (insurance claims cite records).
#[ink::trait_definition]
pub trait RecordLookup {
    /// The summary of record `record_id`, if it exists.
    #[ink(message)]
    fn record_summary(&self, record_id: u64) -> Option<RecordSummary>;

    /// Whether `leaf` (a salted leaf hash) is field `index` of record
    /// `record_id`'s Merkle tree, by `proof` (the sibling hashes from the
    /// leaf up). `false` for an unknown record or a malformed proof: a claim
    /// proves one fact of a record without anyone reading the record.
    #[ink(message)]
    fn field_proven(&self, record_id: u64, index: u16, leaf: Hash, proof: ink::prelude::vec::Vec<Hash>) -> bool;
}

/// The question a zero-knowledge verifier answers (the suite's
/// `zk_verifier`, one deployment per verifying key).
#[ink::trait_definition]
pub trait ProofCheck {
    /// Whether `proof` (Groth16, 256 bytes) proves the verifier's statement
    /// for `public_inputs` (32 bytes each, big-endian). `false` for a
    /// malformed proof too: the verifier's own `verify` names what is wrong.
    #[ink(message)]
    fn proves(&self, proof: ink::prelude::vec::Vec<u8>, public_inputs: ink::prelude::vec::Vec<[u8; 32]>) -> bool;
}

/// The PSP22 token standard (w3f PSP22, standard selectors), as the `psp22`
/// crate defines it: the reward pool and insurance move tokens through it.
pub use psp22::{PSP22Burnable, PSP22Error, PSP22Metadata, PSP22};

/// Why the reward pool refused a credit.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RewardError {
    /// The caller is not the authorised crediter.
    NotCrediter,
    /// The sponsor has no deposit, or less left than its rate.
    InsufficientDeposit,
    /// An amount overflowed.
    Overflow,
    /// The reward pool could not be called (set by the caller, never by the pool).
    Unavailable,
}

/// The reward pool's credit side, called by the record access contract.
#[ink::trait_definition]
pub trait RewardCredit {
    /// Credits `patient` with `sponsor`'s per-access rate from `sponsor`'s
    /// deposit. Returns the amount credited.
    #[ink(message)]
    fn credit(&mut self, sponsor: AccountId, patient: AccountId) -> Result<Balance, RewardError>;
}

/// The admin messages every contract of the suite exposes, with the same
/// selectors everywhere, so that governance and the deploy tooling can hand
/// admin over uniformly.
#[ink::trait_definition]
pub trait AdminControl {
    /// The current admin.
    #[ink(message)]
    fn admin(&self) -> AccountId;

    /// The proposed successor, if an admin transfer is pending.
    #[ink(message)]
    fn pending_admin(&self) -> Option<AccountId>;

    /// Admin only: proposes `successor` as the next admin. The transfer
    /// completes when `successor` calls `accept_admin`.
    #[ink(message)]
    fn propose_admin(&mut self, successor: AccountId) -> Result<(), AdminError>;

    /// The proposed successor accepts the admin role.
    #[ink(message)]
    fn accept_admin(&mut self) -> Result<(), AdminError>;

    /// Admin only: switches this contract to the code `code_hash`, which
    /// must already be uploaded (`CodeNotFound` otherwise). Storage is kept
    /// and the new code runs from the next call. Emits `CodeChanged`.
    #[ink(message)]
    fn set_code(&mut self, code_hash: Hash) -> Result<(), AdminError>;
}
