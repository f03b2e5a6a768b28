//! The risk pool's economics, checked after every insurance operation on
//! the model (which `check_insurance` has just compared with the chain):
//!
//! - **A share's worth never falls except by a payout.** Worth is what the
//!   pool holds per share (`held / shares`, reservations included): a
//!   deposit, a withdrawal, a reservation or its release, a premium, an
//!   enrolment or a cancellation may leave it equal or raise it; only a paid
//!   claim lowers it, and then for every provider in proportion.
//! - **No round trip returns more than was put in plus what was earned.**
//!   For every provider, everything it withdrew is at most everything it
//!   deposited plus its part of what the pool gained while it held shares
//!   (premiums, and the part of pending reservations that providers who
//!   withdrew left behind), counted share by share and rounded up.
//!
//! Shares priced on free capital for deposits (the pricing before issue 21)
//! break both: a deposit made while a claim is reserved buys shares below
//! their worth, and withdrawn after the release it returns more than it
//! put in.

use super::insurance::InsuranceModel;
use ink::primitives::AccountId;
use std::collections::{BTreeMap, BTreeSet};

/// One provider's capital flows over a sequence.
#[derive(Debug, Clone, Copy, Default)]
pub struct Flows {
    pub deposited: u128,
    pub withdrawn: u128,
    /// Its part of every rise of a share's worth, rounded up.
    pub earned: u128,
}

/// Every provider's flows over a sequence.
#[derive(Debug, Clone, Default)]
pub struct Economy {
    flows: BTreeMap<AccountId, Flows>,
}

impl Economy {
    /// The economy at the start of a sequence: each provider's shares from
    /// the prelude count as deposited at their worth then (rounded up).
    pub fn starting_from(pool: &InsuranceModel) -> Self {
        let (shares, holders) = pool.shares();
        let flows = holders
            .into_iter()
            .map(|provider| {
                let deposited = (pool.shares_of(provider) * pool.held()).div_ceil(shares.max(1));
                (
                    provider,
                    Flows {
                        deposited,
                        ..Flows::default()
                    },
                )
            })
            .collect();
        Self { flows }
    }

    /// Records what the operation from `before` to `after` did to each
    /// provider and checks both invariants; `paid_out` tells whether the
    /// operation was a payout (the one thing that may lower a share's worth).
    pub fn check(
        &mut self,
        before: &InsuranceModel,
        after: &InsuranceModel,
        actor: Option<AccountId>,
        paid_out: bool,
    ) -> Result<(), String> {
        let (held, shares) = (before.held(), before.shares().0);
        let (held_after, shares_after) = (after.held(), after.shares().0);
        // worth after ≥ worth before ⇔ held_after × shares ≥ held × shares_after
        let (worth_after, worth_before) = (held_after * shares, held * shares_after);
        if shares > 0 && shares_after > 0 && worth_before > worth_after && !paid_out {
            return Err(format!(
                "a share's worth fell from {held}/{shares} to {held_after}/{shares_after} without a payout"
            ));
        }
        let holders: BTreeSet<AccountId> = before.shares().1.into_iter().chain(after.shares().1).collect();
        for provider in holders {
            let kept = before.shares_of(provider).min(after.shares_of(provider));
            let flows = self.flows.entry(provider).or_default();
            if shares > 0 && shares_after > 0 && worth_after > worth_before {
                // kept × (held_after/shares_after − held/shares), rounded up
                flows.earned += (kept * (worth_after - worth_before)).div_ceil(shares * shares_after);
            }
        }
        if let Some(actor) = actor {
            let flows = self.flows.entry(actor).or_default();
            flows.deposited += after.deposited - before.deposited;
            flows.withdrawn += after.withdrawn - before.withdrawn;
        }
        for (provider, flows) in &self.flows {
            if flows.withdrawn > flows.deposited + flows.earned {
                return Err(format!(
                    "{provider:?} withdrew {} after depositing {} and earning {}",
                    flows.withdrawn, flows.deposited, flows.earned
                ));
            }
        }
        Ok(())
    }
}
