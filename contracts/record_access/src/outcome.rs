//! What `request_access` answers.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use ink::prelude::vec::Vec;
use ink::primitives::Hash;
use interfaces::traits::RewardError;
use interfaces::{Balance, DenialReason};

/// Whether a granted access earned the patient a research reward. Access does
/// not depend on it: consent governs access, the reward is an incentive.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RewardOutcome {
    /// Not a research access by a provider, or no reward pool is linked.
    NotApplicable,
    /// The patient was credited this many tokens from the requester's deposit.
    Paid(Balance),
    /// No reward was paid, and why (for example `InsufficientDeposit`).
    NotPaid(RewardError),
}

/// What a granted requester needs to fetch and decrypt the record.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessGrant {
    /// Where the ciphertext lives.
    pub pointer: Vec<u8>,
    /// blake2-256 of the ciphertext, to check what was fetched.
    pub content_hash: Hash,
    /// The requester's encrypted data-key envelope, if the patient or author
    /// set one. In strict mode only the patient's (and the keeper's) exist:
    /// a grantee asks the patient's keeper, naming `audit_seq`.
    pub envelope: Option<Vec<u8>>,
    /// The audit trail's sequence number of this grant's entry: what the
    /// keeper reads, at a block that includes it, before releasing the key.
    pub audit_seq: u64,
    /// Whether this was break-glass emergency access.
    pub emergency: bool,
    /// Whether the patient was rewarded for this (research) access.
    pub reward: RewardOutcome,
}

/// The decision on an access request. Both outcomes are audited; a denial is
/// `Ok(Denied(..))` so that its audit entry is kept.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccessOutcome {
    /// Access granted.
    Granted(AccessGrant),
    /// Access denied, and why.
    Denied(DenialReason),
}
