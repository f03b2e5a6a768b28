//! Plans, policies, claims and their review: the insurance contract's logic,
//! kept apart from the cross-contract calls so it can be tested without a
//! chain. Every method takes the caller and the block time; what other
//! contracts know (is the insurer verified, whose record is it, does the
//! patient consent) is passed in as [`ClaimFacts`], gathered by the message
//! layer. Every method checks everything before it writes anything.

use crate::claim::{Claim, ClaimStatus, FraudReason, FraudReasons, Review, RiskScore};
use crate::error::{Error, Result};
use crate::plan::{Plan, PlanStatus, PlanTerms, BPS};
use crate::policy::{claims_from, Policy, PolicyStatus};
use crate::pool::RiskPool;
use crate::risk::{RiskFeatures, RiskModel};
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::pagination::read_page;
use interfaces::{AccountId, Balance, Hash, Page, Timestamp};

/// Most assessors a plan may have.
pub const MAX_ASSESSORS: u16 = 64;

/// A vote's key: the claim, the review round and the assessor.
type Ballot = (u64, u16, AccountId);

/// What the message layer learned from the other contracts for a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClaimFacts {
    /// Who submits: the holder or a verified provider (checked by the caller).
    pub claimant: AccountId,
    /// The cited record (its patient and category already checked).
    pub record: u64,
    /// When the cited record was added: a record from before the policy's
    /// cover began (enrolment or reinstatement plus waiting) is not claimable.
    pub record_created: Timestamp,
    /// The record's author.
    pub author: AccountId,
    /// Whether the author is a verified care provider now (and neither the
    /// holder nor the plan's insurer: the caller checks all three).
    pub author_verified: bool,
    /// Whether the holder consents to the insurer reading the record's category for payment.
    pub payment_consent: bool,
    /// The field a salted Merkle proof proved, if the claim carried one.
    pub proven_field: Option<u16>,
    /// The amount claimed.
    pub amount: Balance,
    /// The service fingerprint.
    pub fingerprint: Hash,
}

/// Every plan, policy and claim.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Portfolio {
    plans: Mapping<u64, Plan, ManualKey<0x494e_0001>>,
    plan_count: u64,
    policies: Mapping<u64, Policy, ManualKey<0x494e_0002>>,
    policy_count: u64,
    holder_policies: Mapping<(AccountId, u32), u64, ManualKey<0x494e_0003>>,
    holder_policy_count: Mapping<AccountId, u32, ManualKey<0x494e_0004>>,
    claims: Mapping<u64, Claim, ManualKey<0x494e_0005>>,
    claim_count: u64,
    policy_claims: Mapping<(u64, u32), u64, ManualKey<0x494e_0006>>,
    fingerprints: Mapping<(AccountId, Hash), u64, ManualKey<0x494e_0007>>,
    record_claims: Mapping<u64, u64, ManualKey<0x494e_0008>>,
    assessors: Mapping<(u64, AccountId), (), ManualKey<0x494e_0009>>,
    votes: Mapping<Ballot, bool, ManualKey<0x494e_000a>>,
}

impl Portfolio {
    // ---- plans ----------------------------------------------------------

    /// `insurer` (verified, as the caller checked) publishes a plan with
    /// `terms`. Returns its id.
    pub fn publish(&mut self, insurer: AccountId, insurer_verified: bool, terms: PlanTerms) -> Result<u64> {
        if !insurer_verified {
            return Err(Error::NotVerifiedInsurer);
        }
        let terms = terms.validated()?;
        let id = self.plan_count;
        self.plan_count = id.checked_add(1).ok_or(Error::Overflow)?;
        self.plans.insert(
            id,
            &Plan {
                insurer,
                terms,
                status: PlanStatus::Proposed,
                assessors: 0,
                quorum: 1,
            },
        );
        Ok(id)
    }

    /// The plan's insurer pauses or reopens an approved plan, or closes any
    /// plan for good (a proposed one included).
    pub fn set_plan_status(&mut self, caller: AccountId, plan_id: u64, status: PlanStatus) -> Result<()> {
        let mut plan = self.plan(plan_id)?;
        if caller != plan.insurer {
            return Err(Error::NotPlanInsurer);
        }
        let allowed = match (plan.status, status) {
            (PlanStatus::Closed, _) => return Err(Error::PlanClosed),
            (_, PlanStatus::Closed) => true,
            (PlanStatus::Open | PlanStatus::Paused, PlanStatus::Open | PlanStatus::Paused) => true,
            _ => false,
        };
        if !allowed {
            return Err(Error::PlanNot { found: plan.status });
        }
        plan.status = status;
        self.plans.insert(plan_id, &plan);
        Ok(())
    }

    /// Opens a proposed plan for enrolments (the caller checked the admin).
    pub fn approve_plan(&mut self, plan_id: u64) -> Result<()> {
        let mut plan = self.plan(plan_id)?;
        if plan.status != PlanStatus::Proposed {
            return Err(Error::PlanNot { found: plan.status });
        }
        plan.status = PlanStatus::Open;
        self.plans.insert(plan_id, &plan);
        Ok(())
    }

    /// Plan `plan_id`.
    pub fn plan(&self, plan_id: u64) -> Result<Plan> {
        self.plans.get(plan_id).ok_or(Error::UnknownPlan)
    }

    /// How many plans were published (ids are `0..count`).
    pub fn plan_count(&self) -> u64 {
        self.plan_count
    }

    /// Appoints `assessor` for plan `plan_id`'s reviews (the caller checked the admin).
    pub fn appoint_assessor(&mut self, plan_id: u64, assessor: AccountId) -> Result<()> {
        let mut plan = self.plan(plan_id)?;
        if self.is_assessor(plan_id, assessor) {
            return Err(Error::AlreadyAssessor);
        }
        if plan.assessors >= MAX_ASSESSORS {
            return Err(Error::TooManyAssessors);
        }
        plan.assessors = plan.assessors.saturating_add(1);
        self.assessors.insert((plan_id, assessor), &());
        self.plans.insert(plan_id, &plan);
        Ok(())
    }

    /// Removes `assessor`; the quorum shrinks with the assessors if it must.
    pub fn remove_assessor(&mut self, plan_id: u64, assessor: AccountId) -> Result<()> {
        let mut plan = self.plan(plan_id)?;
        if !self.is_assessor(plan_id, assessor) {
            return Err(Error::NotAssessor);
        }
        plan.assessors = plan.assessors.saturating_sub(1);
        plan.quorum = plan.quorum.min(plan.assessors).max(1);
        self.assessors.remove((plan_id, assessor));
        self.plans.insert(plan_id, &plan);
        Ok(())
    }

    /// Sets how many distinct votes decide a review of plan `plan_id` (1 to
    /// its number of assessors).
    pub fn set_quorum(&mut self, plan_id: u64, quorum: u16) -> Result<()> {
        let mut plan = self.plan(plan_id)?;
        if quorum == 0 || quorum > plan.assessors {
            return Err(Error::InvalidQuorum);
        }
        plan.quorum = quorum;
        self.plans.insert(plan_id, &plan);
        Ok(())
    }

    /// Whether `account` assesses plan `plan_id`'s claims.
    pub fn is_assessor(&self, plan_id: u64, account: AccountId) -> bool {
        self.assessors.contains((plan_id, account))
    }

    // ---- policies -------------------------------------------------------

