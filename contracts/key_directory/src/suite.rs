//! The key suites the directory accepts and the checks a public key must
//! pass before it is published. The contract cannot prove a key is a
//! valid point (that costs a curve operation); it refuses what is
//! malformed on its face, and every sealer checks again before use.
//!
//! - suite 1: DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM. A
//!   32-byte X25519 public key, not all zeros.
//! - suite 2: X-Wing (X25519 + ML-KEM-768), HKDF-SHA256, AES-256-GCM. A
//!   1,216-byte key: ML-KEM-768's 1,184-byte encapsulation key (768
//!   coefficients of 12 bits, each below 3,329, then the 32-byte seed ρ),
//!   then a 32-byte X25519 key, not all zeros.

use crate::error::{Error, Result};

/// Suite 1: X25519.
pub const SUITE_X25519: u8 = 1;
/// Suite 2: X-Wing (X25519 + ML-KEM-768), the default for new keys.
pub const SUITE_XWING: u8 = 2;
/// A suite-1 public key's length.
pub const X25519_KEY_LEN: usize = 32;
/// A suite-2 public key's length.
pub const XWING_KEY_LEN: usize = 1216;
/// ML-KEM-768's encapsulation key: 1,152 bytes of coefficients, then ρ.
const MLKEM_COEFFICIENT_BYTES: usize = 1152;
const MLKEM_EK_LEN: usize = 1184;
const MLKEM_Q: u16 = 3329;

/// The public key length of `suite`, or `UnknownSuite`.
pub fn key_len(suite: u8) -> Result<usize> {
    match suite {
        SUITE_X25519 => Ok(X25519_KEY_LEN),
        SUITE_XWING => Ok(XWING_KEY_LEN),
        other => Err(Error::UnknownSuite { suite: other }),
    }
}

fn len_u32(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Checks `key` against what `suite` requires of a public key.
pub fn check_key(suite: u8, key: &[u8]) -> Result<()> {
    let expected = key_len(suite)?;
    if key.len() != expected {
        return Err(Error::WrongKeyLength {
            suite,
            expected: len_u32(expected),
            found: len_u32(key.len()),
        });
    }
    let (mlkem, x25519) = key.split_at(expected.saturating_sub(X25519_KEY_LEN));
    if x25519.iter().all(|byte| *byte == 0) {
        return Err(Error::ZeroX25519Key);
    }
    if suite == SUITE_XWING {
        check_mlkem_encapsulation_key(mlkem)?;
    }
    Ok(())
}

/// FIPS 203 §7.2's modulus check: every 12-bit coefficient below q.
fn check_mlkem_encapsulation_key(ek: &[u8]) -> Result<()> {
    if ek.len() != MLKEM_EK_LEN {
        return Err(Error::WrongKeyLength {
            suite: SUITE_XWING,
            expected: len_u32(XWING_KEY_LEN),
            found: len_u32(ek.len().saturating_add(X25519_KEY_LEN)),
        });
    }
    let (coefficients, _rho) = ek.split_at(MLKEM_COEFFICIENT_BYTES);
    for (triple, chunk) in coefficients.chunks_exact(3).enumerate() {
        if let [b0, b1, b2] = *chunk {
            let first = u16::from(b0) | (u16::from(b1 & 0x0f) << 8);
            let second = u16::from(b1 >> 4) | (u16::from(b2) << 4);
            let index = len_u32(triple.saturating_mul(2));
            if first >= MLKEM_Q {
                return Err(Error::MlKemCoefficientOutOfRange { index });
            }
            if second >= MLKEM_Q {
                return Err(Error::MlKemCoefficientOutOfRange {
                    index: index.saturating_add(1),
                });
            }
        }
    }
    Ok(())
}
