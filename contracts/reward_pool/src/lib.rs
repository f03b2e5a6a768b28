//! # Reward pool
//!
//! Sponsors (researchers, hospitals, insurers) deposit reward tokens with a
//! per-access rate (PSP22 `transfer_from`, after approving the pool). Record
//! access, the only authorised crediter, credits a patient with the sponsor's
//! rate when it grants the sponsor a consented research access
//! ([`RewardCredit::credit`]). Patients withdraw what they earned; sponsors
//! withdraw what is left of their deposit. The pool's liabilities never exceed
//! the tokens it holds ([`RewardPool::solvency`]); every movement is an event.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod error;
pub mod ledger;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod reward_pool {
    pub use crate::error::{Error, Result};
    use crate::ledger::{Ledger, Sponsorship};
    use interfaces::calls::{self, CallFailure};
    use interfaces::traits::{PSP22Error, RewardCredit, RewardError};
    use interfaces::{Admin, AdminControl, AdminError};

    /// A sponsor deposited tokens.
    #[ink(event)]
    pub struct Deposited {
        /// The sponsor.
        #[ink(topic)]
        sponsor: AccountId,
        /// Tokens deposited.
        amount: Balance,
        /// Tokens per rewarded access from now on.
        rate: Balance,
    }

    /// A patient was credited for a research access.
    #[ink(event)]
    pub struct Credited {
        /// The sponsor who pays.
        #[ink(topic)]
        sponsor: AccountId,
        /// The patient who earns.
        #[ink(topic)]
        patient: AccountId,
        /// Tokens credited.
        amount: Balance,
    }

    /// A patient withdrew earnings.
    #[ink(event)]
    pub struct EarningsWithdrawn {
        /// The patient.
        #[ink(topic)]
        patient: AccountId,
        /// Tokens paid out.
        amount: Balance,
    }

    /// A sponsor withdrew what was left of its deposit.
    #[ink(event)]
    pub struct DepositWithdrawn {
        /// The sponsor.
        #[ink(topic)]
        sponsor: AccountId,
        /// Tokens paid back.
        amount: Balance,
    }

    /// The admin changed the authorised crediter.
    #[ink(event)]
    pub struct CrediterChanged {
        /// The new crediter (record access).
        #[ink(topic)]
        crediter: AccountId,
    }

    /// The pool's storage.
    #[ink(storage)]
    pub struct RewardPool {
        admin: Admin,
        token: AccountId,
        crediter: AccountId,
        ledger: Ledger,
    }

    // The constructor reads the caller, so a `Default` would mislead.
    #[allow(clippy::new_without_default)]
    impl RewardPool {
        /// Creates a pool of `token` (PSP22) rewards, credited only by
        /// `crediter` (record access). The caller becomes admin.
        #[ink(constructor)]
        pub fn new(token: AccountId, crediter: AccountId) -> Self {
            Self {
                admin: Admin::new(Self::env().caller()),
                token,
                crediter,
                ledger: Ledger::default(),
            }
        }

        /// The caller (a sponsor) deposits `amount` tokens, paying `rate`
        /// tokens per consented research access from now on. The caller must
        /// first `approve` the pool for `amount` on the token.
        #[ink(message)]
        pub fn deposit(&mut self, amount: Balance, rate: Balance) -> Result<()> {
            let sponsor = self.env().caller();
            self.ledger.deposit(sponsor, amount, rate)?;
            let pool = self.env().account_id();
            calls::token_transfer_from(self.token, sponsor, pool, amount).map_err(token_failure)?;
            self.env().emit_event(Deposited { sponsor, amount, rate });
            Ok(())
        }

        /// The caller (a patient) withdraws `amount` of what they earned.
        #[ink(message)]
        pub fn withdraw_earned(&mut self, amount: Balance) -> Result<()> {
            let patient = self.env().caller();
            self.ledger.withdraw_earned(patient, amount)?;
            self.pay(patient, amount)?;
            self.env().emit_event(EarningsWithdrawn { patient, amount });
            Ok(())
        }

