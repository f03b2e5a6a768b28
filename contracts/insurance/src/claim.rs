//! Claims, their fraud reasons and their review.
//!
//! | status      | reached by                                          | next                          |
//! |-------------|-----------------------------------------------------|-------------------------------|
//! | AutoApproved| submitted with no fraud reason                      | Paid after the cooldown; UnderReview on a risk score over the threshold or a reopening |
//! | UnderReview | any fraud reason                                    | Approved, Rejected, Draw or Unresolved when voting closes |
//! | Approved    | more For than Against, quorum met                   | Paid after the cooldown; UnderReview if reopened |
//! | Rejected    | more Against than For, quorum met                   | final after the cooldown; UnderReview if reopened |
//! | Draw        | as many For as Against, quorum met                  | final after the cooldown; UnderReview if reopened |
//! | Unresolved  | voting closed below quorum                          | final after the cooldown; UnderReview if reopened |
//! | Paid        | payout                                              | final                          |
//!
//! A claim reserves its payout when it is submitted, so that an approval can
//! always be paid; a rejection, a draw or an unresolved review releases it.

// derive(Encode) casts variant indices to u8 for enums with fields, which
// cargo-contract's lint (cast_possible_truncation) denies; the cast is exact.
#![allow(clippy::cast_possible_truncation)]

use interfaces::types::{Flag, FlagSet};
use interfaces::{AccountId, Balance, Hash, ProviderKind, Timestamp};

/// Kinds of provider whose records support a claim and who may claim for a
/// patient: those who give care (not insurers, researchers or devices).
pub fn gives_care(kind: ProviderKind) -> bool {
    matches!(
        kind,
        ProviderKind::Physician
            | ProviderKind::Hospital
            | ProviderKind::Laboratory
            | ProviderKind::Pharmacy
            | ProviderKind::EmergencyService
    )
}

/// Longest field proof: a record commits to at most 256 fields, a tree of depth 8.
pub const MAX_PROOF_LEN: usize = 8;

/// A salted Merkle proof of one field of the cited record (see record
/// access's `verify_field`): the insurer learns that one fact and nothing else.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProof {
    /// The field's position in the record's field list.
    pub index: u16,
    /// `blake2(0x00 ‖ salt ‖ field)`.
    pub leaf: Hash,
    /// The sibling hashes from the leaf up (at most `MAX_PROOF_LEN`).
    pub proof: ink::prelude::vec::Vec<Hash>,
}

/// Why a claim was sent to review. Stored as a bitmask on the claim.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FraudReason {
    /// Another claim already stated this service fingerprint.
    DuplicateFingerprint,
    /// The cited record's author is not a verified care provider now (or is
    /// the holder, or the plan's insurer).
    AuthorNotVerified,
    /// A provider submitted the claim citing a record another account wrote.
    RecordNotByClaimant,
    /// The holder has not consented to the insurer reading the record's
    /// category for payment.
    NoPaymentConsent,
    /// The amount (less the deductible) is more than the coverage left this policy year.
    OverRemainingCoverage,
    /// More claims in this period than the plan allows without review.
    TooFrequent,
    /// The risk oracle's score is above the plan's threshold.
    RiskScore,
}

impl Flag for FraudReason {
    const ALL: &'static [Self] = &[
        Self::DuplicateFingerprint,
        Self::AuthorNotVerified,
        Self::RecordNotByClaimant,
        Self::NoPaymentConsent,
        Self::OverRemainingCoverage,
        Self::TooFrequent,
        Self::RiskScore,
    ];

    fn position(self) -> u32 {
        self as u32
    }
}

/// A set of fraud reasons.
pub type FraudReasons = FlagSet<FraudReason>;

/// Where a claim stands (see the module's table).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimStatus {
    /// No fraud reason: payable after the cooldown.
    AutoApproved,
    /// Assessors are voting (or voting closed and awaits `close_review`).
    UnderReview,
    /// The assessors approved it: payable after the cooldown.
    Approved,
    /// The assessors rejected it: nothing is paid.
    Rejected,
    /// A tie: nothing is paid.
    Draw,
    /// Voting closed below quorum: nothing is paid.
    Unresolved,
    /// Paid out.
    Paid,
}

impl ClaimStatus {
    /// Whether a claim in this status is paid once its cooldown ends.
    pub fn approved(self) -> bool {
        matches!(self, Self::AutoApproved | Self::Approved)
    }

    /// Whether a claim in this status holds a reservation in the pool.
    pub fn reserves(self) -> bool {
        matches!(self, Self::AutoApproved | Self::UnderReview | Self::Approved)
    }
}

