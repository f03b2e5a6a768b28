//! # Zero-knowledge verifier
//!
//! Verifies Groth16 proofs over BN254 (the curve circom and snarkjs use)
//! under one verifying key, fixed at instantiation: there is no setter and
//! no admin. A new key (a new circuit, or the key of a production ceremony)
//! is a new verifier, deployed and wired by governance. Byte formats are
//! EIP-197's (see [`groth16`]); a proof is 256 bytes, each public input 32.
//!
//! The arithmetic runs in the contract (`ark-bn254`). What can be computed
//! from the key alone is computed once, at instantiation, and stored: e(α, β)
//! and the Miller-loop lines of γ and δ. A proof with three public inputs
//! then costs about 1.1×10¹¹ ref_time on substrate-contracts-node (`bench/`
//! has the figure): about a fourteenth of a block's normal class, so
//! verification belongs to calls that need it, once each. An `Err` (a malformed proof) and `Ok(false)` are
//! both refusals to a caller; only `Ok(true)` proves the statement. Groth16
//! proofs can be re-randomised: a caller must bind uniqueness to its own
//! public inputs (a claim id it issued), never to the proof's bytes.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod error;
pub mod events;
pub mod groth16;

// ink!'s expansion of every message contains off-chain stubs that panic;
// `scripts/test` checks that no hand-written code here does.
#[allow(clippy::panic)]
#[ink::contract]
pub mod zk_verifier {
    use crate::error::Error;
    use crate::error::Result;
    use crate::events::VerifyingKeyFixed;
    use crate::groth16::{scalars, PreparedKey, Proof, VerifyingKey};
    use ink::env::hash::{Blake2x256, HashOutput};
    use ink::prelude::vec::Vec;
    use ink::storage::Mapping;
    use interfaces::traits::ProofCheck;

    /// Bytes of one stored piece of the prepared key: a storage value must
    /// fit ink!'s 16 KiB buffer, and the prepared key is about 34 KB.
    const PREPARED_CHUNK: usize = 12 * 1024;

    /// The verifier's storage: the key's bytes, checked when instantiated,
    /// and the key prepared for verification, in pieces.
    #[ink(storage)]
    pub struct ZkVerifier {
        verifying_key: Vec<u8>,
        inputs: u8,
        prepared: Mapping<u32, Vec<u8>>,
        prepared_chunks: u32,
    }

    impl ZkVerifier {
        /// Creates a verifier for proofs under `verifying_key` (α ‖ β ‖ γ ‖ δ
        /// ‖ IC₀ … ICₙ, EIP-197 encoding, 1 ≤ n ≤ 16). Every point is checked
        /// on its curve and in its group (`Key(KeyPoint { element })`), the
        /// length too (`Key(KeyLength)`). Emits `VerifyingKeyFixed`.
        #[ink(constructor)]
        pub fn new(verifying_key: Vec<u8>) -> Result<Self> {
            let key = VerifyingKey::from_bytes(&verifying_key)?;
            let inputs = u8::try_from(key.inputs()).unwrap_or(u8::MAX);
            let mut key_hash = <Blake2x256 as HashOutput>::Type::default();
            ink::env::hash_bytes::<Blake2x256>(&verifying_key, &mut key_hash);
            Self::env().emit_event(VerifyingKeyFixed {
                key_hash: Hash::from(key_hash),
                inputs,
            });
            let mut prepared = Mapping::new();
            let mut prepared_chunks = 0u32;
            for chunk in key.prepare().to_bytes().chunks(PREPARED_CHUNK) {
                prepared.insert(prepared_chunks, &chunk.to_vec());
                prepared_chunks = prepared_chunks.saturating_add(1);
            }
            Ok(Self {
                verifying_key,
                inputs,
                prepared,
                prepared_chunks,
            })
        }

