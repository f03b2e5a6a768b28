//! The reference model of governance: locked voting power with its history
//! (a list of (since, amount) per account, read by a linear scan), proposals
//! in the OpenZeppelin Governor states, holds on voters' locks while a vote
//! they cast is live. Written apart from the contract's checkpoints and
//! binary search.

use governance::error::{CallFault, Error};
use governance::power::PowerError;
use governance::proposal::{ProposalState, Support};
use governance::settings::Settings;
use ink::primitives::AccountId;
use std::collections::{BTreeMap, BTreeSet};

type Time = u64;

/// The sequences' governance settings (block time in ms): an hour's delay,
/// a day of voting, a day's timelock, ten days of grace; 100 locked tokens
/// to propose; a 40 % quorum; `guardian` may cancel.
pub fn fuzz_settings(guardian: AccountId) -> Settings {
    const HOUR: Time = 3_600_000;
    Settings {
        voting_delay: HOUR,
        voting_period: 24 * HOUR,
        proposal_threshold: 100,
        quorum_bps: 4_000,
        timelock: 24 * HOUR,
        grace_period: 240 * HOUR,
        guardian: Some(guardian),
    }
}

/// What a proposal does when executed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proposed {
    /// Governance's own `set_settings` with this quorum (bps): succeeds.
    Quorum(u32),
    /// The registry's `set_required_attestations`: governance is not the
    /// registry's admin, so the call is refused and the execution reverts.
    RegistryRequirement,
}

/// See [`GovernanceModel::proposal_facts`].
pub type ProposalFacts = (
    ProposalState,
    AccountId,
    Time,
    Time,
    u32,
    (u128, u128, u128),
    Option<(Time, Time)>,
    bool,
    bool,
);

#[derive(Debug, Clone)]
struct Proposal {
    proposer: AccountId,
    snapshot: Time,
    vote_end: Time,
    /// Succeeded but not queued after this: expired.
    queue_by: Time,
    quorum_bps: u32,
    for_votes: u128,
    against: u128,
    abstain: u128,
    /// (eta, expires) once queued.
    timelock: Option<(Time, Time)>,
    executed: bool,
    canceled: bool,
    proposed: Proposed,
}

/// Governance as the model sees it.
#[derive(Debug, Clone)]
pub struct GovernanceModel {
    /// Current settings.
    pub settings: Settings,
    /// Every change of each account's lock: (since, amount locked from then).
    history: BTreeMap<AccountId, Vec<(Time, u128)>>,
    held_until: BTreeMap<AccountId, Time>,
    proposals: Vec<Proposal>,
    receipts: BTreeSet<(u32, AccountId)>,
}

impl GovernanceModel {
    /// Nothing locked, no proposals.
    pub fn new(settings: Settings) -> Self {
        Self {
            settings,
            history: BTreeMap::new(),
            held_until: BTreeMap::new(),
            proposals: Vec::new(),
            receipts: BTreeSet::new(),
        }
    }

    /// What `account` had locked at `at` (the last change at or before it).
    pub fn locked_at(&self, account: AccountId, at: Time) -> u128 {
        self.history
            .get(&account)
            .and_then(|changes| changes.iter().rev().find(|(since, _)| *since <= at))
            .map_or(0, |(_, amount)| *amount)
    }

    /// What `account` has locked now.
    pub fn locked(&self, account: AccountId) -> u128 {
        self.locked_at(account, Time::MAX)
    }

    /// Everything locked at `at`: the sum over accounts.
    pub fn total_at(&self, at: Time) -> u128 {
        self.history.keys().map(|account| self.locked_at(*account, at)).sum()
    }

    /// How many proposals were made.
    pub fn proposal_count(&self) -> u32 {
        self.proposals.len() as u32
    }