    /// `holder` enrols in plan `plan_id` at `now`, the first premium counted
    /// into `pool`, if the plan is open and its insurer still verified (as
    /// the caller checked). Returns the policy id and the premium to collect.
    pub fn enrol(
        &mut self,
        holder: AccountId,
        plan_id: u64,
        insurer_verified: bool,
        now: Timestamp,
        pool: &mut RiskPool,
    ) -> Result<(u64, Balance)> {
        let plan = self.plan(plan_id)?;
        if plan.status != PlanStatus::Open {
            return Err(Error::PlanNot { found: plan.status });
        }
        if !insurer_verified {
            return Err(Error::InsurerNotVerified);
        }
        let id = self.policy_count;
        let next = id.checked_add(1).ok_or(Error::Overflow)?;
        let held = self.holder_policy_count.get(holder).unwrap_or(0);
        let held_next = held.checked_add(1).ok_or(Error::Overflow)?;
        pool.receive_premium(plan.terms.premium, plan.terms.coverage_limit)?;
        self.policy_count = next;
        self.policies
            .insert(id, &Policy::enrolled(plan_id, holder, &plan.terms, now));
        self.holder_policies.insert((holder, held), &id);
        self.holder_policy_count.insert(holder, &held_next);
        Ok((id, plan.terms.premium))
    }

    /// Pays the next period of policy `policy_id` (active or in grace).
    /// Returns the policy and the premium to collect.
    pub fn pay_premium(&mut self, policy_id: u64, now: Timestamp, pool: &mut RiskPool) -> Result<(Policy, Balance)> {
        let (mut policy, plan) = self.policy_and_plan(policy_id)?;
        let status = policy.status(&plan.terms, now);
        if !matches!(status, PolicyStatus::Active | PolicyStatus::InGrace) {
            return Err(Error::PolicyNot { found: status });
        }
        if policy.paid_periods >= plan.terms.periods {
            return Err(Error::TermFullyPaid);
        }
        pool.receive_premium(plan.terms.premium, 0)?;
        policy.paid_periods = policy.paid_periods.saturating_add(1);
        self.policies.insert(policy_id, &policy);
        Ok((policy, plan.terms.premium))
    }

    /// The holder reinstates a lapsed policy by paying every period due
    /// (see [`Policy::periods_to_reinstate`]); the waiting period starts again
    /// and, if its coverage had been taken out of force, the solvency rule
    /// applies as for an enrolment. Returns the policy and the amount to collect.
    pub fn reinstate(
        &mut self,
        caller: AccountId,
        policy_id: u64,
        now: Timestamp,
        pool: &mut RiskPool,
    ) -> Result<(Policy, Balance)> {
        let (mut policy, plan) = self.policy_and_plan(policy_id)?;
        if caller != policy.holder {
            return Err(Error::NotHolder);
        }
        let status = policy.status(&plan.terms, now);
        if status != PolicyStatus::Lapsed {
            return Err(Error::PolicyNot { found: status });
        }
        let periods = policy
            .periods_to_reinstate(&plan.terms, now)
            .ok_or(Error::ReinstatementWindowOver)?;
        let amount = plan
            .terms
            .premium
            .checked_mul(Balance::from(periods))
            .ok_or(Error::Overflow)?;
        let back_in_force = if policy.in_force { 0 } else { plan.terms.coverage_limit };
        pool.receive_premium(amount, back_in_force)?;
        policy.in_force = true;
        policy.paid_periods = policy.paid_periods.saturating_add(periods);
        policy.claims_from = claims_from(now, &plan.terms);
        self.policies.insert(policy_id, &policy);
        Ok((policy, amount))
    }

    /// The holder cancels policy `policy_id`; its coverage leaves the pool's
    /// outstanding coverage. Premiums paid are not refunded; an open claim
    /// runs on.
    pub fn cancel(&mut self, caller: AccountId, policy_id: u64, now: Timestamp, pool: &mut RiskPool) -> Result<Policy> {
        let (mut policy, plan) = self.policy_and_plan(policy_id)?;
        if caller != policy.holder {
            return Err(Error::NotHolder);
        }
        let status = policy.status(&plan.terms, now);
        if matches!(status, PolicyStatus::Cancelled | PolicyStatus::Expired) {
            return Err(Error::PolicyNot { found: status });
        }
        policy.cancelled = true;
        self.take_out_of_force(&mut policy, &plan, pool);
        self.policies.insert(policy_id, &policy);
        Ok(policy)
    }

    /// Anyone records that a lapsed or expired policy is no longer in
    /// force, so its coverage leaves the pool's outstanding coverage.
    pub fn end_policy(
        &mut self,
        policy_id: u64,
        now: Timestamp,
        pool: &mut RiskPool,
    ) -> Result<(Policy, PolicyStatus)> {
        let (mut policy, plan) = self.policy_and_plan(policy_id)?;
        let status = policy.status(&plan.terms, now);
        if !matches!(status, PolicyStatus::Lapsed | PolicyStatus::Expired) {
            return Err(Error::PolicyNot { found: status });
        }
        if status == PolicyStatus::Lapsed && policy.periods_to_reinstate(&plan.terms, now).is_some() {
            return Err(Error::ReinstatementWindowOpen);
        }
        if !policy.in_force {
            return Err(Error::AlreadyEnded);
        }
        self.take_out_of_force(&mut policy, &plan, pool);
        self.policies.insert(policy_id, &policy);
        Ok((policy, status))
    }

    fn take_out_of_force(&self, policy: &mut Policy, plan: &Plan, pool: &mut RiskPool) {
        if policy.in_force {
            pool.remove_coverage(plan.terms.coverage_limit);
            policy.in_force = false;
        }
    }

    /// Policy `policy_id`.
    pub fn policy(&self, policy_id: u64) -> Result<Policy> {
        self.policies.get(policy_id).ok_or(Error::UnknownPolicy)
    }

    /// Policy `policy_id` and its plan.
    pub fn policy_and_plan(&self, policy_id: u64) -> Result<(Policy, Plan)> {
        let policy = self.policy(policy_id)?;
        let plan = self.plan(policy.plan)?;
        Ok((policy, plan))
    }

    /// A page of `holder`'s policy ids, in enrolment order.
    pub fn policies_of(&self, holder: AccountId, start: u32, limit: u32) -> Result<Page<u64>> {
        let total = self.holder_policy_count.get(holder).unwrap_or(0);
        Ok(read_page(total, start, limit, |i| {
            self.holder_policies.get((holder, i))
        })?)
    }

    // ---- claims ---------------------------------------------------------

    /// Policy `policy_id` and its plan, if a claim may be made on it at
    /// `now`: active (not in grace: a claim waits until the overdue premium
    /// is paid, so no claim is paid on a premium never collected), past the
    /// waiting period, no open claim.
    pub fn claimable(&self, policy_id: u64, now: Timestamp) -> Result<(Policy, Plan)> {
        let (policy, plan) = self.policy_and_plan(policy_id)?;
        let status = policy.status(&plan.terms, now);
        if status != PolicyStatus::Active {
            return Err(Error::PolicyNot { found: status });
        }
        if now < policy.claims_from {
            return Err(Error::WaitingPeriod {
                until: policy.claims_from,
            });
        }
        if let Some(open) = policy
            .last_claim
            .filter(|id| self.claims.get(id).is_some_and(|claim| claim.is_open(now)))
        {
            return Err(Error::OpenClaimExists { claim: open });
        }
        Ok((policy, plan))
    }

