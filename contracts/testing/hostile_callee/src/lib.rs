//! **Testing only.** A callee that misbehaves on purpose, so the drink
//! stories can show that every contract of the suite fails closed against
//! it: a check that cannot be made denies, a refused audit append reverts
//! the change it audits, a token cannot re-enter its caller, and nothing is
//! half-written.
//!
//! One contract plays every hostile part: the consent check
//! (`ConsentCheck`), the provider registry (`ProviderCheck`), the audit trail
//! (`AuditLog`) and a PSP22 token. What it does when called is its
//! [`Behaviour`]. It is built with the suite's bundles and never deployed by
//! `scripts/deploy`. It traps on purpose, so the suite's no-panic rule for
//! contract code does not apply here.

#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod hostile_callee {
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::{CallFlags, DefaultEnvironment, ReturnFlags};
    use ink::prelude::vec::Vec;
    use interfaces::traits::{AuditLog, ConsentCheck, PSP22Error, ProviderCheck, PSP22};
    use interfaces::{Action, AuditError, AuditRecord, DataCategory, ProviderKind, Purpose};

    /// What the callee does when called.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Behaviour {
        /// Every check and append traps (a Wasm `unreachable`).
        Trap,
        /// Every check and append returns bytes that decode as nothing the
        /// caller expects.
        Garbage,
        /// Every check and append loops until the gas runs out.
        BurnGas,
        /// Checks say yes (and `verified_kind` says `EmergencyService`);
        /// appends are refused (`NotAuthorizedWriter`).
        Refuse,
        /// A PSP22 token whose `transfer` and `transfer_from` first try to
        /// call back into the caller with `selector` and a 1-token amount
        /// argument (a `u128`, twice when `twice`), then move the tokens.
        Reenter {
            /// The message of the caller to re-enter (for example
            /// `deposit_capital`).
            selector: [u8; 4],
            /// Whether the message takes two amounts (`deposit(amount, rate)`,
            /// `deposit_capital(amount, min_shares)`).
            twice: bool,
        },
    }

    /// What the last re-entry attempt came to.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Reentry {
        /// No transfer was made yet.
        NotTried,
        /// The chain refused the call back into the caller.
        Refused,
        /// The call back ran (whatever it answered): a hole.
        Ran,
    }

    #[ink(storage)]
    pub struct HostileCallee {
        behaviour: Behaviour,
        balances: ink::storage::Mapping<AccountId, u128>,
        supply: u128,
        last_reentry: Reentry,
    }

    impl HostileCallee {
        /// A callee that behaves as `behaviour`; as a token, the deployer
        /// holds `supply`.
        #[ink(constructor)]
        pub fn new(behaviour: Behaviour, supply: u128) -> Self {
            let mut balances = ink::storage::Mapping::default();
            balances.insert(Self::env().caller(), &supply);
            Self {
                behaviour,
                balances,
                supply,
                last_reentry: Reentry::NotTried,
            }
        }

        /// What the last re-entry attempt came to.
        #[ink(message)]
        pub fn last_reentry(&self) -> Reentry {
            self.last_reentry
        }

        /// Misbehaves as configured for a check or an append; `Refuse`
        /// falls through to the caller's answer.
        fn misbehave(&self) {
            match self.behaviour {
                Behaviour::Trap => panic!("hostile callee traps"),
                Behaviour::Garbage => ink::env::return_value::<Vec<u8>>(ReturnFlags::empty(), &Vec::from([0xFFu8; 3])),
                Behaviour::BurnGas => loop {
                    // A host call each round, so the loop cannot be optimized away.
                    let _ = self.env().block_number();
                },
                Behaviour::Refuse | Behaviour::Reenter { .. } => {}
            }
        }

        fn move_tokens(&mut self, from: AccountId, to: AccountId, value: u128) -> Result<(), PSP22Error> {
            let caller = self.env().caller();
            if let Behaviour::Reenter { selector, twice } = self.behaviour {
                let call = build_call::<DefaultEnvironment>()
                    .call(caller)
                    .call_flags(CallFlags::empty());
                let one = ExecutionInput::new(Selector::new(selector)).push_arg(1u128);
                let answer = if twice {
                    call.exec_input(one.push_arg(1u128)).returns::<()>().try_invoke()
                } else {
                    call.exec_input(one).returns::<()>().try_invoke()
                };
                // An answer that does not decode as `()` still means the call ran.
                let ran = matches!(answer, Ok(_) | Err(ink::env::Error::Decode(_)));
                self.last_reentry = if ran { Reentry::Ran } else { Reentry::Refused };
            }
            let left = self
                .balance_of(from)
                .checked_sub(value)
                .ok_or(PSP22Error::InsufficientBalance)?;
            self.balances.insert(from, &left);
            let to_balance = self.balance_of(to).saturating_add(value);
            self.balances.insert(to, &to_balance);
            Ok(())
        }
    }

    impl ConsentCheck for HostileCallee {
        #[ink(message)]
        fn check(
            &self,
            _patient: AccountId,
            _grantee: AccountId,
            _category: DataCategory,
            _purpose: Purpose,
            _action: Action,
        ) -> bool {
            self.misbehave();
            true
        }

        #[ink(message)]
        fn emergency_access_enabled(&self, _patient: AccountId) -> bool {
            self.misbehave();
            true
        }

        #[ink(message)]
        fn is_delegate(&self, _patient: AccountId, _account: AccountId) -> bool {
            self.misbehave();
            true
        }
    }

    impl ProviderCheck for HostileCallee {
        #[ink(message)]
        fn is_verified(&self, _account: AccountId, _kind: ProviderKind) -> bool {
            self.misbehave();
            true
        }

        #[ink(message)]
        fn verified_kind(&self, _account: AccountId) -> Option<ProviderKind> {
            self.misbehave();
            Some(ProviderKind::EmergencyService)
        }
    }

    impl AuditLog for HostileCallee {
        #[ink(message)]
        fn append(&mut self, _record: AuditRecord) -> Result<u64, AuditError> {
            self.misbehave();
            Err(AuditError::NotAuthorizedWriter)
        }
    }

    impl PSP22 for HostileCallee {
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.supply
        }

        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.balances.get(owner).unwrap_or(0)
        }

        #[ink(message)]
        fn allowance(&self, _owner: AccountId, _spender: AccountId) -> u128 {
            u128::MAX
        }

        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let from = self.env().caller();
            self.move_tokens(from, to, value)
        }

        #[ink(message)]
        fn transfer_from(
            &mut self,
            from: AccountId,
            to: AccountId,
            value: u128,
            _data: Vec<u8>,
        ) -> Result<(), PSP22Error> {
            self.move_tokens(from, to, value)
        }

        #[ink(message)]
        fn approve(&mut self, _spender: AccountId, _value: u128) -> Result<(), PSP22Error> {
            Ok(())
        }

        #[ink(message)]
        fn increase_allowance(&mut self, _spender: AccountId, _delta: u128) -> Result<(), PSP22Error> {
            Ok(())
        }

        #[ink(message)]
        fn decrease_allowance(&mut self, _spender: AccountId, _delta: u128) -> Result<(), PSP22Error> {
            Ok(())
        }
    }
}
