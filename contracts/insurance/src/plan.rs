//! Plans: the terms an insurer publishes. Terms never change under a policy;
//! a new version of a plan is a new plan.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use interfaces::{AccountId, Balance, CategorySet, Timestamp};

/// Basis points in one whole (100 %).
pub const BPS: u16 = 10_000;

/// One day in the block clock's unit (milliseconds on a node).
const DAY: Timestamp = 24 * 60 * 60 * 1_000;
/// Longest waiting period: a year.
pub const MAX_WAITING_PERIOD: Timestamp = 365 * DAY;
/// Longest grace period: 90 days.
pub const MAX_GRACE_PERIOD: Timestamp = 90 * DAY;
/// Longest review voting period: 30 days (a claim's payout stays reserved
/// while it runs).
pub const MAX_VOTING_PERIOD: Timestamp = 30 * DAY;
/// Longest cooldown: 30 days (payout waits for it).
pub const MAX_COOLDOWN: Timestamp = 30 * DAY;

/// The terms of a plan, fixed when it is published. Times are in the block
/// clock's unit (milliseconds on a node).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanTerms {
    /// Tokens due per period.
    pub premium: Balance,
    /// Length of one premium period.
    pub period: Timestamp,
    /// Number of periods in a policy's term.
    pub periods: u32,
    /// Most the plan pays per policy and policy year (365 days from enrolment).
    pub coverage_limit: Balance,
    /// Taken off every claim before anything is paid.
    pub deductible: Balance,
    /// The holder's share of every covered amount, in basis points (0–10,000).
    pub copay_bps: u16,
    /// The data categories whose records a claim may cite.
    pub categories: CategorySet,
    /// Time after enrolment (or reinstatement) before a claim may be made.
    pub waiting_period: Timestamp,
    /// Time after a missed premium during which the policy is in grace
    /// (premium still payable, claims refused until it is paid) before it
    /// lapses.
    pub grace_period: Timestamp,
    /// Claims per policy and period beyond which a claim goes to review.
    pub max_claims_per_period: u16,
    /// Risk scores (0–10,000) above this send a claim to review.
    pub risk_threshold: u16,
    /// How long assessors may vote on a claim under review.
    pub voting_period: Timestamp,
    /// Time after a decision (or an auto-approval) in which the admin may
    /// reopen the review and the oracle may still score; payout follows it
    /// (never zero, so every claim can be scored and reopened).
    pub cooldown: Timestamp,
    /// Pay a claim a provider submitted to that provider rather than the holder.
    pub pay_provider: bool,
}

/// Which term of a plan is invalid.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermsError {
    /// A premium of zero.
    ZeroPremium,
    /// A period of zero length.
    ZeroPeriod,
    /// A term of zero periods.
    ZeroPeriods,
    /// The term (period × periods) overflows the clock.
    TermTooLong,
    /// A coverage limit of zero.
    ZeroCoverage,
    /// A co-pay above 10,000 basis points.
    CopayTooHigh,
    /// No covered category.
    NoCategories,
    /// A risk threshold above 10,000.
    RiskThresholdTooHigh,
    /// A voting period of zero length.
    ZeroVotingPeriod,
    /// A cooldown of zero length.
    ZeroCooldown,
    /// A waiting period longer than `MAX_WAITING_PERIOD` (a year).
    WaitingPeriodTooLong,
    /// A grace period longer than `MAX_GRACE_PERIOD` (90 days).
    GracePeriodTooLong,
    /// A voting period longer than `MAX_VOTING_PERIOD` (30 days).
    VotingPeriodTooLong,
    /// A cooldown longer than `MAX_COOLDOWN` (30 days).
    CooldownTooLong,
}

impl PlanTerms {
    /// The terms, if every one of them is valid.
    pub fn validated(self) -> Result<Self, TermsError> {
        let checks = [
            (self.premium == 0, TermsError::ZeroPremium),
            (self.period == 0, TermsError::ZeroPeriod),
            (self.periods == 0, TermsError::ZeroPeriods),
            (self.term().is_none(), TermsError::TermTooLong),
            (self.coverage_limit == 0, TermsError::ZeroCoverage),
            (self.copay_bps > BPS, TermsError::CopayTooHigh),
            (self.categories.is_empty(), TermsError::NoCategories),
            (self.risk_threshold > BPS, TermsError::RiskThresholdTooHigh),
            (self.voting_period == 0, TermsError::ZeroVotingPeriod),
            (self.cooldown == 0, TermsError::ZeroCooldown),
            (
                self.waiting_period > MAX_WAITING_PERIOD,
                TermsError::WaitingPeriodTooLong,
            ),
            (self.grace_period > MAX_GRACE_PERIOD, TermsError::GracePeriodTooLong),
            (self.voting_period > MAX_VOTING_PERIOD, TermsError::VotingPeriodTooLong),
            (self.cooldown > MAX_COOLDOWN, TermsError::CooldownTooLong),
        ];
        match checks.iter().find(|(failed, _)| *failed) {
            Some((_, error)) => Err(*error),
            None => Ok(self),
        }
    }

