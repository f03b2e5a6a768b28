//! Voting power: reward tokens locked in governance, with the history of
//! every change, so that a proposal's snapshot reads what was locked then.
//!
//! Each account, and the total, keeps a list of checkpoints
//! `(since, amount)`: the amount locked from block time `since` on. A change
//! in the same block time overwrites that block's checkpoint. Reading the
//! amount at a time looks at the latest checkpoint first (one read, the
//! usual case: nothing changed since the snapshot) and otherwise
//! binary-searches the list: O(log n) reads, never a walk over accounts.

use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::{AccountId, Balance, Timestamp};

/// The amount locked from block time `since` on.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Checkpoint {
    /// Block time from which `amount` holds.
    pub since: Timestamp,
    /// Tokens locked from then on.
    pub amount: Balance,
}

/// Why a change of locked power was refused.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PowerError {
    /// A lock or unlock of zero tokens.
    ZeroAmount,
    /// The account has fewer tokens locked than it asked to unlock.
    InsufficientLocked {
        /// What it has locked.
        locked: Balance,
    },
    /// The account voted on a proposal whose voting is still open (until
    /// the block time given): no unlock until then, so that tokens cannot
    /// be moved to another account to vote again.
    VoteLive {
        /// The last block time of the latest voting period it voted in.
        until: Timestamp,
    },
    /// A total overflowed.
    Overflow,
}

/// Every account's locked tokens and the total, with their histories.
/// The storage keys are explicit so that an upgraded governance reads them
/// whatever its fields are called.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct VotingPower {
    account_checkpoints: Mapping<(AccountId, u32), Checkpoint, ManualKey<0x4756_5001>>,
    account_counts: Mapping<AccountId, u32, ManualKey<0x4756_5002>>,
    total_checkpoints: Mapping<u32, Checkpoint, ManualKey<0x4756_5003>>,
    total_count: u32,
    held_until: Mapping<AccountId, Timestamp, ManualKey<0x4756_5004>>,
}

impl VotingPower {
    /// Locks `amount` more for `account` from block time `now`; returns the
    /// account's locked amount now.
    pub fn lock(&mut self, account: AccountId, amount: Balance, now: Timestamp) -> Result<Balance, PowerError> {
        if amount == 0 {
            return Err(PowerError::ZeroAmount);
        }
        let mine = self.locked(account).checked_add(amount).ok_or(PowerError::Overflow)?;
        let total = self.total().checked_add(amount).ok_or(PowerError::Overflow)?;
        self.record(account, mine, total, now)?;
        Ok(mine)
    }

    /// Unlocks `amount` of `account`'s tokens from block time `now`; returns
    /// what stays locked. Refused while a vote of the account is live.
    pub fn unlock(&mut self, account: AccountId, amount: Balance, now: Timestamp) -> Result<Balance, PowerError> {
        if amount == 0 {
            return Err(PowerError::ZeroAmount);
        }
        if let Some(until) = self.held(account, now) {
            return Err(PowerError::VoteLive { until });
        }
        let locked = self.locked(account);
        let mine = locked
            .checked_sub(amount)
            .ok_or(PowerError::InsufficientLocked { locked })?;
        let total = self.total().checked_sub(amount).ok_or(PowerError::Overflow)?;
        self.record(account, mine, total, now)?;
        Ok(mine)
    }

    /// `account` voted in a voting period that ends at `until`: its tokens
    /// stay locked until then (the latest such end counts). One read and one
    /// write, however many proposals it voted on.
    pub fn hold_until(&mut self, account: AccountId, until: Timestamp) {
        if self.held_until.get(account).is_none_or(|held| held < until) {
            self.held_until.insert(account, &until);
        }
    }

    /// The block time until which `account`'s tokens stay locked because it
    /// voted, if that is still ahead of `now`.
    pub fn held(&self, account: AccountId, now: Timestamp) -> Option<Timestamp> {
        self.held_until.get(account).filter(|until| now <= *until)
    }

    /// What `account` has locked now.
    pub fn locked(&self, account: AccountId) -> Balance {
        self.account_at(account, Timestamp::MAX)
    }

    /// What is locked in total now.
    pub fn total(&self) -> Balance {
        self.total_at(Timestamp::MAX)
    }

    /// What `account` had locked at the end of block time `at`.
    pub fn account_at(&self, account: AccountId, at: Timestamp) -> Balance {
        let count = self.account_counts.get(account).unwrap_or(0);
        lookup(count, at, |index| self.account_checkpoints.get((account, index)))
    }

    /// What was locked in total at the end of block time `at`.
    pub fn total_at(&self, at: Timestamp) -> Balance {
        lookup(self.total_count, at, |index| self.total_checkpoints.get(index))
    }

    fn record(&mut self, account: AccountId, mine: Balance, total: Balance, now: Timestamp) -> Result<(), PowerError> {
        let count = self.account_counts.get(account).unwrap_or(0);
        let last = count
            .checked_sub(1)
            .and_then(|index| self.account_checkpoints.get((account, index)));
        let (index, count) = slot(count, last, now)?;
        self.account_checkpoints.insert(
            (account, index),
            &Checkpoint {
                since: now,
                amount: mine,
            },
        );
        self.account_counts.insert(account, &count);
        let last = self
            .total_count
            .checked_sub(1)
            .and_then(|index| self.total_checkpoints.get(index));
        let (index, count) = slot(self.total_count, last, now)?;
        self.total_checkpoints.insert(
            index,
            &Checkpoint {
                since: now,
                amount: total,
            },
        );
        self.total_count = count;
        Ok(())
    }
}

