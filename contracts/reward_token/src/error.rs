//! Errors of the token's own messages; the PSP22 messages return the
//! standard's `PSP22Error`.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use psp22::PSP22Error;

/// Errors of the token's role and pause messages.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the admin.
    NotAdmin,
    /// The caller does not hold the minter role.
    NotMinter,
    /// The account already holds the minter role.
    MinterAlreadyGranted,
    /// The account does not hold the minter role.
    UnknownMinter,
    /// The token is already in the requested pause state.
    PauseUnchanged,
    /// The token refused the operation (for example `Custom("Paused")`).
    Token(PSP22Error),
}

/// Result of the token's own messages.
pub type Result<T> = core::result::Result<T, Error>;

impl From<interfaces::AdminError> for Error {
    fn from(_: interfaces::AdminError) -> Self {
        Error::NotAdmin
    }
}

impl From<PSP22Error> for Error {
    fn from(error: PSP22Error) -> Self {
        Error::Token(error)
    }
}
