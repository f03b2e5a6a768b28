//! Proposals, their votes and their states, as plain storage logic that
//! unit tests drive without a chain. States and counting follow
//! OpenZeppelin's Governor with GovernorCountingSimple,
//! GovernorVotesQuorumFraction and a timelock.

use crate::error::{Error, Result};
use crate::settings::{Settings, BPS};
use ink::prelude::vec::Vec;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::{AccountId, Balance, Hash, Timestamp};

/// Most calls one proposal may make.
pub const MAX_CALLS: usize = 8;
/// Longest SCALE input of one call, in bytes.
pub const MAX_INPUT_LEN: usize = 1_024;

/// One call a proposal makes when executed: `selector` of `callee` with the
/// SCALE-encoded arguments `input`, transferring `value` of the chain's
/// native token from governance. The callee's message must return a
/// `Result`: its `Ok` is success, and its `Err`, a trap or a missing
/// message fail the whole execution.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProposedCall {
    /// The contract called.
    pub callee: AccountId,
    /// The message's selector.
    pub selector: [u8; 4],
    /// The message's arguments, SCALE-encoded.
    pub input: Vec<u8>,
    /// Native tokens transferred with the call.
    pub value: Balance,
}

/// A vote's choice (the order and numbering of OpenZeppelin's
/// GovernorCountingSimple).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Support {
    /// Against the proposal.
    Against,
    /// For the proposal.
    For,
    /// Counts toward the quorum only.
    Abstain,
}

/// Votes cast on a proposal, weighted by locked power at its snapshot.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    /// Power voting against.
    pub against: Balance,
    /// Power voting for.
    pub for_votes: Balance,
    /// Power abstaining.
    pub abstain: Balance,
}

/// Where a proposal stands, computed from block time as OpenZeppelin's
/// `Governor.state` computes it.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalState {
    /// Made; voting opens after the snapshot.
    Pending,
    /// Voting is open.
    Active,
    /// Cancelled by its proposer (while pending) or the guardian. Final.
    Canceled,
    /// Voting ended below quorum, or with no more For than Against. Final.
    Defeated,
    /// Voting ended with quorum and more For than Against; may be queued
    /// until its `queue_by`.
    Succeeded,
    /// Queued: executable from its eta until its grace period ends.
    Queued,
    /// Succeeded but not queued by its `queue_by`, or queued but not
    /// executed within the grace period. Final.
    Expired,
    /// Executed. Final.
    Executed,
}

/// When a queued proposal may be executed.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timelock {
    /// The earliest block time of execution.
    pub eta: Timestamp,
    /// The last block time of execution; after it the proposal is expired.
    pub expires: Timestamp,
}

/// A proposal (its calls are stored apart: votes never read them).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Who made it.
    pub proposer: AccountId,
    /// blake2-256 of its description (the text is published off chain).
    pub description_hash: Hash,
    /// How many calls it makes.
    pub call_count: u8,
    /// Voting power is read at the end of this block time; voting opens
    /// after it.
    pub snapshot: Timestamp,
    /// The last block time at which votes are taken.
    pub vote_end: Timestamp,
    /// The quorum in force when it was made, in basis points of the total
    /// locked at the snapshot: a later change of the setting does not
    /// apply to it.
    pub quorum_bps: u32,
    /// The votes cast.
    pub tally: Tally,
    /// Set when queued.
    pub timelock: Option<Timelock>,
    /// Set when executed.
    pub executed: bool,
    /// Set when cancelled.
    pub canceled: bool,
}

impl Proposal {
    /// For + Abstain votes needed, given the total locked at the snapshot
    /// (rounded down, as OpenZeppelin rounds).
    pub fn quorum(&self, total_at_snapshot: Balance) -> Balance {
        total_at_snapshot
            .saturating_mul(Balance::from(self.quorum_bps))
            .checked_div(Balance::from(BPS))
            .unwrap_or(0)
    }

