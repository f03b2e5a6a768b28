//! Merkle proofs of single record fields (selective disclosure).
//!
//! How an off-chain tool builds the tree of a record with `n` fields
//! (1 ≤ n ≤ [`MAX_FIELDS`]):
//!
//! - leaf `i` = blake2-256(`0x00` ‖ salt ‖ the field's bytes), where the salt
//!   is 32 random bytes drawn for that field alone and kept off chain with the
//!   record, and the field's bytes are for example the UTF-8 bytes of
//!   `"diagnosis=ICD10:E11.9"` (or a committed number's, see
//!   `interfaces::fields`, where the leaf format is written once). Without the salt, a root of few fields would
//!   fall to a search of the possible values (there are about 70,000 ICD-10
//!   codes); with it, a leaf reveals nothing until its holder discloses the
//!   salt and the field together, for that field only;
//! - the leaves are padded with the all-zero hash up to the next power of two;
//! - a node = blake2-256(`0x01` ‖ left child ‖ right child), level by level up
//!   to the root. A tree of one field has the leaf as root.
//!
//! The prefixes keep a leaf from ever being mistaken for a node. A proof for
//! field `i` lists the sibling hashes from the leaf level up; its length is
//! exactly ⌈log₂ n⌉ and the bits of `i` say on which side each sibling sits
//! (bit 0 set: the sibling is on the left at the leaf level, and so on).

use ink::env::hash::{Blake2x256, HashOutput};
use ink::prelude::vec::Vec;
use ink::primitives::Hash;

/// Most fields one record's tree may commit to.
pub const MAX_FIELDS: u16 = 256;

pub use interfaces::fields::{leaf_hash, Salt};

const NODE_PREFIX: u8 = 0x01;

/// Why a proof could not be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProofError {
    /// The record commits to no fields.
    NoFields,
    /// The field index is not below the record's field count.
    IndexOutOfRange,
    /// The proof does not have exactly ⌈log₂ field count⌉ hashes.
    WrongLength,
}

fn blake2(input: &[u8]) -> Hash {
    let mut output = <Blake2x256 as HashOutput>::Type::default();
    ink::env::hash_bytes::<Blake2x256>(input, &mut output);
    Hash::from(output)
}

/// The parent of two nodes.
pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut input = [0u8; 65];
    let bytes = core::iter::once(NODE_PREFIX)
        .chain(left.as_ref().iter().copied())
        .chain(right.as_ref().iter().copied());
    for (slot, byte) in input.iter_mut().zip(bytes) {
        *slot = byte;
    }
    blake2(&input)
}

/// The depth of a tree of `field_count` fields: ⌈log₂ field_count⌉.
pub fn depth(field_count: u16) -> u32 {
    field_count.max(1).next_power_of_two().trailing_zeros()
}

/// Whether `proof` shows that `leaf` is field `index` of the tree of
/// `field_count` fields whose root is `root`. `Err` if the proof is malformed.
pub fn verify(root: &Hash, field_count: u16, index: u16, leaf: Hash, proof: &[Hash]) -> Result<bool, ProofError> {
    if field_count == 0 {
        return Err(ProofError::NoFields);
    }
    if index >= field_count {
        return Err(ProofError::IndexOutOfRange);
    }
    if proof.len() != depth(field_count) as usize {
        return Err(ProofError::WrongLength);
    }
    let mut position = index;
    let mut node = leaf;
    for sibling in proof {
        node = if position & 1 == 1 {
            node_hash(sibling, &node)
        } else {
            node_hash(&node, sibling)
        };
        position = position.wrapping_shr(1);
    }
    Ok(node == *root)
}

/// Off-chain tooling: the root of `leaves`, and the proof of each leaf.
#[cfg(feature = "std")]
pub mod build {
    use super::*;

    /// Every level of the tree, leaves (padded) first, root last.
    fn levels(leaves: &[Hash]) -> Vec<Vec<Hash>> {
        let width = leaves.len().max(1).next_power_of_two();
        let mut level: Vec<Hash> = leaves.to_vec();
        level.resize(width, Hash::from([0u8; 32]));
        let mut levels = vec![level];
        while let Some(last) = levels.last().filter(|level| level.len() > 1) {
            let parents = last
                .chunks_exact(2)
                .filter_map(|pair| match pair {
                    [left, right] => Some(node_hash(left, right)),
                    _ => None,
                })
                .collect();
            levels.push(parents);
        }
        levels
    }

    /// The root of the tree over `leaves` (leaf hashes, at least one).
    pub fn root(leaves: &[Hash]) -> Hash {
        levels(leaves)
            .last()
            .and_then(|level| level.first())
            .copied()
            .unwrap_or_default()
    }

