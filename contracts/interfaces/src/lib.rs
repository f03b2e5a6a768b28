//! Shared vocabulary of the health-records suite.
//!
//! Every cross-contract call of the suite goes through one of the
//! `#[ink::trait_definition]` traits in [`traits`]; a contract stores the other
//! contract's `AccountId` and builds an `ink::contract_ref!(Trait)` from it, so
//! contracts never depend on each other's crates.
//!
//! The helpers that every contract needs are written once here:
//! [`admin::Admin`] (two-step admin transfer), [`calls`] (each cross-contract
//! call, failing closed), [`bounds`] (bounded inputs),
//! [`pagination`] (bounded page reads), [`fields`] (the bytes of a record's
//! Merkle fields) and [`time::ValidityWindow`].
#![cfg_attr(not(feature = "std"), no_std)]

pub mod admin;
pub mod audit;
pub mod bounds;
pub mod calls;
pub mod fields;
#[cfg(feature = "std")]
pub mod known_answers;
pub mod pagination;
pub mod time;
pub mod traits;
pub mod types;

pub use admin::{Admin, AdminError, AdminTransferProposed, AdminTransferred, CodeChanged};
pub use audit::{digest_of, AppendFailure, AuditAction, AuditError, AuditRecord, DenialReason};
pub use calls::{append_to, CallFailure, Unavailable};
pub use pagination::{Page, PageError, MAX_PAGE_SIZE};
pub use time::ValidityWindow;
pub use traits::AdminControl;
pub use types::{Action, ActionSet, CategorySet, DataCategory, FlagSet, ProviderKind, Purpose, PurposeSet};

/// The account type of the default ink! environment, used by every contract.
pub type AccountId = ink::primitives::AccountId;
/// A 32-byte hash (blake2-256 throughout the suite).
pub type Hash = ink::primitives::Hash;
/// Milliseconds since the Unix epoch, as `block_timestamp()` returns it.
pub type Timestamp = u64;
/// Token amounts.
pub type Balance = u128;
