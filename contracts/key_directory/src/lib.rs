//! # Key directory
//!
//! Each account's published health encryption key: the public half of the
//! HPKE key pair it seals and opens record keys with, separate from its
//! sr25519 signing key. An account publishes for itself only; a new key is
//! a new version and every older version is kept, so an envelope sealed to
//! an old key still names a key that can be found. Unknown suites and keys
//! malformed on their face are refused. Every read is one `Mapping` look-up.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod directory;
pub mod error;
pub mod events;
pub mod suite;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod key_directory {
    use crate::directory::{KeyBook, PublishedKey};
    use crate::error::{Error, Result};
    use crate::events::KeyPublished;
    use ink::env::hash::{Blake2x256, HashOutput};
    use ink::prelude::vec::Vec;
    use interfaces::{Admin, AdminControl, AdminError};

    /// The key directory's storage. Root fields keep their order across
    /// upgrades; the book's mappings have explicit keys.
    #[ink(storage)]
    pub struct KeyDirectory {
        admin: Admin,
        book: KeyBook,
    }

    // The constructor reads the caller, so a `Default` would mislead.
    #[allow(clippy::new_without_default)]
    impl KeyDirectory {
        /// Creates an empty directory whose admin (for code upgrades only;
        /// no one may publish for another account) is the caller.
        #[ink(constructor)]
        pub fn new() -> Self {
            Self {
                admin: Admin::new(Self::env().caller()),
                book: KeyBook::default(),
            }
        }

        /// Publishes the caller's new health key and returns its version (1
        /// for a first key). `suite`: 1 = DHKEM(X25519), 2 = X-Wing
        /// (X25519 + ML-KEM-768), both with HKDF-SHA256 and AES-256-GCM.
        /// `public_key`: 32 bytes for suite 1, 1,216 for suite 2. Refused,
        /// storing nothing: `UnknownSuite`, `WrongKeyLength`,
        /// `ZeroX25519Key`, `MlKemCoefficientOutOfRange`, `KeyUnchanged`,
        /// `TooManyVersions`. Emits `KeyPublished`.
        #[ink(message)]
        pub fn publish(&mut self, suite: u8, public_key: Vec<u8>) -> Result<u32> {
            let account = self.env().caller();
            let mut key_hash = <Blake2x256 as HashOutput>::Type::default();
            ink::env::hash_bytes::<Blake2x256>(&public_key, &mut key_hash);
            let key = self
                .book
                .publish(account, suite, public_key, self.env().block_timestamp())?;
            self.env().emit_event(KeyPublished {
                account,
                version: key.version,
                suite: key.suite,
                key_hash: Hash::from(key_hash),
            });
            Ok(key.version)
        }

        /// `account`'s current key (the one to seal to), or `None` if it has
        /// published none.
        #[ink(message)]
        pub fn key_of(&self, account: AccountId) -> Option<PublishedKey> {
            self.book.current_key(account)
        }

        /// `account`'s key of `version` (an envelope names the version it
        /// was sealed to), or `None` if that version was never published.
        /// `NoSuchVersion` for version 0: versions count from 1.
        #[ink(message)]
        pub fn key_version(&self, account: AccountId, version: u32) -> Result<Option<PublishedKey>> {
            if version == 0 {
                return Err(Error::NoSuchVersion);
            }
            Ok(self.book.key_version(account, version))
        }

        /// `account`'s current version, 0 if it has published no key.
        #[ink(message)]
        pub fn current_version(&self, account: AccountId) -> u32 {
            self.book.current_version(account)
        }
    }

    impl AdminControl for KeyDirectory {
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
        use crate::directory::MAX_VERSIONS;
        use crate::suite::{SUITE_X25519, SUITE_XWING, XWING_KEY_LEN};
        use ink::env::test::{default_accounts, recorded_events, set_block_timestamp, set_caller};
        use ink::env::DefaultEnvironment;
        use ink::scale::Decode;