    /// The state at block time `now`, if a Succeeded proposal expires after
    /// `queue_by`; `queue_by` is read only for a proposal not yet queued whose
    /// voting succeeded, and `total_at_snapshot` only once voting has ended,
    /// so a vote reads neither.
    pub fn state(
        &self,
        now: Timestamp,
        queue_by: impl FnOnce() -> Timestamp,
        total_at_snapshot: impl FnOnce(Timestamp) -> Balance,
    ) -> ProposalState {
        if self.executed {
            return ProposalState::Executed;
        }
        if self.canceled {
            return ProposalState::Canceled;
        }
        if now <= self.snapshot {
            return ProposalState::Pending;
        }
        if now <= self.vote_end {
            return ProposalState::Active;
        }
        let tally = self.tally;
        let quorum_reached =
            tally.for_votes.saturating_add(tally.abstain) >= self.quorum(total_at_snapshot(self.snapshot));
        if !quorum_reached || tally.for_votes <= tally.against {
            return ProposalState::Defeated;
        }
        match self.timelock {
            None if now > queue_by() => ProposalState::Expired,
            None => ProposalState::Succeeded,
            Some(timelock) if now > timelock.expires => ProposalState::Expired,
            Some(_) => ProposalState::Queued,
        }
    }
}

/// Whether a state is final: nothing can happen to the proposal any more.
pub fn is_final(state: ProposalState) -> bool {
    matches!(
        state,
        ProposalState::Canceled | ProposalState::Defeated | ProposalState::Expired | ProposalState::Executed
    )
}

/// Selectors of the PSP22 messages that would let another account spend
/// governance's tokens, which hold every voter's lock.
pub const ALLOWANCE_SELECTORS: [[u8; 4]; 2] = [
    ink::selector_bytes!("PSP22::approve"),
    ink::selector_bytes!("PSP22::increase_allowance"),
];

/// Checks a proposal's calls: at least one, at most [`MAX_CALLS`], each
/// input at most [`MAX_INPUT_LEN`] bytes, each callee a contract
/// (`is_contract`); a call to governance itself (`own_account`) must be one
/// that governance performs internally (`self_call_valid` checks selector
/// and input); no call may approve a spender of governance's `token`s.
pub fn check_calls(
    calls: &[ProposedCall],
    own_account: AccountId,
    token: AccountId,
    is_contract: impl Fn(&AccountId) -> bool,
    self_call_valid: impl Fn(&ProposedCall) -> bool,
) -> Result<()> {
    if calls.is_empty() {
        return Err(Error::NoCalls);
    }
    if calls.len() > MAX_CALLS {
        return Err(Error::TooManyCalls);
    }
    for (index, call) in (0u8..).zip(calls) {
        if call.input.len() > MAX_INPUT_LEN {
            return Err(Error::InputTooLong { call: index });
        }
        if call.callee == token && ALLOWANCE_SELECTORS.contains(&call.selector) {
            return Err(Error::ApprovesLockedTokens { call: index });
        }
        if call.callee == own_account {
            if !self_call_valid(call) {
                return Err(Error::InvalidSelfCall { call: index });
            }
        } else if !is_contract(&call.callee) {
            return Err(Error::CalleeNotContract { call: index });
        }
    }
    Ok(())
}

/// A proposal as stored, with the last block time at which it may be
/// queued once it succeeded (its vote end plus the grace period in force
/// when it was made): one storage entry per proposal.
///
/// Earlier versions stored the proposal alone under the same key (and some
/// its deadline in [`Proposals`]' `legacy_queue_by`); such an entry decodes
/// with `queue_by` 0, which no stored deadline is (a vote end is after the
/// time it was proposed at).
#[ink::scale_derive(Encode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
struct ProposalRecord {
    proposal: Proposal,
    queue_by: Timestamp,
}

impl ink::scale::Decode for ProposalRecord {
    fn decode<I: ink::scale::Input>(input: &mut I) -> core::result::Result<Self, ink::scale::Error> {
        let proposal = Proposal::decode(input)?;
        let queue_by = match input.remaining_len()? {
            Some(0) => 0,
            _ => Timestamp::decode(input)?,
        };
        Ok(Self { proposal, queue_by })
    }
}