/// The risk oracle's score of a claim.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskScore {
    /// 0 (no risk) to 10,000.
    pub score: u16,
    /// blake2-256 of the model file that computed it.
    pub model: Hash,
}

/// The assessors' vote on a claim under review, per round (a reopening starts
/// a new round with no votes).
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Review {
    /// The round (0 before any review).
    pub round: u16,
    /// Votes to approve.
    pub approve: u16,
    /// Votes to reject.
    pub reject: u16,
    /// The round's size, fixed when it opened: the assessors then without a
    /// conflict. Once this many have voted (whoever is on the panel when
    /// voting, so one appointed since counts) the round closes early, and
    /// the quorum never exceeds it.
    pub eligible: u16,
    /// When voting ends.
    pub ends: Timestamp,
}

impl Review {
    /// The decision of a closed vote with `quorum` distinct votes needed
    /// (or every eligible assessor's, if fewer may vote).
    pub fn outcome(&self, quorum: u16) -> ClaimStatus {
        if self.approve.saturating_add(self.reject) < quorum.min(self.eligible).max(1) {
            ClaimStatus::Unresolved
        } else if self.approve > self.reject {
            ClaimStatus::Approved
        } else if self.reject > self.approve {
            ClaimStatus::Rejected
        } else {
            ClaimStatus::Draw
        }
    }
}

/// A claim on a policy.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The policy claimed on.
    pub policy: u64,
    /// Who submitted it: the holder, or a verified provider for the holder.
    pub claimant: AccountId,
    /// The record it cites (at record access).
    pub record: u64,
    /// The record's author.
    pub author: AccountId,
    /// The amount claimed.
    pub amount: Balance,
    /// blake2-256 of the service (provider, date, procedure code and a salt),
    /// computed off chain: the codes never appear in clear.
    pub fingerprint: Hash,
    /// The field of the record the claim proved with a salted Merkle proof, if any.
    pub proven_field: Option<u16>,
    /// When it was submitted.
    pub submitted: Timestamp,
    /// Why it went to review (empty: auto-approved).
    pub reasons: FraudReasons,
    /// The oracle's score, once posted.
    pub risk: Option<RiskScore>,
    /// What it pays if approved (reserved in the pool while it may be paid).
    pub payout: Balance,
    /// Who is paid.
    pub payee: AccountId,
    /// Where it stands.
    pub status: ClaimStatus,
    /// Its review, if it had one.
    pub review: Review,
    /// When its cooldown ends (its latest decision plus the plan's cooldown).
    pub cooldown_ends: Timestamp,
}

impl Claim {
    /// Whether the claim can still change: not paid, and not a refusal whose
    /// cooldown has ended. A policy takes one open claim at a time.
    pub fn is_open(&self, now: Timestamp) -> bool {
        match self.status {
            ClaimStatus::Paid => false,
            ClaimStatus::Rejected | ClaimStatus::Draw | ClaimStatus::Unresolved => now < self.cooldown_ends,
            ClaimStatus::AutoApproved | ClaimStatus::UnderReview | ClaimStatus::Approved => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_review_needs_its_quorum_and_a_tie_is_a_draw() {
        let votes = |approve, reject| Review {
            round: 1,
            approve,
            reject,
            eligible: 3,
            ends: 0,
        };
        assert_eq!(votes(2, 0).outcome(2), ClaimStatus::Approved);
        assert_eq!(votes(0, 2).outcome(2), ClaimStatus::Rejected);
        assert_eq!(votes(1, 1).outcome(2), ClaimStatus::Draw);
        assert_eq!(votes(1, 0).outcome(2), ClaimStatus::Unresolved);
        assert_eq!(votes(0, 0).outcome(0), ClaimStatus::Unresolved, "no votes never decide");
        let two_may_vote = Review {
            eligible: 2,
            ..votes(2, 0)
        };
        assert_eq!(
            two_may_vote.outcome(3),
            ClaimStatus::Approved,
            "a quorum above the eligible is capped"
        );
    }

    #[test]
    fn fraud_reasons_are_a_bitmask_in_declaration_order() {
        let reasons = FraudReasons::from_slice(&[FraudReason::DuplicateFingerprint, FraudReason::RiskScore]);
        assert_eq!(reasons.bits(), 0b100_0001);
        assert_eq!(
            reasons.to_vec(),
            [FraudReason::DuplicateFingerprint, FraudReason::RiskScore]
        );
    }
}
