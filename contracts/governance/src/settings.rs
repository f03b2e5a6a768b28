//! Governance's own parameters. They change only by an executed proposal,
//! which governance applies to itself internally (never by calling itself).

use interfaces::{AccountId, Balance, Timestamp};

/// Basis points: 10,000 is 100 %.
pub const BPS: u32 = 10_000;

/// One day in block-time units (milliseconds on a node).
const DAY: Timestamp = 24 * 60 * 60 * 1000;
/// Longest voting delay: a week.
pub const MAX_VOTING_DELAY: Timestamp = 7 * DAY;
/// Longest voting period: two weeks.
pub const MAX_VOTING_PERIOD: Timestamp = 14 * DAY;
/// Longest timelock: a week.
pub const MAX_TIMELOCK: Timestamp = 7 * DAY;
/// Longest grace period: 30 days.
pub const MAX_GRACE_PERIOD: Timestamp = 30 * DAY;
/// Shortest voting period of any governance: 3 seconds (a development
/// chain's, whose node seals a block per transaction). Each governance also
/// keeps a floor of its own, its first voting period up to
/// [`VOTING_PERIOD_FLOOR_CAP`], so a governance made with days of voting can
/// never be brought down to seconds.
pub const MIN_VOTING_PERIOD: Timestamp = 3_000;
/// The highest voting-period floor a governance keeps: a day.
pub const VOTING_PERIOD_FLOOR_CAP: Timestamp = DAY;
/// Shortest grace period: a minute (ten 6-second blocks), so that a
/// succeeded proposal can be queued and a queued one executed in some block.
/// It is never shorter than the timelock either: a proposal must not wait
/// longer for its turn than it has to take it.
pub const MIN_GRACE_PERIOD: Timestamp = 60_000;
/// Highest quorum: half of the power locked at the snapshot, so that silent
/// holders of less than half cannot block every proposal.
pub const MAX_QUORUM_BPS: u32 = 5_000;
/// The proposal threshold in force is never more than this share of the
/// power locked when a proposal is made (10 %): a minority can always
/// propose the change that undoes a bad setting.
pub const MAX_THRESHOLD_BPS: u32 = 1_000;
/// The longest time from a proposal to its earliest execution:
/// delay + voting period + timelock, at most four weeks; it must then be
/// queued within the grace period after voting ends and executed within the
/// grace period after its timelock.
pub const MAX_TIME_TO_PASS: Timestamp = MAX_VOTING_DELAY + MAX_VOTING_PERIOD + MAX_TIMELOCK;

/// Governance's parameters. Durations are in block-time units
/// (milliseconds on a node).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// From a proposal's creation to its snapshot; voting opens after it.
    pub voting_delay: Timestamp,
    /// How long voting stays open after the snapshot.
    pub voting_period: Timestamp,
    /// Locked tokens a proposer needs, capped when a proposal is made at
    /// [`MAX_THRESHOLD_BPS`] of the total locked then.
    pub proposal_threshold: Balance,
    /// For + Abstain votes needed, as basis points of the total locked at
    /// the snapshot. Copied into each proposal when it is made.
    pub quorum_bps: u32,
    /// From queueing to the earliest execution.
    pub timelock: Timestamp,
    /// How long after voting ends a succeeded proposal may still be queued,
    /// and after its timelock a queued one executed; after that it is
    /// `Expired`. At least the timelock and [`MIN_GRACE_PERIOD`].
    pub grace_period: Timestamp,
    /// The account that may cancel any proposal not yet final, for
    /// emergencies (none by default).
    pub guardian: Option<AccountId>,
}

/// Which setting is out of range.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsError {
    /// The voting period is shorter than [`MIN_VOTING_PERIOD`]: nobody
    /// could vote.
    VotingPeriodTooShort,
    /// The grace period is shorter than the timelock or than
    /// [`MIN_GRACE_PERIOD`]: too short a window to queue or execute in.
    GracePeriodTooShort,
    /// A duration is longer than its maximum ([`MAX_VOTING_DELAY`],
    /// [`MAX_VOTING_PERIOD`], [`MAX_TIMELOCK`], [`MAX_GRACE_PERIOD`]).
    DurationTooLong,
    /// The quorum is zero (a proposal could pass with one vote against
    /// none) or above [`MAX_QUORUM_BPS`].
    QuorumOutOfRange,
}

