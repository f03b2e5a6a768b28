//! The reference model of insurance's policies and risk pool: plans and
//! their statuses, enrolment under the solvency rule, premiums, cancellation
//! and ending, and capital in shares of the free capital. Claims are not
//! modelled yet; sequences do not file them.

use ink::primitives::AccountId;
use insurance::error::Error;
use insurance::plan::{PlanStatus, PlanTerms};
use insurance::policy::PolicyStatus;
use interfaces::{CategorySet, DataCategory};
use std::collections::BTreeMap;

type Time = u64;
const DAY: Time = 86_400_000;
const BPS: u128 = 10_000;

/// The fuzzer's insurance runs at a 50 % solvency ratio: free capital must
/// stay at least half the cover outstanding.
pub const SOLVENCY_RATIO_BPS: u32 = 5_000;

/// The plan the sequences enrol in: 100 every 10 days for 3 periods, 800 of
/// cover, 2 days' waiting, 5 days' grace.
pub fn fuzz_plan() -> PlanTerms {
    PlanTerms {
        premium: 100,
        period: 10 * DAY,
        periods: 3,
        coverage_limit: 800,
        deductible: 50,
        copay_bps: 2_000,
        categories: CategorySet::from_slice(&[DataCategory::LabResults]),
        waiting_period: 2 * DAY,
        grace_period: 5 * DAY,
        max_claims_per_period: 3,
        risk_threshold: 7_000,
        voting_period: 2 * DAY,
        cooldown: DAY,
        pay_provider: false,
    }
}

#[derive(Debug, Clone, Copy)]
struct Policy {
    holder: AccountId,
    start: Time,
    paid_periods: u32,
    cancelled: bool,
    in_force: bool,
}

/// Insurance as the model sees it (one plan's terms, [`fuzz_plan`]).
#[derive(Debug, Clone)]
pub struct InsuranceModel {
    terms: PlanTerms,
    /// Each plan's insurer and status, by id from 0.
    plans: Vec<(AccountId, PlanStatus)>,
    policies: Vec<Policy>,
    shares: BTreeMap<AccountId, u128>,
    total_shares: u128,
    /// Capital deposited and withdrawn, premiums received (no payouts or
    /// reserves without claims).
    pub deposited: u128,
    pub withdrawn: u128,
    pub premiums: u128,
    /// Cover of the policies in force.
    pub outstanding: u128,
    /// The solvency ratio (bps).
    pub ratio_bps: u128,
}

impl InsuranceModel {
    /// No plans, no capital; `ratio_bps` solvency.
    pub fn new(ratio_bps: u32) -> Self {
        Self {
            terms: fuzz_plan(),
            plans: Vec::new(),
            policies: Vec::new(),
            shares: BTreeMap::new(),
            total_shares: 0,
            deposited: 0,
            withdrawn: 0,
            premiums: 0,
            outstanding: 0,
            ratio_bps: u128::from(ratio_bps),
        }
    }

    /// Tokens the pool should hold.
    pub fn held(&self) -> u128 {
        self.deposited + self.premiums - self.withdrawn
    }

    /// What is not reserved (everything, without claims).
    pub fn free(&self) -> u128 {
        self.held()
    }

    fn covers(&self, free: u128, outstanding: u128) -> bool {
        free >= outstanding * self.ratio_bps / BPS
    }

    /// `publish_plan` by a verified insurer (`verified`), of [`fuzz_plan`].
    pub fn publish(&mut self, insurer: AccountId, verified: bool) -> Result<u64, Error> {
        if !verified {
            return Err(Error::NotVerifiedInsurer);
        }
        self.plans.push((insurer, PlanStatus::Proposed));
        Ok(self.plans.len() as u64 - 1)
    }

