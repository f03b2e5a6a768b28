//! Events of the governance contract: one per state change, with topics on
//! the accounts involved.

use crate::proposal::{ProposalState, ProposedCall, Support};
use crate::settings::Settings;
use ink::prelude::vec::Vec;
use interfaces::{AccountId, Balance, Hash, Timestamp};

/// An account locked reward tokens as voting power.
#[ink::event]
#[derive(Debug)]
pub struct Locked {
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// Tokens locked by this call.
    pub amount: Balance,
    /// The account's locked tokens now.
    pub locked: Balance,
}

/// An account unlocked reward tokens (they went back to it).
#[ink::event]
#[derive(Debug)]
pub struct Unlocked {
    /// The account.
    #[ink(topic)]
    pub account: AccountId,
    /// Tokens unlocked by this call.
    pub amount: Balance,
    /// The account's locked tokens now.
    pub locked: Balance,
}

/// A proposal was made.
#[ink::event]
#[derive(Debug)]
pub struct ProposalCreated {
    /// Its id.
    #[ink(topic)]
    pub id: u32,
    /// Who made it.
    #[ink(topic)]
    pub proposer: AccountId,
    /// The calls it makes when executed.
    pub calls: Vec<ProposedCall>,
    /// blake2-256 of its description.
    pub description_hash: Hash,
    /// Voting power is read at the end of this block time.
    pub snapshot: Timestamp,
    /// The last block time of voting.
    pub vote_end: Timestamp,
    /// Its quorum, in basis points of the total locked at the snapshot.
    pub quorum_bps: u32,
}

/// An account voted.
#[ink::event]
#[derive(Debug)]
pub struct VoteCast {
    /// The proposal.
    #[ink(topic)]
    pub id: u32,
    /// The voter.
    #[ink(topic)]
    pub voter: AccountId,
    /// Its choice.
    pub support: Support,
    /// Its locked power at the snapshot.
    pub weight: Balance,
}

/// A succeeded proposal was queued behind the timelock.
#[ink::event]
#[derive(Debug)]
pub struct ProposalQueued {
    /// The proposal.
    #[ink(topic)]
    pub id: u32,
    /// The earliest block time of execution.
    pub eta: Timestamp,
    /// The last block time of execution.
    pub expires: Timestamp,
}

/// A proposal was executed: every call succeeded.
#[ink::event]
#[derive(Debug)]
pub struct ProposalExecuted {
    /// The proposal.
    #[ink(topic)]
    pub id: u32,
    /// Who executed it.
    #[ink(topic)]
    pub by: AccountId,
}

/// A proposal was cancelled.
#[ink::event]
#[derive(Debug)]
pub struct ProposalCanceled {
    /// The proposal.
    #[ink(topic)]
    pub id: u32,
    /// Who cancelled it (its proposer or the guardian).
    #[ink(topic)]
    pub by: AccountId,
    /// The state it was in.
    pub was: ProposalState,
}

/// An executed proposal changed governance's settings.
#[ink::event]
#[derive(Debug)]
pub struct SettingsChanged {
    /// The settings now.
    pub settings: Settings,
}
