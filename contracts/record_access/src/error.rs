/// Errors of the record index. A denied access is not an error: it is an
/// `Ok(AccessOutcome::Denied(..))`, so that its audit entry stays.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the admin.
    NotAdmin,
    /// No record has this id.
    UnknownRecord,
    /// The storage pointer is empty.
    EmptyPointer,
    /// The storage pointer is longer than `MAX_POINTER_LEN` (128) bytes.
    PointerTooLong,
    /// The record commits to more than `MAX_FIELDS` (256) fields.
    TooManyFields,
    /// The author is neither the patient, nor one of the patient's devices,
    /// nor a verified provider.
    UnverifiedAuthor,
    /// The author is a verified provider without the patient's write consent
    /// for this category and purpose.
    NoWriteConsent,
    /// A patient's device may only add vital-signs records.
    DeviceCategoryNotAllowed,
    /// The superseded record is not the same patient's record of the same category.
    InvalidSupersedes,
    /// Only the patient, a current delegate or the record's author may set
    /// an envelope.
    NotPatientOrAuthor,
    /// Only the patient, a current delegate or the grantee may remove an envelope.
    NotPatientDelegateOrGrantee,
    /// The envelope is empty.
    EmptyEnvelope,
    /// The envelope is longer than `MAX_ENVELOPE_LEN` (1,280) bytes.
    EnvelopeTooLong,
    /// The grantee has no envelope for this record.
    NoEnvelope,
    /// A patient cannot register themselves as their device.
    SelfDevice,
    /// The device is already registered (to this or another patient).
    DeviceAlreadyRegistered,
    /// The device is not registered to the caller.
    UnknownDevice,
    /// The patient already has the most devices allowed (`MAX_DEVICES`, 8).
    TooManyDevices,
    /// A page size of 0 or over `MAX_PAGE_SIZE`.
    InvalidPageSize,
    /// The record commits to no fields.
    NoFieldCommitment,
    /// The field index is not below the record's field count.
    FieldIndexOutOfRange,
    /// The proof does not have exactly ⌈log₂ field count⌉ hashes.
    ProofLengthMismatch,
    /// The provider registry could not be called. Nothing was changed.
    RegistryUnavailable,
    /// The consent contract could not be called. Nothing was changed.
    ConsentUnavailable,
    /// The audit trail refused the entry (is this contract an authorised
    /// writer?). Nothing was changed.
    AuditRejected,
    /// The audit trail could not be called. Nothing was changed.
    AuditUnavailable,
    /// A counter overflowed.
    Overflow,
    /// The author is no longer in standing to share the record's key: not a
    /// verified provider with the patient's write consent for the record's
    /// category and purpose (or no longer the patient's registered device).
    AuthorNotInStanding,
    /// The grantee holds no current read consent covering the record's
    /// category and purpose, so its author may not share the key with it.
    GranteeNotConsented,
    /// The grantee already has an envelope; only the patient's side may replace it.
    EnvelopeAlreadySet,
    /// The record is withheld from the grantee.
    RecordWithheld,
    /// Only the patient or a current delegate may do this.
    NotPatientOrDelegate,
    /// The record is already withheld from that account (or from everyone).
    AlreadyWithheld,
    /// The record is not withheld from that account (or from everyone).
    NotWithheld,
    /// A record cannot be withheld from its own patient.
    CannotWithholdFromPatient,
    /// A delegate may not act for the patient in its own favour: set its own
    /// envelope, or lift a withholding from itself or from everyone.
    DelegateActsForItself,
    /// Strict mode: an envelope on chain may only be the patient's or the
    /// patient's keeper's; a grantee gets its key from the keeper, after an
    /// audited grant.
    StrictModeEnvelope,
    /// Only the patient's keeper may note a key release.
    NotKeeper,
    /// The patient has no keeper (none named and no default set).
    NoKeeper,
    /// A keeper cannot be the patient itself.
    SelfKeeper,
    /// A newer record superseded this one: its key is not released.
    RecordSuperseded,
    /// Only the superseded record's author or its patient may supersede
    /// it: a new version hides the old one from every grantee.
    NotAuthorOfSuperseded,
}

/// Result of the record index's messages.
pub type Result<T> = core::result::Result<T, Error>;

impl From<interfaces::AdminError> for Error {
    fn from(_: interfaces::AdminError) -> Self {
        Error::NotAdmin
    }
}

impl From<interfaces::PageError> for Error {
    fn from(_: interfaces::PageError) -> Self {
        Error::InvalidPageSize
    }
}

impl From<interfaces::AppendFailure> for Error {
    fn from(failure: interfaces::AppendFailure) -> Self {
        match failure {
            interfaces::AppendFailure::Rejected => Error::AuditRejected,
            interfaces::AppendFailure::Unavailable => Error::AuditUnavailable,
        }
    }
}

impl From<crate::merkle::ProofError> for Error {
    fn from(error: crate::merkle::ProofError) -> Self {
        match error {
            crate::merkle::ProofError::NoFields => Error::NoFieldCommitment,
            crate::merkle::ProofError::IndexOutOfRange => Error::FieldIndexOutOfRange,
            crate::merkle::ProofError::WrongLength => Error::ProofLengthMismatch,
        }
    }
}
