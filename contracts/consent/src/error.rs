/// Errors of the consent contract.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the admin.
    NotAdmin,
    /// The caller is neither the patient nor one of the patient's delegates.
    NotPatientOrDelegate,
    /// Only the patient may do this (a delegate may not).
    NotPatient,
    /// A patient cannot grant consent to themselves.
    SelfGrant,
    /// The terms name no data category.
    EmptyCategories,
    /// The terms name no purpose.
    EmptyPurposes,
    /// The terms name no action.
    EmptyActions,
    /// A list in the terms is longer than the number of values it can hold.
    TooManyItems,
    /// The policy reference is longer than 128 bytes.
    PolicyRefTooLong,
    /// The validity window ends at or before the current block time.
    ExpiryInPast,
    /// The validity window ends at or before its start.
    EmptyWindow,
    /// The grantee already holds an active consent: update or revoke it.
    ConsentAlreadyActive,
    /// The grantee holds no active consent from this patient.
    NoActiveConsent,
    /// The account is already a delegate of the patient.
    DelegateAlreadyAdded,
    /// The account is not a delegate of the patient.
    UnknownDelegate,
    /// The patient already has the most delegates allowed (8).
    TooManyDelegates,
    /// Emergency access is already in the requested state.
    EmergencyAccessUnchanged,
    /// A page size of 0 or over `MAX_PAGE_SIZE`.
    InvalidPageSize,
    /// A counter overflowed.
    Overflow,
    /// The audit trail refused the entry (is this contract an authorised
    /// writer?). Nothing was changed.
    AuditRejected,
    /// The audit trail could not be called. Nothing was changed.
    AuditUnavailable,
    /// A delegate may not grant or update a consent to itself.
    DelegateSelfGrant,
    /// A delegate may not grant a consent that runs past the delegation's end.
    BeyondDelegation,
    /// A delegate may not grant or update a consent to another current
    /// delegate of the same patient (two delegates would grant each other).
    GranteeIsDelegate,
}

/// Result of the consent contract's messages.
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

impl From<interfaces::time::WindowError> for Error {
    fn from(error: interfaces::time::WindowError) -> Self {
        match error {
            interfaces::time::WindowError::EndsInThePast => Error::ExpiryInPast,
            interfaces::time::WindowError::Empty => Error::EmptyWindow,
        }
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