        /// Whether `proof` (A ‖ B ‖ C, 256 bytes) proves the key's statement
        /// for `public_inputs` (as many as the key takes, each 32 bytes
        /// big-endian). `Ok(false)`: well formed, but false. Refused with its
        /// own error: a proof of another length (`ProofLength`), another
        /// number of inputs (`InputCount`), a coordinate not below the field
        /// modulus (`CoordinateNotInField`), an input not below the group
        /// order (`ScalarNotInGroup`), a point off its curve (`NotOnCurve`)
        /// or outside its subgroup (`NotInSubgroup`).
        #[ink(message)]
        pub fn verify(&self, proof: Vec<u8>, public_inputs: Vec<[u8; 32]>) -> Result<bool> {
            // the caller's bytes first: a malformed proof costs no key read
            let proof = Proof::from_bytes(&proof)?;
            let scalars = scalars(&public_inputs, usize::from(self.inputs))?;
            let mut stored = Vec::new();
            for chunk in 0..self.prepared_chunks {
                stored.extend(self.prepared.get(chunk).ok_or(Error::StoredKeyUnreadable)?);
            }
            let key = PreparedKey::from_bytes(&stored).ok_or(Error::StoredKeyUnreadable)?;
            Ok(key.check(&proof, &scalars))
        }

        /// The verifying key's bytes, as given at instantiation.
        #[ink(message)]
        pub fn verifying_key(&self) -> Vec<u8> {
            self.verifying_key.clone()
        }

        /// How many public inputs a proof has under this verifier's key.
        #[ink(message)]
        pub fn inputs(&self) -> u8 {
            self.inputs
        }
    }

    impl ProofCheck for ZkVerifier {
        /// Whether `proof` proves the key's statement for `public_inputs`:
        /// `verify` answered `Ok(true)`. What another contract asks.
        #[ink(message)]
        fn proves(&self, proof: Vec<u8>, public_inputs: Vec<[u8; 32]>) -> bool {
            matches!(self.verify(proof, public_inputs), Ok(true))
        }
    }

    #[cfg(test)]
    mod tests {
        //! The contract layer: the prepared key goes to storage in pieces at
        //! instantiation and comes back whole for every verification.
        use super::*;
        use crate::error::{Error, KeyError};

        const KEY: &[u8] = include_bytes!("../../../zk/artifacts/at_least.vkey.bin");
        const KNOWN_ANSWER: &str = include_str!("../../../zk/fixtures/at_least.known-answer.json");

        fn hex(text: &str) -> Vec<u8> {
            (0..text.len())
                .step_by(2)
                .map(|at| u8::from_str_radix(&text[at..at + 2], 16).expect("hex"))
                .collect()
        }

        fn known_answer() -> (Vec<u8>, Vec<[u8; 32]>) {
            let answer: serde_json::Value = serde_json::from_str(KNOWN_ANSWER).expect("json");
            let proof = hex(answer["encoded"]["proof"].as_str().expect("hex"));
            let inputs = answer["encoded"]["publicInputs"]
                .as_array()
                .expect("inputs")
                .iter()
                .map(|input| hex(input.as_str().expect("hex")).try_into().expect("32 bytes"))
                .collect();
            (proof, inputs)
        }

        #[ink::test]
        fn an_instantiated_verifier_accepts_the_known_answer_from_its_stored_pieces() {
            // given a verifier under the development key
            let verifier = ZkVerifier::new(KEY.to_vec()).expect("the committed key");
            // then its key is stored in pieces that each fit ink!'s buffer
            assert_eq!(verifier.prepared_chunks, 3);
            assert_eq!(verifier.verifying_key(), KEY);
            assert_eq!(verifier.inputs(), 3);
            // and the known answer verifies, through both messages
            let (proof, inputs) = known_answer();
            assert_eq!(verifier.verify(proof.clone(), inputs.clone()), Ok(true));
            assert!(verifier.proves(proof.clone(), inputs.clone()));
            // and another claim id does not
            let mut other_claim = inputs.clone();
            other_claim[2][31] ^= 1;
            assert_eq!(verifier.verify(proof.clone(), other_claim.clone()), Ok(false));
            assert!(!verifier.proves(proof.clone(), other_claim));
            // and a malformed proof is an error to `verify`, false to `proves`
            assert!(matches!(
                verifier.verify(proof[..255].to_vec(), inputs.clone()),
                Err(Error::Proof(_))
            ));
            assert!(!verifier.proves(proof[..255].to_vec(), inputs));
        }

        #[ink::test]
        fn a_malformed_key_instantiates_nothing() {
            assert!(matches!(
                ZkVerifier::new(KEY[..703].to_vec()),
                Err(Error::Key(KeyError::KeyLength { found: 703 }))
            ));
        }
    }
}