    /// Length of the whole term, if it fits the clock.
    pub fn term(&self) -> Option<Timestamp> {
        self.period.checked_mul(Timestamp::from(self.periods))
    }

    /// What the plan pays on a claim of `amount` when `remaining` coverage is
    /// left this policy year: `min(amount − deductible, remaining) × (1 − co-pay)`,
    /// rounded down.
    pub fn payout(&self, amount: Balance, remaining: Balance) -> Balance {
        let covered = amount.saturating_sub(self.deductible).min(remaining);
        let holder_share_bps = Balance::from(BPS.saturating_sub(self.copay_bps));
        covered
            .saturating_mul(holder_share_bps)
            .checked_div(Balance::from(BPS))
            .unwrap_or(0)
    }
}

/// Whether a plan takes new enrolments. Every plan draws on the one risk
/// pool, so a published plan waits for the admin's (later governance's)
/// approval before it opens.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    /// Published, awaiting the admin's approval: no enrolments yet.
    Proposed,
    /// Takes new enrolments.
    Open,
    /// Takes no new enrolments for now; existing policies run on.
    Paused,
    /// Takes no new enrolments ever again; existing policies run on.
    Closed,
}

/// A published plan.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// The verified insurer that published it.
    pub insurer: AccountId,
    /// Its terms.
    pub terms: PlanTerms,
    /// Whether it takes enrolments.
    pub status: PlanStatus,
    /// How many assessors the admin appointed for its claims.
    pub assessors: u16,
    /// Distinct votes needed for a review to decide.
    pub quorum: u16,
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;
    use interfaces::DataCategory;

    /// A plan of 12 periods of 1,000 time units at 100 tokens each, covering
    /// lab results and procedures up to 5,000 a year, deductible 50, co-pay 20 %.
    pub fn terms() -> PlanTerms {
        PlanTerms {
            premium: 100,
            period: 1_000,
            periods: 12,
            coverage_limit: 5_000,
            deductible: 50,
            copay_bps: 2_000,
            categories: CategorySet::from_slice(&[DataCategory::LabResults, DataCategory::Procedures]),
            waiting_period: 500,
            grace_period: 300,
            max_claims_per_period: 2,
            risk_threshold: 7_000,
            voting_period: 400,
            cooldown: 200,
            pay_provider: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::terms;
    use super::*;

    #[test]
    fn every_invalid_term_is_named() {
        type Spoil = fn(&mut PlanTerms);
        let cases: [(Spoil, TermsError); 14] = [
            (|t| t.premium = 0, TermsError::ZeroPremium),
            (|t| t.period = 0, TermsError::ZeroPeriod),
            (|t| t.periods = 0, TermsError::ZeroPeriods),
            (|t| t.period = u64::MAX, TermsError::TermTooLong),
            (|t| t.coverage_limit = 0, TermsError::ZeroCoverage),
            (|t| t.copay_bps = BPS + 1, TermsError::CopayTooHigh),
            (|t| t.categories = CategorySet::empty(), TermsError::NoCategories),
            (|t| t.risk_threshold = BPS + 1, TermsError::RiskThresholdTooHigh),
            (|t| t.voting_period = 0, TermsError::ZeroVotingPeriod),
            (|t| t.cooldown = 0, TermsError::ZeroCooldown),
            (
                |t| t.waiting_period = MAX_WAITING_PERIOD + 1,
                TermsError::WaitingPeriodTooLong,
            ),
            (
                |t| t.grace_period = MAX_GRACE_PERIOD + 1,
                TermsError::GracePeriodTooLong,
            ),
            (
                |t| t.voting_period = MAX_VOTING_PERIOD + 1,
                TermsError::VotingPeriodTooLong,
            ),
            (|t| t.cooldown = MAX_COOLDOWN + 1, TermsError::CooldownTooLong),
        ];
        for (spoil, expected) in cases {
            let mut spoiled = terms();
            spoil(&mut spoiled);
            assert_eq!(spoiled.validated(), Err(expected));
        }
        assert_eq!(terms().validated(), Ok(terms()));
        let mut longest = terms();
        longest.waiting_period = MAX_WAITING_PERIOD;
        longest.grace_period = MAX_GRACE_PERIOD;
        longest.voting_period = MAX_VOTING_PERIOD;
        longest.cooldown = MAX_COOLDOWN;
        assert_eq!(longest.validated(), Ok(longest), "each bound is inclusive");
    }

    #[test]
    fn the_payout_takes_the_deductible_caps_at_remaining_coverage_and_leaves_the_copay() {
        let plan = terms();
        // (1,050 − 50) × 80 % = 800
        assert_eq!(plan.payout(1_050, 5_000), 800);
        // capped: min(1,000, 600) × 80 % = 480
        assert_eq!(plan.payout(1_050, 600), 480);
        // nothing above the deductible
        assert_eq!(plan.payout(50, 5_000), 0);
        // rounding down: 1 × 80 % = 0.8 → 0
        assert_eq!(plan.payout(51, 5_000), 0);
    }
}