/// Where a checkpoint at `now` goes in a list of `count` whose last entry is
/// `last`: over the last one if it is from the same block time, else after
/// it. Returns the index and the list's new length.
fn slot(count: u32, last: Option<Checkpoint>, now: Timestamp) -> Result<(u32, u32), PowerError> {
    match last {
        Some(last) if last.since == now => Ok((count.saturating_sub(1), count)),
        _ => Ok((count, count.checked_add(1).ok_or(PowerError::Overflow)?)),
    }
}

/// The amount of the latest checkpoint with `since <= at` in a list of
/// `count` read through `checkpoint` (0 before the first).
fn lookup(count: u32, at: Timestamp, checkpoint: impl Fn(u32) -> Option<Checkpoint>) -> Balance {
    let Some(last_index) = count.checked_sub(1) else {
        return 0;
    };
    let last = checkpoint(last_index).unwrap_or_default();
    if last.since <= at {
        return last.amount;
    }
    // Invariant: every checkpoint before `low` has `since <= at`, every one
    // from `high` on has `since > at`.
    let (mut low, mut high) = (0u32, last_index);
    while low < high {
        let middle = low.saturating_add(high.saturating_sub(low) / 2);
        if checkpoint(middle).unwrap_or_default().since <= at {
            low = middle.saturating_add(1);
        } else {
            high = middle;
        }
    }
    low.checked_sub(1).and_then(checkpoint).map_or(0, |found| found.amount)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }

    #[ink::test]
    fn a_snapshot_reads_what_was_locked_then_for_the_account_and_in_total() {
        // given alice locks 100 at t=10, 50 more at t=20, and bob 30 at t=20
        let mut power = VotingPower::default();
        let (alice, bob) = (account(1), account(2));
        assert_eq!(power.lock(alice, 100, 10), Ok(100));
        assert_eq!(power.lock(alice, 50, 20), Ok(150));
        assert_eq!(power.lock(bob, 30, 20), Ok(30));
        // when alice unlocks 120 at t=30
        assert_eq!(power.unlock(alice, 120, 30), Ok(30));
        // then every snapshot reads its own time
        assert_eq!(
            [9, 10, 19, 20, 29, 30, 99].map(|at| power.account_at(alice, at)),
            [0, 100, 100, 150, 150, 30, 30]
        );
        assert_eq!([19, 20].map(|at| power.account_at(bob, at)), [0, 30]);
        assert_eq!(
            [9, 10, 19, 20, 29, 30].map(|at| power.total_at(at)),
            [0, 100, 100, 180, 180, 60]
        );
        assert_eq!((power.locked(alice), power.total()), (30, 60));
    }

    #[ink::test]
    fn changes_in_one_block_time_leave_one_checkpoint() {
        let mut power = VotingPower::default();
        let alice = account(1);
        power.lock(alice, 10, 5).expect("lock");
        power.lock(alice, 10, 5).expect("lock in the same block");
        power.unlock(alice, 5, 5).expect("unlock in the same block");
        assert_eq!(power.account_counts.get(alice), Some(1));
        assert_eq!(power.total_count, 1);
        assert_eq!((power.account_at(alice, 4), power.account_at(alice, 5)), (0, 15));
    }

    #[ink::test]
    fn the_search_finds_the_checkpoint_before_any_time_in_a_long_history() {
        // given 200 changes at t = 10, 20, ..., 2000 (amount = t)
        let mut power = VotingPower::default();
        let alice = account(1);
        for step in 1..=200u64 {
            power.lock(alice, 10, step * 10).expect("lock");
        }
        // then every time between reads the checkpoint before it
        for at in [0u64, 9, 10, 15, 999, 1000, 1001, 1995, 2000, 5000] {
            let expected = u128::from((at.min(2000) / 10) * 10);
            assert_eq!(power.account_at(alice, at), expected, "at {at}");
            assert_eq!(power.total_at(at), expected, "total at {at}");
        }
    }

    #[ink::test]
    fn a_voter_cannot_unlock_until_the_latest_voting_period_it_voted_in_ends() {
        // given alice locked 10 and voted in periods ending at 50 and 40
        let mut power = VotingPower::default();
        let alice = account(1);
        power.lock(alice, 10, 1).expect("lock");
        power.hold_until(alice, 50);
        power.hold_until(alice, 40);
        // then unlocking up to t=50 is refused and leaves the lock as it was
        assert_eq!(power.unlock(alice, 10, 50), Err(PowerError::VoteLive { until: 50 }));
        assert_eq!(power.locked(alice), 10);
        // and after it ends she may
        assert_eq!(power.held(alice, 51), None);
        assert_eq!(power.unlock(alice, 10, 51), Ok(0));
    }

    #[ink::test]
    fn bad_changes_are_refused_and_change_nothing() {
        let mut power = VotingPower::default();
        let alice = account(1);
        assert_eq!(power.lock(alice, 0, 1), Err(PowerError::ZeroAmount));
        power.lock(alice, 10, 1).expect("lock");
        assert_eq!(power.unlock(alice, 0, 2), Err(PowerError::ZeroAmount));
        assert_eq!(
            power.unlock(alice, 11, 2),
            Err(PowerError::InsufficientLocked { locked: 10 })
        );
        assert_eq!(power.lock(alice, Balance::MAX, 2), Err(PowerError::Overflow));
        assert_eq!((power.locked(alice), power.total(), power.total_count), (10, 10, 1));
    }
}