        fn x25519_key(byte: u8) -> Vec<u8> {
            ink::prelude::vec![byte; 32]
        }

        /// A well-formed X-Wing key: coefficients 0x0ab each (below q), ρ and
        /// the X25519 part filled with `byte`.
        fn xwing_key(byte: u8) -> Vec<u8> {
            let mut key = Vec::with_capacity(XWING_KEY_LEN);
            for _ in 0..384 {
                key.extend_from_slice(&[0xab, 0xb0, 0x0a]);
            }
            key.extend_from_slice(&[byte; 64]);
            key
        }

        fn directory_as_alice() -> (KeyDirectory, ink::env::test::DefaultAccounts<DefaultEnvironment>) {
            let accounts = default_accounts::<DefaultEnvironment>();
            set_caller::<DefaultEnvironment>(accounts.alice);
            (KeyDirectory::new(), accounts)
        }

        #[ink::test]
        fn a_published_key_is_read_back_and_each_rotation_keeps_the_old_versions() {
            // given a directory, and Bob publishing an X25519 key at t = 1,000
            let (mut directory, accounts) = directory_as_alice();
            set_caller::<DefaultEnvironment>(accounts.bob);
            set_block_timestamp::<DefaultEnvironment>(1_000);
            assert_eq!(directory.current_version(accounts.bob), 0);
            assert_eq!(directory.key_of(accounts.bob), None);
            assert_eq!(directory.publish(SUITE_X25519, x25519_key(7)), Ok(1));
            // when he rotates to an X-Wing key
            set_block_timestamp::<DefaultEnvironment>(2_000);
            assert_eq!(directory.publish(SUITE_XWING, xwing_key(9)), Ok(2));
            // then the current key is the new one and the first is still there
            let current = directory.key_of(accounts.bob).expect("a current key");
            assert_eq!(
                (current.version, current.suite, current.published_at),
                (2, SUITE_XWING, 2_000)
            );
            assert_eq!(current.public_key, xwing_key(9));
            let first = directory
                .key_version(accounts.bob, 1)
                .expect("version 1 is valid")
                .expect("kept");
            assert_eq!(
                (first.suite, first.public_key, first.published_at),
                (SUITE_X25519, x25519_key(7), 1_000)
            );
            assert_eq!(directory.key_version(accounts.bob, 3), Ok(None));
            assert_eq!(directory.key_version(accounts.bob, 0), Err(Error::NoSuchVersion));
            // and nobody else's entry changed
            assert_eq!(directory.key_of(accounts.alice), None);
        }

        #[ink::test]
        fn publishing_emits_an_event_with_the_account_and_key_hash_as_topics() {
            let (mut directory, accounts) = directory_as_alice();
            set_caller::<DefaultEnvironment>(accounts.bob);
            directory.publish(SUITE_X25519, x25519_key(7)).expect("published");
            let events: Vec<_> = recorded_events().collect();
            assert_eq!(events.len(), 1);
            let event = KeyPublished::decode(&mut &events[0].data[..]).expect("decodes as KeyPublished");
            let mut key_hash = <Blake2x256 as HashOutput>::Type::default();
            ink::env::hash_bytes::<Blake2x256>(&x25519_key(7), &mut key_hash);
            assert_eq!(
                (event.account, event.version, event.suite),
                (accounts.bob, 1, SUITE_X25519)
            );
            assert_eq!(event.key_hash, Hash::from(key_hash));
            // topics: the event's signature, then the account and the key hash
            assert_eq!(events[0].topics.len(), 3);
            assert_eq!(events[0].topics[1], AsRef::<[u8]>::as_ref(&accounts.bob).to_vec());
            assert_eq!(events[0].topics[2], key_hash.to_vec());
        }