/// Every proposal, its calls and its votes. The storage keys are explicit
/// so that an upgraded governance reads them whatever its fields are called.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Proposals {
    records: Mapping<u32, ProposalRecord, ManualKey<0x4750_5001>>,
    calls: Mapping<u32, Vec<ProposedCall>, ManualKey<0x4750_5002>>,
    receipts: Mapping<(u32, AccountId), Support, ManualKey<0x4750_5003>>,
    count: u32,
    /// The deadlines of proposals an earlier version stored without one
    /// in their record; for those without one here either it is
    /// [`LEGACY_QUEUE_WINDOW`] after their vote end.
    legacy_queue_by: Mapping<u32, Timestamp, ManualKey<0x4750_5004>>,
}

/// How long after its vote end a proposal made before `queue_by` was
/// recorded may still be queued: the longest grace period.
pub const LEGACY_QUEUE_WINDOW: Timestamp = crate::settings::MAX_GRACE_PERIOD;

impl Proposals {
    /// Records a proposal by `proposer`, who has `power` locked now (of
    /// `total_locked()` in all), of `calls` (checked by [`check_calls`])
    /// under `settings` at block time `now`. Returns its id (from 1).
    // `&Vec`: the mapping stores a `Vec`, and taking it by reference lets
    // the caller move it into its event without a copy.
    #[allow(clippy::too_many_arguments, clippy::ptr_arg)]
    pub fn propose(
        &mut self,
        proposer: AccountId,
        power: Balance,
        total_locked: impl FnOnce() -> Balance,
        calls: &Vec<ProposedCall>,
        description_hash: Hash,
        settings: &Settings,
        now: Timestamp,
    ) -> Result<(u32, Proposal)> {
        // The cap on the threshold only lowers it, so the total (a storage
        // read) is needed only when the setting itself is not met.
        if power < settings.proposal_threshold {
            let threshold = settings.threshold(total_locked());
            if power < threshold {
                return Err(Error::BelowThreshold { power, threshold });
            }
        }
        let call_count = u8::try_from(calls.len()).map_err(|_| Error::TooManyCalls)?;
        let id = self.count.checked_add(1).ok_or(Error::Overflow)?;
        let snapshot = now.checked_add(settings.voting_delay).ok_or(Error::Overflow)?;
        let vote_end = snapshot.checked_add(settings.voting_period).ok_or(Error::Overflow)?;
        let queue_by = vote_end.checked_add(settings.grace_period).ok_or(Error::Overflow)?;
        let proposal = Proposal {
            proposer,
            description_hash,
            call_count,
            snapshot,
            vote_end,
            quorum_bps: settings.quorum_bps,
            tally: Tally::default(),
            timelock: None,
            executed: false,
            canceled: false,
        };
        let record = ProposalRecord { proposal, queue_by };
        self.records.insert(id, &record);
        self.calls.insert(id, calls);
        self.count = id;
        Ok((id, record.proposal))
    }

    /// How many proposals were made (the latest id).
    pub fn count(&self) -> u32 {
        self.count
    }

    /// Proposal `id`, if it exists.
    pub fn get(&self, id: u32) -> Option<Proposal> {
        self.existing(id).ok().map(|record| record.proposal)
    }

    /// The last block time at which proposal `id` may be queued once it
    /// succeeded, if it exists.
    pub fn queue_by(&self, id: u32) -> Option<Timestamp> {
        self.existing(id).ok().map(|record| record.queue_by)
    }

    /// The calls of proposal `id`, if it exists.
    pub fn calls(&self, id: u32) -> Option<Vec<ProposedCall>> {
        self.calls.get(id)
    }

    /// How `voter` voted on proposal `id`, if it did.
    pub fn receipt(&self, id: u32, voter: AccountId) -> Option<Support> {
        self.receipts.get((id, voter))
    }

    /// The state of proposal `id` at `now`.
    pub fn state(&self, id: u32, now: Timestamp, total_at: impl FnOnce(Timestamp) -> Balance) -> Result<ProposalState> {
        let ProposalRecord { proposal, queue_by } = self.existing(id)?;
        Ok(proposal.state(now, || queue_by, total_at))
    }

