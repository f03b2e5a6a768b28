//! Events of the insurance contract: one per state change, with topics on
//! the accounts involved so that a patient's wallet, an insurer or an
//! indexer can follow them.

use crate::claim::ClaimStatus;
use crate::plan::PlanStatus;
use crate::policy::PolicyStatus;
use crate::risk::RiskModel;
use interfaces::{AccountId, Balance, Hash};

/// A verified insurer published a plan (`Proposed`), the admin approved it
/// (`Open`), or its insurer paused, reopened or closed it.
#[ink::event]
#[derive(Debug)]
pub struct PlanChanged {
    /// The plan.
    pub plan: u64,
    /// Its insurer.
    #[ink(topic)]
    pub insurer: AccountId,
    /// Its status now.
    pub status: PlanStatus,
}

/// The admin appointed or removed an assessor of a plan, or set its quorum.
#[ink::event]
#[derive(Debug)]
pub struct ReviewPanelChanged {
    /// The plan.
    pub plan: u64,
    /// The assessor appointed or removed (`None`: the quorum changed).
    #[ink(topic)]
    pub assessor: Option<AccountId>,
    /// Whether `assessor` was appointed (`false`: removed).
    pub appointed: bool,
    /// The plan's number of assessors now.
    pub assessors: u16,
    /// Distinct votes that decide a review now.
    pub quorum: u16,
}

/// A patient enrolled: a new policy, its first premium paid.
#[ink::event]
#[derive(Debug)]
pub struct Enrolled {
    /// The new policy.
    pub policy: u64,
    /// Its plan.
    pub plan: u64,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// The plan's insurer.
    #[ink(topic)]
    pub insurer: AccountId,
    /// The first premium.
    pub premium: Balance,
}

/// Premiums were paid on a policy (a period, or the periods due on reinstatement).
#[ink::event]
#[derive(Debug)]
pub struct PremiumPaid {
    /// The policy.
    pub policy: u64,
    /// Who paid.
    #[ink(topic)]
    pub payer: AccountId,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// Periods paid in total now.
    pub paid_periods: u32,
    /// Tokens paid.
    pub amount: Balance,
    /// Whether this payment reinstated a lapsed policy.
    pub reinstated: bool,
}

/// A policy was cancelled by its holder, or its lapse or expiry recorded:
/// its coverage is out of force.
#[ink::event]
#[derive(Debug)]
pub struct PolicyEnded {
    /// The policy.
    pub policy: u64,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// Cancelled, Lapsed or Expired.
    pub status: PolicyStatus,
}

/// Capital entered or left the risk pool.
#[ink::event]
#[derive(Debug)]
pub struct CapitalMoved {
    /// The capital provider.
    #[ink(topic)]
    pub provider: AccountId,
    /// Tokens moved.
    pub amount: Balance,
    /// Shares minted (a deposit) or burned (a withdrawal).
    pub shares: Balance,
    /// Deposited (`true`) or withdrawn.
    pub deposited: bool,
}

/// A claim was submitted.
#[ink::event]
#[derive(Debug)]
pub struct ClaimSubmitted {
    /// The new claim.
    pub claim: u64,
    /// The policy.
    pub policy: u64,
    /// Who submitted it.
    #[ink(topic)]
    pub claimant: AccountId,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// AutoApproved or UnderReview.
    pub status: ClaimStatus,
    /// The fraud reasons found, as a bitmask (see `FraudReason`).
    pub reasons: u32,
    /// The payout reserved.
    pub payout: Balance,
}

/// The risk oracle scored a claim.
#[ink::event]
#[derive(Debug)]
pub struct ClaimScored {
    /// The claim.
    pub claim: u64,
    /// The score (0–10,000).
    pub score: u16,
    /// blake2-256 of the model file.
    pub model: Hash,
    /// The claim's status afterwards.
    pub status: ClaimStatus,
}

/// An assessor voted.
#[ink::event]
#[derive(Debug)]
pub struct VoteCast {
    /// The claim.
    pub claim: u64,
    /// The assessor.
    #[ink(topic)]
    pub assessor: AccountId,
    /// Approve (`true`) or reject.
    pub approve: bool,
    /// The review round.
    pub round: u16,
}

/// A claim's review closed with a decision, or the admin reopened it.
#[ink::event]
#[derive(Debug)]
pub struct ClaimDecided {
    /// The claim.
    pub claim: u64,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// Approved, Rejected, Draw, Unresolved, or UnderReview if reopened.
    pub status: ClaimStatus,
    /// When the cooldown ends (for a reopening: when voting ends).
    pub until: u64,
}

/// A claim was paid.
#[ink::event]
#[derive(Debug)]
pub struct ClaimPaid {
    /// The claim.
    pub claim: u64,
    /// Who received the tokens.
    #[ink(topic)]
    pub payee: AccountId,
    /// The holder.
    #[ink(topic)]
    pub holder: AccountId,
    /// Tokens paid.
    pub amount: Balance,
}

/// The admin changed a setting: the oracle or the solvency ratio.
#[ink::event]
#[derive(Debug)]
pub struct SettingsChanged {
    /// The risk oracle.
    #[ink(topic)]
    pub oracle: Option<AccountId>,
    /// The solvency ratio in basis points.
    pub solvency_ratio_bps: u32,
}

/// The admin set (or, with `None`, removed) the risk model the contract
/// scores every new claim with.
#[ink::event]
#[derive(Debug)]
pub struct RiskModelChanged {
    /// The coefficients, Q16.16.
    pub model: Option<RiskModel>,
    /// blake2-256 of the coefficients' SCALE encoding: the model hash each
    /// score by it carries.
    pub hash: Option<Hash>,
}