    /// `approve_plan` (the caller is checked as admin by the runner).
    pub fn approve(&mut self, plan: u64) -> Result<(), Error> {
        let (_, status) = self.plans.get_mut(plan as usize).ok_or(Error::UnknownPlan)?;
        if *status != PlanStatus::Proposed {
            return Err(Error::PlanNot { found: *status });
        }
        *status = PlanStatus::Open;
        Ok(())
    }

    /// `set_plan_status` by `caller`.
    pub fn set_plan_status(&mut self, caller: AccountId, plan: u64, to: PlanStatus) -> Result<(), Error> {
        let (insurer, status) = self.plans.get_mut(plan as usize).ok_or(Error::UnknownPlan)?;
        if caller != *insurer {
            return Err(Error::NotPlanInsurer);
        }
        let allowed = match (*status, to) {
            (PlanStatus::Closed, _) => return Err(Error::PlanClosed),
            (_, PlanStatus::Closed) => true,
            (PlanStatus::Open | PlanStatus::Paused, PlanStatus::Open | PlanStatus::Paused) => true,
            _ => false,
        };
        if !allowed {
            return Err(Error::PlanNot { found: *status });
        }
        *status = to;
        Ok(())
    }

    /// The insurer of `plan`.
    pub fn insurer(&self, plan: u64) -> Result<AccountId, Error> {
        self.plans
            .get(plan as usize)
            .map(|(insurer, _)| *insurer)
            .ok_or(Error::UnknownPlan)
    }

    /// `enrol` of `holder` (the insurer `verified` now): the first premium
    /// in, the plan's cover out, refused if free capital would then fall
    /// below the ratio times the cover outstanding. Returns (policy, premium).
    pub fn enrol(&mut self, holder: AccountId, plan: u64, verified: bool, now: Time) -> Result<(u64, u128), Error> {
        let (_, status) = *self.plans.get(plan as usize).ok_or(Error::UnknownPlan)?;
        if status != PlanStatus::Open {
            return Err(Error::PlanNot { found: status });
        }
        if !verified {
            return Err(Error::InsurerNotVerified);
        }
        let (premium, cover) = (self.terms.premium, self.terms.coverage_limit);
        if !self.covers(self.free() + premium, self.outstanding + cover) {
            return Err(Error::WouldBreakSolvency);
        }
        self.premiums += premium;
        self.outstanding += cover;
        self.policies.push(Policy {
            holder,
            start: now,
            paid_periods: 1,
            cancelled: false,
            in_force: true,
        });
        Ok((self.policies.len() as u64 - 1, premium))
    }

    fn status(&self, policy: &Policy, now: Time) -> PolicyStatus {
        let paid_until = policy.start + self.terms.period * Time::from(policy.paid_periods);
        if policy.cancelled {
            PolicyStatus::Cancelled
        } else if now < paid_until {
            PolicyStatus::Active
        } else if policy.paid_periods >= self.terms.periods {
            PolicyStatus::Expired
        } else if now < paid_until + self.terms.grace_period {
            PolicyStatus::InGrace
        } else {
            PolicyStatus::Lapsed
        }
    }

    /// The holder of `policy`, if it exists.
    pub fn holder(&self, policy: u64) -> Result<AccountId, Error> {
        self.policies
            .get(policy as usize)
            .map(|p| p.holder)
            .ok_or(Error::UnknownPolicy)
    }

    /// `pay_premium` by anyone. Returns (holder, periods now paid, premium).
    pub fn pay_premium(&mut self, policy: u64, now: Time) -> Result<(AccountId, u32, u128), Error> {
        let p = *self.policies.get(policy as usize).ok_or(Error::UnknownPolicy)?;
        let found = self.status(&p, now);
        if !matches!(found, PolicyStatus::Active | PolicyStatus::InGrace) {
            return Err(Error::PolicyNot { found });
        }
        if p.paid_periods >= self.terms.periods {
            return Err(Error::TermFullyPaid);
        }
        self.premiums += self.terms.premium;
        let policy = &mut self.policies[policy as usize];
        policy.paid_periods += 1;
        Ok((policy.holder, policy.paid_periods, self.terms.premium))
    }