    /// `voter` casts `support` on proposal `id` at `now`, with `weight_at`
    /// its locked power at a block time (and `total_at` the total, read
    /// only to name the state of a proposal whose voting ended). Voting is
    /// open only while the proposal is Active; one vote per account; power
    /// is read at the snapshot. Returns the proposal after the vote and the
    /// weight.
    pub fn vote(
        &mut self,
        id: u32,
        voter: AccountId,
        support: Support,
        now: Timestamp,
        weight_at: impl FnOnce(Timestamp) -> Balance,
        total_at: impl FnOnce(Timestamp) -> Balance,
    ) -> Result<(Proposal, Balance)> {
        let mut record = self.existing(id)?;
        let (proposal, queue_by) = (&mut record.proposal, record.queue_by);
        let found = proposal.state(now, || queue_by, total_at);
        if found != ProposalState::Active {
            return Err(Error::ProposalNot { found });
        }
        if self.receipts.contains((id, voter)) {
            return Err(Error::AlreadyVoted);
        }
        let weight = weight_at(proposal.snapshot);
        if weight == 0 {
            return Err(Error::NoVotingPower);
        }
        let tally = &mut proposal.tally;
        let count = match support {
            Support::Against => &mut tally.against,
            Support::For => &mut tally.for_votes,
            Support::Abstain => &mut tally.abstain,
        };
        *count = count.checked_add(weight).ok_or(Error::Overflow)?;
        self.records.insert(id, &record);
        self.receipts.insert((id, voter), &support);
        Ok((record.proposal, weight))
    }

    /// Queues the Succeeded proposal `id` at `now`: executable from
    /// `now + timelock` until `grace_period` after that.
    pub fn queue(
        &mut self,
        id: u32,
        now: Timestamp,
        settings: &Settings,
        total_at: impl FnOnce(Timestamp) -> Balance,
    ) -> Result<Timelock> {
        let mut record = self.existing(id)?;
        let (proposal, queue_by) = (&mut record.proposal, record.queue_by);
        let found = proposal.state(now, || queue_by, total_at);
        if found != ProposalState::Succeeded {
            return Err(Error::ProposalNot { found });
        }
        let eta = now.checked_add(settings.timelock).ok_or(Error::Overflow)?;
        let expires = eta.checked_add(settings.grace_period).ok_or(Error::Overflow)?;
        let timelock = Timelock { eta, expires };
        proposal.timelock = Some(timelock);
        self.records.insert(id, &record);
        Ok(timelock)
    }

    /// Marks the Queued proposal `id` executed at `now` (its timelock must
    /// have passed) and returns its calls. The caller makes them and fails
    /// as a whole if one fails, which reverts this mark too.
    pub fn begin_execution(
        &mut self,
        id: u32,
        now: Timestamp,
        total_at: impl FnOnce(Timestamp) -> Balance,
    ) -> Result<Vec<ProposedCall>> {
        let mut record = self.existing(id)?;
        let (proposal, queue_by) = (&mut record.proposal, record.queue_by);
        let found = proposal.state(now, || queue_by, total_at);
        if found != ProposalState::Queued {
            return Err(Error::ProposalNot { found });
        }
        if let Some(timelock) = proposal.timelock.filter(|timelock| now < timelock.eta) {
            return Err(Error::TimelockRunning { eta: timelock.eta });
        }
        proposal.executed = true;
        self.records.insert(id, &record);
        Ok(self.calls.get(id).unwrap_or_default())
    }

    /// `caller` cancels proposal `id` at `now`: its proposer while it is
    /// Pending, or the `guardian` while it is not final, unless its calls
    /// do nothing but remove or replace the guardian (`removes_guardian`):
    /// no guardian vetoes its own removal.
    pub fn cancel(
        &mut self,
        id: u32,
        caller: AccountId,
        guardian: Option<AccountId>,
        now: Timestamp,
        total_at: impl FnOnce(Timestamp) -> Balance,
        removes_guardian: impl FnOnce(&[ProposedCall]) -> bool,
    ) -> Result<ProposalState> {
        let mut record = self.existing(id)?;
        let (proposal, queue_by) = (&mut record.proposal, record.queue_by);
        let found = proposal.state(now, || queue_by, total_at);
        let allowed = if caller == proposal.proposer && found == ProposalState::Pending {
            true
        } else if guardian == Some(caller) {
            if is_final(found) {
                return Err(Error::ProposalNot { found });
            }
            if removes_guardian(&self.calls.get(id).unwrap_or_default()) {
                return Err(Error::GuardianCannotCancelItsRemoval);
            }
            true
        } else if caller == proposal.proposer {
            false
        } else {
            return Err(Error::NotAllowedToCancel);
        };
        if !allowed {
            return Err(Error::ProposalNot { found });
        }
        proposal.canceled = true;
        self.records.insert(id, &record);
        Ok(found)
    }

