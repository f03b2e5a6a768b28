//! # Governance
//!
//! A token DAO that holds the admin role of every contract of the suite.
//! Holders lock reward tokens (PSP22 `transfer_from`) as voting power;
//! each proposal reads power at its snapshot, so tokens locked later do not
//! count, and a voter cannot unlock while its voting period runs. A
//! proposal is a bounded list of calls; states and counting follow
//! OpenZeppelin's Governor (Pending, Active, Defeated or Succeeded, Queued
//! behind a timelock, Executed, Canceled, Expired; quorum = For + Abstain
//! as a fraction of the total locked at the snapshot, fixed in the
//! proposal). Anyone executes a queued proposal after its timelock; the
//! proposal is marked executed first, every call is checked to the
//! callee's own `Result`, and any failure reverts the whole execution.
//! Governance changes its own settings and code only by proposal, and does
//! so internally: reentry stays off.
//!
//! The logic lives in [`power::VotingPower`] and [`proposal::Proposals`];
//! the messages here move tokens, make calls and emit.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod error;
pub mod events;
pub mod execution;
pub mod power;
pub mod proposal;
pub mod settings;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod governance {
    pub use crate::error::{CallFault, Error, Result};
    use crate::events::*;
    use crate::execution::{call_out, only_replaces_guardian, SelfCall};
    use crate::power::VotingPower;
    use crate::proposal::{check_calls, Proposal, ProposalState, Proposals, ProposedCall, Support, Timelock};
    use crate::settings::{Settings, MIN_VOTING_PERIOD, VOTING_PERIOD_FLOOR_CAP};
    use ink::prelude::vec::Vec;
    use ink::storage::traits::ManualKey;
    use ink::storage::Lazy;
    use interfaces::admin::switch_code;
    use interfaces::calls::{self, CallFailure};
    use interfaces::traits::PSP22Error;
    use interfaces::{AdminControl, AdminError};

    /// The DAO. Root fields keep their order across upgrades; the growing
    /// parts are mappings with explicit keys.
    #[ink(storage)]
    pub struct Governance {
        token: AccountId,
        settings: Settings,
        power: VotingPower,
        proposals: Proposals,
        /// The shortest voting period a proposal may set: this governance's
        /// first voting period, up to a day. Fixed at instantiation; a
        /// `Lazy` of its own key, so a governance instantiated before it
        /// existed still decodes (and keeps `MIN_VOTING_PERIOD`).
        voting_period_floor: Lazy<Timestamp, ManualKey<0x4750_0010>>,
    }

    impl Governance {
        /// Creates governance voting with the PSP22 reward token at `token`
        /// under `settings` (checked: `Settings(..)` names the setting out
        /// of range). It is its own admin: its settings and code change
        /// only by proposal.
        #[ink(constructor)]
        pub fn new(token: AccountId, settings: Settings) -> Result<Self> {
            settings.check()?;
            let mut voting_period_floor = Lazy::new();
            voting_period_floor.set(&settings.voting_period.min(VOTING_PERIOD_FLOOR_CAP));
            Ok(Self {
                token,
                settings,
                power: VotingPower::default(),
                proposals: Proposals::default(),
                voting_period_floor,
            })
        }

        /// Locks `amount` of the caller's reward tokens as voting power
        /// (the caller first approves governance for it). Counts for
        /// proposals whose snapshot is at or after this block. A short
        /// allowance or balance fails with the token's error. Returns the
        /// caller's locked tokens now. Emits `Locked`.
        #[ink(message)]
        pub fn lock(&mut self, amount: Balance) -> Result<Balance> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let locked = self.power.lock(caller, amount, now)?;
            calls::token_transfer_from(self.token, caller, self.env().account_id(), amount).map_err(token_error)?;
            self.env().emit_event(Locked {
                account: caller,
                amount,
                locked,
            });
            Ok(locked)
        }

