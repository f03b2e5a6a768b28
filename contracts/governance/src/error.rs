//! Errors of the governance contract. A refused call stores nothing.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use crate::power::PowerError;
use crate::proposal::ProposalState;
use crate::settings::SettingsError;
use interfaces::traits::PSP22Error;
use interfaces::{Balance, Timestamp};

/// Why one call of an executed proposal failed.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallFault {
    /// The callee answered with its own `Err` (ink! hands a reverted
    /// callee's answer back as an outer `Ok`; governance decodes it).
    Refused,
    /// The callee has no such message or could not decode the input
    /// (a `LangError`).
    NotAMessage,
    /// The call could not be made or the callee trapped (out of gas, a
    /// panic, a value transfer governance cannot pay, an answer that is
    /// not a `Result`).
    Trapped,
}

/// Errors of the governance contract's messages.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// The token refused the transfer (a short allowance or balance).
    Token(PSP22Error),
    /// The token contract could not be called.
    TokenUnavailable,
    /// A lock or unlock was refused, and why.
    Power(PowerError),
    /// Settings out of range, and which.
    Settings(SettingsError),
    /// Only an executed proposal may do this (governance's own settings,
    /// code and admin role).
    OnlyByProposal,
    /// The proposer has less locked power than the proposal threshold in
    /// force (the setting, capped at 10 % of the total locked).
    BelowThreshold {
        /// The proposer's locked power.
        power: Balance,
        /// The threshold in force.
        threshold: Balance,
    },
    /// A proposal must make at least one call.
    NoCalls,
    /// A proposal makes more calls than allowed (`MAX_CALLS`, 8).
    TooManyCalls,
    /// A call's input is longer than allowed (`MAX_INPUT_LEN`, 1,024 bytes).
    InputTooLong {
        /// The call's index in the proposal.
        call: u8,
    },
    /// A call is addressed to an account that is not a contract.
    CalleeNotContract {
        /// The call's index in the proposal.
        call: u8,
    },
    /// A call to governance itself is not one it performs (`set_settings`
    /// or `set_code`), or its input does not decode to valid arguments.
    InvalidSelfCall {
        /// The call's index in the proposal.
        call: u8,
    },
    /// A call would approve a spender of governance's tokens (PSP22
    /// `approve` or `increase_allowance` on the voting token), which hold
    /// every voter's lock.
    ApprovesLockedTokens {
        /// The call's index in the proposal.
        call: u8,
    },
    /// No proposal has this id.
    UnknownProposal,
    /// The proposal does not take this step in its current state.
    ProposalNot {
        /// The state it is in at the current block time.
        found: ProposalState,
    },
    /// The account already voted on this proposal.
    AlreadyVoted,
    /// The account had nothing locked at the proposal's snapshot.
    NoVotingPower,
    /// The proposal's timelock has not passed (it may be executed from the
    /// block time given).
    TimelockRunning {
        /// The earliest block time of execution.
        eta: Timestamp,
    },
    /// Only the proposer (while Pending) or the guardian may cancel.
    NotAllowedToCancel,
    /// The guardian may not cancel a proposal that removes or replaces it.
    GuardianCannotCancelItsRemoval,
    /// After the proposal's calls, governance would hold fewer voting
    /// tokens than voters locked; nothing of the execution persists.
    LockedTokensMoved {
        /// Governance's token balance after the calls.
        balance: Balance,
        /// The total locked.
        locked: Balance,
    },
    /// A call of the executed proposal failed; nothing of the execution
    /// persists and the proposal stays Queued.
    CallFailed {
        /// The failing call's index in the proposal.
        call: u8,
        /// How it failed.
        fault: CallFault,
    },
    /// An amount or a time overflowed.
    Overflow,
}

impl From<PowerError> for Error {
    fn from(error: PowerError) -> Self {
        Error::Power(error)
    }
}

impl From<SettingsError> for Error {
    fn from(error: SettingsError) -> Self {
        Error::Settings(error)
    }
}

/// The result type of governance's messages.
pub type Result<T> = core::result::Result<T, Error>;