    /// Proposal `id` and its deadline to be queued.
    fn existing(&self, id: u32) -> Result<ProposalRecord> {
        let mut record = self.records.get(id).ok_or(Error::UnknownProposal)?;
        if record.queue_by == 0 {
            record.queue_by = self
                .legacy_queue_by
                .get(id)
                .unwrap_or_else(|| record.proposal.vote_end.saturating_add(LEGACY_QUEUE_WINDOW));
        }
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    /// The fixture's settings with the short times these stories count in
    /// (the book takes settings already checked): voting for 100, grace 1,000.
    fn settings() -> Settings {
        Settings {
            voting_period: 100,
            grace_period: 1_000,
            ..crate::settings::fixtures::settings()
        }
    }

    fn never_removes_guardian(_: &[ProposedCall]) -> bool {
        false
    }

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }

    fn one_call() -> Vec<ProposedCall> {
        vec![ProposedCall {
            callee: account(9),
            selector: [1, 2, 3, 4],
            input: vec![7],
            value: 0,
        }]
    }

    /// A proposal by account 1 made at t=1000 under the fixture settings:
    /// snapshot 1010, voting until 1110, quorum 40 %.
    fn proposed() -> (Proposals, u32) {
        let mut proposals = Proposals::default();
        let id = propose_with(&mut proposals, 100, &settings()).expect("at the threshold");
        (proposals, id)
    }

    /// Account 1, with `power` of `TOTAL` locked, proposes `one_call()` at
    /// t=1000 under `settings`.
    fn propose_with(proposals: &mut Proposals, power: Balance, settings: &Settings) -> Result<u32> {
        proposals
            .propose(
                account(1),
                power,
                || TOTAL,
                &one_call(),
                Hash::from([5; 32]),
                settings,
                1_000,
            )
            .map(|(id, _)| id)
    }

    const TOTAL: Balance = 1_000;

    #[ink::test]
    fn proposals_stored_by_earlier_versions_are_still_read_and_kept_on_change() {
        // given two proposals in the layouts earlier versions wrote, the
        // proposal alone under the records' key: one with its deadline
        // beside it, one (older still) without (ids apart from the fresh
        // one's: off-chain storage is shared by the test)
        let (fresh, id) = proposed();
        let proposal = fresh.get(id).expect("stored");
        let mut earlier: Mapping<u32, Proposal, ManualKey<0x4750_5001>> = Mapping::new();
        earlier.insert(7, &proposal);
        earlier.insert(8, &proposal);
        let mut proposals = Proposals::default();
        proposals.legacy_queue_by.insert(7, &1_500);
        proposals.calls.insert(8, &one_call());
        proposals.count = 8;
        // then both read back, with the stored deadline or the legacy window
        let legacy_deadline = proposal.vote_end + LEGACY_QUEUE_WINDOW;
        assert_eq!(proposals.get(7), Some(proposal.clone()));
        assert_eq!(proposals.queue_by(7), Some(1_500));
        assert_eq!(proposals.queue_by(8), Some(legacy_deadline));
        // when a vote changes the older one
        proposals
            .vote(8, account(2), Support::For, 1_011, |_| 400, |_| TOTAL)
            .expect("active");
        // then it is stored with its deadline, and read with the vote
        assert_eq!(
            proposals.records.get(8).map(|record| record.queue_by),
            Some(legacy_deadline)
        );
        assert_eq!(proposals.get(8).map(|found| found.tally.for_votes), Some(400));
        // and a proposal made now is stored with its deadline in its record
        let record = fresh.records.get(id).expect("stored");
        assert_eq!((record.queue_by, fresh.queue_by(id)), (2_110, Some(2_110)));
    }

