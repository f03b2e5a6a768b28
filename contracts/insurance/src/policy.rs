//! Policies and their state machine, computed from block time:
//!
//! | status    | when                                                        |
//! |-----------|-------------------------------------------------------------|
//! | Active    | before the end of the last period paid                      |
//! | InGrace   | a premium is overdue, for up to the plan's grace period     |
//! | Lapsed    | the grace period passed without payment                     |
//! | Expired   | every period of the term paid, and the term over            |
//! | Cancelled | the holder cancelled                                        |
//!
//! A policy is active from its enrolment block (the first premium is paid on
//! enrolment), so activation always precedes expiry.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use crate::plan::PlanTerms;
use interfaces::{AccountId, Balance, Timestamp};

/// A policy year: 365 days of milliseconds (coverage limits reset yearly).
pub const POLICY_YEAR: Timestamp = 365 * 24 * 60 * 60 * 1_000;

/// Where a policy stands at a given block time.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyStatus {
    /// Premiums paid up to now: claims allowed after the waiting period.
    Active,
    /// A premium is overdue but the grace period runs: the premium is still
    /// payable; a claim waits until it is paid.
    InGrace,
    /// The grace period passed without payment: no claims; reinstatable for
    /// one more grace period (see `reinstate`).
    Lapsed,
    /// The whole term was paid and has ended.
    Expired,
    /// The holder cancelled it.
    Cancelled,
}

/// A patient's policy under a plan.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// The plan whose terms apply.
    pub plan: u64,
    /// The insured patient.
    pub holder: AccountId,
    /// Block time of enrolment: period `n` runs from `start + n × period`.
    pub start: Timestamp,
    /// How many periods are paid (the first on enrolment).
    pub paid_periods: u32,
    /// First block time at which a claim may be made (enrolment or
    /// reinstatement plus the waiting period, and never the enrolment block).
    pub claims_from: Timestamp,
    /// The holder cancelled it.
    pub cancelled: bool,
    /// Its coverage counts in the pool's outstanding coverage (until it is
    /// cancelled or its end is recorded with `end_policy`).
    pub in_force: bool,
    /// The policy year `coverage_used` belongs to.
    pub coverage_year: u32,
    /// Paid out in that policy year.
    pub coverage_used: Balance,
    /// The period `claims_in_period` belongs to.
    pub claim_period: u32,
    /// Claims submitted in that period.
    pub claims_in_period: u16,
    /// The latest claim, which may still be open (one open claim per policy).
    pub last_claim: Option<u64>,
    /// How many claims were submitted on it.
    pub claims: u32,
}

impl Policy {
    /// A policy enrolled at `now` with the first period paid.
    pub fn enrolled(plan: u64, holder: AccountId, terms: &PlanTerms, now: Timestamp) -> Self {
        Self {
            plan,
            holder,
            start: now,
            paid_periods: 1,
            claims_from: claims_from(now, terms),
            cancelled: false,
            in_force: true,
            coverage_year: 0,
            coverage_used: 0,
            claim_period: 0,
            claims_in_period: 0,
            last_claim: None,
            claims: 0,
        }
    }

    /// Its status at `now` under `terms`.
    pub fn status(&self, terms: &PlanTerms, now: Timestamp) -> PolicyStatus {
        if self.cancelled {
            return PolicyStatus::Cancelled;
        }
        let paid_until = self.paid_until(terms);
        if now < paid_until {
            PolicyStatus::Active
        } else if self.paid_periods >= terms.periods {
            PolicyStatus::Expired
        } else if now < paid_until.saturating_add(terms.grace_period) {
            PolicyStatus::InGrace
        } else {
            PolicyStatus::Lapsed
        }
    }

    /// End of the last period paid.
    pub fn paid_until(&self, terms: &PlanTerms) -> Timestamp {
        self.start
            .saturating_add(terms.period.saturating_mul(Timestamp::from(self.paid_periods)))
    }

    /// The period `now` falls in (0 for the enrolment period).
    pub fn period_at(&self, terms: &PlanTerms, now: Timestamp) -> u32 {
        let elapsed = now.saturating_sub(self.start);
        u32::try_from(elapsed.checked_div(terms.period).unwrap_or(0)).unwrap_or(u32::MAX)
    }

    /// The policy year `now` falls in (0 for the first).
    pub fn year_at(&self, now: Timestamp) -> u32 {
        u32::try_from(now.saturating_sub(self.start) / POLICY_YEAR).unwrap_or(u32::MAX)
    }

    /// Coverage left in the policy year `now` falls in.
    pub fn remaining_coverage(&self, terms: &PlanTerms, now: Timestamp) -> Balance {
        if self.year_at(now) == self.coverage_year {
            terms.coverage_limit.saturating_sub(self.coverage_used)
        } else {
            terms.coverage_limit
        }
    }

    /// Counts `paid` against the coverage of the policy year `now` falls in.
    pub fn use_coverage(&mut self, now: Timestamp, paid: Balance) {
        let year = self.year_at(now);
        if year != self.coverage_year {
            self.coverage_year = year;
            self.coverage_used = 0;
        }
        self.coverage_used = self.coverage_used.saturating_add(paid);
    }

