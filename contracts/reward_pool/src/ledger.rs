//! The pool's ledger, kept apart from the token calls so it can be tested
//! without a chain. Invariant: `liabilities` (what sponsors have left plus what
//! patients have earned and not withdrawn) only grows by deposits that arrived
//! and only shrinks by withdrawals that leave, so it never exceeds the tokens
//! the pool holds.

use crate::error::{Error, Result};
use ink::primitives::AccountId;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::Balance;

/// A sponsor's deposit and the reward it pays per consented research access.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sponsorship {
    /// Tokens left to pay rewards from.
    pub deposit: Balance,
    /// Tokens credited to a patient per access.
    pub rate: Balance,
    /// Accesses rewarded so far.
    pub accesses: u64,
}

/// Sponsorships, patients' earnings and the pool's total liabilities.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Ledger {
    sponsorships: Mapping<AccountId, Sponsorship, ManualKey<0x5250_0001>>,
    earned: Mapping<AccountId, Balance, ManualKey<0x5250_0002>>,
    liabilities: Balance,
}

impl Ledger {
    /// Records `amount` tokens that `sponsor` paid in, at `rate` per access
    /// (which replaces the sponsor's earlier rate).
    pub fn deposit(&mut self, sponsor: AccountId, amount: Balance, rate: Balance) -> Result<Sponsorship> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        if rate == 0 {
            return Err(Error::ZeroRate);
        }
        let mut sponsorship = self.sponsorship(sponsor);
        sponsorship.deposit = sponsorship.deposit.checked_add(amount).ok_or(Error::Overflow)?;
        sponsorship.rate = rate;
        self.liabilities = self.liabilities.checked_add(amount).ok_or(Error::Overflow)?;
        self.sponsorships.insert(sponsor, &sponsorship);
        Ok(sponsorship)
    }

    /// Moves `sponsor`'s rate from its deposit to `patient`'s earnings.
    /// Returns the amount credited.
    pub fn credit(&mut self, sponsor: AccountId, patient: AccountId) -> Result<Balance> {
        let mut sponsorship = self.sponsorships.get(sponsor).ok_or(Error::InsufficientDeposit)?;
        let rate = sponsorship.rate;
        sponsorship.deposit = sponsorship
            .deposit
            .checked_sub(rate)
            .ok_or(Error::InsufficientDeposit)?;
        sponsorship.accesses = sponsorship.accesses.saturating_add(1);
        let earned = self.earned(patient).checked_add(rate).ok_or(Error::Overflow)?;
        self.sponsorships.insert(sponsor, &sponsorship);
        self.earned.insert(patient, &earned);
        Ok(rate)
    }

    /// Takes `amount` off `patient`'s earnings (to be paid out).
    pub fn withdraw_earned(&mut self, patient: AccountId, amount: Balance) -> Result<Balance> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let left = self
            .earned(patient)
            .checked_sub(amount)
            .ok_or(Error::InsufficientEarnings)?;
        self.earned.insert(patient, &left);
        self.liabilities = self.liabilities.checked_sub(amount).ok_or(Error::Overflow)?;
        Ok(left)
    }

    /// Takes `amount` off what is left of `sponsor`'s deposit (to be paid back).
    pub fn withdraw_deposit(&mut self, sponsor: AccountId, amount: Balance) -> Result<Balance> {
        if amount == 0 {
            return Err(Error::ZeroAmount);
        }
        let mut sponsorship = self.sponsorship(sponsor);
        sponsorship.deposit = sponsorship
            .deposit
            .checked_sub(amount)
            .ok_or(Error::InsufficientDeposit)?;
        self.sponsorships.insert(sponsor, &sponsorship);
        self.liabilities = self.liabilities.checked_sub(amount).ok_or(Error::Overflow)?;
        Ok(sponsorship.deposit)
    }

    /// `sponsor`'s sponsorship (all zero if none).
    pub fn sponsorship(&self, sponsor: AccountId) -> Sponsorship {
        self.sponsorships.get(sponsor).unwrap_or_default()
    }

    /// What `patient` has earned and not withdrawn.
    pub fn earned(&self, patient: AccountId) -> Balance {
        self.earned.get(patient).unwrap_or(0)
    }

    /// Sponsors' deposits left plus patients' unwithdrawn earnings.
    pub fn liabilities(&self) -> Balance {
        self.liabilities
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }
    const SPONSOR: u8 = 1;
    const PATIENT: u8 = 2;

    #[ink::test]
    fn a_deposit_pays_its_rate_per_access_until_it_runs_out() {
        // given a sponsor depositing 25 at 10 per access
        let mut ledger = Ledger::default();
        ledger.deposit(account(SPONSOR), 25, 10).expect("deposit");
        // when two accesses are credited
        assert_eq!(ledger.credit(account(SPONSOR), account(PATIENT)), Ok(10));
        assert_eq!(ledger.credit(account(SPONSOR), account(PATIENT)), Ok(10));
        // then the third finds too little left, and nothing changes
        assert_eq!(
            ledger.credit(account(SPONSOR), account(PATIENT)),
            Err(Error::InsufficientDeposit)
        );
        assert_eq!(ledger.earned(account(PATIENT)), 20);
        assert_eq!(
            ledger.sponsorship(account(SPONSOR)),
            Sponsorship {
                deposit: 5,
                rate: 10,
                accesses: 2
            }
        );
        // and the liabilities are still the 25 deposited
        assert_eq!(ledger.liabilities(), 25);
    }

    #[ink::test]
    fn withdrawals_never_exceed_what_is_owed() {
        let mut ledger = Ledger::default();
        ledger.deposit(account(SPONSOR), 30, 10).expect("deposit");
        ledger.credit(account(SPONSOR), account(PATIENT)).expect("credit");
        assert_eq!(
            ledger.withdraw_earned(account(PATIENT), 11),
            Err(Error::InsufficientEarnings)
        );
        assert_eq!(
            ledger.withdraw_deposit(account(SPONSOR), 21),
            Err(Error::InsufficientDeposit)
        );
        assert_eq!(ledger.withdraw_earned(account(PATIENT), 10), Ok(0));
        assert_eq!(ledger.withdraw_deposit(account(SPONSOR), 20), Ok(0));
        assert_eq!(ledger.liabilities(), 0);
        assert_eq!(ledger.withdraw_earned(account(PATIENT), 0), Err(Error::ZeroAmount));
    }

    #[ink::test]
    fn zero_deposits_and_rates_are_refused_and_nothing_is_stored() {
        let mut ledger = Ledger::default();
        assert_eq!(ledger.deposit(account(SPONSOR), 10, 0), Err(Error::ZeroRate));
        assert_eq!(ledger.deposit(account(SPONSOR), 0, 10), Err(Error::ZeroAmount));
        assert_eq!(ledger.sponsorship(account(SPONSOR)), Sponsorship::default());
        assert_eq!(ledger.liabilities(), 0);
        assert_eq!(
            ledger.credit(account(SPONSOR), account(PATIENT)),
            Err(Error::InsufficientDeposit)
        );
    }
}
