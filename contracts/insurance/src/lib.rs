//! # Insurance
//!
//! Health insurance paid in the suite's PSP22 token. Verified insurers
//! publish plans; patients enrol and pay premiums (`transfer_from`); capital
//! providers fund a risk pool that must stay solvent; claims cite a record of
//! the holder at record access (optionally proving one field of it by a
//! salted Merkle proof) and pass fraud rules; a claim with no reason is
//! auto-approved, one with any reason goes to the plan's assessors; a risk
//! oracle (an off-chain model) may score a claim; after a cooldown in which
//! the admin may reopen a review, an approved claim is paid exactly once.
//! Every step on a patient's policy or claim is audited under the patient,
//! except `end_policy`, which only records a lapse or expiry that has already
//! happened; every change is emitted as an event.
//!
//! The logic lives in [`portfolio::Portfolio`] and [`pool::RiskPool`]; the
//! messages here gather what other contracts know, call them, audit and emit.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod claim;
pub mod error;
pub mod events;
pub mod plan;
pub mod policy;
pub mod pool;
pub mod portfolio;
pub mod risk;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod insurance {
    use crate::claim::{gives_care, Claim, ClaimStatus, FieldProof, MAX_PROOF_LEN};
    pub use crate::error::{Error, Result};
    use crate::events::*;
    use crate::plan::{Plan, PlanStatus, PlanTerms};
    use crate::policy::{Policy, PolicyStatus};
    use crate::pool::{PoolView, RiskPool};
    use crate::portfolio::{ClaimFacts, Portfolio};
    use interfaces::bounds::bounded_list;
    use interfaces::calls::{self, CallFailure};
    use interfaces::traits::PSP22Error;
    use interfaces::{
        append_to, digest_of, Action, Admin, AdminControl, AdminError, AuditAction, AuditRecord, Page, ProviderKind,
        Purpose,
    };

    /// What an insurance audit entry's digest commits to: blake2-256 of
    /// the SCALE encoding of this struct (fields a step does not use are 0).
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub struct AuditDetails {
        /// Enrolment: the plan; premium or reinstatement: periods now paid;
        /// cancellation: the block time; claim: the policy; score: the
        /// score; decision: the status's index; payout: 0.
        pub first: u64,
        /// Claim: the record; decision: round, approvals and rejections
        /// (16 bits each, from the top); otherwise 0.
        pub second: u64,
        /// Claim: the amount claimed; payout: the amount paid; otherwise 0.
        pub amount: Balance,
        /// Claim: the service fingerprint; score: the model's hash; otherwise zero.
        pub hash: Hash,
    }

