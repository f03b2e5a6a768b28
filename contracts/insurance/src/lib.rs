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
//! The logic lives in [`portfolio::Portfolio`] and [`pool::RiskPool`], what
//! a step does to other contracts in [`effects`]; the messages here gather
//! what other contracts know, call them, audit and emit. The rarely used
//! messages (plans, review panels, capital, risk scores, reopening,
//! cancellations, reinstatements, ends, pages, settings) run in the
//! `insurance_extension` code, delegate-called over this contract's storage:
//! their entries here forward the call, so the contract's interface and
//! metadata are whole, and each code blob stays within the suite's 64 KiB.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod claim;
pub mod effects;
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
    use crate::risk::RiskModel;
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::CallFlags;
    use interfaces::bounds::bounded_list;
    use interfaces::calls;
    use interfaces::{Action, Admin, AdminControl, AdminError, AuditAction, Page, ProviderKind};

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
        /// The extension's code hash: see [`Self::extension`].
        extension: Hash,
        /// The model every new claim is scored with, and its hash: see
        /// [`Self::set_risk_model`].
        risk_model: Option<(RiskModel, Hash)>,
    }

    impl Insurance {
        /// Creates the contract linked to `links`, with a risk pool whose free
        /// capital must stay at least `solvency_ratio_bps` basis points of
        /// outstanding coverage (10,000 = all of it). The caller becomes admin.
        ///
        /// - `extension`: the code hash of the uploaded `insurance_extension`
        ///   bundle, which runs the rarely used messages. It is locked as a
        ///   delegate dependency (the instantiation fails with the pallet's
        ///   `CodeNotFound` if no such code is on chain), and a client check
        ///   compares it with the bundle's hash.
        #[ink(constructor)]
        pub fn new(links: LinkedContracts, solvency_ratio_bps: u32, extension: Hash) -> Result<Self> {
            let pool = RiskPool::new(solvency_ratio_bps)?;
            Self::env().lock_delegate_dependency(&extension);
            Ok(Self {
                admin: Admin::new(Self::env().caller()),
                links,
                oracle: None,
                portfolio: Portfolio::default(),
                pool,
                extension,
                risk_model: None,
            })
        }

        // ---- plans ------------------------------------------------------

        /// The caller, a verified insurer, publishes a plan with `terms`
        /// (which never change; a new version is a new plan). It opens for
        /// enrolments when the admin approves it. Returns its id.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn publish_plan(&mut self, terms: PlanTerms) -> Result<u64> {
            self.in_extension()
        }

        /// The plan's insurer pauses (`Paused`) or reopens (`Open`) approved
        /// plan `plan`, or closes (`Closed`, for good) any of its plans, for
        /// new enrolments. Policies already enrolled run on under their terms.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn set_plan_status(&mut self, plan: u64, status: PlanStatus) -> Result<()> {
            self.in_extension()
        }

        /// Admin only (governance): opens proposed plan `plan` for
        /// enrolments. Every plan draws on the one risk pool, so its terms
        /// are reviewed before anyone can enrol.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn approve_plan(&mut self, plan: u64) -> Result<()> {
            self.in_extension()
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
        #[allow(unused_variables)] // read by the extension
        pub fn set_assessor(&mut self, plan: u64, assessor: AccountId, appointed: bool) -> Result<()> {
            self.in_extension()
        }

        /// Admin only: `quorum` distinct votes (1 to the plan's number of
        /// assessors) decide a review of plan `plan`'s claims.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn set_quorum(&mut self, plan: u64, quorum: u16) -> Result<()> {
            self.in_extension()
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
            let verified = self.links.kind_of(insurer)? == Some(ProviderKind::Insurer);
            let (policy, premium) = self.portfolio.enrol(holder, plan, verified, now, &mut self.pool)?;
            self.links.audit(
                holder,
                AuditAction::PolicyEnrolled,
                Some(insurer),
                policy,
                AuditDetails {
                    first: plan,
                    ..Default::default()
                },
            )?;
            self.links.collect(holder, premium)?;
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
            self.links.premium_paid(payer, policy, paid, amount, false)
        }

        /// The holder reinstates lapsed policy `policy` within one more grace
        /// period after it lapsed (and before its term ends), paying every
        /// period due up to and including the current one. The waiting
        /// period starts again.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn reinstate(&mut self, policy: u64) -> Result<()> {
            self.in_extension()
        }

        /// The holder cancels policy `policy` (no refund; an open claim runs on).
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn cancel(&mut self, policy: u64) -> Result<()> {
            self.in_extension()
        }

        /// Anyone records that policy `policy` lapsed or expired, so its
        /// coverage no longer counts against the pool's capacity. A lapsed
        /// policy may be ended only once its reinstatement window is over
        /// (`ReinstatementWindowOpen` before); an ended one answers
        /// `AlreadyEnded`. Not audited: the lapse or expiry it records
        /// already shows in the policy's status.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn end_policy(&mut self, policy: u64) -> Result<()> {
            self.in_extension()
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
        #[allow(unused_variables)] // read by the extension
        pub fn policies_of(&self, holder: AccountId, start: u32, limit: u32) -> Result<Page<u64>> {
            self.in_extension()
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
        #[allow(unused_variables)] // read by the extension
        pub fn deposit_capital(&mut self, amount: Balance, min_shares: Balance) -> Result<Balance> {
            self.in_extension()
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
        #[allow(unused_variables)] // read by the extension
        pub fn withdraw_capital(&mut self, amount: Balance, max_shares_burned: Balance) -> Result<Balance> {
            self.in_extension()
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
                if !self.links.kind_of(claimant)?.is_some_and(gives_care) {
                    return Err(Error::NotHolderOrProvider);
                }
                if !self.links.consents(holder, claimant, summary.category, Action::Write)? {
                    return Err(Error::NoBillingConsent);
                }
            }
            let proven_field = match proof {
                Some(proof) => Some(self.check_field_proof(record, proof)?),
                None => None,
            };
            let author_gives_care = self.links.kind_of(summary.author)?.is_some_and(gives_care);
            let facts = ClaimFacts {
                claimant,
                record,
                record_created: summary.created_at,
                author: summary.author,
                author_verified: author_gives_care && summary.author != holder && summary.author != plan.insurer,
                payment_consent: self
                    .links
                    .consents(holder, plan.insurer, summary.category, Action::Read)?,
                proven_field,
                amount,
                fingerprint,
            };
            let (id, mut claim) = self.portfolio.submit(policy, facts, now, &mut self.pool)?;
            if let Some((model, model_hash)) = self.risk_model {
                claim = self.portfolio.score_with_model(id, &model, model_hash, now)?;
                self.env().emit_event(ClaimScored {
                    claim: id,
                    score: claim.risk.map_or(0, |risk| risk.score),
                    model: model_hash,
                    status: claim.status,
                });
            }
            let details = AuditDetails {
                first: policy,
                second: record,
                amount,
                hash: fingerprint,
            };
            self.links
                .audit(holder, AuditAction::ClaimSubmitted, Some(plan.insurer), id, details)?;
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

        /// The admin (governance) sets the risk model the contract scores
        /// every new claim with at submission (`None` removes it). Its
        /// coefficients are Q16.16 (`RiskModel`, the oracle's logistic model
        /// of `client/risk-model.json` in fixed point); a score above the
        /// plan's threshold sends the claim to review. Its hash, which every
        /// score carries, is blake2-256 of the coefficients' SCALE encoding.
        /// While a model is set, every claim is scored when submitted, so the
        /// oracle's `post_risk_score` answers `AlreadyScored`: the oracle is
        /// for models over data the chain does not have.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn set_risk_model(&mut self, model: Option<RiskModel>) -> Result<()> {
            self.in_extension()
        }

        /// The risk model the contract scores new claims with, and its hash.
        #[ink(message)]
        pub fn risk_model(&self) -> Option<(RiskModel, Hash)> {
            self.risk_model
        }

        /// The risk oracle posts `score` (0–10,000) for claim `claim`,
        /// computed by the model whose file hashes to `model`. Once per
        /// claim, while it is auto-approved in its cooldown or under review
        /// with voting open; a score above the plan's threshold sends an
        /// auto-approved claim to review.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn post_risk_score(&mut self, claim: u64, score: u16, model: Hash) -> Result<()> {
            self.in_extension()
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
                self.links
                    .decided(&self.portfolio, claim, &voted, AuditAction::ClaimDecided)?;
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
            self.links
                .decided(&self.portfolio, claim, &closed, AuditAction::ClaimDecided)
        }

        /// Admin only (governance): reopens the review of claim `claim`
        /// during its cooldown, as a new round with no votes.
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn reopen_review(&mut self, claim: u64) -> Result<()> {
            self.in_extension()
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
            let in_standing = approved.payee == holder || self.links.kind_of(approved.payee)?.is_some_and(gives_care);
            let paid = self.portfolio.pay(claim, in_standing, now, &mut self.pool)?;
            self.links.audit(
                holder,
                AuditAction::ClaimPaid,
                Some(paid.payee),
                claim,
                AuditDetails {
                    amount: paid.payout,
                    ..Default::default()
                },
            )?;
            self.links.pay_out(paid.payee, paid.payout)?;
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
        #[allow(unused_variables)] // read by the extension
        pub fn claims_of(&self, policy: u64, start: u32, limit: u32) -> Result<Page<u64>> {
            self.in_extension()
        }

        // ---- settings ---------------------------------------------------

        /// Admin only (governance): appoints the risk `oracle` (`None`: no
        /// oracle) and sets the solvency ratio: free capital must stay at
        /// least `solvency_ratio_bps` basis points of outstanding coverage
        /// (checked at each enrolment and capital withdrawal from now on).
        #[ink(message)]
        #[allow(unused_variables)] // read by the extension
        pub fn set_settings(&mut self, oracle: Option<AccountId>, solvency_ratio_bps: u32) -> Result<()> {
            self.in_extension()
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

        /// The code hash of the extension that runs this contract's rarely
        /// used messages (`insurance_extension`), locked as a delegate
        /// dependency so it stays on chain.
        #[ink(message)]
        pub fn extension(&self) -> Hash {
            self.extension
        }

        // ---- helpers ----------------------------------------------------

        /// Runs the message being called in the extension's code, over this
        /// contract's storage and for this contract's caller, forwarding the
        /// call's input and ending the call with the extension's output (a
        /// tail call), so the extension's refusal is this message's refusal.
        /// Returns only if the extension trapped.
        fn in_extension<T>(&self) -> Result<T> {
            let _trapped = build_call::<Environment>()
                .delegate(self.extension)
                .call_flags(CallFlags::FORWARD_INPUT | CallFlags::TAIL_CALL)
                .exec_input(ExecutionInput::new(Selector::new([0; 4])))
                .returns::<()>()
                .try_invoke();
            Err(Error::ExtensionTrapped)
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
}
