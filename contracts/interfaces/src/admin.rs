//! Two-step admin transfer, shared by every contract.
//!
//! The admin proposes a successor; the successor accepts. A typo in the
//! successor's address therefore cannot lock a contract: until the proposed
//! account accepts, the old admin stays in charge and may propose again.

use crate::{AccountId, Hash};

/// Why an admin check or transfer was refused.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminError {
    /// The caller is not the admin.
    NotAdmin,
    /// The caller is not the proposed admin, or no transfer is pending.
    NotPendingAdmin,
    /// No code with this hash is uploaded to the chain: upload it first,
    /// then switch to it.
    CodeNotFound,
}

/// The admin of a contract and the successor it proposed, if any.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admin {
    current: AccountId,
    pending: Option<AccountId>,
}

/// The admin proposed a successor (who must call `accept_admin`).
#[ink::event]
#[derive(Debug)]
pub struct AdminTransferProposed {
    /// The admin who proposed.
    #[ink(topic)]
    pub current: AccountId,
    /// The account that may accept.
    #[ink(topic)]
    pub proposed: AccountId,
}

/// The proposed successor accepted and is now the admin.
#[ink::event]
#[derive(Debug)]
pub struct AdminTransferred {
    /// The admin before the transfer.
    #[ink(topic)]
    pub previous: AccountId,
    /// The admin now.
    #[ink(topic)]
    pub new: AccountId,
}

/// The admin switched the contract to new code; its storage is kept and the
/// new code runs from the next call.
#[ink::event]
#[derive(Debug)]
pub struct CodeChanged {
    /// The admin who switched it (governance, after deployment).
    #[ink(topic)]
    pub by: AccountId,
    /// The code hash the contract ran before.
    pub previous: Hash,
    /// The code hash it runs from the next call.
    #[ink(topic)]
    pub new: Hash,
}

impl Admin {
    /// `admin` is in charge, with no transfer pending.
    pub fn new(admin: AccountId) -> Self {
        Self {
            current: admin,
            pending: None,
        }
    }

    /// The admin now.
    pub fn current(&self) -> AccountId {
        self.current
    }

    /// The proposed successor, if a transfer is pending.
    pub fn pending(&self) -> Option<AccountId> {
        self.pending
    }

    /// `Ok` only if `caller` is the admin.
    pub fn ensure(&self, caller: AccountId) -> Result<(), AdminError> {
        if caller == self.current {
            Ok(())
        } else {
            Err(AdminError::NotAdmin)
        }
    }

    /// The admin proposes `successor`; replaces any earlier proposal.
    /// Emits [`AdminTransferProposed`].
    pub fn propose(&mut self, caller: AccountId, successor: AccountId) -> Result<(), AdminError> {
        self.ensure(caller)?;
        self.pending = Some(successor);
        emit(AdminTransferProposed {
            current: caller,
            proposed: successor,
        });
        Ok(())
    }

    /// The proposed successor accepts and becomes the admin.
    /// Emits [`AdminTransferred`].
    pub fn accept(&mut self, caller: AccountId) -> Result<(), AdminError> {
        if self.pending != Some(caller) {
            return Err(AdminError::NotPendingAdmin);
        }
        let previous = self.current;
        self.current = caller;
        self.pending = None;
        emit(AdminTransferred { previous, new: caller });
        Ok(())
    }

    /// The admin switches the contract to the uploaded code `code_hash`,
    /// keeping its storage (see [`switch_code`]).
    pub fn set_code(&self, caller: AccountId, code_hash: Hash) -> Result<(), AdminError> {
        self.ensure(caller)?;
        switch_code(caller, code_hash)
    }
}

/// Switches the running contract to the uploaded code `code_hash`
/// (`set_code_hash`), keeping its storage; the caller checked the admin.
/// Emits [`CodeChanged`].
pub fn switch_code(by: AccountId, code_hash: Hash) -> Result<(), AdminError> {
    let previous = ink::env::own_code_hash::<ink::env::DefaultEnvironment>().map_err(|_| AdminError::CodeNotFound)?;
    ink::env::set_code_hash::<ink::env::DefaultEnvironment>(&code_hash).map_err(|_| AdminError::CodeNotFound)?;
    emit(CodeChanged {
        by,
        previous,
        new: code_hash,
    });
    Ok(())
}

fn emit<E: ink::env::Event>(event: E) {
    ink::env::emit_event::<ink::env::DefaultEnvironment, E>(event);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emitted_events() -> usize {
        ink::env::test::recorded_events().count()
    }

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }

    #[ink::test]
    fn admin_is_handed_over_only_when_the_successor_accepts() {
        // given
        let mut admin = Admin::new(account(1));
        // when the admin proposes
        admin.propose(account(1), account(2)).expect("admin may propose");
        // then nothing changed yet but the pending successor
        assert_eq!(admin.current(), account(1));
        assert_eq!(admin.pending(), Some(account(2)));
        // when someone else tries to accept
        assert_eq!(admin.accept(account(3)), Err(AdminError::NotPendingAdmin));
        // when the successor accepts
        admin.accept(account(2)).expect("successor may accept");
        // then
        assert_eq!(admin.current(), account(2));
        assert_eq!(admin.pending(), None);
        assert_eq!(admin.ensure(account(1)), Err(AdminError::NotAdmin));
        assert_eq!(emitted_events(), 2, "one event for the proposal, one for the transfer");
    }

    #[ink::test]
    fn an_outsider_cannot_propose_and_nothing_is_pending_by_default() {
        let mut admin = Admin::new(account(1));
        assert_eq!(admin.propose(account(9), account(9)), Err(AdminError::NotAdmin));
        assert_eq!(admin.pending(), None);
        assert_eq!(admin.accept(account(1)), Err(AdminError::NotPendingAdmin));
        assert_eq!(emitted_events(), 0);
    }
}