    /// The proof of leaf `index`.
    pub fn proof(leaves: &[Hash], index: usize) -> Vec<Hash> {
        let levels = levels(leaves);
        let mut position = index;
        let mut proof = Vec::new();
        for level in levels.iter().take(levels.len().saturating_sub(1)) {
            proof.push(level.get(position ^ 1).copied().unwrap_or_default());
            position = position.wrapping_shr(1);
        }
        proof
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of three fields, its tree written out by hand:
    ///
    /// ```text
    ///            root
    ///          /      \
    ///       n01        n23
    ///      /   \      /    \
    ///    l0    l1   l2    zero
    /// ```
    fn three_field_tree() -> ([Hash; 3], Hash, Hash, Hash) {
        let leaves = [
            leaf_hash(&[0x11; 32], b"code=LOINC:4548-4"),
            leaf_hash(&[0x22; 32], b"diagnosis=ICD10:E11.9"),
            leaf_hash(&[0x33; 32], b"date=2026-11-01"),
        ];
        let n01 = node_hash(&leaves[0], &leaves[1]);
        let n23 = node_hash(&leaves[2], &Hash::from([0u8; 32]));
        let root = node_hash(&n01, &n23);
        (leaves, n01, n23, root)
    }

    #[test]
    fn a_field_is_proven_against_the_root_without_the_other_fields() {
        // given
        let (leaves, n01, n23, root) = three_field_tree();
        // when the holder of field 1 (the diagnosis) presents its proof
        let proof = [leaves[0], n23];
        // then
        assert_eq!(verify(&root, 3, 1, leaves[1], &proof), Ok(true));
        assert_eq!(verify(&root, 3, 2, leaves[2], &[Hash::from([0u8; 32]), n01]), Ok(true));
        // and a different field value, or the right value at the wrong index, fails
        assert_eq!(
            verify(&root, 3, 1, leaf_hash(&[0x22; 32], b"diagnosis=ICD10:I10"), &proof),
            Ok(false)
        );
        // and the right value under another salt fails: the salt is part of the leaf
        assert_eq!(
            verify(&root, 3, 1, leaf_hash(&[0x23; 32], b"diagnosis=ICD10:E11.9"), &proof),
            Ok(false)
        );
        assert_eq!(verify(&root, 3, 0, leaves[1], &proof), Ok(false));
    }

    #[test]
    fn the_builder_agrees_with_the_tree_written_by_hand() {
        let (leaves, _, n23, root) = three_field_tree();
        assert_eq!(build::root(&leaves), root);
        assert_eq!(build::proof(&leaves, 1), vec![leaves[0], n23]);
        assert_eq!(build::root(&leaves[..1]), leaves[0]);
        assert_eq!(verify(&leaves[0], 1, 0, leaves[0], &[]), Ok(true));
    }

    #[test]
    fn malformed_proofs_are_errors_not_false() {
        let (leaves, _, n23, root) = three_field_tree();
        assert_eq!(
            verify(&root, 3, 1, leaves[1], &[leaves[0]]),
            Err(ProofError::WrongLength)
        );
        assert_eq!(
            verify(&root, 3, 1, leaves[1], &[leaves[0], n23, n23]),
            Err(ProofError::WrongLength)
        );
        assert_eq!(
            verify(&root, 3, 3, leaves[1], &[leaves[0], n23]),
            Err(ProofError::IndexOutOfRange)
        );
        assert_eq!(verify(&root, 0, 0, leaves[1], &[]), Err(ProofError::NoFields));
        assert_eq!(depth(MAX_FIELDS), 8);
        assert_eq!(depth(1), 0);
        assert_eq!(depth(5), 3);
    }

    #[test]
    fn leaves_roots_and_proofs_match_the_independent_known_answers() {
        use interfaces::known_answers::{bytes, hash, hashes, value};
        for name in ["lab", "claim", "committed"] {
            let key = |field: String| value(&format!("merkle.{name}.{field}")).expect("vector present");
            let count: u16 = key("count".into()).parse().expect("count");
            let root = hash(key("root".into())).expect("root");
            let mut leaves = Vec::new();
            for i in 0..count {
                // given a salted field
                let field = key(format!("field.{i}"));
                let (salt, bytes_of_field) = field.split_once(' ').expect("salt and field");
                let salt: Salt = bytes(salt).expect("hex").try_into().expect("32 bytes");
                let field = bytes(bytes_of_field).expect("hex");
                // then our leaf, proof and verification agree with Python's
                let leaf = leaf_hash(&salt, &field);
                assert_eq!(Some(leaf), hash(key(format!("leaf.{i}"))), "{name} leaf {i}");
                let proof = hashes(key(format!("proof.{i}"))).expect("proof");
                assert_eq!(verify(&root, count, i, leaf, &proof), Ok(true), "{name} proof {i}");
                leaves.push(leaf);
            }
            assert_eq!(build::root(&leaves), root, "{name} root");
            for (i, _) in leaves.iter().enumerate() {
                assert_eq!(
                    Some(build::proof(&leaves, i)),
                    hashes(key(format!("proof.{i}"))),
                    "{name} built proof {i}"
                );
            }
        }
    }
}