    #[ink::test]
    fn a_proposal_moves_pending_active_succeeded_queued_executed() {
        // given a proposal
        let (mut proposals, id) = proposed();
        let state = |proposals: &Proposals, now| proposals.state(id, now, |_| TOTAL).expect("exists");
        // then it is pending up to its snapshot, active until its vote end
        assert_eq!(state(&proposals, 1_010), ProposalState::Pending);
        assert_eq!(state(&proposals, 1_011), ProposalState::Active);
        // when 400 (the quorum of 1,000 at 40 %) vote for
        let (after, weight) = proposals
            .vote(
                id,
                account(2),
                Support::For,
                1_011,
                |at| if at == 1_010 { 400 } else { 0 },
                |_| TOTAL,
            )
            .expect("active");
        assert_eq!((after.tally.for_votes, weight), (400, 400));
        assert_eq!(state(&proposals, 1_110), ProposalState::Active);
        // then it succeeded once voting ended
        assert_eq!(state(&proposals, 1_111), ProposalState::Succeeded);
        // when queued at 1,200: executable from 1,250 until 2,250
        let timelock = proposals.queue(id, 1_200, &settings(), |_| TOTAL).expect("succeeded");
        assert_eq!(
            timelock,
            Timelock {
                eta: 1_250,
                expires: 2_250
            }
        );
        assert_eq!(state(&proposals, 1_249), ProposalState::Queued);
        assert_eq!(
            proposals.begin_execution(id, 1_249, |_| TOTAL),
            Err(Error::TimelockRunning { eta: 1_250 })
        );
        // then it executes once, at or after its eta
        assert_eq!(proposals.begin_execution(id, 1_250, |_| TOTAL), Ok(one_call()));
        assert_eq!(state(&proposals, 1_250), ProposalState::Executed);
        assert_eq!(
            proposals.begin_execution(id, 1_251, |_| TOTAL),
            Err(Error::ProposalNot {
                found: ProposalState::Executed
            })
        );
    }

    #[ink::test]
    fn below_quorum_or_without_a_for_majority_a_proposal_is_defeated() {
        // (one off-chain storage per test, keys fixed: each case votes with
        // its own accounts)
        for (case, (tally, expected)) in (0u8..).zip([
            // quorum counts For + Abstain: 399 is short of 400
            ((0, 200, 199), ProposalState::Defeated),
            ((0, 200, 200), ProposalState::Succeeded),
            // a tie is not a majority
            ((400, 400, 0), ProposalState::Defeated),
            ((400, 401, 0), ProposalState::Succeeded),
        ]) {
            let (mut proposals, id) = proposed();
            for (voter, (support, weight)) in (10 * case + 10..).zip([
                (Support::Against, tally.0),
                (Support::For, tally.1),
                (Support::Abstain, tally.2),
            ]) {
                if weight > 0 {
                    proposals
                        .vote(id, account(voter), support, 1_100, |_| weight, |_| TOTAL)
                        .expect("active");
                }
            }
            assert_eq!(proposals.state(id, 1_111, |_| TOTAL), Ok(expected), "{tally:?}");
            if expected == ProposalState::Defeated {
                assert_eq!(
                    proposals.queue(id, 1_111, &settings(), |_| TOTAL),
                    Err(Error::ProposalNot { found: expected })
                );
            }
        }
    }

    #[ink::test]
    fn the_quorum_is_the_one_in_force_when_the_proposal_was_made() {
        // given a proposal made under a 40 % quorum that got 300 of 1,000
        let (mut proposals, id) = proposed();
        proposals
            .vote(id, account(2), Support::For, 1_050, |_| 300, |_| TOTAL)
            .expect("active");
        // when the setting is lowered to 10 % afterwards
        let mut lower = settings();
        lower.quorum_bps = 1_000;
        let (later, _) = proposals
            .propose(
                account(1),
                100,
                || TOTAL,
                &one_call(),
                Hash::from([6; 32]),
                &lower,
                1_100,
            )
            .expect("proposes");
        // then the old proposal is still defeated; a new one uses 10 %
        assert_eq!(proposals.state(id, 1_111, |_| TOTAL), Ok(ProposalState::Defeated));
        assert_eq!(proposals.get(later).map(|p| p.quorum(TOTAL)), Some(100));
    }

