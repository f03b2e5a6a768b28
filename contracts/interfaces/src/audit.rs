//! What writer contracts append to the audit trail. They append through
//! [`crate::calls::append_to`].

use crate::{AccountId, Hash, Purpose};

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
    /// Record `subject` was added to the index by `actor`. Entries written
    /// before the write purpose was recorded; new entries are
    /// [`AuditAction::RecordAddedFor`].
    RecordAdded,
    /// `actor` was granted access to record `subject` for `purpose`.
    AccessGranted {
        /// The purpose the requester stated.
        purpose: Purpose,
    },
    /// `actor` was denied access to record `subject`.
    AccessDenied {
        /// The purpose the requester stated.
        purpose: Purpose,
        /// Why access was denied.
        reason: DenialReason,
    },
    /// A verified emergency service was granted break-glass access to record
    /// `subject` (the patient had opted in).
    EmergencyAccessGranted,
    /// A data-key envelope of record `subject` was set for `counterpart`.
    KeyShared,
    /// `counterpart`'s data-key envelope of record `subject` was removed.
    KeyRemoved,
    /// The patient registered device `counterpart` to add vital-signs data.
    DeviceRegistered,
    /// The patient removed device `counterpart`.
    DeviceRemoved,
    /// Record `subject` was added to the index by `actor`, writing for `purpose`.
    RecordAddedFor {
        /// The purpose the author wrote for (the patient's write consent covered it).
        purpose: Purpose,
    },
    /// Record `subject` was withheld from `counterpart`, or from everyone but
    /// the patient if `counterpart` is `None`, whatever their consent covers.
    RecordWithheld,
    /// A withholding of record `subject` (from `counterpart`, or from
    /// everyone if `None`) was lifted.
    RecordReleased,
    /// The patient enrolled in insurer `counterpart`'s plan: policy `subject`
    /// (digest: the plan id).
    PolicyEnrolled,
    /// A premium of policy `subject` was paid by `actor` (digest: the number
    /// of periods now paid).
    PremiumPaid,
    /// The holder cancelled policy `subject`.
    PolicyCancelled,
    /// The holder reinstated lapsed policy `subject` (digest: periods paid).
    PolicyReinstated,
    /// Claim `subject` was submitted by `actor` citing a record of the patient
    /// (digest: policy, record, amount, fingerprint and fraud reasons).
    ClaimSubmitted,
    /// The risk oracle scored claim `subject` (digest: score and model hash).
    ClaimScored,
    /// Claim `subject` was decided (digest: the new status and its votes).
    ClaimDecided,
    /// The admin reopened the review of claim `subject` in its cooldown.
    ClaimReopened,
    /// Claim `subject` was paid out to `counterpart` (digest: the amount).
    ClaimPaid,
    /// The patient's keeper (`actor`) released record `subject`'s data key
    /// to `counterpart` (digest: blake2-256 of SCALE((the audit sequence
    /// number of the grant it answered, blake2-256 of the re-sealed
    /// envelope)); the `KeyReleased` event names the grant in clear).
    KeyReleased,
    /// The patient named `counterpart` as their keeper (`None`: the
    /// deployment's default keeper again).
    KeeperChanged,
}

/// Why record access was denied. Stored in audit entries: variants are only
/// ever appended.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenialReason {
    /// The requester is not a verified provider (unknown, pending, suspended,
    /// revoked or expired accreditation).
    ProviderNotVerified,
    /// The patient's consent does not cover this requester, category, purpose
    /// and read access at the current block time.
    NoConsent,
    /// Emergency purpose, but the requester is not a verified emergency service.
    NotEmergencyService,
    /// Emergency purpose, but the patient has not opted in to emergency access.
    EmergencyAccessNotEnabled,
    /// The provider registry or the consent contract could not be called;
    /// access fails closed.
    CheckUnavailable,
    /// The patient withheld this record from the requester (or from everyone
    /// but the patient), whatever the requester's consent covers.
    Withheld,
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

/// Why a writer could not append to the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppendFailure {
    /// The audit trail refused the entry (the caller is not an authorised writer).
    Rejected,
    /// The audit trail could not be called (wrong address, out of gas, trap).
    Unavailable,
}

/// blake2-256 of `value`'s SCALE encoding: the `digest` of an audit record.
pub fn digest_of<T: ink::scale::Encode>(value: &T) -> Hash {
    let mut digest = [0u8; 32];
    ink::env::hash_encoded::<ink::env::hash::Blake2x256, _>(value, &mut digest);
    Hash::from(digest)
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
