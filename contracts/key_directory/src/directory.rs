//! The directory's storage and rules, apart from the message layer so they
//! can be tested without a chain: each account's keys by version, every
//! version kept, one `Mapping` read per look-up.

use crate::error::{Error, Result};
use crate::suite::check_key;
use ink::prelude::vec::Vec;
use ink::primitives::AccountId;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::Timestamp;

/// Most key versions one account may publish (a rotation a month for
/// twenty years); bounded so no account's history grows without end.
pub const MAX_VERSIONS: u32 = 240;

/// A published public key.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedKey {
    /// Its version, from 1.
    pub version: u32,
    /// Its suite (1 = X25519, 2 = X-Wing).
    pub suite: u8,
    /// The public key's bytes (32 or 1,216).
    pub public_key: Vec<u8>,
    /// Block time (ms) when it was published.
    pub published_at: Timestamp,
}

/// Every account's keys.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct KeyBook {
    current: Mapping<AccountId, u32, ManualKey<0x4b44_0001>>,
    keys: Mapping<(AccountId, u32), PublishedKey, ManualKey<0x4b44_0002>>,
}

impl KeyBook {
    /// Publishes `public_key` of `suite` as `account`'s next version and
    /// returns it. Refused, storing nothing, for an unknown suite, a
    /// malformed key, the current key again, or past `MAX_VERSIONS`.
    pub fn publish(
        &mut self,
        account: AccountId,
        suite: u8,
        public_key: Vec<u8>,
        now: Timestamp,
    ) -> Result<PublishedKey> {
        check_key(suite, &public_key)?;
        let current = self.current_version(account);
        if let Some(existing) = self.key_version(account, current) {
            if existing.suite == suite && existing.public_key == public_key {
                return Err(Error::KeyUnchanged);
            }
        }
        if current >= MAX_VERSIONS {
            return Err(Error::TooManyVersions);
        }
        let version = current.saturating_add(1);
        let key = PublishedKey {
            version,
            suite,
            public_key,
            published_at: now,
        };
        self.keys.insert((account, version), &key);
        self.current.insert(account, &version);
        Ok(key)
    }

    /// `account`'s current version, 0 if it has published none.
    pub fn current_version(&self, account: AccountId) -> u32 {
        self.current.get(account).unwrap_or(0)
    }

    /// `account`'s current key, if any.
    pub fn current_key(&self, account: AccountId) -> Option<PublishedKey> {
        self.key_version(account, self.current_version(account))
    }

    /// `account`'s key of `version`, if published.
    pub fn key_version(&self, account: AccountId, version: u32) -> Option<PublishedKey> {
        if version == 0 {
            return None;
        }
        self.keys.get((account, version))
    }
}
