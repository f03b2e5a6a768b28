//! The verifier's errors.

pub use crate::groth16::{KeyError, ProofError, ProofPoint};

/// Why the verifier refused its constructor's key or a proof.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// The verifying key given at instantiation is malformed.
    Key(KeyError),
    /// The proof or its public inputs are malformed (a well-formed false
    /// proof is `Ok(false)`, not an error).
    Proof(ProofError),
    /// The prepared key in storage does not read back: cannot happen unless
    /// the contract's storage was written by other code.
    StoredKeyUnreadable,
}

impl From<KeyError> for Error {
    fn from(error: KeyError) -> Self {
        Error::Key(error)
    }
}

impl From<ProofError> for Error {
    fn from(error: ProofError) -> Self {
        Error::Proof(error)
    }
}

/// The verifier's result type.
pub type Result<T> = core::result::Result<T, Error>;