impl Settings {
    /// `Ok` if every setting is in range.
    pub fn check(&self) -> Result<(), SettingsError> {
        if self.voting_period < MIN_VOTING_PERIOD {
            return Err(SettingsError::VotingPeriodTooShort);
        }
        if self.grace_period < MIN_GRACE_PERIOD || self.grace_period < self.timelock {
            return Err(SettingsError::GracePeriodTooShort);
        }
        if self.voting_delay > MAX_VOTING_DELAY
            || self.voting_period > MAX_VOTING_PERIOD
            || self.timelock > MAX_TIMELOCK
            || self.grace_period > MAX_GRACE_PERIOD
        {
            return Err(SettingsError::DurationTooLong);
        }
        if self.quorum_bps == 0 || self.quorum_bps > MAX_QUORUM_BPS {
            return Err(SettingsError::QuorumOutOfRange);
        }
        Ok(())
    }

    /// The threshold in force for a proposal made while `total_locked` is
    /// locked: the setting, capped at [`MAX_THRESHOLD_BPS`] of the total
    /// (but at least one token, unless the setting is 0).
    pub fn threshold(&self, total_locked: Balance) -> Balance {
        let cap = total_locked
            .saturating_mul(Balance::from(MAX_THRESHOLD_BPS))
            .checked_div(Balance::from(BPS))
            .unwrap_or(0)
            .max(1);
        self.proposal_threshold.min(cap)
    }
}

/// Settings for tests and examples: delay 10, period 3,000, threshold 100,
/// quorum 40 %, timelock 50, grace 60,000, no guardian.
#[cfg(feature = "std")]
pub mod fixtures {
    use super::Settings;

    /// See the module docs.
    pub fn settings() -> Settings {
        Settings {
            voting_delay: 10,
            voting_period: 3_000,
            proposal_threshold: 100,
            quorum_bps: 4_000,
            timelock: 50,
            grace_period: 60_000,
            guardian: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::settings;
    use super::*;

    #[test]
    fn each_setting_out_of_range_is_named() {
        assert_eq!(settings().check(), Ok(()));
        type Change = fn(&mut Settings);
        let cases: [(Change, SettingsError); 11] = [
            (|s| s.voting_period = 0, SettingsError::VotingPeriodTooShort),
            (
                |s| s.voting_period = MIN_VOTING_PERIOD - 1,
                SettingsError::VotingPeriodTooShort,
            ),
            (
                |s| s.grace_period = MIN_GRACE_PERIOD - 1,
                SettingsError::GracePeriodTooShort,
            ),
            (
                |s| (s.timelock, s.grace_period) = (MIN_GRACE_PERIOD + 1, MIN_GRACE_PERIOD),
                SettingsError::GracePeriodTooShort,
            ),
            (
                |s| s.voting_delay = MAX_VOTING_DELAY + 1,
                SettingsError::DurationTooLong,
            ),
            (
                |s| s.voting_period = MAX_VOTING_PERIOD + 1,
                SettingsError::DurationTooLong,
            ),
            (
                |s| (s.timelock, s.grace_period) = (MAX_TIMELOCK + 1, MAX_TIMELOCK + 1),
                SettingsError::DurationTooLong,
            ),
            (
                |s| s.grace_period = MAX_GRACE_PERIOD + 1,
                SettingsError::DurationTooLong,
            ),
            (|s| s.quorum_bps = 0, SettingsError::QuorumOutOfRange),
            (|s| s.quorum_bps = MAX_QUORUM_BPS + 1, SettingsError::QuorumOutOfRange),
            (|s| s.quorum_bps = BPS, SettingsError::QuorumOutOfRange),
        ];
        for (change, expected) in cases {
            let mut bad = settings();
            change(&mut bad);
            assert_eq!(bad.check(), Err(expected), "{bad:?}");
        }
        let longest = Settings {
            voting_delay: MAX_VOTING_DELAY,
            voting_period: MAX_VOTING_PERIOD,
            timelock: MAX_TIMELOCK,
            grace_period: MAX_GRACE_PERIOD,
            quorum_bps: MAX_QUORUM_BPS,
            ..settings()
        };
        assert_eq!(longest.check(), Ok(()), "each bound is inclusive");
        assert_eq!(MAX_TIME_TO_PASS, 28 * DAY);
    }

    #[test]
    fn the_threshold_in_force_is_capped_at_a_tenth_of_the_power_locked() {
        let unreachable = Settings {
            proposal_threshold: Balance::MAX,
            ..settings()
        };
        assert_eq!(unreachable.threshold(10_000), 1_000);
        assert_eq!(settings().threshold(10_000), 100, "below the cap, the setting");
        assert_eq!(settings().threshold(500), 50);
        assert_eq!(settings().threshold(0), 1, "nobody proposes with no power");
    }
}