        #[ink::test]
        fn malformed_and_unknown_suite_keys_are_refused_and_nothing_is_stored() {
            let (mut directory, accounts) = directory_as_alice();
            set_caller::<DefaultEnvironment>(accounts.bob);
            assert_eq!(
                directory.publish(3, x25519_key(7)),
                Err(Error::UnknownSuite { suite: 3 })
            );
            assert_eq!(
                directory.publish(0, x25519_key(7)),
                Err(Error::UnknownSuite { suite: 0 })
            );
            assert_eq!(
                directory.publish(SUITE_X25519, ink::prelude::vec![7; 31]),
                Err(Error::WrongKeyLength {
                    suite: SUITE_X25519,
                    expected: 32,
                    found: 31
                })
            );
            assert_eq!(
                directory.publish(SUITE_XWING, x25519_key(7)),
                Err(Error::WrongKeyLength {
                    suite: SUITE_XWING,
                    expected: 1216,
                    found: 32
                })
            );
            assert_eq!(
                directory.publish(SUITE_X25519, x25519_key(0)),
                Err(Error::ZeroX25519Key)
            );
            let mut zero_tail = xwing_key(9);
            zero_tail[1184..].fill(0);
            assert_eq!(directory.publish(SUITE_XWING, zero_tail), Err(Error::ZeroX25519Key));
            // coefficient 5 (bytes 7..9, high half) set to 0xfff ≥ 3,329
            let mut out_of_range = xwing_key(9);
            out_of_range[8] = 0xff;
            out_of_range[7] |= 0xf0;
            assert_eq!(
                directory.publish(SUITE_XWING, out_of_range),
                Err(Error::MlKemCoefficientOutOfRange { index: 5 })
            );
            // then nothing was stored and no event emitted
            assert_eq!(directory.current_version(accounts.bob), 0);
            assert_eq!(recorded_events().count(), 0);
        }

        /// The first public key of the X-Wing draft's test vectors (as the
        /// data plane's known answers carry it): a real key passes.
        fn published_xwing_key() -> Vec<u8> {
            let vectors = include_str!("../../../dataplane/test/vectors/xwing-draft.json");
            let start = vectors.find("\"pk\": \"").expect("a pk field") + 7;
            let hex = &vectors[start..start + 2 * XWING_KEY_LEN];
            (0..XWING_KEY_LEN)
                .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).expect("hex"))
                .collect()
        }

        #[ink::test]
        fn a_real_x_wing_key_from_the_drafts_vectors_is_accepted() {
            let (mut directory, accounts) = directory_as_alice();
            set_caller::<DefaultEnvironment>(accounts.charlie);
            assert_eq!(directory.publish(SUITE_XWING, published_xwing_key()), Ok(1));
        }

        #[ink::test]
        fn the_same_key_again_is_refused_and_versions_are_bounded() {
            let (mut directory, accounts) = directory_as_alice();
            set_caller::<DefaultEnvironment>(accounts.bob);
            directory.publish(SUITE_X25519, x25519_key(1)).expect("first");
            assert_eq!(directory.publish(SUITE_X25519, x25519_key(1)), Err(Error::KeyUnchanged));
            for version in 2..=MAX_VERSIONS {
                let mut key = x25519_key(1);
                key[..4].copy_from_slice(&version.to_le_bytes());
                assert_eq!(directory.publish(SUITE_X25519, key), Ok(version));
            }
            assert_eq!(
                directory.publish(SUITE_X25519, x25519_key(2)),
                Err(Error::TooManyVersions)
            );
            assert_eq!(directory.current_version(accounts.bob), MAX_VERSIONS);
        }

        #[ink::test]
        fn an_outsider_cannot_take_admin_or_change_the_code() {
            let (mut directory, accounts) = directory_as_alice();
            set_caller::<DefaultEnvironment>(accounts.eve);
            assert_eq!(directory.propose_admin(accounts.eve), Err(AdminError::NotAdmin));
            assert_eq!(directory.set_code(Hash::from([7; 32])), Err(AdminError::NotAdmin));
            assert_eq!(directory.accept_admin(), Err(AdminError::NotPendingAdmin));
            assert_eq!(directory.admin(), accounts.alice);
            assert_eq!(directory.pending_admin(), None);
        }
    }
}
