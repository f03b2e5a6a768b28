//! Governance's own parameters. They change only by an executed proposal,
//! which governance applies to itself internally (never by calling itself).

use interfaces::{AccountId, Balance, Timestamp};

/// Basis points: 10,000 is 100 %.
pub const BPS: u32 = 10_000;

/// Longest voting delay, voting period, timelock or grace period: one year
/// in milliseconds (block time on a node), so that no setting can freeze
/// governance for longer.
pub const MAX_DURATION: Timestamp = 365 * 24 * 60 * 60 * 1000;

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
    /// Locked tokens a proposer needs.
    pub proposal_threshold: Balance,
    /// For + Abstain votes needed, as basis points of the total locked at
    /// the snapshot. Copied into each proposal when it is made.
    pub quorum_bps: u32,
    /// From queueing to the earliest execution.
    pub timelock: Timestamp,
    /// How long after its timelock a queued proposal may still be executed;
    /// after that it is `Expired`.
    pub grace_period: Timestamp,
    /// The account that may cancel any proposal not yet final, for
    /// emergencies (none by default).
    pub guardian: Option<AccountId>,
}

/// Which setting is out of range.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingsError {
    /// The voting period is zero: nobody could vote.
    ZeroVotingPeriod,
    /// The grace period is zero: a queued proposal could never be executed.
    ZeroGracePeriod,
    /// A duration is longer than [`MAX_DURATION`].
    DurationTooLong,
    /// The quorum is zero (a proposal could pass with one vote against
    /// none) or above 100 %.
    QuorumOutOfRange,
}

impl Settings {
    /// `Ok` if every setting is in range.
    pub fn check(&self) -> Result<(), SettingsError> {
        if self.voting_period == 0 {
            return Err(SettingsError::ZeroVotingPeriod);
        }
        if self.grace_period == 0 {
            return Err(SettingsError::ZeroGracePeriod);
        }
        let durations = [self.voting_delay, self.voting_period, self.timelock, self.grace_period];
        if durations.iter().any(|duration| *duration > MAX_DURATION) {
            return Err(SettingsError::DurationTooLong);
        }
        if self.quorum_bps == 0 || self.quorum_bps > BPS {
            return Err(SettingsError::QuorumOutOfRange);
        }
        Ok(())
    }
}

/// Settings for tests and examples: delay 10, period 100, threshold 100,
/// quorum 40 %, timelock 50, grace 1,000, no guardian.
#[cfg(feature = "std")]
pub mod fixtures {
    use super::Settings;

    /// See the module docs.
    pub fn settings() -> Settings {
        Settings {
            voting_delay: 10,
            voting_period: 100,
            proposal_threshold: 100,
            quorum_bps: 4_000,
            timelock: 50,
            grace_period: 1_000,
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
        let cases: [(Change, SettingsError); 6] = [
            (|s| s.voting_period = 0, SettingsError::ZeroVotingPeriod),
            (|s| s.grace_period = 0, SettingsError::ZeroGracePeriod),
            (|s| s.voting_delay = MAX_DURATION + 1, SettingsError::DurationTooLong),
            (|s| s.timelock = MAX_DURATION + 1, SettingsError::DurationTooLong),
            (|s| s.quorum_bps = 0, SettingsError::QuorumOutOfRange),
            (|s| s.quorum_bps = BPS + 1, SettingsError::QuorumOutOfRange),
        ];
        for (change, expected) in cases {
            let mut bad = settings();
            change(&mut bad);
            assert_eq!(bad.check(), Err(expected), "{bad:?}");
        }
    }
}