    /// Submits a claim on policy `policy_id` at `now` with the `facts` the
    /// caller gathered: applies the fraud rules, reserves the payout and
    /// either auto-approves it or opens its review. Returns the claim id and
    /// the claim.
    pub fn submit(
        &mut self,
        policy_id: u64,
        facts: ClaimFacts,
        now: Timestamp,
        pool: &mut RiskPool,
    ) -> Result<(u64, Claim)> {
        let (mut policy, plan) = self.claimable(policy_id, now)?;
        let terms = &plan.terms;
        if facts.record_created < policy.claims_from {
            return Err(Error::RecordBeforeCover);
        }
        if let Some(earlier) = self.record_claims.get(facts.record).filter(|id| {
            self.claims
                .get(id)
                .is_some_and(|c| c.is_open(now) || c.status == ClaimStatus::Paid)
        }) {
            return Err(Error::RecordAlreadyClaimed { claim: earlier });
        }
        let covered = facts.amount.checked_sub(terms.deductible).filter(|c| *c > 0);
        let covered = covered.ok_or(Error::BelowDeductible)?;
        if covered > terms.coverage_limit {
            return Err(Error::ExceedsCoverageLimit);
        }
        let remaining = policy.remaining_coverage(terms, now);
        if remaining == 0 {
            return Err(Error::CoverageExhausted);
        }
        let id = self.claim_count;
        let next = id.checked_add(1).ok_or(Error::Overflow)?;
        let in_period = policy.count_claim(terms, now);
        // Fingerprints are kept per holder, so no one can squat another
        // patient's service fingerprint to push their claim into review.
        let fingerprint = (policy.holder, facts.fingerprint);
        let rules = [
            (
                self.fingerprints.contains(fingerprint),
                FraudReason::DuplicateFingerprint,
            ),
            (!facts.author_verified, FraudReason::AuthorNotVerified),
            (
                facts.claimant != policy.holder && facts.author != facts.claimant,
                FraudReason::RecordNotByClaimant,
            ),
            (!facts.payment_consent, FraudReason::NoPaymentConsent),
            (covered > remaining, FraudReason::OverRemainingCoverage),
            (in_period > terms.max_claims_per_period, FraudReason::TooFrequent),
        ];
        let reasons = rules
            .iter()
            .filter(|(hit, _)| *hit)
            .fold(FraudReasons::empty(), |found, (_, reason)| found.with(*reason));
        let payout = terms.payout(facts.amount, remaining);
        if payout == 0 {
            return Err(Error::NothingPayable);
        }
        pool.reserve(payout)?;
        let payee = if terms.pay_provider && facts.claimant != policy.holder {
            facts.claimant
        } else {
            policy.holder
        };
        let mut claim = Claim {
            policy: policy_id,
            claimant: facts.claimant,
            record: facts.record,
            author: facts.author,
            amount: facts.amount,
            fingerprint: facts.fingerprint,
            proven_field: facts.proven_field,
            submitted: now,
            reasons,
            risk: None,
            payout,
            payee,
            status: ClaimStatus::AutoApproved,
            review: Review::default(),
            cooldown_ends: now.saturating_add(terms.cooldown),
        };
        if !reasons.is_empty() {
            self.open_review(&mut claim, &policy, &plan, now);
        }
        if !self.fingerprints.contains(fingerprint) {
            self.fingerprints.insert(fingerprint, &id);
        }
        self.record_claims.insert(facts.record, &id);
        self.policy_claims
            .insert((policy_id, policy.claims.saturating_sub(1)), &id);
        policy.last_claim = Some(id);
        self.policies.insert(policy_id, &policy);
        self.claims.insert(id, &claim);
        self.claim_count = next;
        Ok((id, claim))
    }

    /// Scores claim `claim_id` with the contract's own `model` (whose
    /// coefficients hash to `model_hash`), over the features
    /// `client/risk-model.mjs` reads from the chain: the amount's share of
    /// the yearly coverage limit, the policy's claims this period over the
    /// plan's allowance, how early in the policy the claim came, its fraud
    /// reasons and whether it proves a field. Then as [`Self::score`].
    pub fn score_with_model(
        &mut self,
        claim_id: u64,
        model: &RiskModel,
        model_hash: Hash,
        now: Timestamp,
    ) -> Result<Claim> {
        let claim = self.claim(claim_id)?;
        let (policy, plan) = self.policy_and_plan(claim.policy)?;
        let periods_in = claim
            .submitted
            .saturating_sub(policy.start)
            .checked_div(plan.terms.period)
            .unwrap_or(0);
        let features = RiskFeatures::of(
            claim.amount,
            plan.terms.coverage_limit,
            u32::from(policy.claims_in_period),
            u32::from(plan.terms.max_claims_per_period),
            periods_in,
            claim.reasons.bits(),
            claim.proven_field.is_some(),
        );
        self.score(claim_id, model.score(&features), model_hash, now)
    }

    /// The oracle's `score` (0–10,000) of claim `claim_id` by `model`. Taken
    /// while the claim is auto-approved and in its cooldown, or under review
    /// with voting open; once per claim. A score above the plan's threshold
    /// adds [`FraudReason::RiskScore`] and sends an auto-approved claim to review.
    pub fn score(&mut self, claim_id: u64, score: u16, model: Hash, now: Timestamp) -> Result<Claim> {
        let mut claim = self.claim(claim_id)?;
        if score > BPS {
            return Err(Error::ScoreOutOfRange);
        }
        if claim.risk.is_some() {
            return Err(Error::AlreadyScored);
        }
        let (policy, plan) = self.policy_and_plan(claim.policy)?;
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
        claim.risk = Some(RiskScore { score, model });
        if score > plan.terms.risk_threshold {
            claim.reasons = claim.reasons.with(FraudReason::RiskScore);
            if claim.status == ClaimStatus::AutoApproved {
                self.open_review(&mut claim, &policy, &plan, now);
            }
        }
        self.claims.insert(claim_id, &claim);
        Ok(claim)
    }

    /// `assessor` votes to approve (`true`) or reject claim `claim_id`.
    /// When every assessor who may vote has voted, the review closes at
    /// once. Returns the claim (decided, if it closed).
    pub fn vote(
        &mut self,
        assessor: AccountId,
        claim_id: u64,
        approve: bool,
        now: Timestamp,
        pool: &mut RiskPool,
    ) -> Result<Claim> {
        let mut claim = self.claim_under_review(claim_id)?;
        if now >= claim.review.ends {
            return Err(Error::VotingClosed {
                ended: claim.review.ends,
            });
        }
        let (policy, plan) = self.policy_and_plan(claim.policy)?;
        if !self.is_assessor(policy.plan, assessor) {
            return Err(Error::NotAssessor);
        }
        if conflicted_parties(&claim, &policy, &plan).contains(&assessor) {
            return Err(Error::ConflictOfInterest);
        }
        let ballot = (claim_id, claim.review.round, assessor);
        if self.votes.contains(ballot) {
            return Err(Error::AlreadyVoted);
        }
        self.votes.insert(ballot, &approve);
        if approve {
            claim.review.approve = claim.review.approve.saturating_add(1);
        } else {
            claim.review.reject = claim.review.reject.saturating_add(1);
        }
        if claim.review.approve.saturating_add(claim.review.reject) >= claim.review.eligible {
            decide(&mut claim, &plan, now, pool);
        }
        self.claims.insert(claim_id, &claim);
        Ok(claim)
    }

