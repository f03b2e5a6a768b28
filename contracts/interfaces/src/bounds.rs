//! Bounds on stored inputs. Every byte string a contract stores goes through
//! [`bounded_bytes`]; every list argument through [`bounded_list`].

use ink::prelude::vec::Vec;

/// Longest storage pointer (an IPFS CID v1 in base32 is 59 bytes; a URL to a
/// FHIR resource a little more).
pub const MAX_POINTER_LEN: usize = 128;

/// Returns `bytes` if it is at most `max` bytes long, else `too_long`.
pub fn bounded_bytes<E>(bytes: Vec<u8>, max: usize, too_long: E) -> Result<Vec<u8>, E> {
    if bytes.len() > max {
        Err(too_long)
    } else {
        Ok(bytes)
    }
}

/// Returns `items` if it has at most `max` elements, else `too_many`.
pub fn bounded_list<T, E>(items: &[T], max: usize, too_many: E) -> Result<&[T], E> {
    if items.len() > max {
        Err(too_many)
    } else {
        Ok(items)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_up_to_the_bound_pass_and_longer_ones_are_refused() {
        assert_eq!(bounded_bytes(vec![7u8; 4], 4, "too long"), Ok(vec![7u8; 4]));
        assert_eq!(bounded_bytes(vec![7u8; 5], 4, "too long"), Err("too long"));
        assert_eq!(bounded_list(&[1, 2, 3], 3, "too many"), Ok(&[1, 2, 3][..]));
        assert_eq!(bounded_list(&[1, 2, 3, 4], 3, "too many"), Err("too many"));
    }
}