        /// The caller (a sponsor) withdraws `amount` of what is left of its deposit.
        #[ink(message)]
        pub fn withdraw_deposit(&mut self, amount: Balance) -> Result<()> {
            let sponsor = self.env().caller();
            self.ledger.withdraw_deposit(sponsor, amount)?;
            self.pay(sponsor, amount)?;
            self.env().emit_event(DepositWithdrawn { sponsor, amount });
            Ok(())
        }

        /// `sponsor`'s deposit left, rate and rewarded accesses.
        #[ink(message)]
        pub fn sponsorship(&self, sponsor: AccountId) -> Sponsorship {
            self.ledger.sponsorship(sponsor)
        }

        /// What `patient` has earned and not withdrawn.
        #[ink(message)]
        pub fn earned(&self, patient: AccountId) -> Balance {
            self.ledger.earned(patient)
        }

        /// The pool's liabilities (deposits left plus unwithdrawn earnings)
        /// and the tokens it holds; the first never exceeds the second.
        #[ink(message)]
        pub fn solvency(&self) -> Result<(Balance, Balance)> {
            let held =
                calls::token_balance(self.token, self.env().account_id()).map_err(|_| Error::TokenUnavailable)?;
            Ok((self.ledger.liabilities(), held))
        }

        /// The reward token.
        #[ink(message)]
        pub fn token(&self) -> AccountId {
            self.token
        }

        /// The authorised crediter (record access).
        #[ink(message)]
        pub fn crediter(&self) -> AccountId {
            self.crediter
        }

        /// Admin only: `crediter` is the only account that may credit from now on.
        #[ink(message)]
        pub fn set_crediter(&mut self, crediter: AccountId) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.crediter = crediter;
            self.env().emit_event(CrediterChanged { crediter });
            Ok(())
        }

        /// Transfers `amount` tokens from the pool to `to`.
        fn pay(&mut self, to: AccountId, amount: Balance) -> Result<()> {
            calls::token_transfer(self.token, to, amount).map_err(token_failure)
        }
    }

    /// A token call that was refused keeps the token's reason.
    fn token_failure(failure: CallFailure<PSP22Error>) -> Error {
        failure.into_error(Error::TokenRefused, Error::TokenUnavailable)
    }

    impl RewardCredit for RewardPool {
        #[ink(message)]
        fn credit(&mut self, sponsor: AccountId, patient: AccountId) -> core::result::Result<Balance, RewardError> {
            if self.env().caller() != self.crediter {
                return Err(RewardError::NotCrediter);
            }
            let amount = self.ledger.credit(sponsor, patient)?;
            self.env().emit_event(Credited {
                sponsor,
                patient,
                amount,
            });
            Ok(amount)
        }
    }

    impl AdminControl for RewardPool {
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

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test::{default_accounts, recorded_events, set_caller};
        use ink::env::DefaultEnvironment;

        // Deposits and withdrawals call the token, which off-chain tests
        // cannot do: those are the e2e stories; the ledger has its own tests.

        #[ink::test]
        fn only_the_crediter_credits_and_only_the_admin_changes_it() {
            // given a pool credited by django, with no deposits
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let mut pool = RewardPool::new(accounts.frank, accounts.django);
            // when a stranger credits
            set_caller::<DefaultEnvironment>(accounts.eve);
            assert_eq!(
                pool.credit(accounts.bob, accounts.charlie),
                Err(RewardError::NotCrediter)
            );
            assert_eq!(pool.set_crediter(accounts.eve), Err(Error::NotAdmin));
            assert_eq!(pool.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
            // when the crediter credits from a sponsor without deposit
            set_caller::<DefaultEnvironment>(accounts.django);
            assert_eq!(
                pool.credit(accounts.bob, accounts.charlie),
                Err(RewardError::InsufficientDeposit)
            );
            // then nothing was credited and no event emitted
            assert_eq!(pool.earned(accounts.charlie), 0);
            assert_eq!(recorded_events().count(), 0);
            assert_eq!(pool.deposit(10, 0), Err(Error::ZeroRate));
            assert_eq!(pool.withdraw_earned(1), Err(Error::InsufficientEarnings));
            set_caller::<DefaultEnvironment>(accounts.alice);
            pool.set_crediter(accounts.eve).expect("admin changes the crediter");
            assert_eq!(pool.crediter(), accounts.eve);
        }
    }
}
