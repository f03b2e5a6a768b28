//! # Insurance extension
//!
//! The insurance contract's rarely used messages: publishing and managing
//! plans and their review panels, capital deposits and withdrawals, the risk
//! oracle's scores, reopening a review, cancellations, reinstatements and
//! recorded ends of policies, pages of ids and the settings. Insurance
//! delegate-calls this code (uploaded, never instantiated) with its own
//! input and storage, so each message here runs as insurance, for insurance's
//! caller, and its output is insurance's: the two code blobs together are one
//! contract, each within the suite's 64 KiB.
//!
//! The storage struct is insurance's, field for field (a unit test compares
//! the two layouts); the logic is insurance's [`Portfolio`] and [`RiskPool`]
//! and its effects (`insurance::effects`), so nothing here is written twice.
//! Each message's documentation is on insurance's message of the same name.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod insurance_extension {
    pub use insurance::error::{Error, Result};
    use insurance::events::*;
    use insurance::insurance::{AuditDetails, LinkedContracts};
    use insurance::plan::{PlanStatus, PlanTerms};
    use insurance::policy::PolicyStatus;
    use insurance::pool::RiskPool;
    use insurance::portfolio::Portfolio;
    use insurance::risk::RiskModel;
    use interfaces::{Admin, AuditAction, Page, ProviderKind};

    /// Insurance's storage, field for field (see the layout test below).
    #[ink(storage)]
    pub struct Insurance {
        admin: Admin,
        links: LinkedContracts,
        oracle: Option<AccountId>,
        portfolio: Portfolio,
        pool: RiskPool,
        extension: Hash,
        risk_model: Option<(RiskModel, Hash)>,
    }

    impl Insurance {
        /// Refuses: this code runs only when insurance delegate-calls it.
        #[ink(constructor)]
        pub fn new() -> Result<Self> {
            Err(Error::ExtensionIsNotAContract)
        }

        /// Insurance's `publish_plan`: a verified insurer publishes a plan.
        #[ink(message)]
        pub fn publish_plan(&mut self, terms: PlanTerms) -> Result<u64> {
            let insurer = self.env().caller();
            let verified = self.links.kind_of(insurer)? == Some(ProviderKind::Insurer);
            let plan = self.portfolio.publish(insurer, verified, terms)?;
            self.env().emit_event(PlanChanged {
                plan,
                insurer,
                status: PlanStatus::Proposed,
            });
            Ok(plan)
        }

        /// Insurance's `set_plan_status`: the insurer pauses, reopens or closes a plan.
        #[ink(message)]
        pub fn set_plan_status(&mut self, plan: u64, status: PlanStatus) -> Result<()> {
            let insurer = self.env().caller();
            self.portfolio.set_plan_status(insurer, plan, status)?;
            self.env().emit_event(PlanChanged { plan, insurer, status });
            Ok(())
        }

        /// Insurance's `approve_plan`: the admin opens a proposed plan.
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

        /// Insurance's `set_assessor`: the admin appoints or removes an assessor.
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

        /// Insurance's `set_quorum`: the admin sets a plan's review quorum.
        #[ink(message)]
        pub fn set_quorum(&mut self, plan: u64, quorum: u16) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.portfolio.set_quorum(plan, quorum)?;
            self.emit_panel_change(plan, None)
        }

        /// Insurance's `reinstate`: the holder reinstates a lapsed policy.
        #[ink(message)]
        pub fn reinstate(&mut self, policy: u64) -> Result<()> {
            let holder = self.env().caller();
            let now = self.env().block_timestamp();
            let (paid, amount) = self.portfolio.reinstate(holder, policy, now, &mut self.pool)?;
            self.links.premium_paid(holder, policy, paid, amount, true)
        }

        /// Insurance's `cancel`: the holder cancels a policy.
        #[ink(message)]
        pub fn cancel(&mut self, policy: u64) -> Result<()> {
            let holder = self.env().caller();
            let now = self.env().block_timestamp();
            self.portfolio.cancel(holder, policy, now, &mut self.pool)?;
            let details = AuditDetails {
                first: now,
                ..Default::default()
            };
            self.links
                .audit(holder, AuditAction::PolicyCancelled, None, policy, details)?;
            self.env().emit_event(PolicyEnded {
                policy,
                holder,
                status: PolicyStatus::Cancelled,
            });
            Ok(())
        }

        /// Insurance's `end_policy`: anyone records a lapse or an expiry.
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

        /// Insurance's `policies_of`: a page of a holder's policy ids.
        #[ink(message)]
        pub fn policies_of(&self, holder: AccountId, start: u32, limit: u32) -> Result<Page<u64>> {
            self.portfolio.policies_of(holder, start, limit)
        }

        /// Insurance's `deposit_capital`: capital in, shares out.
        #[ink(message)]
        pub fn deposit_capital(&mut self, amount: Balance, min_shares: Balance) -> Result<Balance> {
            let provider = self.env().caller();
            let shares = self.pool.deposit_capital(provider, amount, min_shares)?;
            self.links.collect(provider, amount)?;
            self.env().emit_event(CapitalMoved {
                provider,
                amount,
                shares,
                deposited: true,
            });
            Ok(shares)
        }

        /// Insurance's `withdraw_capital`: shares burned, capital out.
        #[ink(message)]
        pub fn withdraw_capital(&mut self, amount: Balance, max_shares_burned: Balance) -> Result<Balance> {
            let provider = self.env().caller();
            let shares = self.pool.withdraw_capital(provider, amount, max_shares_burned)?;
            self.links.pay_out(provider, amount)?;
            self.env().emit_event(CapitalMoved {
                provider,
                amount,
                shares,
                deposited: false,
            });
            Ok(shares)
        }

        /// Insurance's `post_risk_score`: the risk oracle scores a claim.
        #[ink(message)]
        pub fn post_risk_score(&mut self, claim: u64, score: u16, model: Hash) -> Result<()> {
            let oracle = self.env().caller();
            if self.oracle != Some(oracle) {
                return Err(Error::NotOracle);
            }
            let now = self.env().block_timestamp();
            let scored = self.portfolio.score(claim, score, model, now)?;
            let holder = self.portfolio.policy(scored.policy)?.holder;
            let details = AuditDetails {
                first: u64::from(score),
                hash: model,
                ..Default::default()
            };
            self.links
                .audit(holder, AuditAction::ClaimScored, None, claim, details)?;
            self.env().emit_event(ClaimScored {
                claim,
                score,
                model,
                status: scored.status,
            });
            Ok(())
        }

        /// Insurance's `reopen_review`: the admin reopens a review in its cooldown.
        #[ink(message)]
        pub fn reopen_review(&mut self, claim: u64) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            let now = self.env().block_timestamp();
            let reopened = self.portfolio.reopen(claim, now, &mut self.pool)?;
            self.links
                .decided(&self.portfolio, claim, &reopened, AuditAction::ClaimReopened)
        }

        /// Insurance's `claims_of`: a page of a policy's claim ids.
        #[ink(message)]
        pub fn claims_of(&self, policy: u64, start: u32, limit: u32) -> Result<Page<u64>> {
            self.portfolio.claims_of(policy, start, limit)
        }

        /// Insurance's `set_settings`: the admin sets the oracle and the solvency ratio.
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

        /// Insurance's `set_risk_model`: the admin sets the model new claims are scored with.
        #[ink(message)]
        pub fn set_risk_model(&mut self, model: Option<RiskModel>) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            let hash = model.map(|model| {
                let mut hash = <ink::env::hash::Blake2x256 as ink::env::hash::HashOutput>::Type::default();
                ink::env::hash_encoded::<ink::env::hash::Blake2x256, _>(&model, &mut hash);
                Hash::from(hash)
            });
            self.risk_model = model.zip(hash);
            self.env().emit_event(RiskModelChanged { model, hash });
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
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test::{default_accounts, recorded_events, set_caller};
        use ink::env::DefaultEnvironment;
        use ink::metadata::layout::Layout;
        use ink::storage::traits::StorageLayout;
        use interfaces::AdminError;

        // Plans, enrolments, claims and payouts call other contracts, which
        // off-chain tests cannot do: those are the e2e stories, and the
        // portfolio and pool have their own tests. Here: who may do what,
        // on the storage insurance instantiated (the extension has none).

        fn instantiated_insurance() -> (Insurance, ink::env::test::DefaultAccounts<DefaultEnvironment>) {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let links = LinkedContracts {
                providers: accounts.django,
                consent: accounts.django,
                records: accounts.django,
                audit_trail: accounts.django,
                token: accounts.django,
            };
            let insurance = Insurance {
                admin: Admin::new(accounts.alice),
                links,
                oracle: None,
                portfolio: Portfolio::default(),
                pool: RiskPool::new(10_000).expect("valid ratio"),
                extension: Hash::from([9; 32]),
                risk_model: None,
            };
            (insurance, accounts)
        }

        /// The layout with the root struct's name and path left out.
        fn fields_of(layout: Layout) -> String {
            match layout {
                Layout::Root(root) => format!("{:?} {:?}", root.root_key(), root.layout()),
                other => format!("{other:?}"),
            }
        }

        #[test]
        fn the_extension_reads_and_writes_insurances_storage_field_for_field() {
            let key = 0;
            assert_eq!(
                fields_of(<Insurance as StorageLayout>::layout(&key)),
                fields_of(<insurance::insurance::Insurance as StorageLayout>::layout(&key)),
            );
        }

        #[ink::test]
        fn it_cannot_be_instantiated_as_a_contract_of_its_own() {
            assert_eq!(Insurance::new().err(), Some(Error::ExtensionIsNotAContract));
        }

        #[ink::test]
        fn an_outsider_is_refused_every_admin_message_and_nothing_changes() {
            // given
            let (mut insurance, accounts) = instantiated_insurance();
            // when eve tries every privileged message
            set_caller::<DefaultEnvironment>(accounts.eve);
            let not_admin = Err(Error::Admin(AdminError::NotAdmin));
            assert_eq!(insurance.set_settings(Some(accounts.eve), 1), not_admin);
            assert_eq!(insurance.set_assessor(0, accounts.eve, true), not_admin);
            assert_eq!(insurance.set_assessor(0, accounts.eve, false), not_admin);
            assert_eq!(insurance.approve_plan(0), not_admin);
            assert_eq!(insurance.set_quorum(0, 1), not_admin);
            assert_eq!(insurance.reopen_review(0), not_admin);
            let reckless = RiskModel {
                intercept: i32::MAX,
                weights: [0; 5],
            };
            assert_eq!(insurance.set_risk_model(Some(reckless)), not_admin);
            // and posts a score without being the oracle
            assert_eq!(insurance.post_risk_score(0, 1, Hash::default()), Err(Error::NotOracle));
            // then nothing changed
            assert_eq!(insurance.oracle, None);
            assert_eq!(insurance.risk_model, None);
            assert_eq!(insurance.pool.view().solvency_ratio_bps, 10_000);
            assert_eq!(recorded_events().count(), 0);
        }

        #[ink::test]
        fn the_admin_sets_the_risk_model_under_the_hash_of_its_coefficients_and_removes_it() {
            // given insurance with no model
            let (mut insurance, _) = instantiated_insurance();
            let model = RiskModel::from_float(-3.0, [4.0, 1.5, 2.0, 1.2, 0.5]);
            // when the admin sets it
            insurance.set_risk_model(Some(model)).expect("admin");
            // then it is stored under blake2-256 of its SCALE encoding
            let mut expected = [0u8; 32];
            ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&ink::scale::Encode::encode(&model), &mut expected);
            assert_eq!(insurance.risk_model, Some((model, Hash::from(expected))));
            // when the admin removes it, none is stored; one event each
            insurance.set_risk_model(None).expect("admin");
            assert_eq!(insurance.risk_model, None);
            assert_eq!(recorded_events().count(), 2);
        }

        #[ink::test]
        fn the_admin_appoints_the_oracle_and_sets_the_ratio_with_one_event() {
            let (mut insurance, accounts) = instantiated_insurance();
            assert_eq!(
                insurance.set_settings(Some(accounts.frank), 0),
                Err(Error::InvalidSolvencyRatio)
            );
            assert_eq!(insurance.oracle, None, "nothing stored");
            insurance.set_settings(Some(accounts.frank), 15_000).expect("admin");
            assert_eq!(insurance.oracle, Some(accounts.frank));
            assert_eq!(insurance.pool.view().solvency_ratio_bps, 15_000);
            assert_eq!(recorded_events().count(), 1);
            // an unknown plan reads as none
            assert_eq!(insurance.set_assessor(0, accounts.bob, true), Err(Error::UnknownPlan));
        }
    }
}
