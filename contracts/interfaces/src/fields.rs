//! The bytes of a record's salted Merkle fields, as record access checks
//! them and as a claim rebuilds one: one place for the leaf format.
//!
//! - A **text field** is the UTF-8 of `path=value` (for example
//!   `code.coding[0].code=4548-4`).
//! - A **committed field** holds a Poseidon commitment `C = Poseidon(value,
//!   blinding)` to a number, instead of the number: `0xFF ‖ n ‖ quantity ‖ C`,
//!   where `quantity` is the `n` bytes (1 ≤ n ≤ [`MAX_QUANTITY_BYTES`]) that
//!   name what is measured and in which unit (for example
//!   `loinc:4548-4/0.1%`, HbA1c in tenths of a percent) and `C` is 32 bytes,
//!   big-endian. `0xFF` never occurs in UTF-8, so a committed field is never
//!   the bytes of a text field, and the length prefix makes the quantity and
//!   the commitment unambiguous. A zero-knowledge proof then shows a fact of
//!   the number (`value ≥ threshold`) without revealing it.
//!
//! Either kind becomes a leaf as blake2-256(`0x00` ‖ salt ‖ field bytes),
//! with 32 random salt bytes per field.

use crate::Hash;
use ink::env::hash::{Blake2x256, HashOutput};
use ink::prelude::vec::Vec;

/// A field's random salt: 32 bytes, drawn for that field alone.
pub type Salt = [u8; 32];

/// The first byte of a committed field (never a byte of UTF-8 text).
pub const COMMITTED_FIELD_TAG: u8 = 0xFF;

/// Longest name of a committed quantity.
pub const MAX_QUANTITY_BYTES: usize = 64;

const LEAF_PREFIX: u8 = 0x00;

/// The leaf hash of a field's bytes under its salt:
/// blake2-256(`0x00` ‖ `salt` ‖ `field`).
pub fn leaf_hash(salt: &Salt, field: &[u8]) -> Hash {
    let mut input = Vec::with_capacity(field.len().saturating_add(salt.len()).saturating_add(1));
    input.push(LEAF_PREFIX);
    input.extend_from_slice(salt);
    input.extend_from_slice(field);
    let mut output = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(&input, &mut output);
    Hash::from(output)
}

/// The bytes of the committed field of `quantity` with commitment
/// `commitment`; `None` if the quantity's name is empty or longer than
/// [`MAX_QUANTITY_BYTES`].
pub fn committed_field_bytes(quantity: &[u8], commitment: &[u8; 32]) -> Option<Vec<u8>> {
    if quantity.is_empty() || quantity.len() > MAX_QUANTITY_BYTES {
        return None;
    }
    let length = u8::try_from(quantity.len()).ok()?;
    let mut bytes = Vec::with_capacity(quantity.len().saturating_add(34));
    bytes.push(COMMITTED_FIELD_TAG);
    bytes.push(length);
    bytes.extend_from_slice(quantity);
    bytes.extend_from_slice(commitment);
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::known_answers::{bytes, hash, value};

    #[test]
    fn a_committed_field_and_its_leaf_match_the_independent_known_answer() {
        // given the fixture's committed field (Python wrote its bytes)
        let key = |field: &str| value(&format!("merkle.committed.{field}")).expect("vector present");
        let (salt, field) = key("field.1").split_once(' ').expect("salt and field");
        let salt: Salt = bytes(salt).expect("hex").try_into().expect("32 bytes");
        let quantity = key("quantity");
        let commitment: [u8; 32] = bytes(key("commitment")).expect("hex").try_into().expect("32 bytes");
        // then our bytes and leaf are Python's
        let ours = committed_field_bytes(quantity.as_bytes(), &commitment).expect("a valid name");
        assert_eq!(Some(ours.clone()), bytes(field));
        assert_eq!(Some(leaf_hash(&salt, &ours)), hash(key("leaf.1")));
    }

    #[test]
    fn a_quantity_name_is_one_to_64_bytes() {
        let commitment = [7u8; 32];
        assert_eq!(committed_field_bytes(b"", &commitment), None);
        assert_eq!(committed_field_bytes(&[b'q'; 65], &commitment), None);
        let longest = committed_field_bytes(&[b'q'; 64], &commitment).expect("64 bytes");
        assert_eq!(longest.len(), 2 + 64 + 32);
        assert_eq!(longest[..2], [0xFF, 64]);
    }
}