    #[ink::test]
    fn votes_outside_the_period_twice_or_without_power_are_refused() {
        let (mut proposals, id) = proposed();
        let refused_at =
            |proposals: &mut Proposals, now| proposals.vote(id, account(2), Support::For, now, |_| 10, |_| TOTAL);
        assert_eq!(
            refused_at(&mut proposals, 1_010),
            Err(Error::ProposalNot {
                found: ProposalState::Pending
            })
        );
        assert_eq!(
            refused_at(&mut proposals, 1_111),
            Err(Error::ProposalNot {
                found: ProposalState::Defeated
            })
        );
        proposals
            .vote(id, account(2), Support::For, 1_050, |_| 10, |_| TOTAL)
            .expect("once");
        assert_eq!(refused_at(&mut proposals, 1_051), Err(Error::AlreadyVoted));
        assert_eq!(
            proposals.vote(id, account(3), Support::For, 1_051, |_| 0, |_| TOTAL),
            Err(Error::NoVotingPower)
        );
        assert_eq!(
            proposals.vote(9, account(3), Support::For, 1_051, |_| 10, |_| TOTAL),
            Err(Error::UnknownProposal)
        );
        assert_eq!(proposals.get(id).map(|p| p.tally.for_votes), Some(10));
    }

    #[ink::test]
    fn a_queued_proposal_not_executed_within_its_grace_period_expires() {
        let (mut proposals, id) = proposed();
        proposals
            .vote(id, account(2), Support::For, 1_050, |_| 500, |_| TOTAL)
            .expect("active");
        proposals.queue(id, 1_200, &settings(), |_| TOTAL).expect("succeeded");
        assert_eq!(proposals.state(id, 2_250, |_| TOTAL), Ok(ProposalState::Queued));
        assert_eq!(proposals.state(id, 2_251, |_| TOTAL), Ok(ProposalState::Expired));
        assert_eq!(
            proposals.begin_execution(id, 2_251, |_| TOTAL),
            Err(Error::ProposalNot {
                found: ProposalState::Expired
            })
        );
    }

    #[ink::test]
    fn the_proposer_cancels_while_pending_the_guardian_until_final_a_stranger_never() {
        let (guardian, proposer, stranger) = (Some(account(8)), account(1), account(3));
        // a stranger, at any time
        let (mut proposals, id) = proposed();
        assert_eq!(
            proposals.cancel(id, stranger, guardian, 1_000, |_| TOTAL, never_removes_guardian),
            Err(Error::NotAllowedToCancel)
        );
        // the proposer, once voting opened
        assert_eq!(
            proposals.cancel(id, proposer, guardian, 1_011, |_| TOTAL, never_removes_guardian),
            Err(Error::ProposalNot {
                found: ProposalState::Active
            })
        );
        assert_eq!(proposals.state(id, 1_011, |_| TOTAL), Ok(ProposalState::Active));
        // the proposer while pending
        assert_eq!(
            proposals.cancel(id, proposer, guardian, 1_010, |_| TOTAL, never_removes_guardian),
            Ok(ProposalState::Pending)
        );
        assert_eq!(proposals.state(id, 1_011, |_| TOTAL), Ok(ProposalState::Canceled));
        // the guardian while queued, not once executed
        let (mut proposals, id) = proposed();
        proposals
            .vote(id, account(20), Support::For, 1_050, |_| 500, |_| TOTAL)
            .expect("active");
        proposals.queue(id, 1_200, &settings(), |_| TOTAL).expect("succeeded");
        assert_eq!(
            proposals.cancel(id, account(8), guardian, 1_240, |_| TOTAL, never_removes_guardian),
            Ok(ProposalState::Queued)
        );
        let (mut proposals, id) = proposed();
        proposals
            .vote(id, account(21), Support::For, 1_050, |_| 500, |_| TOTAL)
            .expect("active");
        proposals.queue(id, 1_200, &settings(), |_| TOTAL).expect("succeeded");
        proposals.begin_execution(id, 1_250, |_| TOTAL).expect("queued");
        assert_eq!(
            proposals.cancel(id, account(8), guardian, 1_260, |_| TOTAL, never_removes_guardian),
            Err(Error::ProposalNot {
                found: ProposalState::Executed
            })
        );
    }

    #[ink::test]
    fn a_proposal_below_the_threshold_is_refused_and_takes_no_id() {
        let mut proposals = Proposals::default();
        assert_eq!(
            propose_with(&mut proposals, 99, &settings()),
            Err(Error::BelowThreshold {
                power: 99,
                threshold: 100
            })
        );
        assert_eq!((proposals.count(), proposals.get(1)), (0, None));
    }

