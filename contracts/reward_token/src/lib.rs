//! # Reward token
//!
//! The suite's PSP22 token, used for research rewards and insurance premiums.
//! It follows the PSP22 standard exactly: the `PSP22` and `PSP22Metadata`
//! traits of the `psp22` crate give every message the standard's selector
//! (`PSP22::total_supply` = `0x162df8c2`, …), `Transfer` and `Approval` are
//! the standard's events and `PSP22Error` the standard's error. On top: a
//! minter role the admin grants and revokes (`mint_to`), burning by holders
//! (`PSP22Burnable::burn`), and pausing by the admin, which stops transfers,
//! minting and burning (approvals stay possible).
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod error;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod reward_token {
    pub use crate::error::{Error, Result};
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::traits::ManualKey;
    use ink::storage::Mapping;
    use interfaces::{Admin, AdminControl, AdminError};
    use psp22::{PSP22Burnable, PSP22Data, PSP22Error, PSP22Event, PSP22Metadata, PSP22};

    /// The admin granted the minter role.
    #[ink(event)]
    pub struct MinterGranted {
        /// The new minter.
        #[ink(topic)]
        minter: AccountId,
    }

    /// The admin revoked the minter role.
    #[ink(event)]
    pub struct MinterRevoked {
        /// The former minter.
        #[ink(topic)]
        minter: AccountId,
    }

    /// The admin paused or unpaused transfers, minting and burning.
    #[ink(event)]
    pub struct PauseChanged {
        /// Whether the token is now paused.
        paused: bool,
    }

    /// The token's storage.
    #[ink(storage)]
    pub struct RewardToken {
        data: PSP22Data,
        name: Option<String>,
        symbol: Option<String>,
        decimals: u8,
        admin: Admin,
        minters: Mapping<AccountId, (), ManualKey<0x5254_0001>>,
        paused: bool,
    }

    impl RewardToken {
        /// Creates the token with `initial_supply` held by the caller, who
        /// becomes admin. `name`, `symbol` and `decimals` are the PSP22
        /// Metadata.
        #[ink(constructor)]
        pub fn new(initial_supply: u128, name: Option<String>, symbol: Option<String>, decimals: u8) -> Self {
            let caller = Self::env().caller();
            let (data, events) = PSP22Data::new(initial_supply, caller);
            let token = Self {
                data,
                name,
                symbol,
                decimals,
                admin: Admin::new(caller),
                minters: Mapping::default(),
                paused: false,
            };
            token.emit_events(events);
            token
        }

        /// A minter creates `value` new tokens for `to`.
        #[ink(message)]
        pub fn mint_to(&mut self, to: AccountId, value: u128) -> Result<()> {
            if !self.minters.contains(self.env().caller()) {
                return Err(Error::NotMinter);
            }
            self.ensure_not_paused()?;
            let events = self.data.mint(to, value)?;
            self.emit_events(events);
            Ok(())
        }

        /// Admin only: lets `minter` mint.
        #[ink(message)]
        pub fn grant_minter(&mut self, minter: AccountId) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            if self.minters.insert(minter, &()).is_some() {
                return Err(Error::MinterAlreadyGranted);
            }
            self.env().emit_event(MinterGranted { minter });
            Ok(())
        }

        /// Admin only: `minter` may no longer mint.
        #[ink(message)]
        pub fn revoke_minter(&mut self, minter: AccountId) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            self.minters.take(minter).ok_or(Error::UnknownMinter)?;
            self.env().emit_event(MinterRevoked { minter });
            Ok(())
        }

        /// Whether `account` may mint.
        #[ink(message)]
        pub fn is_minter(&self, account: AccountId) -> bool {
            self.minters.contains(account)
        }

        /// Admin only: stops (`true`) or resumes (`false`) transfers,
        /// minting and burning.
        #[ink(message)]
        pub fn set_paused(&mut self, paused: bool) -> Result<()> {
            self.admin.ensure(self.env().caller())?;
            if self.paused == paused {
                return Err(Error::PauseUnchanged);
            }
            self.paused = paused;
            self.env().emit_event(PauseChanged { paused });
            Ok(())
        }

        /// Whether transfers, minting and burning are stopped.
        #[ink(message)]
        pub fn paused(&self) -> bool {
            self.paused
        }

        fn ensure_not_paused(&self) -> core::result::Result<(), PSP22Error> {
            if self.paused {
                Err(PSP22Error::Custom(String::from("Paused")))
            } else {
                Ok(())
            }
        }

        fn emit_events(&self, events: Vec<PSP22Event>) {
            for event in events {
                match event {
                    PSP22Event::Transfer(transfer) => self.env().emit_event(transfer),
                    PSP22Event::Approval(approval) => self.env().emit_event(approval),
                }
            }
        }
    }

    impl PSP22 for RewardToken {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.data.total_supply()
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.data.balance_of(owner)
        }

        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.data.allowance(owner, spender)
        }

        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> core::result::Result<(), PSP22Error> {
            self.ensure_not_paused()?;
            let events = self.data.transfer(self.env().caller(), to, value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> core::result::Result<(), PSP22Error> {
            self.ensure_not_paused()?;
            let events = self.data.transfer_from(self.env().caller(), from, to, value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> core::result::Result<(), PSP22Error> {
            let events = self.data.approve(self.env().caller(), spender, value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn increase_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            let events = self
                .data
                .increase_allowance(self.env().caller(), spender, delta_value)?;
            self.emit_events(events);
            Ok(())
        }

        #[ink(message)]
        fn decrease_allowance(
            &mut self,
            spender: AccountId,
            delta_value: u128,
        ) -> core::result::Result<(), PSP22Error> {
            let events = self
                .data
                .decrease_allowance(self.env().caller(), spender, delta_value)?;
            self.emit_events(events);
            Ok(())
        }
    }

    impl PSP22Metadata for RewardToken {
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            self.name.clone()
        }

        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            self.symbol.clone()
        }

        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            self.decimals
        }
    }

    impl PSP22Burnable for RewardToken {
        #[ink(message)]
        fn burn(&mut self, value: u128) -> core::result::Result<(), PSP22Error> {
            self.ensure_not_paused()?;
            let events = self.data.burn(self.env().caller(), value)?;
            self.emit_events(events);
            Ok(())
        }
    }

    impl AdminControl for RewardToken {
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

        // The psp22 crate's conformance suite, run against this token.
        psp22::tests!(RewardToken, (|supply| RewardToken::new(supply, None, None, 0)));

        fn token_by_alice() -> (RewardToken, ink::env::test::DefaultAccounts<DefaultEnvironment>) {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            let token = RewardToken::new(1_000, Some("Health Reward".into()), Some("HRW".into()), 12);
            (token, accounts)
        }

        #[ink::test]
        fn only_a_minter_the_admin_granted_can_mint() {
            // given
            let (mut token, accounts) = token_by_alice();
            // when a stranger mints
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(token.mint_to(accounts.bob, 5), Err(Error::NotMinter));
            assert_eq!(token.grant_minter(accounts.bob), Err(Error::NotAdmin));
            // when the admin grants bob the role
            set_caller::<DefaultEnvironment>(accounts.alice);
            token.grant_minter(accounts.bob).expect("admin grants");
            assert_eq!(token.grant_minter(accounts.bob), Err(Error::MinterAlreadyGranted));
            set_caller::<DefaultEnvironment>(accounts.bob);
            token.mint_to(accounts.charlie, 5).expect("minter mints");
            // then
            assert_eq!(token.balance_of(accounts.charlie), 5);
            assert_eq!(token.total_supply(), 1_005);
            // and once revoked, bob cannot mint
            set_caller::<DefaultEnvironment>(accounts.alice);
            token.revoke_minter(accounts.bob).expect("admin revokes");
            assert_eq!(token.revoke_minter(accounts.bob), Err(Error::UnknownMinter));
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(token.mint_to(accounts.charlie, 5), Err(Error::NotMinter));
            assert_eq!(token.total_supply(), 1_005);
        }

        #[ink::test]
        fn a_paused_token_refuses_transfers_mints_and_burns_but_not_approvals() {
            // given
            let (mut token, accounts) = token_by_alice();
            token.grant_minter(accounts.alice).expect("grant");
            // when the admin pauses
            token.set_paused(true).expect("pause");
            assert_eq!(token.set_paused(true), Err(Error::PauseUnchanged));
            let events_before = recorded_events().count();
            // then value cannot move
            let paused = Err(PSP22Error::Custom(String::from("Paused")));
            assert_eq!(token.transfer(accounts.bob, 1, Vec::new()), paused);
            assert_eq!(token.burn(1), paused);
            assert_eq!(
                token.mint_to(accounts.bob, 1),
                Err(Error::Token(PSP22Error::Custom(String::from("Paused"))))
            );
            assert_eq!(token.approve(accounts.bob, 10), Ok(()));
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(token.transfer_from(accounts.alice, accounts.bob, 1, Vec::new()), paused);
            assert_eq!(token.balance_of(accounts.alice), 1_000);
            assert_eq!(recorded_events().count(), events_before + 1, "only the approval");
            // when unpaused, transfers work again
            set_caller::<DefaultEnvironment>(accounts.alice);
            token.set_paused(false).expect("unpause");
            assert_eq!(token.transfer(accounts.bob, 1, Vec::new()), Ok(()));
            assert_eq!(token.balance_of(accounts.bob), 1);
        }

        #[ink::test]
        fn holders_burn_their_own_tokens_and_metadata_is_reported() {
            let (mut token, accounts) = token_by_alice();
            assert_eq!(token.burn(1_001), Err(PSP22Error::InsufficientBalance));
            token.burn(400).expect("burn");
            assert_eq!((token.total_supply(), token.balance_of(accounts.alice)), (600, 600));
            assert_eq!(token.token_name(), Some(String::from("Health Reward")));
            assert_eq!(token.token_symbol(), Some(String::from("HRW")));
            assert_eq!(token.token_decimals(), 12);
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(token.set_paused(true), Err(Error::NotAdmin));
            assert_eq!(token.propose_admin(accounts.bob), Err(AdminError::NotAdmin));
            assert_eq!(token.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
        }
    }
}