    fn take_out_of_force(&mut self, policy: u64) {
        let coverage = self.terms.coverage_limit;
        let p = &mut self.policies[policy as usize];
        if p.in_force {
            p.in_force = false;
            self.outstanding = self.outstanding.saturating_sub(coverage);
        }
    }

    /// `cancel` by the holder, unless cancelled or expired.
    pub fn cancel(&mut self, caller: AccountId, policy: u64, now: Time) -> Result<(), Error> {
        let p = *self.policies.get(policy as usize).ok_or(Error::UnknownPolicy)?;
        if caller != p.holder {
            return Err(Error::NotHolder);
        }
        let found = self.status(&p, now);
        if matches!(found, PolicyStatus::Cancelled | PolicyStatus::Expired) {
            return Err(Error::PolicyNot { found });
        }
        self.policies[policy as usize].cancelled = true;
        self.take_out_of_force(policy);
        Ok(())
    }

    /// `end_policy` by anyone: a lapsed policy past its reinstatement
    /// window, or an expired one, stops counting as cover.
    pub fn end_policy(&mut self, policy: u64, now: Time) -> Result<(), Error> {
        let p = *self.policies.get(policy as usize).ok_or(Error::UnknownPolicy)?;
        let found = self.status(&p, now);
        if !matches!(found, PolicyStatus::Lapsed | PolicyStatus::Expired) {
            return Err(Error::PolicyNot { found });
        }
        let paid_until = p.start + self.terms.period * Time::from(p.paid_periods);
        let window_ends = paid_until + 2 * self.terms.grace_period;
        let term_ends = p.start + self.terms.period * Time::from(self.terms.periods);
        if found == PolicyStatus::Lapsed && now < window_ends && now < term_ends {
            return Err(Error::ReinstatementWindowOpen);
        }
        if !p.in_force {
            return Err(Error::AlreadyEnded);
        }
        self.take_out_of_force(policy);
        Ok(())
    }

    /// `deposit_capital`: shares in proportion to the free capital.
    pub fn deposit_capital(&mut self, provider: AccountId, amount: u128) -> Result<(), Error> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let minted = if self.total_shares == 0 {
            amount
        } else if self.free() == 0 {
            return Err(Error::PoolExhausted);
        } else {
            amount * self.total_shares / self.free()
        };
        if minted == 0 {
            return Err(Error::DepositTooSmall);
        }
        *self.shares.entry(provider).or_default() += minted;
        self.total_shares += minted;
        self.deposited += amount;
        Ok(())
    }

    /// `withdraw_capital`: burns the shares worth `amount` (rounded up),
    /// refused if the rest would not cover the ratio.
    pub fn withdraw_capital(&mut self, provider: AccountId, amount: u128) -> Result<(), Error> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let value = self.free();
        if value == 0 {
            return Err(Error::InsufficientCapital);
        }
        let burned = (amount * self.total_shares).div_ceil(value);
        let mine = self.shares.get(&provider).copied().unwrap_or(0);
        if mine < burned {
            return Err(Error::InsufficientCapital);
        }
        if value < amount || !self.covers(value - amount, self.outstanding) {
            return Err(Error::WouldBreakSolvency);
        }
        self.withdrawn += amount;
        self.total_shares -= burned;
        self.shares.insert(provider, mine - burned);
        Ok(())
    }

    /// What `provider`'s shares are worth.
    pub fn capital_of(&self, provider: AccountId) -> u128 {
        let mine = self.shares.get(&provider).copied().unwrap_or(0);
        if self.total_shares == 0 {
            0
        } else {
            mine * self.free() / self.total_shares
        }
    }

    /// Policies that exist: (id, holder).
    pub fn policies(&self) -> Vec<(u64, AccountId)> {
        self.policies
            .iter()
            .enumerate()
            .map(|(id, p)| (id as u64, p.holder))
            .collect()
    }
}