    /// Anyone closes the review of claim `claim_id` once its voting period
    /// is over: approved, rejected, drawn or unresolved (below quorum).
    pub fn close_review(&mut self, claim_id: u64, now: Timestamp, pool: &mut RiskPool) -> Result<Claim> {
        let mut claim = self.claim_under_review(claim_id)?;
        if now < claim.review.ends {
            return Err(Error::VotingOpen {
                ends: claim.review.ends,
            });
        }
        let plan = self.plan_of(&claim)?;
        decide(&mut claim, &plan, now, pool);
        self.claims.insert(claim_id, &claim);
        Ok(claim)
    }

    /// Reopens the review of a decided (or auto-approved) claim in its
    /// cooldown (the caller checked the admin): a new round with no votes.
    /// A refused claim's payout is reserved again.
    pub fn reopen(&mut self, claim_id: u64, now: Timestamp, pool: &mut RiskPool) -> Result<Claim> {
        let mut claim = self.claim(claim_id)?;
        if matches!(claim.status, ClaimStatus::UnderReview | ClaimStatus::Paid) {
            return Err(Error::ClaimNot { found: claim.status });
        }
        if now >= claim.cooldown_ends {
            return Err(Error::CooldownOver {
                ended: claim.cooldown_ends,
            });
        }
        let (policy, plan) = self.policy_and_plan(claim.policy)?;
        if !claim.status.reserves() {
            pool.reserve(claim.payout)?;
        }
        self.open_review(&mut claim, &policy, &plan, now);
        self.claims.insert(claim_id, &claim);
        Ok(claim)
    }

    /// Marks approved claim `claim_id` paid once its cooldown is over and
    /// counts it against its policy year's coverage. A provider payee that
    /// is no longer a verified care provider (`payee_in_standing`, checked by
    /// the caller) is replaced by the holder. The caller moves the tokens
    /// after this (state before the token call). Returns the claim.
    pub fn pay(
        &mut self,
        claim_id: u64,
        payee_in_standing: bool,
        now: Timestamp,
        pool: &mut RiskPool,
    ) -> Result<Claim> {
        let mut claim = self.claim(claim_id)?;
        if !claim.status.approved() {
            return Err(Error::ClaimNot { found: claim.status });
        }
        if now < claim.cooldown_ends {
            return Err(Error::CooldownRunning {
                ends: claim.cooldown_ends,
            });
        }
        let mut policy = self.policy(claim.policy)?;
        pool.pay(claim.payout)?;
        policy.use_coverage(claim.submitted, claim.payout);
        claim.status = ClaimStatus::Paid;
        if !payee_in_standing {
            claim.payee = policy.holder;
        }
        self.policies.insert(claim.policy, &policy);
        self.claims.insert(claim_id, &claim);
        Ok(claim)
    }

    /// Claim `claim_id`, if it is under review.
    fn claim_under_review(&self, claim_id: u64) -> Result<Claim> {
        let claim = self.claim(claim_id)?;
        if claim.status != ClaimStatus::UnderReview {
            return Err(Error::ClaimNot { found: claim.status });
        }
        Ok(claim)
    }

    /// Claim `claim_id`.
    pub fn claim(&self, claim_id: u64) -> Result<Claim> {
        self.claims.get(claim_id).ok_or(Error::UnknownClaim)
    }

    /// How many claims were submitted (ids are `0..count`).
    pub fn claim_count(&self) -> u64 {
        self.claim_count
    }

    /// A page of policy `policy_id`'s claim ids, in submission order.
    pub fn claims_of(&self, policy_id: u64, start: u32, limit: u32) -> Result<Page<u64>> {
        let total = self.policy(policy_id)?.claims;
        Ok(read_page(total, start, limit, |i| {
            self.policy_claims.get((policy_id, i))
        })?)
    }

    /// Starts a new review round of `claim` at `now`. Its size is fixed now:
    /// the plan's assessors less those in conflict, so a later removal
    /// cannot close the round early (who may vote is whoever is on the panel
    /// when voting).
    fn open_review(&self, claim: &mut Claim, policy: &Policy, plan: &Plan, now: Timestamp) {
        let parties = conflicted_parties(claim, policy, plan);
        let conflicted = parties
            .iter()
            .enumerate()
            .filter(|(i, party)| !parties.iter().take(*i).any(|earlier| earlier == *party))
            .filter(|(_, party)| self.is_assessor(policy.plan, **party))
            .count();
        let conflicted = u16::try_from(conflicted).unwrap_or(u16::MAX);
        claim.status = ClaimStatus::UnderReview;
        claim.review = Review {
            round: claim.review.round.saturating_add(1),
            approve: 0,
            reject: 0,
            eligible: plan.assessors.saturating_sub(conflicted),
            ends: now.saturating_add(plan.terms.voting_period),
        };
    }

    fn plan_of(&self, claim: &Claim) -> Result<Plan> {
        Ok(self.policy_and_plan(claim.policy)?.1)
    }
}

/// Who may not vote on `claim`: the claimant, the holder, the insurer and
/// the record's author (an account may appear more than once).
fn conflicted_parties(claim: &Claim, policy: &Policy, plan: &Plan) -> [AccountId; 4] {
    [claim.claimant, policy.holder, plan.insurer, claim.author]
}

