//! The reference model of insurance's policies, claims and risk pool: plans
//! and their statuses and review panels, enrolment under the solvency rule,
//! premiums, cancellation and ending, capital in shares of the free capital,
//! and claims with their fraud reasons, risk scores, reviews, reopenings
//! and payouts.
//!
//! Claims are kept as the contract's own `Claim` type (the vocabulary, so
//! the runner compares each one whole) but every field is computed here from
//! the rules as the docs state them: reservations and payouts are sums over
//! the claims, a period's claims and a year's coverage are counted from the
//! claims, not kept as counters.

use ink::primitives::{AccountId, Hash};
use insurance::claim::{Claim, ClaimStatus, FraudReason, FraudReasons, Review, RiskScore};
use insurance::error::Error;
use insurance::plan::{PlanStatus, PlanTerms};
use insurance::policy::PolicyStatus;
use interfaces::{CategorySet, DataCategory, ProviderKind};
use std::collections::{BTreeMap, BTreeSet};

type Time = u64;
const DAY: Time = 86_400_000;
const YEAR: Time = 365 * DAY;
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
    plan: u64,
    holder: AccountId,
    start: Time,
    paid_periods: u32,
    cancelled: bool,
    in_force: bool,
}

#[derive(Debug, Clone)]
struct Plan {
    insurer: AccountId,
    status: PlanStatus,
    assessors: BTreeSet<AccountId>,
    quorum: u16,
}

/// What the rest of the suite says of a claim's record and the people in
/// it, read from the model's own consent, registry and records.
#[derive(Debug, Clone, Copy)]
pub struct Cited {
    /// The record's (patient, author, category, created at), if it exists.
    pub record: Option<(AccountId, AccountId, DataCategory, Time)>,
    /// The kind the claimant is verified as now.
    pub claimant_kind: Option<ProviderKind>,
    /// The holder lets the claimant write the record's category for payment.
    pub billing_consent: bool,
    /// The kind the record's author is verified as now.
    pub author_kind: Option<ProviderKind>,
    /// The holder lets the insurer read the record's category for payment.
    pub payment_consent: bool,
}

/// Those who give care: their records support claims and they may claim.
fn gives_care(kind: Option<ProviderKind>) -> bool {
    matches!(
        kind,
        Some(
            ProviderKind::Physician
                | ProviderKind::Hospital
                | ProviderKind::Laboratory
                | ProviderKind::Pharmacy
                | ProviderKind::EmergencyService
        )
    )
}

/// The model file every risk score names.
pub fn risk_model() -> Hash {
    Hash::from([0x5C; 32])
}

/// Whether `claim` can still change: not paid, and not refused with its
/// cooldown over (a policy takes one open claim at a time).
fn is_open(claim: &Claim, now: Time) -> bool {
    match claim.status {
        ClaimStatus::Paid => false,
        ClaimStatus::Rejected | ClaimStatus::Draw | ClaimStatus::Unresolved => now < claim.cooldown_ends,
        ClaimStatus::AutoApproved | ClaimStatus::UnderReview | ClaimStatus::Approved => true,
    }
}

/// What a policy reads as on chain, as the model predicts it: (plan, holder,
/// start, periods paid, claims from, cancelled, in force, coverage used,
/// claims, last claim, status).
pub type PolicyFacts = (
    u64,
    AccountId,
    Time,
    u32,
    Time,
    bool,
    bool,
    u128,
    u32,
    Option<u64>,
    PolicyStatus,
);

/// Insurance as the model sees it (one plan's terms, [`fuzz_plan`]).
#[derive(Debug, Clone)]
pub struct InsuranceModel {
    terms: PlanTerms,
    /// Each plan by id from 0.
    plans: Vec<Plan>,
    policies: Vec<Policy>,
    /// Every claim, by id from 0.
    claims: Vec<Claim>,
    /// Who voted on each (claim, round).
    voters: BTreeMap<(u64, u16), BTreeSet<AccountId>>,
    shares: BTreeMap<AccountId, u128>,
    total_shares: u128,
    /// Shares no provider owns (locked by the first deposit).
    pub locked_shares: u128,
    /// Capital deposited and withdrawn, premiums received.
    pub deposited: u128,
    pub withdrawn: u128,
    pub premiums: u128,
    /// Cover of the policies in force.
    pub outstanding: u128,
    /// The solvency ratio (bps).
    pub ratio_bps: u128,
    /// The risk oracle.
    pub oracle: AccountId,
}

