//! Why a key directory message was refused.

use interfaces::AdminError;

/// Errors of the key directory's messages.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the admin.
    NotAdmin,
    /// The caller is not the proposed admin, or no transfer is pending.
    NotPendingAdmin,
    /// No code with this hash is uploaded to the chain.
    CodeNotFound,
    /// The suite is not one this directory knows (1 = X25519, 2 = X-Wing).
    UnknownSuite {
        /// The suite id given.
        suite: u8,
    },
    /// The key's length is not its suite's.
    WrongKeyLength {
        /// The suite id given.
        suite: u8,
        /// The suite's public key length in bytes.
        expected: u32,
        /// The length given.
        found: u32,
    },
    /// The key's X25519 part is all zeros (no shared secret can come of it).
    ZeroX25519Key,
    /// The key's ML-KEM-768 part has a coefficient not below the modulus
    /// 3,329 (FIPS 203's encapsulation key check), at this position.
    MlKemCoefficientOutOfRange {
        /// Index of the first offending 12-bit coefficient (0 to 767).
        index: u32,
    },
    /// The key is the account's current key already.
    KeyUnchanged,
    /// The account has published `MAX_VERSIONS` keys; no more are taken.
    TooManyVersions,
    /// A version number of 0: versions count from 1.
    NoSuchVersion,
}

impl From<AdminError> for Error {
    fn from(error: AdminError) -> Self {
        match error {
            AdminError::NotAdmin => Error::NotAdmin,
            AdminError::NotPendingAdmin => Error::NotPendingAdmin,
            AdminError::CodeNotFound => Error::CodeNotFound,
        }
    }
}

/// A key directory result.
pub type Result<T> = core::result::Result<T, Error>;
