//! Errors of the reward pool.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use interfaces::traits::{PSP22Error, RewardError};

/// Errors of the reward pool's messages.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the admin.
    NotAdmin,
    /// The caller is not the authorised crediter (record access).
    NotCrediter,
    /// An amount of zero.
    ZeroAmount,
    /// A per-access rate of zero.
    ZeroRate,
    /// The sponsor has no deposit, or less left than asked.
    InsufficientDeposit,
    /// The patient has earned less than asked.
    InsufficientEarnings,
    /// An amount overflowed.
    Overflow,
    /// The token refused to move the tokens (for example no allowance, or paused).
    TokenRefused(PSP22Error),
    /// The token could not be called.
    TokenUnavailable,
}

/// Result of the reward pool's messages.
pub type Result<T> = core::result::Result<T, Error>;

impl From<interfaces::AdminError> for Error {
    fn from(_: interfaces::AdminError) -> Self {
        Error::NotAdmin
    }
}

impl From<Error> for RewardError {
    fn from(error: Error) -> Self {
        match error {
            Error::NotCrediter => RewardError::NotCrediter,
            Error::Overflow => RewardError::Overflow,
            _ => RewardError::InsufficientDeposit,
        }
    }
}