    /// Proposal `id` as governance should read it at `now`: (state,
    /// proposer, snapshot, vote end, quorum bps, (for, against, abstain),
    /// timelock's (eta, expires), executed, canceled).
    pub fn proposal_facts(&self, id: u32, now: Time) -> Option<ProposalFacts> {
        let p = self.proposals.get((id as usize).checked_sub(1)?)?;
        Some((
            self.state(p, now),
            p.proposer,
            p.snapshot,
            p.vote_end,
            p.quorum_bps,
            (p.for_votes, p.against, p.abstain),
            p.timelock,
            p.executed,
            p.canceled,
        ))
    }

    /// Ids of the proposals in `state` at `now`.
    pub fn proposals_in(&self, state: ProposalState, now: Time) -> Vec<u32> {
        (1..=self.proposal_count())
            .filter(|id| self.state(&self.proposals[(*id - 1) as usize], now) == state)
            .collect()
    }

    /// Accounts that ever locked.
    pub fn lockers(&self) -> Vec<AccountId> {
        self.history.keys().copied().collect()
    }

    fn set_locked(&mut self, account: AccountId, amount: u128, now: Time) {
        let changes = self.history.entry(account).or_default();
        match changes.last_mut() {
            Some((since, locked)) if *since == now => *locked = amount,
            _ => changes.push((now, amount)),
        }
    }

    /// `lock` of `amount` (the token transfer is the caller's part).
    pub fn lock(&mut self, account: AccountId, amount: u128, now: Time) -> Result<u128, Error> {
        if amount == 0 {
            return Err(Error::Power(PowerError::ZeroAmount));
        }
        let locked = self.locked(account) + amount;
        self.set_locked(account, locked, now);
        Ok(locked)
    }

    /// `unlock` of `amount`: refused while a vote the account cast is live.
    pub fn unlock(&mut self, account: AccountId, amount: u128, now: Time) -> Result<u128, Error> {
        if amount == 0 {
            return Err(Error::Power(PowerError::ZeroAmount));
        }
        if let Some(until) = self.held_until.get(&account).copied().filter(|until| now <= *until) {
            return Err(Error::Power(PowerError::VoteLive { until }));
        }
        let locked = self.locked(account);
        if locked < amount {
            return Err(Error::Power(PowerError::InsufficientLocked { locked }));
        }
        self.set_locked(account, locked - amount, now);
        Ok(locked - amount)
    }

    fn state(&self, proposal: &Proposal, now: Time) -> ProposalState {
        if proposal.executed {
            return ProposalState::Executed;
        }
        if proposal.canceled {
            return ProposalState::Canceled;
        }
        if now <= proposal.snapshot {
            return ProposalState::Pending;
        }
        if now <= proposal.vote_end {
            return ProposalState::Active;
        }
        let quorum = self.total_at(proposal.snapshot) * u128::from(proposal.quorum_bps) / 10_000;
        if proposal.for_votes + proposal.abstain < quorum || proposal.for_votes <= proposal.against {
            return ProposalState::Defeated;
        }
        match proposal.timelock {
            None if now > proposal.queue_by => ProposalState::Expired,
            None => ProposalState::Succeeded,
            Some((_, expires)) if now > expires => ProposalState::Expired,
            Some(_) => ProposalState::Queued,
        }
    }

    fn existing(&self, id: u32, now: Time) -> Result<(usize, ProposalState), Error> {
        let index = (id as usize)
            .checked_sub(1)
            .filter(|index| *index < self.proposals.len());
        let index = index.ok_or(Error::UnknownProposal)?;
        Ok((index, self.state(&self.proposals[index], now)))
    }

