/// Errors of the provider registry.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the admin.
    NotAdmin,
    /// The caller is not an appointed verifier (accreditation authority).
    NotVerifier,
    /// The verifier is not allowed to act on providers of this kind.
    KindNotAllowed,
    /// No provider is registered under this account.
    UnknownProvider,
    /// The account already holds a registration that has not expired.
    AlreadyRegistered,
    /// The provider was revoked; a revoked account cannot apply again.
    ProviderRevoked,
    /// The provider is suspended.
    ProviderSuspended,
    /// The provider is not active.
    NotActive,
    /// The provider is not suspended.
    NotSuspended,
    /// This verifier already attested the provider's current application or renewal.
    AlreadyAttested,
    /// The accreditation has expired: apply again.
    CredentialExpired,
    /// `valid_until` is at or before the current block time.
    ExpiryInPast,
    /// `valid_until` is more than `MAX_ACCREDITATION_MS` after the current block time.
    ValidityTooLong,
    /// A renewal must end later than the current accreditation.
    RenewalNotLater,
    /// A renewal is already waiting for attestations.
    RenewalPending,
    /// The jurisdiction code is longer than `MAX_JURISDICTION_LEN` bytes.
    JurisdictionTooLong,
    /// The profile reference is longer than `MAX_POINTER_LEN` bytes.
    ProfileRefTooLong,
    /// A verifier must be allowed at least one provider kind.
    EmptyKinds,
    /// A list names more values than there are.
    TooManyItems,
    /// The required number of attestations must be 1 to `MAX_REQUIRED_ATTESTATIONS`.
    InvalidRequirement,
    /// The account is not a verifier.
    UnknownVerifier,
    /// A counter overflowed.
    Overflow,
    /// A verifier may not attest its own application or renewal.
    SelfAttestation,
    /// The provider has no pending application (only a pending one can be
    /// withdrawn or attested).
    NotPending,
}

/// Result of the provider registry's messages.
pub type Result<T> = core::result::Result<T, Error>;

impl From<interfaces::AdminError> for Error {
    fn from(_: interfaces::AdminError) -> Self {
        Error::NotAdmin
    }
}
