//! The known-answer vectors of `fixtures/known_answers.txt`, computed by an
//! independent implementation (`scripts/known-answers.py`, Python's hashlib)
//! over the documented bytes. Tests of the Merkle proofs and the audit chain
//! compare against them, so a change of either format cannot pass unnoticed.
//! Off-chain only (tests and tools).

use crate::Hash;

/// The fixture's text.
pub const FIXTURE: &str = include_str!("../../../fixtures/known_answers.txt");

/// The value of line `key`, or `None` if the fixture has no such line.
pub fn value(key: &str) -> Option<&'static str> {
    FIXTURE
        .lines()
        .filter(|line| !line.starts_with('#'))
        .find_map(|line| line.strip_prefix(key)?.strip_prefix(' '))
}

/// Bytes from hex.
pub fn bytes(hex: &str) -> Option<Vec<u8>> {
    if hex.len() & 1 != 0 {
        return None;
    }
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(hex.get(i..i.checked_add(2)?)?, 16).ok())
        .collect()
}

/// A 32-byte hash from hex.
pub fn hash(hex: &str) -> Option<Hash> {
    let array: [u8; 32] = bytes(hex)?.try_into().ok()?;
    Some(Hash::from(array))
}

/// The hashes of a space-separated list (`-` is the empty list).
pub fn hashes(list: &str) -> Option<Vec<Hash>> {
    if list == "-" {
        return Some(Vec::new());
    }
    list.split(' ').map(hash).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fixture_is_read_line_by_line() {
        assert_eq!(value("merkle.lab.count"), Some("3"));
        assert_eq!(value("merkle.lab.coun"), None);
        assert_eq!(bytes("0aff"), Some(vec![0x0a, 0xff]));
        assert_eq!(bytes("0af"), None);
        assert!(hash(value("merkle.lab.root").unwrap_or_default()).is_some());
        assert_eq!(hashes("-"), Some(vec![]));
    }
}