impl InsuranceModel {
    /// No plans, no capital; `ratio_bps` solvency; `oracle` scores claims.
    pub fn new(ratio_bps: u32, oracle: AccountId) -> Self {
        Self {
            terms: fuzz_plan(),
            plans: Vec::new(),
            policies: Vec::new(),
            claims: Vec::new(),
            voters: BTreeMap::new(),
            shares: BTreeMap::new(),
            total_shares: 0,
            locked_shares: 0,
            deposited: 0,
            withdrawn: 0,
            premiums: 0,
            outstanding: 0,
            ratio_bps: u128::from(ratio_bps),
            oracle,
        }
    }

    /// Tokens the pool should hold: what came in less what went out.
    pub fn held(&self) -> u128 {
        self.deposited + self.premiums - self.withdrawn - self.payouts()
    }

    /// What the claims that may still be paid hold back: those auto-approved,
    /// under review or approved.
    pub fn reserved(&self) -> u128 {
        self.claims
            .iter()
            .filter(|c| {
                matches!(
                    c.status,
                    ClaimStatus::AutoApproved | ClaimStatus::UnderReview | ClaimStatus::Approved
                )
            })
            .map(|c| c.payout)
            .sum()
    }

    /// What the paid claims took out.
    pub fn payouts(&self) -> u128 {
        self.claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Paid)
            .map(|c| c.payout)
            .sum()
    }

    /// What is not reserved.
    pub fn free(&self) -> u128 {
        self.held() - self.reserved()
    }

    fn covers(&self, free: u128, outstanding: u128) -> bool {
        free >= outstanding * self.ratio_bps / BPS
    }

    /// `publish_plan` by a verified insurer (`verified`), of [`fuzz_plan`].
    pub fn publish(&mut self, insurer: AccountId, verified: bool) -> Result<u64, Error> {
        if !verified {
            return Err(Error::NotVerifiedInsurer);
        }
        self.plans.push(Plan {
            insurer,
            status: PlanStatus::Proposed,
            assessors: BTreeSet::new(),
            quorum: 1,
        });
        Ok(self.plans.len() as u64 - 1)
    }

    /// `approve_plan` (the caller is checked as admin by the runner).
    pub fn approve(&mut self, plan: u64) -> Result<(), Error> {
        let plan = self.plans.get_mut(plan as usize).ok_or(Error::UnknownPlan)?;
        if plan.status != PlanStatus::Proposed {
            return Err(Error::PlanNot { found: plan.status });
        }
        plan.status = PlanStatus::Open;
        Ok(())
    }

    /// `set_plan_status` by `caller`.
    pub fn set_plan_status(&mut self, caller: AccountId, plan: u64, to: PlanStatus) -> Result<(), Error> {
        let Plan { insurer, status, .. } = self.plans.get_mut(plan as usize).ok_or(Error::UnknownPlan)?;
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
            .map(|p| p.insurer)
            .ok_or(Error::UnknownPlan)
    }

    /// `enrol` of `holder` (the insurer `verified` now): the first premium
    /// in, the plan's cover out, refused if free capital would then fall
    /// below the ratio times the cover outstanding. Returns (policy, premium).
    pub fn enrol(&mut self, holder: AccountId, plan: u64, verified: bool, now: Time) -> Result<(u64, u128), Error> {
        let status = self.plans.get(plan as usize).ok_or(Error::UnknownPlan)?.status;
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
            plan,
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

    /// `deposit_capital`: shares bought at the price of what the pool
    /// holds; the first deposit mints one a token of everything held after
    /// it, of which 1,000 and those for what was held before stay locked.
    pub fn deposit_capital(&mut self, provider: AccountId, amount: u128, min_shares: u128) -> Result<u128, Error> {
        const LOCKED: u128 = 1_000;
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let held = self.held();
        let (minted, locked) = if self.total_shares == 0 {
            if amount <= LOCKED {
                return Err(Error::DepositTooSmall);
            }
            (amount - LOCKED, held + LOCKED)
        } else if held == 0 {
            return Err(Error::PoolExhausted);
        } else {
            (amount * self.total_shares / held, 0)
        };
        if minted == 0 {
            return Err(Error::DepositTooSmall);
        }
        if minted < min_shares {
            return Err(Error::TooFewShares);
        }
        *self.shares.entry(provider).or_default() += minted;
        self.total_shares += minted + locked;
        self.locked_shares += locked;
        self.deposited += amount;
        Ok(minted)
    }

    /// `withdraw_capital`: burns the shares `amount` of free capital is
    /// worth (rounded up), refused if none or more than `max_burned`, or if
    /// the rest would not cover the ratio.
    pub fn withdraw_capital(&mut self, provider: AccountId, amount: u128, max_burned: u128) -> Result<u128, Error> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let value = self.free();
        if value == 0 {
            return Err(Error::InsufficientCapital);
        }
        let burned = (amount * self.total_shares).div_ceil(value);
        if burned == 0 {
            return Err(Error::WithdrawalBurnsNoShare);
        }
        let mine = self.shares.get(&provider).copied().unwrap_or(0);
        if mine < burned {
            return Err(Error::InsufficientCapital);
        }
        if burned > max_burned {
            return Err(Error::TooManySharesBurned);
        }
        if value < amount || !self.covers(value - amount, self.outstanding) {
            return Err(Error::WouldBreakSolvency);
        }
        self.withdrawn += amount;
        self.total_shares -= burned;
        self.shares.insert(provider, mine - burned);
        Ok(burned)
    }

    /// `provider`'s shares.
    pub fn shares_of(&self, provider: AccountId) -> u128 {
        self.shares.get(&provider).copied().unwrap_or(0)
    }

    /// Shares outstanding, and every provider who holds some.
    pub fn shares(&self) -> (u128, Vec<AccountId>) {
        let holders = self
            .shares
            .iter()
            .filter(|(_, shares)| **shares > 0)
            .map(|(provider, _)| *provider)
            .collect();
        (self.total_shares, holders)
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

    // ---- review panels ----------------------------------------------------

    /// `set_assessor` (the runner checked the admin): appoint or remove; a
    /// removal shrinks the quorum to the assessors left (never below 1).
    pub fn set_assessor(&mut self, plan: u64, assessor: AccountId, appointed: bool) -> Result<(), Error> {
        let plan = self.plans.get_mut(plan as usize).ok_or(Error::UnknownPlan)?;
        if appointed {
            // At most 64 assessors: the universe has fewer people.
            if !plan.assessors.insert(assessor) {
                return Err(Error::AlreadyAssessor);
            }
        } else {
            if !plan.assessors.remove(&assessor) {
                return Err(Error::NotAssessor);
            }
            plan.quorum = plan.quorum.min(plan.assessors.len() as u16).max(1);
        }
        Ok(())
    }

    /// `set_quorum` (the runner checked the admin): 1 to the assessors.
    pub fn set_quorum(&mut self, plan: u64, quorum: u16) -> Result<(), Error> {
        let plan = self.plans.get_mut(plan as usize).ok_or(Error::UnknownPlan)?;
        if quorum == 0 || usize::from(quorum) > plan.assessors.len() {
            return Err(Error::InvalidQuorum);
        }
        plan.quorum = quorum;
        Ok(())
    }

    /// How many votes decide a review of plan `plan`'s claims.
    pub fn quorum(&self, plan: u64) -> u16 {
        self.plans.get(plan as usize).map_or(1, |p| p.quorum)
    }

    /// Plan `plan`'s assessors.
    pub fn assessors(&self, plan: u64) -> Vec<AccountId> {
        self.plans
            .get(plan as usize)
            .map(|p| p.assessors.iter().copied().collect())
            .unwrap_or_default()
    }

    // ---- claims -----------------------------------------------------------

    fn claims_from(&self, policy: &Policy) -> Time {
        policy.start + self.terms.waiting_period.max(1)
    }

    /// The holder and insurer of `policy`, if a claim may be made on it at
    /// `now`: active (not in grace), past the waiting period, no claim open.
    pub fn claimable(&self, policy: u64, now: Time) -> Result<(AccountId, AccountId), Error> {
        let p = self.policies.get(policy as usize).ok_or(Error::UnknownPolicy)?;
        let found = self.status(p, now);
        if found != PolicyStatus::Active {
            return Err(Error::PolicyNot { found });
        }
        let claims_from = self.claims_from(p);
        if now < claims_from {
            return Err(Error::WaitingPeriod { until: claims_from });
        }
        if let Some(open) = self.claims.iter().position(|c| c.policy == policy && is_open(c, now)) {
            return Err(Error::OpenClaimExists { claim: open as u64 });
        }
        Ok((p.holder, self.plans[p.plan as usize].insurer))
    }

    /// `submit_claim` by `claimant` on `policy` citing `record` (`cited`
    /// holds what the other contracts say of it): the refusals in the order
    /// the docs give them, then the fraud reasons, the payout reserved, and
    /// review opened if any reason holds. Returns the claim's id.
    #[allow(clippy::too_many_arguments)]
    pub fn submit(
        &mut self,
        policy: u64,
        claimant: AccountId,
        record: u64,
        cited: Cited,
        amount: u128,
        fingerprint: Hash,
        now: Time,
    ) -> Result<u64, Error> {
        let (holder, insurer) = self.claimable(policy, now)?;
        let (patient, author, category, created) = cited.record.ok_or(Error::UnknownRecord)?;
        if patient != holder {
            return Err(Error::RecordNotHolders);
        }
        if !self.terms.categories.contains(category) {
            return Err(Error::CategoryNotCovered);
        }
        if claimant != holder {
            if !gives_care(cited.claimant_kind) {
                return Err(Error::NotHolderOrProvider);
            }
            if !cited.billing_consent {
                return Err(Error::NoBillingConsent);
            }
        }
        let p = self.policies[policy as usize];
        if created < self.claims_from(&p) {
            return Err(Error::RecordBeforeCover);
        }
        if let Some(earlier) = self
            .claims
            .iter()
            .rposition(|c| c.record == record && (is_open(c, now) || c.status == ClaimStatus::Paid))
        {
            return Err(Error::RecordAlreadyClaimed { claim: earlier as u64 });
        }
        let terms = &self.terms;
        let covered = amount.saturating_sub(terms.deductible);
        if covered == 0 {
            return Err(Error::BelowDeductible);
        }
        if covered > terms.coverage_limit {
            return Err(Error::ExceedsCoverageLimit);
        }
        let remaining = terms.coverage_limit.saturating_sub(self.coverage_used(policy, now));
        if remaining == 0 {
            return Err(Error::CoverageExhausted);
        }
        let period = |at: Time| (at - p.start) / terms.period;
        let in_period = 1 + self
            .claims
            .iter()
            .filter(|c| c.policy == policy && period(c.submitted) == period(now))
            .count();
        let duplicate = self
            .claims
            .iter()
            .any(|c| c.fingerprint == fingerprint && self.policies[c.policy as usize].holder == holder);
        let author_verified = gives_care(cited.author_kind) && author != holder && author != insurer;
        let reasons = [
            (duplicate, FraudReason::DuplicateFingerprint),
            (!author_verified, FraudReason::AuthorNotVerified),
            (
                claimant != holder && author != claimant,
                FraudReason::RecordNotByClaimant,
            ),
            (!cited.payment_consent, FraudReason::NoPaymentConsent),
            (covered > remaining, FraudReason::OverRemainingCoverage),
            (
                in_period > usize::from(terms.max_claims_per_period),
                FraudReason::TooFrequent,
            ),
        ]
        .into_iter()
        .filter(|(holds, _)| *holds)
        .map(|(_, reason)| reason)
        .collect::<Vec<_>>();
        let payout = covered.min(remaining) * (BPS - u128::from(terms.copay_bps)) / BPS;
        if payout == 0 {
            return Err(Error::NothingPayable);
        }
        if self.free() < payout {
            return Err(Error::PoolShort);
        }
        let mut claim = Claim {
            policy,
            claimant,
            record,
            author,
            amount,
            fingerprint,
            proven_field: None,
            submitted: now,
            reasons: FraudReasons::from_slice(&reasons),
            risk: None,
            payout,
            payee: holder,
            status: ClaimStatus::AutoApproved,
            review: Review::default(),
            cooldown_ends: now + terms.cooldown,
        };
        if !reasons.is_empty() {
            self.open_review(&mut claim, now);
        }
        self.claims.push(claim);
        Ok(self.claims.len() as u64 - 1)
    }

    /// Paid out on `policy` in the policy year `now` falls in.
    fn coverage_used(&self, policy: u64, now: Time) -> u128 {
        let start = self.policies[policy as usize].start;
        let year = |at: Time| (at - start) / YEAR;
        self.claims
            .iter()
            .filter(|c| c.policy == policy && c.status == ClaimStatus::Paid && year(c.submitted) == year(now))
            .map(|c| c.payout)
            .sum()
    }

    /// A new review round: everyone on the plan's panel votes except the
    /// claimant, the holder, the insurer and the record's author.
    fn open_review(&self, claim: &mut Claim, now: Time) {
        let policy = self.policies[claim.policy as usize];
        let plan = &self.plans[policy.plan as usize];
        let conflicted = [claim.claimant, policy.holder, plan.insurer, claim.author];
        let eligible = plan.assessors.iter().filter(|a| !conflicted.contains(a)).count();
        claim.status = ClaimStatus::UnderReview;
        claim.review = Review {
            round: claim.review.round + 1,
            approve: 0,
            reject: 0,
            eligible: eligible as u16,
            ends: now + self.terms.voting_period,
        };
    }

    /// Closes `claim`'s review at `now`: a majority of a quorum (capped at
    /// those eligible, at least one vote) decides, a tie is a draw, fewer
    /// votes leave it unresolved; the cooldown starts.
    fn decide(&self, claim: &mut Claim, now: Time) {
        let plan = &self.plans[self.policies[claim.policy as usize].plan as usize];
        let review = claim.review;
        let needed = plan.quorum.min(review.eligible).max(1);
        claim.status = if review.approve + review.reject < needed {
            ClaimStatus::Unresolved
        } else if review.approve > review.reject {
            ClaimStatus::Approved
        } else if review.reject > review.approve {
            ClaimStatus::Rejected
        } else {
            ClaimStatus::Draw
        };
        claim.cooldown_ends = now + self.terms.cooldown;
    }

    fn claim_mut(&mut self, claim: u64) -> Result<&mut Claim, Error> {
        self.claims.get_mut(claim as usize).ok_or(Error::UnknownClaim)
    }

    /// `post_risk_score` by the oracle (checked by the runner): once, while
    /// auto-approved in the cooldown or under review with voting open; above
    /// the threshold it adds the reason and sends an auto-approved claim to
    /// review.
    pub fn score(&mut self, id: u64, score: u16, now: Time) -> Result<Claim, Error> {
        let mut claim = *self.claims.get(id as usize).ok_or(Error::UnknownClaim)?;
        if u128::from(score) > BPS {
            return Err(Error::ScoreOutOfRange);
        }
        if claim.risk.is_some() {
            return Err(Error::AlreadyScored);
        }
        match claim.status {
            ClaimStatus::AutoApproved if now >= claim.cooldown_ends => {
                return Err(Error::CooldownOver {
                    ended: claim.cooldown_ends,
                })
            }
            ClaimStatus::UnderReview if now >= claim.review.ends => {
                return Err(Error::VotingClosed {
                    ended: claim.review.ends,
                })
            }
            ClaimStatus::AutoApproved | ClaimStatus::UnderReview => {}
            found => return Err(Error::ClaimNot { found }),
        }
        claim.risk = Some(RiskScore {
            score,
            model: risk_model(),
        });
        if score > self.terms.risk_threshold {
            claim.reasons = claim.reasons.with(FraudReason::RiskScore);
            if claim.status == ClaimStatus::AutoApproved {
                self.open_review(&mut claim, now);
            }
        }
        *self.claim_mut(id)? = claim;
        Ok(claim)
    }

    /// `vote` by `assessor`; the review closes once every eligible assessor
    /// has voted.
    pub fn vote(&mut self, assessor: AccountId, id: u64, approve: bool, now: Time) -> Result<Claim, Error> {
        let mut claim = self.under_review(id)?;
        if now >= claim.review.ends {
            return Err(Error::VotingClosed {
                ended: claim.review.ends,
            });
        }
        let policy = self.policies[claim.policy as usize];
        let plan = &self.plans[policy.plan as usize];
        if !plan.assessors.contains(&assessor) {
            return Err(Error::NotAssessor);
        }
        if [claim.claimant, policy.holder, plan.insurer, claim.author].contains(&assessor) {
            return Err(Error::ConflictOfInterest);
        }
        if !self
            .voters
            .entry((id, claim.review.round))
            .or_default()
            .insert(assessor)
        {
            return Err(Error::AlreadyVoted);
        }
        if approve {
            claim.review.approve += 1;
        } else {
            claim.review.reject += 1;
        }
        if claim.review.approve + claim.review.reject >= claim.review.eligible {
            self.decide(&mut claim, now);
        }
        *self.claim_mut(id)? = claim;
        Ok(claim)
    }

    fn under_review(&self, id: u64) -> Result<Claim, Error> {
        let claim = *self.claims.get(id as usize).ok_or(Error::UnknownClaim)?;
        if claim.status != ClaimStatus::UnderReview {
            return Err(Error::ClaimNot { found: claim.status });
        }
        Ok(claim)
    }

    /// `close_review` by anyone once voting is over.
    pub fn close_review(&mut self, id: u64, now: Time) -> Result<Claim, Error> {
        let mut claim = self.under_review(id)?;
        if now < claim.review.ends {
            return Err(Error::VotingOpen {
                ends: claim.review.ends,
            });
        }
        self.decide(&mut claim, now);
        *self.claim_mut(id)? = claim;
        Ok(claim)
    }

    /// `reopen_review` (the runner checked the admin): a decided or
    /// auto-approved claim in its cooldown gets a new round; a refused one's
    /// payout is reserved again.
    pub fn reopen(&mut self, id: u64, now: Time) -> Result<Claim, Error> {
        let mut claim = *self.claims.get(id as usize).ok_or(Error::UnknownClaim)?;
        if matches!(claim.status, ClaimStatus::UnderReview | ClaimStatus::Paid) {
            return Err(Error::ClaimNot { found: claim.status });
        }
        if now >= claim.cooldown_ends {
            return Err(Error::CooldownOver {
                ended: claim.cooldown_ends,
            });
        }
        let refused = matches!(
            claim.status,
            ClaimStatus::Rejected | ClaimStatus::Draw | ClaimStatus::Unresolved
        );
        if refused && self.free() < claim.payout {
            return Err(Error::PoolShort);
        }
        self.open_review(&mut claim, now);
        *self.claim_mut(id)? = claim;
        Ok(claim)
    }

    /// `payout` by anyone: an approved claim after its cooldown, once (the
    /// plan pays the holder).
    pub fn pay(&mut self, id: u64, now: Time) -> Result<Claim, Error> {
        let mut claim = *self.claims.get(id as usize).ok_or(Error::UnknownClaim)?;
        if !matches!(claim.status, ClaimStatus::AutoApproved | ClaimStatus::Approved) {
            return Err(Error::ClaimNot { found: claim.status });
        }
        if now < claim.cooldown_ends {
            return Err(Error::CooldownRunning {
                ends: claim.cooldown_ends,
            });
        }
        claim.status = ClaimStatus::Paid;
        *self.claim_mut(id)? = claim;
        Ok(claim)
    }

    /// Every claim, by id.
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }

    /// The holder of the policy `claim` is on.
    pub fn holder_of(&self, claim: &Claim) -> AccountId {
        self.policies[claim.policy as usize].holder
    }

    /// The plan of the policy `claim` is on.
    pub fn plan_of(&self, claim: &Claim) -> u64 {
        self.policies[claim.policy as usize].plan
    }

    /// Whether `account` voted in `claim`'s current round.
    pub fn voted(&self, claim: u64, round: u16, account: AccountId) -> bool {
        self.voters
            .get(&(claim, round))
            .is_some_and(|voters| voters.contains(&account))
    }

    /// Policy `policy` as the chain should read it (see [`PolicyFacts`]).
    pub fn policy_facts(&self, policy: u64, now: Time) -> Option<PolicyFacts> {
        let p = self.policies.get(policy as usize)?;
        let on_it = || self.claims.iter().enumerate().filter(move |(_, c)| c.policy == policy);
        Some((
            p.plan,
            p.holder,
            p.start,
            p.paid_periods,
            self.claims_from(p),
            p.cancelled,
            p.in_force,
            // Every claim falls in a policy's first year (a term is 30 days).
            on_it()
                .filter(|(_, c)| c.status == ClaimStatus::Paid)
                .map(|(_, c)| c.payout)
                .sum(),
            on_it().count() as u32,
            on_it().next_back().map(|(id, _)| id as u64),
            self.status(p, now),
        ))
    }

    /// Policies a claim may be made on now, with their holder and the block
    /// time claims may cite records from.
    pub fn claimable_policies(&self, now: Time) -> Vec<(u64, AccountId, Time)> {
        (0..self.policies.len() as u64)
            .filter_map(|id| {
                self.claimable(id, now)
                    .ok()
                    .map(|(holder, _)| (id, holder, self.claims_from(&self.policies[id as usize])))
            })
            .collect()
    }

    /// Whether a claim on `record` is open or paid (the record is used up).
    pub fn record_claimed(&self, record: u64, now: Time) -> bool {
        self.claims
            .iter()
            .any(|c| c.record == record && (is_open(c, now) || c.status == ClaimStatus::Paid))
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

/// Known answers for the claim rules at the boundaries the docs give (the
/// model must be right on its own: the fuzzer only shows it agrees).
#[cfg(test)]
mod tests {
    use super::*;
    use crate::account;

    const T0: Time = 1_000 * DAY;
    const CLAIMS_FROM: Time = T0 + 2 * DAY;

    fn holder() -> AccountId {
        account(10)
    }
    fn insurer() -> AccountId {
        account(23)
    }
    fn hospital() -> AccountId {
        account(20)
    }

    /// A plan whose panel is the guardian, the researcher and the hospital
    /// (quorum `quorum`), 10,000 of capital, and `policies` policies of the
    /// holder enrolled at `T0`.
    fn given(quorum: u16, policies: u32) -> InsuranceModel {
        let mut cover = InsuranceModel::new(SOLVENCY_RATIO_BPS, account(3));
        assert_eq!(cover.publish(insurer(), true), Ok(0));
        assert_eq!(cover.approve(0), Ok(()));
        for assessor in [account(12), account(21), hospital()] {
            assert_eq!(cover.set_assessor(0, assessor, true), Ok(()));
        }
        assert_eq!(cover.set_quorum(0, quorum), Ok(()));
        assert_eq!(cover.deposit_capital(insurer(), 10_000, 0), Ok(9_000));
        for policy in 0..policies {
            assert_eq!(cover.enrol(holder(), 0, true, T0), Ok((u64::from(policy), 100)));
        }
        cover
    }

    /// A lab record added at the start of cover, written by `author`, with
    /// the insurer's payment consent when `consented`.
    fn cited(author: AccountId, consented: bool) -> Cited {
        Cited {
            record: Some((holder(), author, DataCategory::LabResults, CLAIMS_FROM)),
            claimant_kind: None,
            billing_consent: false,
            author_kind: Some(ProviderKind::Hospital),
            payment_consent: consented,
        }
    }

    fn fingerprint(byte: u8) -> Hash {
        Hash::from([byte; 32])
    }

    #[test]
    fn a_clean_claim_reserves_its_payout_and_is_paid_once_after_the_cooldown() {
        // given a policy past its waiting period
        let mut cover = given(2, 1);
        assert_eq!(
            cover.submit(
                0,
                holder(),
                5,
                cited(hospital(), true),
                300,
                fingerprint(1),
                CLAIMS_FROM - 1
            ),
            Err(Error::WaitingPeriod { until: CLAIMS_FROM })
        );
        // when the holder claims 300 (deductible 50, copay 20 %)
        let claimed = cover.submit(
            0,
            holder(),
            5,
            cited(hospital(), true),
            300,
            fingerprint(1),
            CLAIMS_FROM,
        );
        // then it is auto-approved for 200, reserved until paid
        assert_eq!(claimed, Ok(0));
        let claim = cover.claims()[0];
        assert_eq!(
            (claim.status, claim.payout, claim.reasons.is_empty()),
            (ClaimStatus::AutoApproved, 200, true)
        );
        assert_eq!((cover.reserved(), cover.payouts()), (200, 0));
        assert_eq!(
            cover.pay(0, CLAIMS_FROM + DAY - 1),
            Err(Error::CooldownRunning {
                ends: CLAIMS_FROM + DAY
            })
        );
        assert_eq!(cover.pay(0, CLAIMS_FROM + DAY).map(|c| c.status), Ok(ClaimStatus::Paid));
        assert_eq!((cover.reserved(), cover.payouts()), (0, 200));
        assert_eq!(
            cover.pay(0, CLAIMS_FROM + DAY),
            Err(Error::ClaimNot {
                found: ClaimStatus::Paid
            })
        );
        // and the record cannot be claimed again
        assert_eq!(
            cover.submit(
                0,
                holder(),
                5,
                cited(hospital(), true),
                300,
                fingerprint(2),
                CLAIMS_FROM + DAY
            ),
            Err(Error::RecordAlreadyClaimed { claim: 0 })
        );
    }

    #[test]
    fn a_review_needs_the_quorum_capped_at_the_assessors_without_a_conflict() {
        // given a quorum of 3 and a claim the hospital wrote, sent to review
        // for want of the payment consent: the hospital may not vote
        let mut cover = given(3, 1);
        assert_eq!(
            cover.submit(
                0,
                holder(),
                5,
                cited(hospital(), false),
                300,
                fingerprint(1),
                CLAIMS_FROM
            ),
            Ok(0)
        );
        let review = cover.claims()[0].review;
        assert_eq!(
            (review.round, review.eligible, review.ends),
            (1, 2, CLAIMS_FROM + 2 * DAY)
        );
        let at = CLAIMS_FROM + DAY;
        assert_eq!(cover.vote(hospital(), 0, true, at), Err(Error::ConflictOfInterest));
        assert_eq!(cover.vote(holder(), 0, true, at), Err(Error::NotAssessor));
        // when both who may vote approve, then it is approved at once
        assert_eq!(
            cover.vote(account(12), 0, true, at).map(|c| c.status),
            Ok(ClaimStatus::UnderReview)
        );
        assert_eq!(cover.vote(account(12), 0, false, at), Err(Error::AlreadyVoted));
        let decided = cover.vote(account(21), 0, true, at).expect("the second vote");
        assert_eq!(
            (decided.status, decided.cooldown_ends),
            (ClaimStatus::Approved, at + DAY)
        );
        assert_eq!(cover.reserved(), 200);
    }

    #[test]
    fn a_tie_is_a_draw_and_a_refused_claim_is_reserved_again_only_when_reopened_in_its_cooldown() {
        // given a quorum of 2 and the holder's own record (not a carer's): review
        let mut cover = given(2, 1);
        assert_eq!(
            cover.submit(0, holder(), 5, cited(holder(), true), 300, fingerprint(1), CLAIMS_FROM),
            Ok(0)
        );
        let ends = CLAIMS_FROM + 2 * DAY;
        assert_eq!(cover.claims()[0].review.eligible, 3);
        assert_eq!(cover.vote(account(12), 0, true, CLAIMS_FROM).map(|_| ()), Ok(()));
        assert_eq!(cover.vote(account(21), 0, false, CLAIMS_FROM).map(|_| ()), Ok(()));
        assert_eq!(
            cover.vote(hospital(), 0, true, ends),
            Err(Error::VotingClosed { ended: ends })
        );
        assert_eq!(cover.close_review(0, ends - 1), Err(Error::VotingOpen { ends }));
        // when voting closes one for, one against, then it is a draw, released
        assert_eq!(cover.close_review(0, ends).map(|c| c.status), Ok(ClaimStatus::Draw));
        assert_eq!(cover.reserved(), 0);
        // and a reopening after the cooldown is refused; within it, a new round reserves again
        assert_eq!(
            cover.reopen(0, ends + DAY),
            Err(Error::CooldownOver { ended: ends + DAY })
        );
        let reopened = cover.reopen(0, ends + DAY - 1).expect("reopened in the cooldown");
        assert_eq!((reopened.status, reopened.review.round), (ClaimStatus::UnderReview, 2));
        assert_eq!(cover.reserved(), 200);
        // when the new round closes with one vote, below the quorum, it is unresolved
        assert_eq!(cover.vote(account(12), 0, true, ends + DAY).map(|_| ()), Ok(()));
        let again = ends + DAY - 1 + 2 * DAY;
        assert_eq!(
            cover.close_review(0, again).map(|c| c.status),
            Ok(ClaimStatus::Unresolved)
        );
        assert_eq!(cover.reserved(), 0);
    }

    #[test]
    fn a_score_at_the_threshold_changes_nothing_and_one_above_it_sends_the_claim_to_review() {
        // given two clean claims on two policies
        let mut cover = given(2, 2);
        for (policy, record) in [(0, 5), (1, 6)] {
            let claimed = cover.submit(
                policy,
                holder(),
                record,
                cited(hospital(), true),
                300,
                fingerprint(record as u8),
                CLAIMS_FROM,
            );
            assert_eq!(claimed, Ok(policy));
        }
        // when the oracle scores the first at the threshold, then it stays auto-approved
        let at = CLAIMS_FROM + 1;
        assert_eq!(cover.score(0, 10_001, at), Err(Error::ScoreOutOfRange));
        assert_eq!(
            cover.score(0, 7_000, at).map(|c| c.status),
            Ok(ClaimStatus::AutoApproved)
        );
        assert_eq!(cover.score(0, 1, at), Err(Error::AlreadyScored));
        // when it scores the second one above, then it goes to review for that reason
        let scored = cover.score(1, 7_001, at).expect("scored");
        assert_eq!(scored.status, ClaimStatus::UnderReview);
        assert_eq!(scored.reasons.to_vec(), [FraudReason::RiskScore]);
        // and a score after an auto-approved claim's cooldown is refused
        let mut late = given(2, 1);
        assert_eq!(
            late.submit(
                0,
                holder(),
                5,
                cited(hospital(), true),
                300,
                fingerprint(1),
                CLAIMS_FROM
            ),
            Ok(0)
        );
        assert_eq!(
            late.score(0, 1, CLAIMS_FROM + DAY),
            Err(Error::CooldownOver {
                ended: CLAIMS_FROM + DAY
            })
        );
    }
}