    /// Counts a claim in the period `now` falls in; returns the claims of that
    /// period including this one.
    pub fn count_claim(&mut self, terms: &PlanTerms, now: Timestamp) -> u16 {
        let period = self.period_at(terms, now);
        if period != self.claim_period {
            self.claim_period = period;
            self.claims_in_period = 0;
        }
        self.claims_in_period = self.claims_in_period.saturating_add(1);
        self.claims = self.claims.saturating_add(1);
        self.claims_in_period
    }

    /// How many periods a reinstatement at `now` must pay: every unpaid period
    /// up to and including the one `now` falls in. `None` when the policy may
    /// not be reinstated at `now`: only within one more grace period after it
    /// lapsed, and before its term ends.
    pub fn periods_to_reinstate(&self, terms: &PlanTerms, now: Timestamp) -> Option<u32> {
        let lapsed_at = self.paid_until(terms).saturating_add(terms.grace_period);
        let window_ends = lapsed_at.saturating_add(terms.grace_period);
        let term_ends = self.start.saturating_add(terms.term()?);
        if now >= window_ends || now >= term_ends {
            return None;
        }
        let through = self.period_at(terms, now).saturating_add(1);
        Some(through.saturating_sub(self.paid_periods).max(1))
    }
}

/// The first block time at which a policy enrolled or reinstated at `now`
/// may claim: after the waiting period, and never in that same block.
pub fn claims_from(now: Timestamp, terms: &PlanTerms) -> Timestamp {
    now.saturating_add(terms.waiting_period.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fixtures::terms;

    fn holder() -> AccountId {
        AccountId::from([7; 32])
    }

    #[test]
    fn a_policy_runs_active_then_grace_then_lapses_when_a_premium_is_missed() {
        // given a policy enrolled at 10,000 with one period (1,000) paid, grace 300
        let plan = terms();
        let policy = Policy::enrolled(0, holder(), &plan, 10_000);
        // then
        assert_eq!(
            policy.status(&plan, 10_000),
            PolicyStatus::Active,
            "active in the enrolment block"
        );
        assert_eq!(policy.status(&plan, 10_999), PolicyStatus::Active);
        assert_eq!(policy.status(&plan, 11_000), PolicyStatus::InGrace);
        assert_eq!(policy.status(&plan, 11_299), PolicyStatus::InGrace);
        assert_eq!(policy.status(&plan, 11_300), PolicyStatus::Lapsed);
    }

    #[test]
    fn a_fully_paid_policy_expires_at_the_end_of_its_term_and_a_cancelled_one_stays_cancelled() {
        let plan = terms();
        let mut policy = Policy::enrolled(0, holder(), &plan, 0);
        policy.paid_periods = plan.periods;
        assert_eq!(policy.status(&plan, 11_999), PolicyStatus::Active);
        assert_eq!(policy.status(&plan, 12_000), PolicyStatus::Expired);
        policy.cancelled = true;
        assert_eq!(policy.status(&plan, 5), PolicyStatus::Cancelled);
    }

    #[test]
    fn claims_wait_for_the_waiting_period_and_never_fall_in_the_enrolment_block() {
        let mut plan = terms();
        assert_eq!(Policy::enrolled(0, holder(), &plan, 100).claims_from, 600);
        plan.waiting_period = 0;
        assert_eq!(Policy::enrolled(0, holder(), &plan, 100).claims_from, 101);
    }

    #[test]
    fn coverage_resets_each_policy_year_and_claims_are_counted_per_period() {
        let plan = terms();
        let mut policy = Policy::enrolled(0, holder(), &plan, 0);
        policy.use_coverage(10, 4_000);
        assert_eq!(policy.remaining_coverage(&plan, 20), 1_000);
        assert_eq!(
            policy.remaining_coverage(&plan, POLICY_YEAR),
            5_000,
            "a new policy year"
        );
        policy.use_coverage(POLICY_YEAR + 1, 300);
        assert_eq!(policy.remaining_coverage(&plan, POLICY_YEAR + 2), 4_700);
        assert_eq!(policy.count_claim(&plan, 10), 1);
        assert_eq!(policy.count_claim(&plan, 999), 2);
        assert_eq!(policy.count_claim(&plan, 1_000), 1, "a new period");
        assert_eq!(policy.claims, 3);
    }

    #[test]
    fn a_lapsed_policy_is_reinstated_within_one_more_grace_period_by_paying_what_is_due() {
        // given a policy enrolled at 0, one period paid: grace 1,000..1,300, lapsed from 1,300
        let plan = terms();
        let policy = Policy::enrolled(0, holder(), &plan, 0);
        // then at 1,400 (period 1) one period is due; at 2,100 (period 2) two
        assert_eq!(policy.periods_to_reinstate(&plan, 1_400), Some(1));
        assert_eq!(policy.periods_to_reinstate(&plan, 1_599), Some(1));
        // and from 1,600 the window is over
        assert_eq!(policy.periods_to_reinstate(&plan, 1_600), None);
        let mut late = terms();
        late.grace_period = 1_000;
        assert_eq!(policy.periods_to_reinstate(&late, 2_100), Some(2));
        // and never past the term's end
        let mut short = terms();
        short.periods = 2;
        short.grace_period = 5_000;
        assert_eq!(policy.periods_to_reinstate(&short, 2_000), None);
    }
}
