//! The key directory's events.

use ink::primitives::{AccountId, Hash};

/// An account published a new version of its health key.
#[ink::event]
#[derive(Debug)]
pub struct KeyPublished {
    /// Whose key it is.
    #[ink(topic)]
    pub account: AccountId,
    /// Its version (1 for the account's first key).
    pub version: u32,
    /// Its suite (1 = X25519, 2 = X-Wing).
    pub suite: u8,
    /// blake2-256 of the public key (read the key itself with `key_version`).
    #[ink(topic)]
    pub key_hash: Hash,
}