    /// `propose`: a quorum above half (or zero) is not a valid self-call;
    /// the proposer needs the threshold in power locked now, capped at a
    /// tenth of the total locked (at least 1).
    pub fn propose(&mut self, proposer: AccountId, proposed: Proposed, now: Time) -> Result<u32, Error> {
        if let Proposed::Quorum(bps) = proposed {
            if bps == 0 || bps > 5_000 {
                return Err(Error::InvalidSelfCall { call: 0 });
            }
        }
        let power = self.locked(proposer);
        let tenth = (self.total_at(Time::MAX) / 10).max(1);
        let threshold = self.settings.proposal_threshold.min(tenth);
        if power < threshold {
            return Err(Error::BelowThreshold { power, threshold });
        }
        let snapshot = now + self.settings.voting_delay;
        let vote_end = snapshot + self.settings.voting_period;
        self.proposals.push(Proposal {
            proposer,
            snapshot,
            vote_end,
            queue_by: vote_end + self.settings.grace_period,
            quorum_bps: self.settings.quorum_bps,
            for_votes: 0,
            against: 0,
            abstain: 0,
            timelock: None,
            executed: false,
            canceled: false,
            proposed,
        });
        Ok(self.proposals.len() as u32)
    }

    /// `vote` with the power locked at the proposal's snapshot.
    pub fn vote(&mut self, voter: AccountId, id: u32, support: Support, now: Time) -> Result<u128, Error> {
        let (index, found) = self.existing(id, now)?;
        if found != ProposalState::Active {
            return Err(Error::ProposalNot { found });
        }
        if self.receipts.contains(&(id, voter)) {
            return Err(Error::AlreadyVoted);
        }
        let weight = self.locked_at(voter, self.proposals[index].snapshot);
        if weight == 0 {
            return Err(Error::NoVotingPower);
        }
        let proposal = &mut self.proposals[index];
        match support {
            Support::For => proposal.for_votes += weight,
            Support::Against => proposal.against += weight,
            Support::Abstain => proposal.abstain += weight,
        }
        let vote_end = proposal.vote_end;
        self.receipts.insert((id, voter));
        let held = self.held_until.entry(voter).or_insert(vote_end);
        *held = (*held).max(vote_end);
        Ok(weight)
    }

    /// `queue` a succeeded proposal behind the timelock.
    pub fn queue(&mut self, id: u32, now: Time) -> Result<(), Error> {
        let (index, found) = self.existing(id, now)?;
        if found != ProposalState::Succeeded {
            return Err(Error::ProposalNot { found });
        }
        let eta = now + self.settings.timelock;
        self.proposals[index].timelock = Some((eta, eta + self.settings.grace_period));
        Ok(())
    }

    /// `execute` a queued proposal after its timelock; a refused call
    /// reverts the whole execution.
    pub fn execute(&mut self, id: u32, now: Time) -> Result<(), Error> {
        let (index, found) = self.existing(id, now)?;
        if found != ProposalState::Queued {
            return Err(Error::ProposalNot { found });
        }
        if let Some((eta, _)) = self.proposals[index].timelock.filter(|(eta, _)| now < *eta) {
            return Err(Error::TimelockRunning { eta });
        }
        match self.proposals[index].proposed {
            Proposed::Quorum(bps) => self.settings.quorum_bps = bps,
            Proposed::RegistryRequirement => {
                return Err(Error::CallFailed {
                    call: 0,
                    fault: CallFault::Refused,
                })
            }
        }
        self.proposals[index].executed = true;
        Ok(())
    }

    /// `cancel`: the proposer while pending, the guardian until final (the
    /// sequences' proposals never change the guardian).
    pub fn cancel(&mut self, caller: AccountId, id: u32, now: Time) -> Result<(), Error> {
        let (index, found) = self.existing(id, now)?;
        let allowed = if caller == self.proposals[index].proposer && found == ProposalState::Pending {
            true
        } else if self.settings.guardian == Some(caller) {
            !matches!(
                found,
                ProposalState::Canceled | ProposalState::Defeated | ProposalState::Expired | ProposalState::Executed
            )
        } else if caller == self.proposals[index].proposer {
            found == ProposalState::Pending
        } else {
            return Err(Error::NotAllowedToCancel);
        };
        if !allowed {
            return Err(Error::ProposalNot { found });
        }
        self.proposals[index].canceled = true;
        Ok(())
    }
}
