//! Errors of the insurance contract. A refused call stores nothing.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use crate::claim::ClaimStatus;
use crate::plan::{PlanStatus, TermsError};
use crate::policy::PolicyStatus;
use interfaces::traits::PSP22Error;
use interfaces::{AdminError, AppendFailure};

/// Errors of the insurance contract's messages.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// The caller is not the admin, or not the proposed admin.
    Admin(AdminError),
    /// The plan's terms are invalid, and which term.
    Terms(TermsError),
    /// The caller is not a verified insurer.
    NotVerifiedInsurer,
    /// The plan's insurer is no longer verified: no new enrolments.
    InsurerNotVerified,
    /// The caller is not the plan's insurer.
    NotPlanInsurer,
    /// No plan has this id.
    UnknownPlan,
    /// The plan does not take this step in its current status.
    PlanNot {
        /// The status the plan is in.
        found: PlanStatus,
    },
    /// A closed plan cannot be reopened or paused.
    PlanClosed,
    /// No policy has this id.
    UnknownPolicy,
    /// The caller is not the policy's holder.
    NotHolder,
    /// The policy does not take this step in its current status.
    PolicyNot {
        /// The status the policy is in at the current block time.
        found: PolicyStatus,
    },
    /// The lapsed policy may still be reinstated by its holder: its end can
    /// be recorded only after the reinstatement window.
    ReinstatementWindowOpen,
    /// The policy's end was already recorded (its coverage is out of force).
    AlreadyEnded,
    /// Every period of the policy's term is already paid.
    TermFullyPaid,
    /// The lapsed policy is past its reinstatement window (one more grace
    /// period after it lapsed) or its term has ended.
    ReinstatementWindowOver,
    /// A claim in the enrolment block, or before the waiting period ended
    /// (it ends at the block time given).
    WaitingPeriod {
        /// The first block time at which a claim may be made.
        until: u64,
    },
    /// The policy already has a claim that is not final.
    OpenClaimExists {
        /// The open claim.
        claim: u64,
    },
    /// The caller is neither the holder nor a verified care provider.
    NotHolderOrProvider,
    /// The holder has not consented to this provider claiming for them
    /// (consent: the record's category, purpose `Payment`, action `Write`).
    NoBillingConsent,
    /// The cited record was added before the policy's cover began
    /// (enrolment or reinstatement plus the waiting period).
    RecordBeforeCover,
    /// The cited record is already cited by a claim that is open or paid.
    RecordAlreadyClaimed {
        /// That claim.
        claim: u64,
    },
    /// The claim would pay nothing (the co-pay rounds it to zero).
    NothingPayable,
    /// No record has this id at record access.
    UnknownRecord,
    /// The cited record is not the policy holder's.
    RecordNotHolders,
    /// The plan does not cover the record's data category.
    CategoryNotCovered,
    /// The claimed amount is not above the plan's deductible: nothing is payable.
    BelowDeductible,
    /// The claimed amount minus the deductible exceeds the plan's coverage limit per year.
    ExceedsCoverageLimit,
    /// The policy's coverage for this policy year is used up.
    CoverageExhausted,
    /// The field proof the claim carries does not prove the leaf against the record's root.
    FieldProofInvalid,
    /// No claim has this id.
    UnknownClaim,
    /// The claim does not take this step in its current status.
    ClaimNot {
        /// The status the claim is in.
        found: ClaimStatus,
    },
    /// The caller is not the appointed risk oracle.
    NotOracle,
    /// A risk score above 10,000.
    ScoreOutOfRange,
    /// The claim already has a risk score.
    AlreadyScored,
    /// The claim's cooldown runs until the block time given: no payout yet.
    CooldownRunning {
        /// When the cooldown ends.
        ends: u64,
    },
    /// The claim's cooldown ended at the block time given: its decision is final.
    CooldownOver {
        /// When the cooldown ended.
        ended: u64,
    },
    /// The caller is not an assessor of the claim's plan.
    NotAssessor,
    /// The assessor is the claimant, the holder, the insurer or the record's
    /// author of this claim.
    ConflictOfInterest,
    /// The assessor already voted in this round.
    AlreadyVoted,
    /// The voting period ended at the block time given.
    VotingClosed {
        /// When voting ended.
        ended: u64,
    },
    /// The voting period is still running until the block time given.
    VotingOpen {
        /// When voting ends.
        ends: u64,
    },
    /// The account is already an assessor of this plan.
    AlreadyAssessor,
    /// A plan has at most `MAX_ASSESSORS` (64) assessors.
    TooManyAssessors,
    /// A quorum of zero, or above the plan's number of assessors.
    InvalidQuorum,
    /// A solvency ratio of zero.
    InvalidSolvencyRatio,
    /// An amount of zero.
    ZeroAmount,
    /// The capital provider has less capital in the pool than asked.
    InsufficientCapital,
    /// Free capital is used up while shares remain: no new shares can be priced.
    PoolExhausted,
    /// The deposit is worth less than one share (a first deposit: not more
    /// than the 1,000 shares it locks with the pool).
    DepositTooSmall,
    /// The deposit would mint fewer shares than the `min_shares` agreed to.
    TooFewShares,
    /// The withdrawal would burn more shares than the `max_shares_burned`
    /// agreed to.
    TooManySharesBurned,
    /// The withdrawal would burn no share: no provider owns those tokens.
    WithdrawalBurnsNoShare,
    /// Free capital would fall below the solvency ratio times outstanding coverage.
    WouldBreakSolvency,
    /// Free capital is less than the claim's payout, which must be reserved.
    PoolShort,
    /// An amount or counter overflowed.
    Overflow,
    /// A page size of 0 or over `MAX_PAGE_SIZE`.
    InvalidPageSize,
    /// The provider registry could not be called. Nothing was changed.
    RegistryUnavailable,
    /// The consent contract could not be called. Nothing was changed.
    ConsentUnavailable,
    /// Record access could not be called. Nothing was changed.
    RecordsUnavailable,
    /// The audit trail refused or could not take the entry. Nothing was changed.
    Audit(AppendFailureCode),
    /// The token refused to move the tokens (for example no allowance). Nothing was changed.
    TokenRefused(PSP22Error),
    /// The token could not be called. Nothing was changed.
    TokenUnavailable,
    /// The extension code that runs this message (`insurance_extension`)
    /// trapped. Nothing was changed.
    ExtensionTrapped,
    /// The extension's code is only delegate-called by insurance: it cannot
    /// be instantiated as a contract of its own.
    ExtensionIsNotAContract,
}

/// [`AppendFailure`] as it travels in an error (SCALE-encodable).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AppendFailureCode {
    /// The audit trail refused the entry (is insurance an authorised writer?).
    Rejected,
    /// The audit trail could not be called.
    Unavailable,
}

/// Result of the insurance contract's messages.
pub type Result<T> = core::result::Result<T, Error>;

impl From<AdminError> for Error {
    fn from(error: AdminError) -> Self {
        Error::Admin(error)
    }
}

impl From<TermsError> for Error {
    fn from(error: TermsError) -> Self {
        Error::Terms(error)
    }
}

impl From<AppendFailure> for Error {
    fn from(failure: AppendFailure) -> Self {
        Error::Audit(match failure {
            AppendFailure::Rejected => AppendFailureCode::Rejected,
            AppendFailure::Unavailable => AppendFailureCode::Unavailable,
        })
    }
}

impl From<interfaces::PageError> for Error {
    fn from(_: interfaces::PageError) -> Self {
        Error::InvalidPageSize
    }
}
