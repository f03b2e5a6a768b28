//! The hash chain and the per-patient index, as plain storage logic that unit
//! tests drive without a chain.
//!
//! # Entry hash
//!
//! `hash = blake2_256(SCALE((seq, writer, record, timestamp, block, prev_hash)))`
//! where `prev_hash` is the previous entry's `hash`, and the all-zero hash for
//! entry 1. The chain head therefore commits to the whole history: change any
//! field of any entry and every later hash changes. An off-chain tool re-checks
//! a history by SCALE-encoding the same tuple (types as in [`AuditEntry`]).

use ink::env::hash::Blake2x256;
use ink::primitives::{AccountId, Hash};
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;
use interfaces::pagination::read_page;
use interfaces::{AuditError, AuditRecord, Page, PageError, Timestamp};

/// Longest range `verify_range` re-computes in one call.
pub const MAX_VERIFY_RANGE: u64 = 100;

/// One stored entry of the trail.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Position in the trail, from 1.
    pub seq: u64,
    /// The writer contract that appended it.
    pub writer: AccountId,
    /// What the writer reported.
    pub record: AuditRecord,
    /// Block timestamp (ms) when it was appended.
    pub timestamp: Timestamp,
    /// Block number when it was appended.
    pub block: u32,
    /// The previous entry's hash (all zeros for entry 1).
    pub prev_hash: Hash,
    /// This entry's hash (see the module docs).
    pub hash: Hash,
}

impl AuditEntry {
    /// Recomputes the hash from the entry's own fields.
    pub fn compute_hash(&self) -> Hash {
        entry_hash(
            self.seq,
            &self.writer,
            &self.record,
            self.timestamp,
            self.block,
            &self.prev_hash,
        )
    }
}

fn entry_hash(
    seq: u64,
    writer: &AccountId,
    record: &AuditRecord,
    timestamp: Timestamp,
    block: u32,
    prev_hash: &Hash,
) -> Hash {
    let mut out = [0u8; 32];
    ink::env::hash_encoded::<Blake2x256, _>(&(seq, writer, record, timestamp, block, prev_hash), &mut out);
    Hash::from(out)
}

/// The newest entry: how many entries there are and the last hash.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChainHead {
    /// Sequence number of the newest entry (0 while the trail is empty).
    pub seq: u64,
    /// Hash of the newest entry (all zeros while the trail is empty).
    pub hash: Hash,
}

pub use range_check::RangeCheck;

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#[allow(clippy::cast_possible_truncation)]
mod range_check {
    use ink::primitives::Hash;

    /// What re-computing a range found.
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum RangeCheck {
        /// Every entry in the range links to its predecessor and hashes to its
        /// stored hash; `last_hash` is the hash of the range's last entry.
        Intact {
            /// Hash of the last entry checked.
            last_hash: Hash,
        },
        /// The first entry whose link or hash does not match.
        BrokenAt {
            /// Its sequence number.
            seq: u64,
        },
    }
}

/// Why a range could not be checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeError {
    /// `from` is 0, `from > to`, or `to` is past the head.
    Invalid,
    /// More than [`MAX_VERIFY_RANGE`] entries.
    TooLong,
}

/// The trail: entries by sequence number, the head, and each patient's index.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct AuditChain {
    head: ChainHead,
    entries: Mapping<u64, AuditEntry, ManualKey<0x4154_0002>>,
    patient_len: Mapping<AccountId, u32, ManualKey<0x4154_0003>>,
    patient_entries: Mapping<(AccountId, u32), u64, ManualKey<0x4154_0004>>,
}

impl AuditChain {
    /// Appends `record`, linking it to the head. Writes a fixed number of
    /// storage cells whatever the trail's length.
    pub fn append(
        &mut self,
        writer: AccountId,
        record: AuditRecord,
        timestamp: Timestamp,
        block: u32,
    ) -> Result<AuditEntry, AuditError> {
        let seq = self.head.seq.checked_add(1).ok_or(AuditError::TrailFull)?;
        let patient = record.patient;
        let index = self.patient_len.get(patient).unwrap_or(0);
        let patient_len = index.checked_add(1).ok_or(AuditError::TrailFull)?;
        let prev_hash = self.head.hash;
        let hash = entry_hash(seq, &writer, &record, timestamp, block, &prev_hash);
        let entry = AuditEntry {
            seq,
            writer,
            record,
            timestamp,
            block,
            prev_hash,
            hash,
        };

        self.entries.insert(seq, &entry);
        self.patient_entries.insert((patient, index), &seq);
        self.patient_len.insert(patient, &patient_len);
        self.head = ChainHead { seq, hash };
        Ok(entry)
    }

    /// The newest entry's sequence number and hash.
    pub fn head(&self) -> ChainHead {
        self.head
    }

    /// Entry `seq`, if it exists.
    pub fn entry(&self, seq: u64) -> Option<AuditEntry> {
        self.entries.get(seq)
    }

