//! What writer contracts append to the audit trail.

use crate::{AccountId, Hash};

/// What happened. New variants are only ever appended, so the SCALE index of
/// an existing variant (and with it every stored entry's hash) never changes.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// A consent was granted to `counterpart`.
    ConsentGranted,
    /// The terms of `counterpart`'s consent changed.
    ConsentUpdated,
    /// `counterpart`'s consent was revoked.
    ConsentRevoked,
    /// `counterpart` became a delegate (guardian) of the patient.
    DelegateAdded,
    /// `counterpart` is no longer a delegate of the patient.
    DelegateRemoved,
    /// The patient opted in to emergency (break-glass) access.
    EmergencyAccessEnabled,
    /// The patient opted out of emergency access.
    EmergencyAccessDisabled,
}

/// One audit entry as a writer contract submits it. The audit trail adds the
/// writer, the sequence number, the block time and the hash links.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    /// Whose data or consent this concerns; the entry is indexed under them.
    pub patient: AccountId,
    /// Who caused it: the account that signed the transaction.
    pub actor: AccountId,
    /// The other party, if any: the grantee of a consent, the delegate, the
    /// provider that asked for access.
    pub counterpart: Option<AccountId>,
    /// What happened.
    pub action: AuditAction,
    /// The writer's id of the thing concerned (a consent id, a record id).
    pub subject: u64,
    /// blake2-256 of the SCALE-encoded details (for example a consent's new
    /// terms), so the details can be proven later without storing them twice.
    pub digest: Hash,
}

/// Why the audit trail refused an append.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditError {
    /// The caller is not a writer contract the admin authorised.
    NotAuthorizedWriter,
    /// The sequence number or a patient's index is exhausted.
    TrailFull,
}
