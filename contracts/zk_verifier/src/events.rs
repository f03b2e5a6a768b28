//! The verifier's events.

use ink::primitives::Hash;

/// A verifier was instantiated with its (fixed) verifying key.
#[ink::event]
#[derive(Debug)]
pub struct VerifyingKeyFixed {
    /// blake2-256 of the key's bytes (read them with `verifying_key`).
    #[ink(topic)]
    pub key_hash: Hash,
    /// How many public inputs its proofs have.
    pub inputs: u8,
}