/// Closes `claim`'s review at `now`: its outcome, its cooldown, and the
/// reservation released if nothing will be paid.
fn decide(claim: &mut Claim, plan: &Plan, now: Timestamp, pool: &mut RiskPool) {
    claim.status = claim.review.outcome(plan.quorum);
    claim.cooldown_ends = now.saturating_add(plan.terms.cooldown);
    if !claim.status.reserves() {
        pool.release(claim.payout);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::fixtures::terms;

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }
    const INSURER: u8 = 1;
    const HOLDER: u8 = 2;
    const DOCTOR: u8 = 3;
    const CAPITAL: u8 = 4;
    const ASSESSORS: [u8; 3] = [10, 11, 12];
    const ENROLLED_AT: Timestamp = 10_000;
    /// After the fixture's waiting period (500).
    const CLAIM_AT: Timestamp = ENROLLED_AT + 600;

    /// A plan with three assessors (quorum 2), a pool with 20,000 of capital
    /// at a 100 % ratio, and the holder enrolled at `ENROLLED_AT`.
    struct Given {
        book: Portfolio,
        pool: RiskPool,
        plan: u64,
        policy: u64,
    }

    fn given_an_enrolled_holder() -> Given {
        let mut book = Portfolio::default();
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.deposit_capital(account(CAPITAL), 21_000, 0).expect("capital");
        let plan = book.publish(account(INSURER), true, terms()).expect("verified insurer");
        for assessor in ASSESSORS {
            book.appoint_assessor(plan, account(assessor)).expect("admin appoints");
        }
        book.set_quorum(plan, 2).expect("quorum");
        book.approve_plan(plan).expect("admin approves");
        let (policy, premium) = book
            .enrol(account(HOLDER), plan, true, ENROLLED_AT, &mut pool)
            .expect("open plan, solvent pool");
        assert_eq!(premium, 100);
        Given {
            book,
            pool,
            plan,
            policy,
        }
    }

    /// A clean claim of 1,050 by the holder citing the doctor's record: no
    /// fraud reason (payout (1,050 − 50) × 80 % = 800).
    fn clean_claim() -> ClaimFacts {
        ClaimFacts {
            claimant: account(HOLDER),
            record: 7,
            record_created: CLAIM_AT,
            author: account(DOCTOR),
            author_verified: true,
            payment_consent: true,
            proven_field: None,
            amount: 1_050,
            fingerprint: Hash::from([9; 32]),
        }
    }

    #[ink::test]
    fn a_plan_opens_only_when_the_admin_approves_it_and_only_its_insurer_pauses_or_closes_it() {
        let mut book = Portfolio::default();
        // an unverified account is refused, and so are bad terms
        assert_eq!(book.publish(account(9), false, terms()), Err(Error::NotVerifiedInsurer));
        let mut free = terms();
        free.premium = 0;
        assert_eq!(
            book.publish(account(INSURER), true, free),
            Err(Error::Terms(crate::plan::TermsError::ZeroPremium))
        );
        assert_eq!(book.plan_count(), 0, "nothing stored");
        // a published plan waits for approval: no enrolment, and the insurer cannot open it itself
        let plan = book.publish(account(INSURER), true, terms()).expect("published");
        let mut pool = RiskPool::new(1).expect("ratio");
        let proposed = Err(Error::PlanNot {
            found: PlanStatus::Proposed,
        });
        assert_eq!(
            book.enrol(account(HOLDER), plan, true, 0, &mut pool).map(|_| ()),
            proposed
        );
        assert_eq!(book.set_plan_status(account(INSURER), plan, PlanStatus::Open), proposed);
        book.approve_plan(plan).expect("admin approves");
        assert_eq!(
            book.approve_plan(plan),
            Err(Error::PlanNot {
                found: PlanStatus::Open
            })
        );
        // an insurer no longer verified sells no policy
        assert_eq!(
            book.enrol(account(HOLDER), plan, false, 0, &mut pool),
            Err(Error::InsurerNotVerified)
        );
        // the insurer pauses, closes; nobody else may, and closed stays closed
        assert_eq!(
            book.set_plan_status(account(9), plan, PlanStatus::Paused),
            Err(Error::NotPlanInsurer)
        );
        book.set_plan_status(account(INSURER), plan, PlanStatus::Paused)
            .expect("insurer pauses");
        assert_eq!(
            book.enrol(account(HOLDER), plan, true, 0, &mut pool),
            Err(Error::PlanNot {
                found: PlanStatus::Paused
            })
        );
        book.set_plan_status(account(INSURER), plan, PlanStatus::Closed)
            .expect("insurer closes");
        assert_eq!(
            book.set_plan_status(account(INSURER), plan, PlanStatus::Open),
            Err(Error::PlanClosed)
        );
        assert_eq!(pool.view().premiums, 0);
    }

    #[ink::test]
    fn an_enrolment_the_pool_cannot_cover_is_refused_and_nothing_is_stored() {
        // given a pool with 4,900 of capital at 100 %: one policy of 5,000 needs 5,000 free
        let mut book = Portfolio::default();
        let mut pool = RiskPool::new(10_000).expect("ratio");
        pool.deposit_capital(account(CAPITAL), 4_899, 0).expect("capital");
        let plan = book.publish(account(INSURER), true, terms()).expect("published");
        book.approve_plan(plan).expect("approved");
        // when the holder enrols (premium 100 brings free capital to 4,999)
        let refused = book.enrol(account(HOLDER), plan, true, 0, &mut pool);
        // then
        assert_eq!(refused, Err(Error::WouldBreakSolvency));
        assert_eq!(book.policy(0), Err(Error::UnknownPolicy));
        assert_eq!(book.policies_of(account(HOLDER), 0, 10).map(|p| p.total), Ok(0));
        // and with one more token of capital it fits exactly
        pool.deposit_capital(account(CAPITAL), 1, 0).expect("capital");
        assert_eq!(book.enrol(account(HOLDER), plan, true, 0, &mut pool), Ok((0, 100)));
        assert_eq!(pool.view().free_capital, 5_000);
        assert_eq!(pool.view().outstanding_coverage, 5_000);
    }

    #[ink::test]
    fn a_clean_claim_is_auto_approved_reserved_and_paid_once_after_the_cooldown() {
        // given
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        assert_eq!(book.claim_count(), 0);
        // when the holder claims 1,050
        let (id, claim) = book
            .submit(policy, clean_claim(), CLAIM_AT, &mut pool)
            .expect("claimable");
        // then it is claim 0 of one, auto-approved and its payout reserved
        assert_eq!((id, book.claim_count()), (0, 1));
        assert_eq!(claim.status, ClaimStatus::AutoApproved);
        assert!(claim.reasons.is_empty());
        assert_eq!((claim.payout, claim.payee), (800, account(HOLDER)));
        assert_eq!(pool.view().reserved, 800);
        // and it cannot be paid during the cooldown (200)
        assert_eq!(
            book.pay(id, true, CLAIM_AT + 199, &mut pool),
            Err(Error::CooldownRunning { ends: CLAIM_AT + 200 })
        );
        // when the cooldown is over it is paid, exactly once
        let paid = book
            .pay(id, true, CLAIM_AT + 200, &mut pool)
            .expect("approved, cooldown over");
        assert_eq!(paid.status, ClaimStatus::Paid);
        assert_eq!(
            book.pay(id, true, CLAIM_AT + 201, &mut pool),
            Err(Error::ClaimNot {
                found: ClaimStatus::Paid
            })
        );
        // and the pool and the policy's coverage account for it
        let view = pool.view();
        assert_eq!((view.held, view.reserved, view.payouts), (21_100 - 800, 0, 800));
        let policy = book.policy(policy).expect("policy");
        assert_eq!(policy.remaining_coverage(&terms(), CLAIM_AT + 300), 4_200);
        assert_eq!(book.claims_of(0, 0, 10).map(|page| page.items), Ok(vec![id]));
    }

    #[ink::test]
    fn a_duplicate_fingerprint_goes_to_review_and_two_assessors_reject_it() {
        // given a first claim paid, and a second claim stating the same service
        let Given {
            mut book,
            mut pool,
            policy,
            plan,
        } = given_an_enrolled_holder();
        let (first, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("first");
        book.pay(first, true, CLAIM_AT + 200, &mut pool).expect("paid");
        let at = CLAIM_AT + 300;
        let same_service = ClaimFacts {
            record: 8,
            ..clean_claim()
        };
        let (id, claim) = book.submit(policy, same_service, at, &mut pool).expect("second");
        // then it is under review for that reason
        assert_eq!(claim.status, ClaimStatus::UnderReview);
        assert_eq!(claim.reasons.to_vec(), [FraudReason::DuplicateFingerprint]);
        assert_eq!(claim.review.ends, at + 400);
        // when a stranger, a conflicted party and a double voter try
        assert_eq!(book.vote(account(9), id, true, at, &mut pool), Err(Error::NotAssessor));
        book.appoint_assessor(plan, account(DOCTOR))
            .expect("the author is also an assessor");
        assert_eq!(
            book.vote(account(DOCTOR), id, true, at, &mut pool),
            Err(Error::ConflictOfInterest)
        );
        book.vote(account(ASSESSORS[0]), id, false, at, &mut pool)
            .expect("first vote");
        assert_eq!(
            book.vote(account(ASSESSORS[0]), id, false, at, &mut pool),
            Err(Error::AlreadyVoted)
        );
        // when a second assessor rejects after the period, it is too late
        assert_eq!(
            book.vote(account(ASSESSORS[1]), id, false, at + 400, &mut pool),
            Err(Error::VotingClosed { ended: at + 400 })
        );
        book.vote(account(ASSESSORS[1]), id, false, at + 1, &mut pool)
            .expect("second vote");
        // and the third assessor's vote closes the review early
        let decided = book
            .vote(account(ASSESSORS[2]), id, true, at + 2, &mut pool)
            .expect("third");
        assert_eq!(decided.status, ClaimStatus::Rejected);
        assert_eq!((decided.review.approve, decided.review.reject), (1, 2));
        // then nothing is reserved or payable
        assert_eq!(pool.view().reserved, 0);
        assert_eq!(
            book.pay(id, true, at + 1_000, &mut pool),
            Err(Error::ClaimNot {
                found: ClaimStatus::Rejected
            })
        );
        assert!(book.votes.contains((id, 1, account(ASSESSORS[0]))));
    }

    /// Runs `story` on a fresh off-chain chain (each `given` needs its own storage).
    fn on_a_fresh_chain(story: impl FnOnce()) {
        ink::env::test::run_test::<ink::env::DefaultEnvironment, _>(|_| {
            story();
            Ok(())
        })
        .expect("the story ran");
    }

    #[test]
    fn every_fraud_rule_leaves_its_own_reason() {
        type Spoil = fn(&mut ClaimFacts);
        let cases: [(Spoil, FraudReason); 3] = [
            (|f| f.author_verified = false, FraudReason::AuthorNotVerified),
            (|f| f.payment_consent = false, FraudReason::NoPaymentConsent),
            (
                |f| f.claimant = AccountId::from([3 + 100; 32]),
                FraudReason::RecordNotByClaimant,
            ),
        ];
        for (spoil, reason) in cases {
            on_a_fresh_chain(|| {
                let Given {
                    mut book,
                    mut pool,
                    policy,
                    ..
                } = given_an_enrolled_holder();
                let mut facts = clean_claim();
                spoil(&mut facts);
                let (_, claim) = book.submit(policy, facts, CLAIM_AT, &mut pool).expect("submitted");
                assert_eq!(claim.reasons.to_vec(), [reason]);
                assert_eq!(claim.status, ClaimStatus::UnderReview);
            });
        }
    }

    #[ink::test]
    fn a_claim_over_the_remaining_coverage_or_too_frequent_goes_to_review() {
        // given 4,200 of coverage left after a paid claim
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let (first, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("first");
        book.pay(first, true, CLAIM_AT + 200, &mut pool).expect("paid");
        // when a second claim in the same period asks for 4,500 above the deductible
        let mut big = clean_claim();
        big.amount = 4_550;
        big.fingerprint = Hash::from([2; 32]);
        big.record = 8;
        let (_, claim) = book.submit(policy, big, CLAIM_AT + 300, &mut pool).expect("submitted");
        // then it is reviewed for that reason, and its payout capped at 4,200 × 80 %
        assert_eq!(claim.reasons.to_vec(), [FraudReason::OverRemainingCoverage]);
        assert_eq!(claim.payout, 3_360);
    }

    #[ink::test]
    fn a_third_claim_in_one_period_is_too_frequent() {
        // given a plan that allows 2 claims per period without review
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        book.pay_premium(policy, ENROLLED_AT + 900, &mut pool)
            .expect("second period paid");
        let second_period = ENROLLED_AT + 1_000;
        for n in 0..3u8 {
            let mut facts = clean_claim();
            facts.amount = 100;
            facts.fingerprint = Hash::from([n; 32]);
            facts.record = u64::from(n);
            let at = second_period + u64::from(n) * 200;
            let (id, claim) = book.submit(policy, facts, at, &mut pool).expect("submitted");
            if n < 2 {
                assert!(claim.reasons.is_empty());
                book.pay(id, true, at + 200, &mut pool).expect("paid");
            } else {
                assert_eq!(claim.reasons.to_vec(), [FraudReason::TooFrequent]);
            }
        }
    }

    #[ink::test]
    fn claims_are_refused_in_the_waiting_period_on_a_lapsed_policy_or_with_one_open() {
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let held = pool.view().held;
        // in the enrolment block and before the waiting period ends
        for at in [ENROLLED_AT, ENROLLED_AT + 499] {
            assert_eq!(
                book.submit(policy, clean_claim(), at, &mut pool),
                Err(Error::WaitingPeriod {
                    until: ENROLLED_AT + 500
                })
            );
        }
        // below the deductible, or above the whole yearly limit
        let mut small = clean_claim();
        small.amount = 50;
        assert_eq!(
            book.submit(policy, small, CLAIM_AT, &mut pool),
            Err(Error::BelowDeductible)
        );
        let mut huge = clean_claim();
        huge.amount = 5_051;
        assert_eq!(
            book.submit(policy, huge, CLAIM_AT, &mut pool),
            Err(Error::ExceedsCoverageLimit)
        );
        // with a claim open
        let (open, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("first");
        let mut other = clean_claim();
        other.fingerprint = Hash::from([1; 32]);
        assert_eq!(
            book.submit(policy, other, CLAIM_AT + 1, &mut pool),
            Err(Error::OpenClaimExists { claim: open })
        );
        // on a lapsed policy (one period of 1,000 paid, grace 300)
        assert_eq!(
            book.submit(policy, other, ENROLLED_AT + 1_300, &mut pool),
            Err(Error::PolicyNot {
                found: PolicyStatus::Lapsed
            })
        );
        // and nothing but the one claim was stored
        assert_eq!(book.claims_of(policy, 0, 10).map(|page| page.total), Ok(1));
        assert_eq!(pool.view().held, held);
    }

    #[ink::test]
    fn a_risk_score_over_the_threshold_sends_an_auto_approved_claim_to_review() {
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let (id, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("clean");
        let model = Hash::from([5; 32]);
        assert_eq!(book.score(id, 10_001, model, CLAIM_AT), Err(Error::ScoreOutOfRange));
        let scored = book.score(id, 7_001, model, CLAIM_AT + 10).expect("in cooldown");
        assert_eq!(scored.status, ClaimStatus::UnderReview);
        assert_eq!(scored.reasons.to_vec(), [FraudReason::RiskScore]);
        assert_eq!(scored.risk, Some(RiskScore { score: 7_001, model }));
        assert_eq!(book.score(id, 1, model, CLAIM_AT + 11), Err(Error::AlreadyScored));
        assert_eq!(pool.view().reserved, 800, "still reserved while reviewed");
    }

    #[ink::test]
    fn the_contracts_own_model_scores_a_claim_from_its_chain_data_as_the_oracle_would() {
        // given a clean claim of 1,050 on a 5,000 limit, the period's first of
        // two allowed, in the policy's first period, with no field proven
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let (id, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("clean");
        // and client/risk-model.json's coefficients
        let model = RiskModel::from_float(-3.0, [4.0, 1.5, 2.0, 1.2, 0.5]);
        let model_hash = Hash::from([6; 32]);
        // when the contract scores it
        let scored = book
            .score_with_model(id, &model, model_hash, CLAIM_AT)
            .expect("scored at submission");
        // then the score is the oracle's, z = −3 + 4·0.21 + 1.5·0.5 + 2·1 + 0.5·1
        let z: f64 = -3.0 + 4.0 * 0.21 + 1.5 * 0.5 + 2.0 + 0.5;
        let expected = (10_000.0 / (1.0 + (-z).exp())).round() as i64;
        let score = scored.risk.map(|risk| i64::from(risk.score)).expect("scored");
        assert!((score - expected).abs() <= 1, "{score} against {expected}");
        // and, above the plan's 7,000, it sends the claim to review
        assert_eq!(scored.risk.map(|risk| risk.model), Some(model_hash));
        assert_eq!(scored.status, ClaimStatus::UnderReview);
        assert_eq!(scored.reasons.to_vec(), [FraudReason::RiskScore]);
        // and the claim is scored once: the oracle comes too late
        assert_eq!(book.score(id, 1, model_hash, CLAIM_AT), Err(Error::AlreadyScored));
    }

    #[ink::test]
    fn a_calm_model_leaves_a_clean_claim_auto_approved() {
        // given a clean claim and a model that weighs nothing but a low intercept
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let (id, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("clean");
        let model = RiskModel::from_float(-5.0, [0.0; 5]);
        // when the contract scores it: round(10,000 / (1 + e⁵)) = 67
        let scored = book
            .score_with_model(id, &model, Hash::from([6; 32]), CLAIM_AT)
            .expect("scored");
        // then it stays auto-approved, with its score recorded
        assert_eq!(scored.risk.map(|risk| risk.score), Some(67));
        assert_eq!(scored.status, ClaimStatus::AutoApproved);
        assert!(scored.reasons.is_empty());
        assert_eq!(pool.view().reserved, 800);
    }

    #[ink::test]
    fn a_score_at_the_threshold_is_recorded_and_changes_nothing_else() {
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let (id, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("clean");
        let model = Hash::from([5; 32]);
        let calm = book.score(id, 7_000, model, CLAIM_AT + 1).expect("in cooldown");
        assert_eq!(calm.status, ClaimStatus::AutoApproved);
        assert!(calm.reasons.is_empty());
        assert_eq!(book.score(id + 1, 1, model, CLAIM_AT + 1), Err(Error::UnknownClaim));
        assert_eq!(
            book.score(id, 1, model, CLAIM_AT + 200),
            Err(Error::AlreadyScored),
            "once per claim"
        );
    }

    #[ink::test]
    fn a_review_below_quorum_is_unresolved_and_can_be_reopened_only_in_its_cooldown() {
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let mut facts = clean_claim();
        facts.payment_consent = false;
        let (id, claim) = book.submit(policy, facts, CLAIM_AT, &mut pool).expect("reviewed");
        let ends = claim.review.ends;
        assert_eq!(
            book.close_review(id, ends - 1, &mut pool),
            Err(Error::VotingOpen { ends })
        );
        book.vote(account(ASSESSORS[0]), id, true, CLAIM_AT, &mut pool)
            .expect("one vote");
        let closed = book.close_review(id, ends, &mut pool).expect("voting over");
        assert_eq!(closed.status, ClaimStatus::Unresolved);
        assert_eq!(pool.view().reserved, 0);
        // reopened in the cooldown: a new round, reserved again, old votes do not count
        let reopened = book.reopen(id, ends + 199, &mut pool).expect("in cooldown");
        assert_eq!((reopened.status, reopened.review.round), (ClaimStatus::UnderReview, 2));
        assert_eq!(pool.view().reserved, 800);
        assert!(!book.votes.contains((id, 2, account(ASSESSORS[0]))), "a new round");
        book.vote(account(ASSESSORS[0]), id, true, ends + 200, &mut pool)
            .expect("round 2");
        let approved = book.vote(account(ASSESSORS[1]), id, true, ends + 201, &mut pool);
        assert_eq!(
            approved.map(|c| c.status),
            Ok(ClaimStatus::UnderReview),
            "third may still vote"
        );
        let approved = book
            .vote(account(ASSESSORS[2]), id, false, ends + 202, &mut pool)
            .expect("all voted");
        assert_eq!(approved.status, ClaimStatus::Approved);
        // after the cooldown it can no longer be reopened, and it is paid
        assert_eq!(
            book.reopen(id, ends + 402, &mut pool),
            Err(Error::CooldownOver { ended: ends + 402 })
        );
        book.pay(id, true, ends + 402, &mut pool).expect("approved");
        // a tie is a draw and pays nothing
        let tie = Review {
            round: 1,
            approve: 1,
            reject: 1,
            eligible: 3,
            ends: 0,
        };
        assert_eq!(tie.outcome(2), ClaimStatus::Draw);
    }

    #[ink::test]
    fn a_claim_in_grace_waits_until_the_overdue_premium_is_paid() {
        // given a holder whose second premium is overdue (in grace from 1,000 after enrolment)
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        let in_grace = ENROLLED_AT + 1_100;
        let held = pool.view().held;
        // when it claims, the claim is refused and nothing is stored
        assert_eq!(
            book.submit(policy, clean_claim(), in_grace, &mut pool),
            Err(Error::PolicyNot {
                found: PolicyStatus::InGrace
            })
        );
        assert_eq!(book.claims_of(policy, 0, 10).map(|page| page.total), Ok(0));
        assert_eq!((pool.view().held, pool.view().reserved), (held, 0));
        // then once the premium is paid, the same claim is taken
        book.pay_premium(policy, in_grace, &mut pool).expect("in grace");
        book.submit(policy, clean_claim(), in_grace, &mut pool)
            .expect("active again");
        assert_eq!(pool.view().premiums, 200);
    }

    #[ink::test]
    fn a_missed_premium_lapses_the_policy_which_is_reinstated_in_its_window_or_ended() {
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        // in grace the premium is still payable
        let (paid, premium) = book
            .pay_premium(policy, ENROLLED_AT + 1_100, &mut pool)
            .expect("in grace");
        assert_eq!((paid.paid_periods, premium), (2, 100));
        // lapsed after the grace of the second period: paying is refused
        let lapsed = ENROLLED_AT + 2_300;
        assert_eq!(
            book.pay_premium(policy, lapsed, &mut pool),
            Err(Error::PolicyNot {
                found: PolicyStatus::Lapsed
            })
        );
        // only the holder reinstates, within the window, paying the period due
        assert_eq!(
            book.reinstate(account(9), policy, lapsed, &mut pool),
            Err(Error::NotHolder)
        );
        let (reinstated, due) = book
            .reinstate(account(HOLDER), policy, lapsed, &mut pool)
            .expect("in window");
        assert_eq!((reinstated.paid_periods, due), (3, 100));
        assert_eq!(reinstated.claims_from, lapsed + 500, "a new waiting period");
        // lapsed again and past the window: it can only be ended
        let gone = ENROLLED_AT + 3_600;
        assert_eq!(
            book.reinstate(account(HOLDER), policy, gone, &mut pool),
            Err(Error::ReinstatementWindowOver)
        );
        assert_eq!(pool.view().outstanding_coverage, 5_000);
        book.end_policy(policy, gone, &mut pool).expect("lapsed");
        assert_eq!(pool.view().outstanding_coverage, 0);
        assert_eq!(book.end_policy(policy, gone, &mut pool), Err(Error::AlreadyEnded));
        assert_eq!(
            pool.view().premiums,
            300,
            "enrolment, one period in grace, one on reinstatement"
        );
    }

    #[ink::test]
    fn the_holder_cancels_and_an_active_policy_cannot_be_ended_by_others() {
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        assert_eq!(
            book.end_policy(policy, ENROLLED_AT + 1, &mut pool),
            Err(Error::PolicyNot {
                found: PolicyStatus::Active
            })
        );
        assert_eq!(
            book.cancel(account(9), policy, ENROLLED_AT + 1, &mut pool),
            Err(Error::NotHolder)
        );
        book.cancel(account(HOLDER), policy, ENROLLED_AT + 1, &mut pool)
            .expect("holder cancels");
        assert_eq!(pool.view().outstanding_coverage, 0);
        assert_eq!(
            book.cancel(account(HOLDER), policy, ENROLLED_AT + 2, &mut pool),
            Err(Error::PolicyNot {
                found: PolicyStatus::Cancelled
            })
        );
    }

    #[ink::test]
    fn assessors_are_bounded_and_the_quorum_follows_them() {
        let Given { mut book, plan, .. } = given_an_enrolled_holder();
        assert_eq!(
            book.appoint_assessor(plan, account(ASSESSORS[0])),
            Err(Error::AlreadyAssessor)
        );
        assert_eq!(book.set_quorum(plan, 4), Err(Error::InvalidQuorum));
        assert_eq!(book.set_quorum(plan, 0), Err(Error::InvalidQuorum));
        book.remove_assessor(plan, account(ASSESSORS[0])).expect("appointed");
        book.remove_assessor(plan, account(ASSESSORS[1])).expect("appointed");
        assert_eq!(book.plan(plan).map(|p| (p.assessors, p.quorum)), Ok((1, 1)));
        assert_eq!(
            book.remove_assessor(plan, account(ASSESSORS[0])),
            Err(Error::NotAssessor)
        );
        for n in 0..63u8 {
            book.appoint_assessor(plan, account(100 + n)).expect("room");
        }
        assert_eq!(book.appoint_assessor(plan, account(200)), Err(Error::TooManyAssessors));
        assert_eq!(book.appoint_assessor(99, account(200)), Err(Error::UnknownPlan));
    }

    #[ink::test]
    fn a_record_is_claimed_once_and_only_if_added_after_the_cover_began() {
        let Given {
            mut book,
            mut pool,
            policy,
            plan,
        } = given_an_enrolled_holder();
        // a record from the waiting period (cover begins at 10,500)
        let old = ClaimFacts {
            record_created: ENROLLED_AT + 499,
            ..clean_claim()
        };
        assert_eq!(
            book.submit(policy, old, CLAIM_AT, &mut pool),
            Err(Error::RecordBeforeCover)
        );
        // a record already cited by a paid claim, under another fingerprint
        let (first, _) = book.submit(policy, clean_claim(), CLAIM_AT, &mut pool).expect("first");
        book.pay(first, true, CLAIM_AT + 200, &mut pool).expect("paid");
        let again = ClaimFacts {
            fingerprint: Hash::from([1; 32]),
            ..clean_claim()
        };
        assert_eq!(
            book.submit(policy, again, CLAIM_AT + 300, &mut pool),
            Err(Error::RecordAlreadyClaimed { claim: first })
        );
        // a claim that would pay nothing (1 × 80 % rounds to 0)
        let tiny = ClaimFacts {
            amount: 51,
            record: 9,
            ..again
        };
        assert_eq!(
            book.submit(policy, tiny, CLAIM_AT + 300, &mut pool),
            Err(Error::NothingPayable)
        );
        // but a record whose claim was rejected for good may be cited again
        let (second, _) = book
            .submit(
                policy,
                ClaimFacts {
                    record: 8,
                    payment_consent: false,
                    ..again
                },
                CLAIM_AT + 300,
                &mut pool,
            )
            .expect("reviewed");
        for assessor in ASSESSORS {
            book.vote(account(assessor), second, false, CLAIM_AT + 301, &mut pool)
                .expect("rejects");
        }
        // (the second period's premium paid, so that the policy is not in grace)
        book.pay_premium(policy, CLAIM_AT + 302, &mut pool).expect("active");
        let cited = ClaimFacts { record: 8, ..again };
        assert_eq!(
            book.submit(policy, cited, CLAIM_AT + 400, &mut pool),
            Err(Error::OpenClaimExists { claim: second }),
            "still open in its cooldown"
        );
        let (_, resubmitted) = book.submit(policy, cited, CLAIM_AT + 501, &mut pool).expect("final");
        assert_eq!(resubmitted.reasons.to_vec(), [FraudReason::DuplicateFingerprint]);
        assert_eq!(book.plan(plan).map(|p| p.assessors), Ok(3));
    }

    /// The enrolled holder's claim, sent to review for want of the payment
    /// consent: three eligible assessors, quorum 2. Returns it and its id.
    fn given_a_claim_under_review() -> (Given, u64) {
        let mut given = given_an_enrolled_holder();
        let facts = ClaimFacts {
            payment_consent: false,
            ..clean_claim()
        };
        let (id, claim) = given
            .book
            .submit(given.policy, facts, CLAIM_AT, &mut given.pool)
            .expect("reviewed");
        assert_eq!(claim.review.eligible, 3);
        (given, id)
    }

    #[ink::test]
    fn an_assessor_appointed_during_a_round_may_vote_and_counts_toward_its_size() {
        // given a claim under review with three eligible assessors, quorum 2
        let (
            Given {
                mut book,
                mut pool,
                plan,
                ..
            },
            id,
        ) = given_a_claim_under_review();
        // when a fourth assessor is appointed and votes with two of the first three
        book.appoint_assessor(plan, account(20)).expect("appointed");
        let first = book.vote(account(20), id, false, CLAIM_AT, &mut pool).expect("votes");
        assert_eq!(first.status, ClaimStatus::UnderReview);
        book.vote(account(ASSESSORS[0]), id, true, CLAIM_AT, &mut pool)
            .expect("votes");
        let third = book
            .vote(account(ASSESSORS[1]), id, true, CLAIM_AT, &mut pool)
            .expect("votes");
        // then the round's size (three) is reached: it closes, approved two to one
        assert_eq!(
            (third.status, third.review.approve, third.review.reject),
            (ClaimStatus::Approved, 2, 1)
        );
    }

    #[ink::test]
    fn a_rounds_size_is_fixed_when_it_opens_so_a_removal_cannot_close_it_early() {
        // given a claim under review with three eligible assessors, quorum 2
        let (
            Given {
                mut book,
                mut pool,
                plan,
                ..
            },
            id,
        ) = given_a_claim_under_review();
        // when one votes and two are removed
        book.vote(account(ASSESSORS[0]), id, true, CLAIM_AT, &mut pool)
            .expect("votes");
        book.remove_assessor(plan, account(ASSESSORS[1])).expect("removed");
        // then the last one's vote does not close the round early: it needs all three
        let after = book
            .vote(account(ASSESSORS[2]), id, true, CLAIM_AT + 1, &mut pool)
            .expect("votes");
        assert_eq!(after.status, ClaimStatus::UnderReview);
        assert_eq!(
            book.vote(account(ASSESSORS[1]), id, true, CLAIM_AT + 2, &mut pool),
            Err(Error::NotAssessor)
        );
        // and at the end of the period two of three approve: quorum 2 met
        let closed = book.close_review(id, after.review.ends, &mut pool).expect("closed");
        assert_eq!(closed.status, ClaimStatus::Approved);
    }

    #[ink::test]
    fn a_lapsed_policy_can_be_ended_only_after_its_reinstatement_window() {
        let Given {
            mut book,
            mut pool,
            policy,
            ..
        } = given_an_enrolled_holder();
        // lapsed at 11,300; the holder may reinstate until 11,600
        assert_eq!(
            book.end_policy(policy, ENROLLED_AT + 1_300, &mut pool),
            Err(Error::ReinstatementWindowOpen)
        );
        book.end_policy(policy, ENROLLED_AT + 1_600, &mut pool)
            .expect("window over");
        assert_eq!(pool.view().outstanding_coverage, 0);
    }
}