    /// The contracts insurance calls.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct LinkedContracts {
        /// The provider registry (`ProviderCheck`): insurers, claimants, authors.
        pub providers: AccountId,
        /// The consent contract (`ConsentCheck`): the holder's payment consent.
        pub consent: AccountId,
        /// Record access (`RecordLookup`): cited records and field proofs.
        pub records: AccountId,
        /// The audit trail (`AuditLog`); insurance must be an authorised writer.
        pub audit_trail: AccountId,
        /// The PSP22 token premiums, capital and payouts are paid in.
        pub token: AccountId,
    }

    /// The insurance contract's storage.
    #[ink(storage)]
    pub struct Insurance {
        admin: Admin,
        links: LinkedContracts,
        oracle: Option<AccountId>,
        portfolio: Portfolio,
        pool: RiskPool,
    }

    impl Insurance {
        /// Creates the contract linked to `links`, with a risk pool whose free
        /// capital must stay at least `solvency_ratio_bps` basis points of
        /// outstanding coverage (10,000 = all of it). The caller becomes admin.
        #[ink(constructor)]
        pub fn new(links: LinkedContracts, solvency_ratio_bps: u32) -> Result<Self> {
            Ok(Self {
                admin: Admin::new(Self::env().caller()),
                links,
                oracle: None,
                portfolio: Portfolio::default(),
                pool: RiskPool::new(solvency_ratio_bps)?,
            })
        }

        // ---- plans ------------------------------------------------------

        /// The caller, a verified insurer, publishes a plan with `terms`
        /// (which never change; a new version is a new plan). It opens for
        /// enrolments when the admin approves it. Returns its id.
        #[ink(message)]
        pub fn publish_plan(&mut self, terms: PlanTerms) -> Result<u64> {
            let insurer = self.env().caller();
            let verified = self.kind_of(insurer)? == Some(ProviderKind::Insurer);
            let plan = self.portfolio.publish(insurer, verified, terms)?;
            self.env().emit_event(PlanChanged {
                plan,
                insurer,
                status: PlanStatus::Proposed,
            });
            Ok(plan)
        }

        /// The plan's insurer pauses (`Paused`) or reopens (`Open`) approved
        /// plan `plan`, or closes (`Closed`, for good) any of its plans, for
        /// new enrolments. Policies already enrolled run on under their terms.
        #[ink(message)]
        pub fn set_plan_status(&mut self, plan: u64, status: PlanStatus) -> Result<()> {
            let insurer = self.env().caller();
            self.portfolio.set_plan_status(insurer, plan, status)?;
            self.env().emit_event(PlanChanged { plan, insurer, status });
            Ok(())
        }

        /// Admin only (governance): opens proposed plan `plan` for
        /// enrolments. Every plan draws on the one risk pool, so its terms
        /// are reviewed before anyone can enrol.
        #[ink(message)]
        pub fn approve_plan(&mut self, plan: u64) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.portfolio.approve_plan(plan)?;
            let insurer = self.portfolio.plan(plan)?.insurer;
            self.env().emit_event(PlanChanged {
                plan,
                insurer,
                status: PlanStatus::Open,
            });
            Ok(())
        }

        /// Plan `plan`, if published.
        #[ink(message)]
        pub fn plan(&self, plan: u64) -> Option<Plan> {
            self.portfolio.plan(plan).ok()
        }

        /// How many plans were published (ids `0..count`).
        #[ink(message)]
        pub fn plan_count(&self) -> u64 {
            self.portfolio.plan_count()
        }

        /// Admin only: appoints (`appointed` true) or removes `assessor` as a
        /// reviewer of plan `plan`'s claims. A removal shrinks the quorum to
        /// the assessors left if it must; rounds already open keep who may vote.
        #[ink(message)]
        pub fn set_assessor(&mut self, plan: u64, assessor: AccountId, appointed: bool) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            if appointed {
                self.portfolio.appoint_assessor(plan, assessor)?;
            } else {
                self.portfolio.remove_assessor(plan, assessor)?;
            }
            self.emit_panel_change(plan, Some((assessor, appointed)))
        }

        /// Admin only: `quorum` distinct votes (1 to the plan's number of
        /// assessors) decide a review of plan `plan`'s claims.
        #[ink(message)]
        pub fn set_quorum(&mut self, plan: u64, quorum: u16) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.portfolio.set_quorum(plan, quorum)?;
            self.emit_panel_change(plan, None)
        }

        /// Whether `account` assesses plan `plan`'s claims.
        #[ink(message)]
        pub fn is_assessor(&self, plan: u64, account: AccountId) -> bool {
            self.portfolio.is_assessor(plan, account)
        }

        // ---- policies ---------------------------------------------------

        /// The caller enrols in plan `plan`: the first premium is taken with
        /// the token's `transfer_from` (approve insurance first). Refused if
        /// the plan is not open, its insurer no longer verified, or the pool
        /// would fall below its solvency ratio. Returns the policy id.
        #[ink(message)]
        pub fn enrol(&mut self, plan: u64) -> Result<u64> {
            let holder = self.env().caller();
            let now = self.env().block_timestamp();
            let insurer = self.portfolio.plan(plan)?.insurer;
            let verified = self.kind_of(insurer)? == Some(ProviderKind::Insurer);
            let (policy, premium) = self.portfolio.enrol(holder, plan, verified, now, &mut self.pool)?;
            self.audit(
                holder,
                AuditAction::PolicyEnrolled,
                Some(insurer),
                policy,
                AuditDetails {
                    first: plan,
                    ..Default::default()
                },
            )?;
            self.collect(holder, premium)?;
            self.env().emit_event(Enrolled {
                policy,
                plan,
                holder,
                insurer,
                premium,
            });
            Ok(policy)
        }

        /// The caller (the holder or anyone paying for them) pays the next
        /// period of policy `policy`, active or in grace, with `transfer_from`.
        #[ink(message)]
        pub fn pay_premium(&mut self, policy: u64) -> Result<()> {
            let payer = self.env().caller();
            let now = self.env().block_timestamp();
            let (paid, amount) = self.portfolio.pay_premium(policy, now, &mut self.pool)?;
            self.premium_paid(payer, policy, paid, amount, false)
        }

        /// The holder reinstates lapsed policy `policy` within one more grace
        /// period after it lapsed (and before its term ends), paying every
        /// period due up to and including the current one. The waiting
        /// period starts again.
        #[ink(message)]
        pub fn reinstate(&mut self, policy: u64) -> Result<()> {
            let holder = self.env().caller();
            let now = self.env().block_timestamp();
            let (paid, amount) = self.portfolio.reinstate(holder, policy, now, &mut self.pool)?;
            self.premium_paid(holder, policy, paid, amount, true)
        }

        /// The holder cancels policy `policy` (no refund; an open claim runs on).
        #[ink(message)]
        pub fn cancel(&mut self, policy: u64) -> Result<()> {
            let holder = self.env().caller();
            let now = self.env().block_timestamp();
            self.portfolio.cancel(holder, policy, now, &mut self.pool)?;
            let details = AuditDetails {
                first: now,
                ..Default::default()
            };
            self.audit(holder, AuditAction::PolicyCancelled, None, policy, details)?;
            self.env().emit_event(PolicyEnded {
                policy,
                holder,
                status: PolicyStatus::Cancelled,
            });
            Ok(())
        }

        /// Anyone records that policy `policy` lapsed or expired, so its
        /// coverage no longer counts against the pool's capacity. A lapsed
        /// policy may be ended only once its reinstatement window is over
        /// (`ReinstatementWindowOpen` before); an ended one answers
        /// `AlreadyEnded`. Not audited: the lapse or expiry it records
        /// already shows in the policy's status.
        #[ink(message)]
        pub fn end_policy(&mut self, policy: u64) -> Result<()> {
            let now = self.env().block_timestamp();
            let (ended, status) = self.portfolio.end_policy(policy, now, &mut self.pool)?;
            self.env().emit_event(PolicyEnded {
                policy,
                holder: ended.holder,
                status,
            });
            Ok(())
        }

        /// Policy `policy`, if it exists, and where it stands at the current
        /// block time.
        #[ink(message)]
        pub fn policy(&self, policy: u64) -> Option<(Policy, PolicyStatus)> {
            let (policy, plan) = self.portfolio.policy_and_plan(policy).ok()?;
            let status = policy.status(&plan.terms, self.env().block_timestamp());
            Some((policy, status))
        }

        /// A page of `holder`'s policy ids (at most `MAX_PAGE_SIZE`, 50) from `start`.
        #[ink(message)]
        pub fn policies_of(&self, holder: AccountId, start: u32, limit: u32) -> Result<Page<u64>> {
            self.portfolio.policies_of(holder, start, limit)
        }

        // ---- risk pool --------------------------------------------------

        /// The caller deposits `amount` of capital into the risk pool
        /// (`transfer_from`; approve insurance first) and receives shares
        /// priced on what the pool holds, reservations for pending claims
        /// included. The first deposit locks 1,000 of its shares with the
        /// pool for good. Returns the shares minted.
        ///
        /// - `min_shares`: the fewest shares the caller accepts; a deposit
        ///   that would mint fewer is refused (`TooFewShares`).
        #[ink(message)]
        pub fn deposit_capital(&mut self, amount: Balance, min_shares: Balance) -> Result<Balance> {
            let provider = self.env().caller();
            let shares = self.pool.deposit_capital(provider, amount, min_shares)?;
            self.collect(provider, amount)?;
            self.env().emit_event(CapitalMoved {
                provider,
                amount,
                shares,
                deposited: true,
            });
            Ok(shares)
        }

        /// The caller withdraws `amount` of its capital, priced on free
        /// capital (a provider leaving while claims are pending leaves its
        /// part of their reservations to those who stay), if free capital
        /// stays at least the solvency ratio of outstanding coverage.
        /// Returns the shares burned.
        ///
        /// - `max_shares_burned`: the most shares the caller gives up; a
        ///   withdrawal that would burn more is refused (`TooManySharesBurned`).
        #[ink(message)]
        pub fn withdraw_capital(&mut self, amount: Balance, max_shares_burned: Balance) -> Result<Balance> {
            let provider = self.env().caller();
            let shares = self.pool.withdraw_capital(provider, amount, max_shares_burned)?;
            self.pay_out(provider, amount)?;
            self.env().emit_event(CapitalMoved {
                provider,
                amount,
                shares,
                deposited: false,
            });
            Ok(shares)
        }

        /// What `provider`'s shares would fetch if withdrawn now.
        #[ink(message)]
        pub fn capital_of(&self, provider: AccountId) -> Balance {
            self.pool.capital_of(provider)
        }

        /// `provider`'s shares of the risk pool.
        #[ink(message)]
        pub fn shares_of(&self, provider: AccountId) -> Balance {
            self.pool.shares_of(provider)
        }

        /// The pool: held, reserved, outstanding coverage, free capital, the
        /// solvency ratio and the all-time flows that explain `held`.
        #[ink(message)]
        pub fn pool(&self) -> PoolView {
            self.pool.view()
        }

        // ---- claims -----------------------------------------------------

        /// The holder, or a verified care provider the holder lets bill for
        /// them (consent: the record's category, purpose `Payment`, action
        /// `Write`), claims `amount` on policy `policy`, citing record
        /// `record` of the holder in a covered category, added after the
        /// policy's cover began and not cited by another open or paid claim,
        /// with the service's salted `fingerprint` (blake2 of provider, date,
        /// procedure code and salt) and optionally a salted Merkle `proof` of
        /// one field of the record. Fraud rules decide: no reason,
        /// auto-approved; any reason, review. The payout is reserved now.
        /// Returns the claim id.
        #[ink(message)]
        pub fn submit_claim(
            &mut self,
            policy: u64,
            record: u64,
            amount: Balance,
            fingerprint: Hash,
            proof: Option<FieldProof>,
        ) -> Result<u64> {
            let claimant = self.env().caller();
            let now = self.env().block_timestamp();
            let (insured, plan) = self.portfolio.claimable(policy, now)?;
            let holder = insured.holder;
            let summary = calls::record_summary(self.links.records, record)
                .map_err(|_| Error::RecordsUnavailable)?
                .ok_or(Error::UnknownRecord)?;
            if summary.patient != holder {
                return Err(Error::RecordNotHolders);
            }
            if !plan.terms.categories.contains(summary.category) {
                return Err(Error::CategoryNotCovered);
            }
            if claimant != holder {
                if !self.kind_of(claimant)?.is_some_and(gives_care) {
                    return Err(Error::NotHolderOrProvider);
                }
                if !self.consents(holder, claimant, summary.category, Action::Write)? {
                    return Err(Error::NoBillingConsent);
                }
            }
            let proven_field = match proof {
                Some(proof) => Some(self.check_field_proof(record, proof)?),
                None => None,
            };
            let author_gives_care = self.kind_of(summary.author)?.is_some_and(gives_care);
            let facts = ClaimFacts {
                claimant,
                record,
                record_created: summary.created_at,
                author: summary.author,
                author_verified: author_gives_care && summary.author != holder && summary.author != plan.insurer,
                payment_consent: self.consents(holder, plan.insurer, summary.category, Action::Read)?,
                proven_field,
                amount,
                fingerprint,
            };
            let (id, claim) = self.portfolio.submit(policy, facts, now, &mut self.pool)?;
            let details = AuditDetails {
                first: policy,
                second: record,
                amount,
                hash: fingerprint,
            };
            self.audit(holder, AuditAction::ClaimSubmitted, Some(plan.insurer), id, details)?;
            self.env().emit_event(ClaimSubmitted {
                claim: id,
                policy,
                claimant,
                holder,
                status: claim.status,
                reasons: claim.reasons.bits(),
                payout: claim.payout,
            });
            Ok(id)
        }

        /// The risk oracle posts `score` (0–10,000) for claim `claim`,
        /// computed by the model whose file hashes to `model`. Once per
        /// claim, while it is auto-approved in its cooldown or under review
        /// with voting open; a score above the plan's threshold sends an
        /// auto-approved claim to review.
        #[ink(message)]
        pub fn post_risk_score(&mut self, claim: u64, score: u16, model: Hash) -> Result<()> {
            let oracle = self.env().caller();
            if self.oracle != Some(oracle) {
                return Err(Error::NotOracle);
            }
            let now = self.env().block_timestamp();
            let scored = self.portfolio.score(claim, score, model, now)?;
            let holder = self.portfolio.policy(scored.policy)?.holder;
            self.audit(
                holder,
                AuditAction::ClaimScored,
                None,
                claim,
                AuditDetails {
                    first: u64::from(score),
                    hash: model,
                    ..Default::default()
                },
            )?;
            self.env().emit_event(ClaimScored {
                claim,
                score,
                model,
                status: scored.status,
            });
            Ok(())
        }

        /// An assessor of the claim's plan votes to approve (`true`) or
        /// reject claim `claim` under review. The claimant, the holder, the
        /// insurer and the record's author may not vote. The review closes
        /// when every assessor who may vote has voted.
        #[ink(message)]
        pub fn vote(&mut self, claim: u64, approve: bool) -> Result<()> {
            let assessor = self.env().caller();
            let now = self.env().block_timestamp();
            let voted = self.portfolio.vote(assessor, claim, approve, now, &mut self.pool)?;
            self.env().emit_event(VoteCast {
                claim,
                assessor,
                approve,
                round: voted.review.round,
            });
            if voted.status != ClaimStatus::UnderReview {
                self.decided(claim, &voted, AuditAction::ClaimDecided)?;
            }
            Ok(())
        }

        /// Anyone closes the review of claim `claim` after its voting period:
        /// a majority of a quorum approves or rejects, a tie is a draw, below
        /// quorum it is unresolved; only an approval is paid.
        #[ink(message)]
        pub fn close_review(&mut self, claim: u64) -> Result<()> {
            let now = self.env().block_timestamp();
            let closed = self.portfolio.close_review(claim, now, &mut self.pool)?;
            self.decided(claim, &closed, AuditAction::ClaimDecided)
        }

        /// Admin only (governance): reopens the review of claim `claim`
        /// during its cooldown, as a new round with no votes.
        #[ink(message)]
        pub fn reopen_review(&mut self, claim: u64) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            let now = self.env().block_timestamp();
            let reopened = self.portfolio.reopen(claim, now, &mut self.pool)?;
            self.decided(claim, &reopened, AuditAction::ClaimReopened)
        }

        /// Anyone pays approved claim `claim` once its cooldown is over: the
        /// reserved payout goes to the holder (or to the provider that
        /// submitted it, if the plan says so and it is still a verified care
        /// provider; otherwise to the holder). Exactly once.
        #[ink(message)]
        pub fn payout(&mut self, claim: u64) -> Result<()> {
            let now = self.env().block_timestamp();
            let approved = self.portfolio.claim(claim)?;
            let holder = self.portfolio.policy(approved.policy)?.holder;
            let in_standing = approved.payee == holder || self.kind_of(approved.payee)?.is_some_and(gives_care);
            let paid = self.portfolio.pay(claim, in_standing, now, &mut self.pool)?;
            self.audit(
                holder,
                AuditAction::ClaimPaid,
                Some(paid.payee),
                claim,
                AuditDetails {
                    amount: paid.payout,
                    ..Default::default()
                },
            )?;
            self.pay_out(paid.payee, paid.payout)?;
            self.env().emit_event(ClaimPaid {
                claim,
                payee: paid.payee,
                holder,
                amount: paid.payout,
            });
            Ok(())
        }

        /// Claim `claim`, if it exists.
        #[ink(message)]
        pub fn claim(&self, claim: u64) -> Option<Claim> {
            self.portfolio.claim(claim).ok()
        }

        /// How many claims were submitted (ids `0..count`): assessors page
        /// through the latest ones to find those awaiting their vote.
        #[ink(message)]
        pub fn claim_count(&self) -> u64 {
            self.portfolio.claim_count()
        }

        /// A page of policy `policy`'s claim ids (at most `MAX_PAGE_SIZE`, 50) from `start`.
        #[ink(message)]
        pub fn claims_of(&self, policy: u64, start: u32, limit: u32) -> Result<Page<u64>> {
            self.portfolio.claims_of(policy, start, limit)
        }

        // ---- settings ---------------------------------------------------

        /// Admin only (governance): appoints the risk `oracle` (`None`: no
        /// oracle) and sets the solvency ratio: free capital must stay at
        /// least `solvency_ratio_bps` basis points of outstanding coverage
        /// (checked at each enrolment and capital withdrawal from now on).
        #[ink(message)]
        pub fn set_settings(&mut self, oracle: Option<AccountId>, solvency_ratio_bps: u32) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.pool.set_solvency_ratio(solvency_ratio_bps)?;
            self.oracle = oracle;
            self.env().emit_event(SettingsChanged {
                oracle,
                solvency_ratio_bps,
            });
            Ok(())
        }

        /// The risk oracle, if one is appointed.
        #[ink(message)]
        pub fn oracle(&self) -> Option<AccountId> {
            self.oracle
        }

        /// The contracts insurance calls.
        #[ink(message)]
        pub fn linked_contracts(&self) -> LinkedContracts {
            self.links
        }

        // ---- helpers ----------------------------------------------------

        /// The kind `account` is verified as now, if any.
        fn kind_of(&self, account: AccountId) -> Result<Option<ProviderKind>> {
            calls::verified_kind(self.links.providers, account).map_err(|_| Error::RegistryUnavailable)
        }

        /// Whether `patient` lets `grantee` do `action` on `category` for payment.
        fn consents(
            &self,
            patient: AccountId,
            grantee: AccountId,
            category: interfaces::DataCategory,
            action: Action,
        ) -> Result<bool> {
            calls::consent_covers(self.links.consent, patient, grantee, category, Purpose::Payment, action)
                .map_err(|_| Error::ConsentUnavailable)
        }

        /// The field index `proof` proves of record `record`, or why not.
        fn check_field_proof(&self, record: u64, proof: FieldProof) -> Result<u16> {
            bounded_list(&proof.proof, MAX_PROOF_LEN, Error::FieldProofInvalid)?;
            let proven = calls::field_proven(self.links.records, record, proof.index, proof.leaf, proof.proof)
                .map_err(|_| Error::RecordsUnavailable)?;
            if proven {
                Ok(proof.index)
            } else {
                Err(Error::FieldProofInvalid)
            }
        }

        fn premium_paid(
            &mut self,
            payer: AccountId,
            policy: u64,
            paid: Policy,
            amount: Balance,
            reinstated: bool,
        ) -> Result<()> {
            let action = if reinstated {
                AuditAction::PolicyReinstated
            } else {
                AuditAction::PremiumPaid
            };
            let details = AuditDetails {
                first: u64::from(paid.paid_periods),
                ..Default::default()
            };
            self.audit(paid.holder, action, None, policy, details)?;
            self.collect(payer, amount)?;
            self.env().emit_event(PremiumPaid {
                policy,
                payer,
                holder: paid.holder,
                paid_periods: paid.paid_periods,
                amount,
                reinstated,
            });
            Ok(())
        }

        fn decided(&mut self, claim: u64, decided: &Claim, action: AuditAction) -> Result<()> {
            let holder = self.portfolio.policy(decided.policy)?.holder;
            let review = decided.review;
            let votes = [review.round, review.approve, review.reject]
                .iter()
                .fold(0u64, |packed, count| packed.wrapping_shl(16) | u64::from(*count));
            let details = AuditDetails {
                first: decided.status as u64,
                second: votes.wrapping_shl(16),
                ..Default::default()
            };
            self.audit(holder, action, None, claim, details)?;
            let until = if action == AuditAction::ClaimReopened {
                review.ends
            } else {
                decided.cooldown_ends
            };
            self.env().emit_event(ClaimDecided {
                claim,
                holder,
                status: decided.status,
                until,
            });
            Ok(())
        }

        /// Emits the plan's review panel after a change of `assessor`
        /// (appointed or removed), or of the quorum (`None`).
        fn emit_panel_change(&self, plan: u64, change: Option<(AccountId, bool)>) -> Result<()> {
            let panel = self.portfolio.plan(plan)?;
            self.env().emit_event(ReviewPanelChanged {
                plan,
                assessor: change.map(|(assessor, _)| assessor),
                appointed: change.is_some_and(|(_, appointed)| appointed),
                assessors: panel.assessors,
                quorum: panel.quorum,
            });
            Ok(())
        }

        /// Appends an entry under `patient`, the caller as actor.
        fn audit(
            &self,
            patient: AccountId,
            action: AuditAction,
            counterpart: Option<AccountId>,
            subject: u64,
            details: AuditDetails,
        ) -> Result<()> {
            let record = AuditRecord {
                patient,
                actor: self.env().caller(),
                counterpart,
                action,
                subject,
                digest: digest_of(&details),
            };
            append_to(self.links.audit_trail, record)?;
            Ok(())
        }

        /// Takes `amount` from `from` into the contract (`transfer_from`).
        fn collect(&self, from: AccountId, amount: Balance) -> Result<()> {
            let this = self.env().account_id();
            calls::token_transfer_from(self.links.token, from, this, amount).map_err(token_failure)
        }

        /// Sends `amount` from the contract to `to` (`transfer`).
        fn pay_out(&self, to: AccountId, amount: Balance) -> Result<()> {
            calls::token_transfer(self.links.token, to, amount).map_err(token_failure)
        }
    }

    /// A token call that was refused keeps the token's reason.
    fn token_failure(failure: CallFailure<PSP22Error>) -> Error {
        failure.into_error(Error::TokenRefused, Error::TokenUnavailable)
    }

    impl AdminControl for Insurance {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            self.admin.current()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            self.admin.pending()
        }

        #[ink(message)]
        fn propose_admin(&mut self, successor: AccountId) -> core::result::Result<(), AdminError> {
            self.admin.propose(self.env().caller(), successor)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AdminError> {
            self.admin.accept(self.env().caller())
        }

        #[ink(message)]
        fn set_code(&mut self, code_hash: Hash) -> core::result::Result<(), AdminError> {
            self.admin.set_code(self.env().caller(), code_hash)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::plan::fixtures::terms;
        use ink::env::test::{default_accounts, recorded_events, set_caller};
        use ink::env::DefaultEnvironment;

        // Plans, enrolments, claims and payouts call other contracts, which
        // off-chain tests cannot do: those are the e2e stories, and the
        // portfolio and pool have their own tests. Here: who may do what.

        fn deployed() -> (Insurance, ink::env::test::DefaultAccounts<DefaultEnvironment>) {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let links = LinkedContracts {
                providers: accounts.django,
                consent: accounts.django,
                records: accounts.django,
                audit_trail: accounts.django,
                token: accounts.django,
            };
            (Insurance::new(links, 10_000).expect("valid ratio"), accounts)
        }

        #[ink::test]
        fn an_outsider_is_refused_every_admin_message_and_nothing_changes() {
            // given
            let (mut insurance, accounts) = deployed();
            // when eve tries every privileged message
            set_caller::<DefaultEnvironment>(accounts.eve);
            let not_admin = Err(Error::Admin(AdminError::NotAdmin));
            assert_eq!(insurance.set_settings(Some(accounts.eve), 1), not_admin);
            assert_eq!(insurance.set_assessor(0, accounts.eve, true), not_admin);
            assert_eq!(insurance.set_assessor(0, accounts.eve, false), not_admin);
            assert_eq!(insurance.approve_plan(0), not_admin);
            assert_eq!(insurance.set_quorum(0, 1), not_admin);
            assert_eq!(insurance.reopen_review(0), not_admin);
            assert_eq!(insurance.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
            // and posts a score without being the oracle
            assert_eq!(insurance.post_risk_score(0, 1, Hash::default()), Err(Error::NotOracle));
            // then nothing changed
            assert_eq!(insurance.oracle(), None);
            assert_eq!(insurance.pool().solvency_ratio_bps, 10_000);
            assert_eq!(recorded_events().count(), 0);
        }

        #[ink::test]
        fn the_admin_appoints_the_oracle_and_sets_the_ratio_with_one_event() {
            let (mut insurance, accounts) = deployed();
            assert_eq!(
                insurance.set_settings(Some(accounts.frank), 0),
                Err(Error::InvalidSolvencyRatio)
            );
            assert_eq!(insurance.oracle(), None, "nothing stored");
            insurance.set_settings(Some(accounts.frank), 15_000).expect("admin");
            assert_eq!(insurance.oracle(), Some(accounts.frank));
            assert_eq!(insurance.pool().solvency_ratio_bps, 15_000);
            assert_eq!(recorded_events().count(), 1);
            // an unknown plan, policy or claim reads as none
            assert_eq!(insurance.plan(0), None);
            assert_eq!(insurance.policy(0), None);
            assert_eq!(insurance.claim(0), None);
            assert_eq!(insurance.set_assessor(0, accounts.bob, true), Err(Error::UnknownPlan));
            assert!(Insurance::new(insurance.linked_contracts(), 0).is_err());
            assert_eq!(terms().validated(), Ok(terms()));
        }
    }
}