    #[test]
    fn calls_are_checked_for_count_length_callee_and_self_calls() {
        let own = account(7);
        let is_contract = |callee: &AccountId| *callee != account(4);
        let self_valid = |call: &ProposedCall| call.selector == [0; 4];
        let call = |callee, selector, len| ProposedCall {
            callee,
            selector,
            input: vec![0; len],
            value: 0,
        };
        let token = account(5);
        let check = |calls: &[ProposedCall]| check_calls(calls, own, token, is_contract, self_valid);
        assert_eq!(check(&[]), Err(Error::NoCalls));
        assert_eq!(
            check(&vec![call(account(9), [1; 4], 0); MAX_CALLS + 1]),
            Err(Error::TooManyCalls)
        );
        assert_eq!(check(&vec![call(account(9), [1; 4], 0); MAX_CALLS]), Ok(()));
        assert_eq!(
            check(&[call(account(9), [1; 4], 0), call(account(9), [1; 4], MAX_INPUT_LEN + 1)]),
            Err(Error::InputTooLong { call: 1 })
        );
        assert_eq!(
            check(&[call(account(4), [1; 4], 0)]),
            Err(Error::CalleeNotContract { call: 0 })
        );
        assert_eq!(check(&[call(own, [1; 4], 0)]), Err(Error::InvalidSelfCall { call: 0 }));
        assert_eq!(check(&[call(own, [0; 4], 0)]), Ok(()));
        // the token's transfers pass (execution checks the locks stay
        // covered); approving a spender of governance's tokens does not
        for selector in ALLOWANCE_SELECTORS {
            assert_eq!(
                check(&[call(account(9), [1; 4], 0), call(token, selector, 0)]),
                Err(Error::ApprovesLockedTokens { call: 1 })
            );
        }
        assert_eq!(
            check(&[call(token, ink::selector_bytes!("PSP22::transfer"), 0)]),
            Ok(())
        );
    }

    #[ink::test]
    fn a_succeeded_proposal_not_queued_within_the_grace_period_expires() {
        // given a proposal that succeeded when voting ended at 1,110
        let (mut proposals, id) = proposed();
        proposals
            .vote(id, account(2), Support::For, 1_050, |_| 500, |_| TOTAL)
            .expect("active");
        assert_eq!(proposals.queue_by(id), Some(2_110));
        assert_eq!(proposals.state(id, 2_110, |_| TOTAL), Ok(ProposalState::Succeeded));
        // when nobody queued it within the grace period (1,000), it expired
        assert_eq!(proposals.state(id, 2_111, |_| TOTAL), Ok(ProposalState::Expired));
        assert_eq!(
            proposals.queue(id, 2_111, &settings(), |_| TOTAL),
            Err(Error::ProposalNot {
                found: ProposalState::Expired
            })
        );
        assert_eq!(proposals.get(id).and_then(|p| p.timelock), None, "nothing stored");
    }

    #[ink::test]
    fn the_guardian_cannot_cancel_a_proposal_that_removes_it() {
        let guardian = Some(account(8));
        let (mut proposals, id) = proposed();
        assert_eq!(
            proposals.cancel(id, account(8), guardian, 1_050, |_| TOTAL, |_| true),
            Err(Error::GuardianCannotCancelItsRemoval)
        );
        assert_eq!(proposals.state(id, 1_050, |_| TOTAL), Ok(ProposalState::Active));
        // its proposer still may, while it is pending
        assert_eq!(
            proposals.cancel(id, account(1), guardian, 1_000, |_| TOTAL, |_| true),
            Ok(ProposalState::Pending)
        );
    }

    #[ink::test]
    fn the_threshold_is_capped_at_a_tenth_of_the_power_locked() {
        let unreachable = Settings {
            proposal_threshold: Balance::MAX,
            ..settings()
        };
        let mut proposals = Proposals::default();
        assert_eq!(
            propose_with(&mut proposals, 99, &unreachable),
            Err(Error::BelowThreshold {
                power: 99,
                threshold: 100
            })
        );
        assert_eq!(propose_with(&mut proposals, 100, &unreachable), Ok(1));
    }
}