        /// Unlocks `amount` of the caller's locked tokens and sends them
        /// back. Refused (`Power(VoteLive { until })`) while a voting
        /// period the caller voted in is open. Returns what stays locked.
        /// Emits `Unlocked`.
        #[ink(message)]
        pub fn unlock(&mut self, amount: Balance) -> Result<Balance> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let locked = self.power.unlock(caller, amount, now)?;
            calls::token_transfer(self.token, caller, amount).map_err(token_error)?;
            self.env().emit_event(Unlocked {
                account: caller,
                amount,
                locked,
            });
            Ok(locked)
        }

        /// Tokens `account` has locked now.
        #[ink(message)]
        pub fn locked_of(&self, account: AccountId) -> Balance {
            self.power.locked(account)
        }

        /// Tokens locked in total now (what governance holds for voters).
        #[ink(message)]
        pub fn total_locked(&self) -> Balance {
            self.power.total()
        }

        /// Voting power of `account` at the end of block time `at`.
        #[ink(message)]
        pub fn power_at(&self, account: AccountId, at: Timestamp) -> Balance {
            self.power.account_at(account, at)
        }

        /// Tokens locked in total at the end of block time `at`.
        #[ink(message)]
        pub fn total_at(&self, at: Timestamp) -> Balance {
            self.power.total_at(at)
        }

        /// The block time until which `account` cannot unlock because it
        /// voted, if that is still ahead.
        #[ink(message)]
        pub fn held_until(&self, account: AccountId) -> Option<Timestamp> {
            self.power.held(account, self.env().block_timestamp())
        }

        /// Proposes `calls` (at most 8; each input at most 1,024 bytes;
        /// each callee a contract; a call to governance itself only
        /// `set_settings` or `set_code` with valid arguments), described
        /// off chain by the text whose blake2-256 is `description_hash`.
        /// The caller needs the proposal threshold of locked tokens (capped
        /// at 10 % of the total locked). No call may approve a spender of
        /// the voting token's balance governance holds (`ApprovesLockedTokens`).
        /// Voting opens after the voting delay. Returns the proposal's id.
        /// Emits `ProposalCreated`.
        #[ink(message)]
        pub fn propose(&mut self, calls: Vec<ProposedCall>, description_hash: Hash) -> Result<u32> {
            let (caller, now, own) = (
                self.env().caller(),
                self.env().block_timestamp(),
                self.env().account_id(),
            );
            check_calls(
                &calls,
                own,
                self.token,
                |callee| self.env().is_contract(callee),
                |call| SelfCall::from_call(call, self.voting_period_floor()).is_some(),
            )?;
            let (voting_power, power) = (&self.power, self.power.locked(caller));
            let (id, proposal) = self.proposals.propose(
                caller,
                power,
                || voting_power.total(),
                &calls,
                description_hash,
                &self.settings,
                now,
            )?;
            self.env().emit_event(ProposalCreated {
                id,
                proposer: caller,
                calls,
                description_hash,
                snapshot: proposal.snapshot,
                vote_end: proposal.vote_end,
                quorum_bps: proposal.quorum_bps,
            });
            Ok(id)
        }

        /// Votes `support` (Against, For, Abstain) on proposal `id` while it
        /// is Active, with the caller's locked power at its snapshot; once
        /// per account. The caller's tokens stay locked until voting ends.
        /// Returns the weight counted. Emits `VoteCast`.
        #[ink(message)]
        pub fn vote(&mut self, id: u32, support: Support) -> Result<Balance> {
            let (voter, now) = (self.env().caller(), self.env().block_timestamp());
            let power = &self.power;
            let (proposal, weight) = self.proposals.vote(
                id,
                voter,
                support,
                now,
                |at| power.account_at(voter, at),
                |at| power.total_at(at),
            )?;
            self.power.hold_until(voter, proposal.vote_end);
            self.env().emit_event(VoteCast {
                id,
                voter,
                support,
                weight,
            });
            Ok(weight)
        }

        /// Queues the Succeeded proposal `id` behind the timelock; anyone
        /// may, until its `queue_by` (the grace period after voting ends),
        /// after which it is Expired. Returns when it may be executed.
        /// Emits `ProposalQueued`.
        #[ink(message)]
        pub fn queue(&mut self, id: u32) -> Result<Timelock> {
            let now = self.env().block_timestamp();
            let power = &self.power;
            let timelock = self.proposals.queue(id, now, &self.settings, |at| power.total_at(at))?;
            self.env().emit_event(ProposalQueued {
                id,
                eta: timelock.eta,
                expires: timelock.expires,
            });
            Ok(timelock)
        }

        /// Executes the Queued proposal `id` once its timelock has passed
        /// and before it expires; anyone may. The proposal is marked
        /// executed, then every call is made in order; if one fails
        /// (`CallFailed { call, fault }`), or if a call addressed the voting
        /// token and governance then holds fewer of it than are locked
        /// (`LockedTokensMoved`), nothing of the execution persists and the
        /// proposal stays Queued. Emits
        /// `ProposalExecuted` (and whatever the callees emit).
        #[ink(message)]
        pub fn execute(&mut self, id: u32) -> Result<()> {
            let (caller, now, own) = (
                self.env().caller(),
                self.env().block_timestamp(),
                self.env().account_id(),
            );
            let power = &self.power;
            let calls = self.proposals.begin_execution(id, now, |at| power.total_at(at))?;
            for (index, call) in (0u8..).zip(calls.iter()) {
                let outcome = if call.callee == own {
                    self.perform_self_call(call)
                } else {
                    call_out(call)
                };
                outcome.map_err(|fault| Error::CallFailed { call: index, fault })?;
            }
            // Only a call to the token can lower governance's balance of it:
            // proposals cannot approve a spender (`ApprovesLockedTokens`), and
            // a callee cannot re-enter governance. So the balance read (a
            // call that loads the token's code) is skipped when none did.
            if calls.iter().any(|call| call.callee == self.token) {
                self.ensure_locks_covered()?;
            }
            self.env().emit_event(ProposalExecuted { id, by: caller });
            Ok(())
        }

        /// Cancels proposal `id`: its proposer while it is Pending, or the
        /// guardian while it is not final, unless the proposal does nothing
        /// but remove or replace the guardian (`GuardianCannotCancelItsRemoval`;
        /// a proposal that also makes other calls, or changes governance's
        /// code, stays cancellable). Emits `ProposalCanceled`.
        #[ink(message)]
        pub fn cancel(&mut self, id: u32) -> Result<()> {
            let (caller, now) = (self.env().caller(), self.env().block_timestamp());
            let (power, settings, own) = (&self.power, &self.settings, self.env().account_id());
            let removes_guardian = |calls: &[ProposedCall]| only_replaces_guardian(calls, own, settings);
            let was = self.proposals.cancel(
                id,
                caller,
                settings.guardian,
                now,
                |at| power.total_at(at),
                removes_guardian,
            )?;
            self.env().emit_event(ProposalCanceled { id, by: caller, was });
            Ok(())
        }

        /// The state of proposal `id` at the current block time.
        #[ink(message)]
        pub fn state(&self, id: u32) -> Result<ProposalState> {
            let power = &self.power;
            self.proposals
                .state(id, self.env().block_timestamp(), |at| power.total_at(at))
        }

        /// Proposal `id` (proposer, snapshot, vote end, quorum, tally,
        /// timelock), if it exists.
        #[ink(message)]
        pub fn proposal(&self, id: u32) -> Option<Proposal> {
            self.proposals.get(id)
        }

        /// The last block time at which proposal `id` may be queued once it
        /// succeeded (the end of voting plus the grace period in force when
        /// it was made); after it, an unqueued proposal is Expired.
        #[ink(message)]
        pub fn queue_by(&self, id: u32) -> Option<Timestamp> {
            self.proposals.queue_by(id)
        }

        /// The shortest voting period a proposal may set (this governance's
        /// first voting period, up to a day; at least 3 s).
        #[ink(message)]
        pub fn min_voting_period(&self) -> Timestamp {
            self.voting_period_floor()
        }

        /// The calls proposal `id` makes, if it exists.
        #[ink(message)]
        pub fn proposal_calls(&self, id: u32) -> Option<Vec<ProposedCall>> {
            self.proposals.calls(id)
        }

        /// For + Abstain votes proposal `id` needs: its quorum of the total
        /// locked at its snapshot (before the snapshot, of the total now).
        #[ink(message)]
        pub fn quorum(&self, id: u32) -> Option<Balance> {
            let proposal = self.proposals.get(id)?;
            Some(proposal.quorum(self.power.total_at(proposal.snapshot)))
        }

        /// How `voter` voted on proposal `id`, if it did.
        #[ink(message)]
        pub fn receipt(&self, id: u32, voter: AccountId) -> Option<Support> {
            self.proposals.receipt(id, voter)
        }

        /// How many proposals were made (ids run from 1 to this).
        #[ink(message)]
        pub fn proposal_count(&self) -> u32 {
            self.proposals.count()
        }

        /// Governance's settings.
        #[ink(message)]
        pub fn settings(&self) -> Settings {
            self.settings
        }

        /// The reward token whose locked tokens vote.
        #[ink(message)]
        pub fn token(&self) -> AccountId {
            self.token
        }

        /// Only by proposal: replaces governance's settings. A proposal
        /// addresses this to governance, which applies it internally when
        /// executed; called from outside it is refused (`OnlyByProposal`).
        /// Emits `SettingsChanged`.
        #[ink(message)]
        pub fn set_settings(&mut self, settings: Settings) -> Result<()> {
            let _ = settings;
            Err(Error::OnlyByProposal)
        }

        /// The shortest voting period a proposal may set.
        fn voting_period_floor(&self) -> Timestamp {
            self.voting_period_floor.get().unwrap_or(MIN_VOTING_PERIOD)
        }

        /// `Ok` if governance still holds at least the tokens voters locked.
        fn ensure_locks_covered(&self) -> Result<()> {
            let locked = self.power.total();
            let balance =
                calls::token_balance(self.token, self.env().account_id()).map_err(|_| Error::TokenUnavailable)?;
            if balance < locked {
                return Err(Error::LockedTokensMoved { balance, locked });
            }
            Ok(())
        }

        /// Performs a call a proposal addressed to governance itself.
        fn perform_self_call(&mut self, call: &ProposedCall) -> core::result::Result<(), CallFault> {
            match SelfCall::from_call(call, self.voting_period_floor()) {
                Some(SelfCall::Settings(settings)) => {
                    self.settings = settings;
                    self.env().emit_event(SettingsChanged { settings });
                    Ok(())
                }
                Some(SelfCall::Code(code_hash)) => {
                    switch_code(self.env().account_id(), code_hash).map_err(|_| CallFault::Refused)
                }
                // checked when proposed; a proposal cannot change since
                None => Err(CallFault::NotAMessage),
            }
        }
    }

    fn token_error(failure: CallFailure<PSP22Error>) -> Error {
        failure.into_error(Error::Token, Error::TokenUnavailable)
    }

    /// Governance is its own admin: its admin role and code change only by
    /// proposal (`set_code` addressed to governance is performed
    /// internally); every call of these from outside is refused.
    impl AdminControl for Governance {
        #[ink(message)]
        fn admin(&self) -> AccountId {
            self.env().account_id()
        }

        #[ink(message)]
        fn pending_admin(&self) -> Option<AccountId> {
            None
        }

        #[ink(message)]
        fn propose_admin(&mut self, successor: AccountId) -> core::result::Result<(), AdminError> {
            let _ = successor;
            Err(AdminError::NotAdmin)
        }

        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AdminError> {
            Err(AdminError::NotPendingAdmin)
        }

        #[ink(message)]
        fn set_code(&mut self, code_hash: Hash) -> core::result::Result<(), AdminError> {
            let _ = code_hash;
            Err(AdminError::NotAdmin)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use crate::settings::fixtures::settings;
        use ink::env::test::{default_accounts, recorded_events, set_block_timestamp, set_caller};
        use ink::env::DefaultEnvironment;

        // Locking and execution call other contracts, which off-chain tests
        // cannot do: those are the e2e and drink stories. The logic has its
        // own tests in power.rs and proposal.rs.

        fn governance() -> Governance {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            Governance::new(accounts.frank, settings()).expect("valid settings")
        }

        #[ink::test]
        fn settings_out_of_range_are_refused_at_construction() {
            let mut bad = settings();
            bad.voting_period = 0;
            let accounts = default_accounts::<DefaultEnvironment>();
            assert!(matches!(
                Governance::new(accounts.frank, bad),
                Err(Error::Settings(crate::settings::SettingsError::VotingPeriodTooShort))
            ));
        }

        #[ink::test]
        fn only_a_proposal_changes_settings_code_or_admin() {
            // given governance, called from outside by its deployer
            let mut governance = governance();
            let accounts = default_accounts::<DefaultEnvironment>();
            let mut other = settings();
            other.quorum_bps = 1;
            // then every privileged message is refused and nothing changed
            assert_eq!(governance.set_settings(other), Err(Error::OnlyByProposal));
            assert_eq!(governance.set_code(Hash::from([1; 32])), Err(AdminError::NotAdmin));
            assert_eq!(governance.propose_admin(accounts.alice), Err(AdminError::NotAdmin));
            assert_eq!(governance.accept_admin(), Err(AdminError::NotPendingAdmin));
            assert_eq!(governance.settings(), settings());
            assert_eq!(governance.admin(), ink::env::account_id::<DefaultEnvironment>());
            assert_eq!(governance.pending_admin(), None);
            assert_eq!(recorded_events().count(), 0);
        }

        #[ink::test]
        fn a_proposal_below_the_threshold_or_to_a_non_contract_is_refused() {
            // given bob with nothing locked
            let mut governance = governance();
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.bob);
            set_block_timestamp::<DefaultEnvironment>(1_000);
            let call = |callee| ProposedCall {
                callee,
                selector: [1, 2, 3, 4],
                input: Vec::new(),
                value: 0,
            };
            // then a call to governance's own unknown message is refused first
            let own = ink::env::account_id::<DefaultEnvironment>();
            assert_eq!(
                governance.propose(vec![call(own)], Hash::from([1; 32])),
                Err(Error::InvalidSelfCall { call: 0 })
            );
            // and a call to a plain account (the off-chain engine knows no contracts)
            assert_eq!(
                governance.propose(vec![call(accounts.django)], Hash::from([1; 32])),
                Err(Error::CalleeNotContract { call: 0 })
            );
            // and a valid self-call, below the threshold (with nothing
            // locked, capped at one token: nobody proposes without power)
            let self_call = ProposedCall {
                callee: own,
                selector: crate::execution::SET_SETTINGS,
                input: ink::scale::Encode::encode(&settings()),
                value: 0,
            };
            assert_eq!(
                governance.propose(vec![self_call], Hash::from([1; 32])),
                Err(Error::BelowThreshold { power: 0, threshold: 1 })
            );
            assert_eq!(governance.proposal_count(), 0);
            assert_eq!(governance.state(1), Err(Error::UnknownProposal));
            assert_eq!(recorded_events().count(), 0);
        }
    }
}