    /// How many entries concern `patient`.
    pub fn history_len(&self, patient: AccountId) -> u32 {
        self.patient_len.get(patient).unwrap_or(0)
    }

    /// A page of `patient`'s entries, oldest first.
    pub fn history(&self, patient: AccountId, start: u32, limit: u32) -> Result<Page<AuditEntry>, PageError> {
        read_page(self.history_len(patient), start, limit, |index| {
            self.patient_entries
                .get((patient, index))
                .and_then(|seq| self.entries.get(seq))
        })
    }

    /// Re-computes entries `from..=to`: each must link to its predecessor and
    /// hash to its stored hash; if `to` is the head, the head must match too.
    pub fn verify_range(&self, from: u64, to: u64) -> Result<RangeCheck, RangeError> {
        if from == 0 || from > to || to > self.head.seq {
            return Err(RangeError::Invalid);
        }
        if to.saturating_sub(from) >= MAX_VERIFY_RANGE {
            return Err(RangeError::TooLong);
        }
        let first_prev = from.saturating_sub(1);
        let mut expected_prev = if first_prev == 0 {
            Hash::default()
        } else {
            match self.entries.get(first_prev) {
                Some(entry) => entry.hash,
                None => return Ok(RangeCheck::BrokenAt { seq: first_prev }),
            }
        };
        for seq in from..=to {
            let intact = self.entries.get(seq).filter(|entry| {
                entry.seq == seq && entry.prev_hash == expected_prev && entry.compute_hash() == entry.hash
            });
            match intact {
                Some(entry) => expected_prev = entry.hash,
                None => return Ok(RangeCheck::BrokenAt { seq }),
            }
        }
        if to == self.head.seq && expected_prev != self.head.hash {
            return Ok(RangeCheck::BrokenAt { seq: to });
        }
        Ok(RangeCheck::Intact {
            last_hash: expected_prev,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use interfaces::{AuditAction, MAX_PAGE_SIZE};

    fn account(byte: u8) -> AccountId {
        AccountId::from([byte; 32])
    }

    fn record(patient: u8, subject: u64) -> AuditRecord {
        AuditRecord {
            patient: account(patient),
            actor: account(patient),
            counterpart: Some(account(200)),
            action: AuditAction::ConsentGranted,
            subject,
            digest: Hash::from([subject as u8; 32]),
        }
    }

    fn chain_with(entries: &[(u8, u64)]) -> AuditChain {
        let mut chain = AuditChain::default();
        for (i, (patient, subject)) in entries.iter().enumerate() {
            chain
                .append(account(100), record(*patient, *subject), 1_000 + i as u64, i as u32)
                .expect("append succeeds");
        }
        chain
    }

    #[ink::test]
    fn each_entry_links_to_the_previous_one_and_the_head_commits_to_all() {
        // given an empty trail
        let mut chain = AuditChain::default();
        assert_eq!(chain.head(), ChainHead::default());
        // when two entries are appended
        let first = chain.append(account(100), record(1, 1), 10, 1).expect("append");
        let second = chain.append(account(100), record(2, 2), 20, 2).expect("append");
        // then they are numbered from 1 and linked by hash
        assert_eq!((first.seq, second.seq), (1, 2));
        assert_eq!(first.prev_hash, Hash::default());
        assert_eq!(second.prev_hash, first.hash);
        assert_eq!(second.hash, second.compute_hash());
        assert_ne!(first.hash, second.hash);
        assert_eq!(
            chain.head(),
            ChainHead {
                seq: 2,
                hash: second.hash
            }
        );
        assert_eq!(chain.entry(1), Some(first));
    }

    #[ink::test]
    fn the_same_record_at_another_position_hashes_differently() {
        let chain = chain_with(&[(1, 7), (1, 7)]);
        let (a, b) = (chain.entry(1).expect("entry 1"), chain.entry(2).expect("entry 2"));
        assert_eq!(a.record, b.record);
        assert_ne!(a.hash, b.hash);
    }

    #[ink::test]
    fn a_patient_history_lists_only_their_entries_page_by_page() {
        // given entries of two patients, interleaved
        let chain = chain_with(&[(1, 1), (2, 2), (1, 3), (1, 4), (2, 5)]);
        // when patient 1 reads pages of two
        let first = chain.history(account(1), 0, 2).expect("page");
        let second = chain.history(account(1), 2, 2).expect("page");
        // then
        let subjects = |page: &Page<AuditEntry>| page.items.iter().map(|e| e.record.subject).collect::<Vec<_>>();
        assert_eq!(subjects(&first), [1, 3]);
        assert_eq!(first.next, Some(2));
        assert_eq!(subjects(&second), [4]);
        assert_eq!(second.next, None);
        assert_eq!(chain.history_len(account(2)), 2);
        assert_eq!(chain.history_len(account(3)), 0);
    }

    #[ink::test]
    fn a_page_over_the_bound_is_refused() {
        let chain = chain_with(&[(1, 1)]);
        assert_eq!(
            chain.history(account(1), 0, MAX_PAGE_SIZE + 1),
            Err(PageError::InvalidPageSize)
        );
    }

    #[ink::test]
    fn an_untouched_range_verifies_and_its_last_hash_is_the_head() {
        let chain = chain_with(&[(1, 1), (2, 2), (3, 3), (4, 4)]);
        assert_eq!(
            chain.verify_range(1, 4),
            Ok(RangeCheck::Intact {
                last_hash: chain.head().hash
            })
        );
        let second = chain.entry(2).expect("entry 2");
        assert_eq!(
            chain.verify_range(2, 2),
            Ok(RangeCheck::Intact { last_hash: second.hash })
        );
    }

    #[ink::test]
    fn a_tampered_entry_breaks_the_range_at_that_entry() {
        // given a trail whose entry 3 was altered in storage
        let mut chain = chain_with(&[(1, 1), (2, 2), (3, 3), (4, 4)]);
        let mut tampered = chain.entry(3).expect("entry 3");
        tampered.record.subject = 99;
        chain.entries.insert(3u64, &tampered);
        // then re-computation finds it, and a range before it is still intact
        assert_eq!(chain.verify_range(1, 4), Ok(RangeCheck::BrokenAt { seq: 3 }));
        assert!(matches!(chain.verify_range(1, 2), Ok(RangeCheck::Intact { .. })));
        // and re-hashing the altered entry does not help: the next link breaks
        tampered.hash = tampered.compute_hash();
        chain.entries.insert(3u64, &tampered);
        assert_eq!(chain.verify_range(1, 4), Ok(RangeCheck::BrokenAt { seq: 4 }));
    }

    #[ink::test]
    fn invalid_or_oversized_ranges_are_refused() {
        let chain = chain_with(&[(1, 1), (2, 2)]);
        assert_eq!(chain.verify_range(0, 1), Err(RangeError::Invalid));
        assert_eq!(chain.verify_range(2, 1), Err(RangeError::Invalid));
        assert_eq!(chain.verify_range(1, 3), Err(RangeError::Invalid));
        let long = chain_with(&[(1, 1); (MAX_VERIFY_RANGE + 1) as usize]);
        assert_eq!(long.verify_range(1, MAX_VERIFY_RANGE + 1), Err(RangeError::TooLong));
        assert!(long.verify_range(1, MAX_VERIFY_RANGE).is_ok());
    }

    #[test]
    fn entry_hashes_match_the_independent_known_answers() {
        use interfaces::known_answers::{bytes, hash, value};
        use interfaces::{DenialReason, Purpose};
        // given the three records the Python script encoded by hand
        let (writer, patient, doctor) = (account(0xC1), account(0x01), account(0x02));
        let records = [
            AuditRecord {
                patient,
                actor: patient,
                counterpart: Some(doctor),
                action: AuditAction::ConsentGranted,
                subject: 1,
                digest: Hash::from([0x07; 32]),
            },
            AuditRecord {
                patient,
                actor: doctor,
                counterpart: None,
                action: AuditAction::AccessGranted {
                    purpose: Purpose::Treatment,
                },
                subject: 3,
                digest: Hash::from([0x05; 32]),
            },
            AuditRecord {
                patient,
                actor: account(0x09),
                counterpart: None,
                action: AuditAction::AccessDenied {
                    purpose: Purpose::Treatment,
                    reason: DenialReason::NoConsent,
                },
                subject: 3,
                digest: Hash::from([0x05; 32]),
            },
        ];
        let mut prev_hash = Hash::from([0u8; 32]);
        for (i, record) in records.into_iter().enumerate() {
            let seq = i as u64 + 1;
            let key = |field: &str| value(&format!("audit.{seq}.{field}")).expect("vector present");
            // then our SCALE bytes are the documented ones
            assert_eq!(
                Some(ink::scale::Encode::encode(&record)),
                bytes(key("record")),
                "entry {seq}"
            );
            let meta: Vec<&str> = key("meta").split(' ').collect();
            let (timestamp, block): (Timestamp, u32) = (meta[2].parse().expect("ts"), meta[3].parse().expect("block"));
            assert_eq!(bytes(meta[1]), Some(AsRef::<[u8]>::as_ref(&writer).to_vec()));
            assert_eq!(hash(key("prev")), Some(prev_hash));
            // and our entry hash is the independent one
            let entry = AuditEntry {
                seq,
                writer,
                record,
                timestamp,
                block,
                prev_hash,
                hash: Hash::default(),
            };
            let computed = entry.compute_hash();
            assert_eq!(Some(computed), hash(key("hash")), "entry {seq}");
            prev_hash = computed;
        }
    }
}
