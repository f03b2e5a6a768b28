//! The operations a sequence is made of, over a small universe of accounts,
//! categories, purposes and times (so that grants, delegations, expiries and
//! withholdings keep meeting each other), and their seeded generator.
//!
//! An operation names accounts by seed and times as offsets from the block
//! time at which it runs, so a sequence does not depend on the state it meets:
//! dropping an operation (when shrinking) leaves the others as they were.

use super::governance::Proposed;
use super::model::Model;
use super::rng::Rng;
use governance::proposal::{ProposalState, Support};
use insurance::plan::PlanStatus;
use interfaces::{DataCategory, ProviderKind, Purpose};

/// The admin: deployed everything, verifier of every kind, the token's minter.
pub const ADMIN: u8 = 1;
/// A second verifier, for hospitals and physicians only.
pub const VERIFIER: u8 = 2;
/// Two patients.
pub const PATIENT_A: u8 = 10;
/// The second patient.
pub const PATIENT_B: u8 = 11;
/// Often a guardian (delegate), sometimes a grantee.
pub const GUARDIAN: u8 = 12;
/// Usually applies as a hospital.
pub const HOSPITAL: u8 = 20;
/// Usually applies as a researcher and sponsors research.
pub const RESEARCHER: u8 = 21;
/// Usually applies as an emergency service.
pub const PARAMEDIC: u8 = 22;
/// A stranger, sometimes a patient's device.
pub const STRANGER: u8 = 30;
/// Verified as an insurer; publishes the plan and puts up capital.
pub const INSURER: u8 = 23;
/// Insurance's risk oracle (scores claims; holds no tokens).
pub const ORACLE: u8 = 3;

/// Everyone who signs operations (the admin only where it is the admin).
pub const PEOPLE: [u8; 9] = [
    PATIENT_A, PATIENT_B, GUARDIAN, HOSPITAL, RESEARCHER, PARAMEDIC, STRANGER, VERIFIER, INSURER,
];
const PATIENTS: [u8; 2] = [PATIENT_A, PATIENT_B];
const PROVIDERS: [u8; 6] = [HOSPITAL, RESEARCHER, PARAMEDIC, GUARDIAN, STRANGER, INSURER];

/// Categories, purposes and kinds the sequences use (a bit of a mask below
/// is a position in these lists).
pub const CATEGORIES: [DataCategory; 3] = [
    DataCategory::LabResults,
    DataCategory::Imaging,
    DataCategory::VitalSigns,
];
/// Purposes, as above.
pub const PURPOSES: [Purpose; 4] = [
    Purpose::Treatment,
    Purpose::Research,
    Purpose::Emergency,
    Purpose::Payment,
];
const KINDS: [ProviderKind; 4] = [
    ProviderKind::Hospital,
    ProviderKind::Researcher,
    ProviderKind::EmergencyService,
    ProviderKind::Physician,
];

/// The policy reference of every consent the sequences grant.
pub const POLICY_REF: &[u8] = b"ipfs://consent-form";
/// The pointer of every record the sequences add (`lab_record`'s).
pub const POINTER: &[u8] = b"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";

/// Milliseconds.
pub const HOUR: i64 = 3_600_000;
/// Milliseconds.
pub const DAY: i64 = 24 * HOUR;

/// Consent terms as offsets and masks (bit i of `categories` is
/// `CATEGORIES[i]`; of `actions`: 1 read, 2 write).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Terms {
    pub categories: u8,
    pub purposes: u8,
    pub actions: u8,
    /// `None`: from now (`valid_from` 0); else from now + this (may be past).
    pub from: Option<i64>,
    /// Until now + this (zero or negative: refused).
    pub until: i64,
}

/// One operation, signed by its first account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Grant {
        by: u8,
        patient: u8,
        grantee: u8,
        terms: Terms,
    },
    Update {
        by: u8,
        patient: u8,
        grantee: u8,
        terms: Terms,
    },
    Revoke {
        by: u8,
        patient: u8,
        grantee: u8,
    },
    AddDelegate {
        patient: u8,
        delegate: u8,
        until: Option<i64>,
    },
    RemoveDelegate {
        by: u8,
        patient: u8,
        delegate: u8,
    },
    SetEmergency {
        by: u8,
        patient: u8,
        enabled: bool,
    },
    Apply {
        provider: u8,
        kind: ProviderKind,
        until: i64,
    },
    WithdrawApplication {
        provider: u8,
    },
    Attest {
        verifier: u8,
        provider: u8,
    },
    Suspend {
        verifier: u8,
        provider: u8,
    },
    Reinstate {
        verifier: u8,
        provider: u8,
    },
    RevokeProvider {
        by: u8,
        provider: u8,
    },
    Renew {
        provider: u8,
        until: i64,
    },
    SetRequired {
        by: u8,
        kind: ProviderKind,
        required: u8,
    },
    AddRecord {
        author: u8,
        patient: u8,
        category: DataCategory,
        purpose: Purpose,
        content: u8,
    },
    RequestAccess {
        requester: u8,
        record: u64,
        purpose: Purpose,
    },
    Withhold {
        by: u8,
        record: u64,
        from: Option<u8>,
    },
    Release {
        by: u8,
        record: u64,
        from: Option<u8>,
    },
    RegisterDevice {
        patient: u8,
        device: u8,
    },
    RemoveDevice {
        patient: u8,
        device: u8,
    },
    Deposit {
        sponsor: u8,
        amount: u128,
        rate: u128,
    },
    WithdrawEarned {
        patient: u8,
        amount: u128,
    },
    WithdrawDeposit {
        sponsor: u8,
        amount: u128,
    },
    Transfer {
        from: u8,
        to: u8,
        amount: u128,
    },
    Burn {
        holder: u8,
        amount: u128,
    },
    Lock {
        holder: u8,
        amount: u128,
    },
    Unlock {
        holder: u8,
        amount: u128,
    },
    Propose {
        proposer: u8,
        proposed: Proposed,
    },
    Vote {
        voter: u8,
        proposal: u32,
        support: Support,
    },
    Queue {
        by: u8,
        proposal: u32,
    },
    Execute {
        by: u8,
        proposal: u32,
    },
    CancelProposal {
        by: u8,
        proposal: u32,
    },
    PublishPlan {
        by: u8,
    },
    ApprovePlan {
        by: u8,
        plan: u64,
    },
    SetPlanStatus {
        by: u8,
        plan: u64,
        status: PlanStatus,
    },
    Enrol {
        holder: u8,
        plan: u64,
    },
    PayPremium {
        payer: u8,
        policy: u64,
    },
    CancelPolicy {
        holder: u8,
        policy: u64,
    },
    EndPolicy {
        by: u8,
        policy: u64,
    },
    /// `deposit_capital(amount, min_shares)`.
    DepositCapital {
        provider: u8,
        amount: u128,
        min_shares: u128,
    },
    /// `withdraw_capital(amount, max_burned)`.
    WithdrawCapital {
        provider: u8,
        amount: u128,
        max_burned: u128,
    },
    SetAssessor {
        by: u8,
        plan: u64,
        assessor: u8,
        appointed: bool,
    },
    SetQuorum {
        by: u8,
        plan: u64,
        quorum: u16,
    },
    /// A claim citing `record`, with service fingerprint `[fingerprint; 32]`.
    SubmitClaim {
        claimant: u8,
        policy: u64,
        record: u64,
        amount: u128,
        fingerprint: u8,
    },
    ScoreClaim {
        by: u8,
        claim: u64,
        score: u16,
    },
    VoteClaim {
        assessor: u8,
        claim: u64,
        approve: bool,
    },
    CloseReview {
        by: u8,
        claim: u64,
    },
    ReopenReview {
        by: u8,
        claim: u64,
    },
    Payout {
        by: u8,
        claim: u64,
    },
    Wait {
        ms: i64,
    },
}

impl Op {
    /// The operation's name (its variant).
    pub fn kind(&self) -> String {
        let debug = format!("{self:?}");
        debug.split([' ', '{']).next().unwrap_or_default().to_string()
    }

    /// Whether the operation may move tokens (the runner then reads every
    /// balance; after the others it reads the supply and the pool's holding).
    pub fn moves_tokens(&self) -> bool {
        matches!(
            self,
            Op::Deposit { .. }
                | Op::WithdrawEarned { .. }
                | Op::WithdrawDeposit { .. }
                | Op::Transfer { .. }
                | Op::Burn { .. }
                | Op::Lock { .. }
                | Op::Unlock { .. }
                | Op::Enrol { .. }
                | Op::PayPremium { .. }
                | Op::DepositCapital { .. }
                | Op::WithdrawCapital { .. }
                | Op::Payout { .. }
        )
    }

    /// The provider a registry operation changes (the runner then reads it
    /// back).
    pub fn registry_subject(&self) -> Option<u8> {
        match *self {
            Op::Apply { provider, .. }
            | Op::WithdrawApplication { provider }
            | Op::Attest { provider, .. }
            | Op::Suspend { provider, .. }
            | Op::Reinstate { provider, .. }
            | Op::RevokeProvider { provider, .. }
            | Op::Renew { provider, .. } => Some(provider),
            _ => None,
        }
    }

    /// Whether the operation is insurance's (the runner then reads the
    /// risk pool).
    pub fn insures(&self) -> bool {
        matches!(
            self,
            Op::PublishPlan { .. }
                | Op::ApprovePlan { .. }
                | Op::SetPlanStatus { .. }
                | Op::Enrol { .. }
                | Op::PayPremium { .. }
                | Op::CancelPolicy { .. }
                | Op::EndPolicy { .. }
                | Op::DepositCapital { .. }
                | Op::WithdrawCapital { .. }
                | Op::SetAssessor { .. }
                | Op::SetQuorum { .. }
                | Op::SubmitClaim { .. }
                | Op::ScoreClaim { .. }
                | Op::VoteClaim { .. }
                | Op::CloseReview { .. }
                | Op::ReopenReview { .. }
                | Op::Payout { .. }
        )
    }
}

/// What every sequence starts from (run once, checked, after deployment):
/// a hospital, a researcher and a paramedic verified for 90 days, one
/// record of each patient (ids 1 and 2, added by the patient), and the
/// researcher sponsoring research at 10 tokens an access, an insurer with
/// an open plan and capital, and three holders with voting power locked.
pub fn prelude() -> Vec<Op> {
    let verified = |provider, kind| {
        [
            Op::Apply {
                provider,
                kind,
                until: 90 * DAY,
            },
            Op::Attest {
                verifier: ADMIN,
                provider,
            },
        ]
    };
    let own_record = |patient, content| Op::AddRecord {
        author: patient,
        patient,
        category: DataCategory::LabResults,
        purpose: Purpose::Treatment,
        content,
    };
    let mut ops = Vec::new();
    ops.extend(verified(HOSPITAL, ProviderKind::Hospital));
    ops.extend(verified(RESEARCHER, ProviderKind::Researcher));
    ops.extend(verified(PARAMEDIC, ProviderKind::EmergencyService));
    ops.push(own_record(PATIENT_A, 0xA1));
    ops.push(own_record(PATIENT_B, 0xB1));
    ops.push(Op::Deposit {
        sponsor: RESEARCHER,
        amount: 100,
        rate: 10,
    });
    // An insurer with an open plan (id 0) and 1,800 of capital (the first
    // deposit locks 1,000 shares with the pool: 800 are the insurer's).
    ops.extend(verified(INSURER, ProviderKind::Insurer));
    ops.push(Op::PublishPlan { by: INSURER });
    ops.push(Op::ApprovePlan { by: ADMIN, plan: 0 });
    ops.push(Op::DepositCapital {
        provider: INSURER,
        amount: 1_800,
        min_shares: 800,
    });
    // Four assessors review plan 0's claims and three votes decide; the
    // hospital (an author) and patient B (a holder) are among them, so their
    // claims' reviews have fewer eligible voters than the quorum.
    for assessor in [GUARDIAN, RESEARCHER, HOSPITAL, PATIENT_B] {
        ops.push(Op::SetAssessor {
            by: ADMIN,
            plan: 0,
            assessor,
            appointed: true,
        });
    }
    ops.push(Op::SetQuorum {
        by: ADMIN,
        plan: 0,
        quorum: 3,
    });
    // Voting power: 650 locked, so a 40 % quorum is 260.
    for (holder, amount) in [(PATIENT_A, 300), (HOSPITAL, 200), (RESEARCHER, 150)] {
        ops.push(Op::Lock { holder, amount });
    }
    ops
}

/// The operations of sequence `seed`: `len` of them, for a suite in state
/// `start`. The generator follows the sequence on a copy of the model so
/// that half the access requests aim at a consent that exists (by a grantee,
/// on one of the patient's records, for a consented purpose); the sequence
/// itself is then fixed: shrinking drops operations without regenerating.
pub fn generate(seed: u64, len: usize, start: &Model) -> Vec<Op> {
    let mut rng = Rng::new(seed);
    let mut model = start.clone();
    // One sequence in three follows proposals through their lifecycle, one
    // in three follows claims through theirs.
    let governance_story = rng.chance(33);
    let claim_story = rng.chance(33);
    (0..len)
        .map(|_| {
            let story = if governance_story && rng.chance(60) {
                aimed_governance(&mut rng, &model)
            } else if claim_story && rng.chance(60) {
                aimed_capital(&mut rng, &model).or_else(|| aimed_claim(&mut rng, &model))
            } else {
                None
            };
            let op = story
                .or_else(|| aimed_request(&mut rng, &model))
                .or_else(|| aimed(&mut rng, &model))
                .unwrap_or_else(|| one(&mut rng));
            super::run::apply_to_model(&mut model, &op);
            op
        })
        .collect()
}

/// Sometimes a request by a grantee the model knows a consent of, on one of
/// the patient's records.
fn aimed_request(rng: &mut Rng, model: &Model) -> Option<Op> {
    if !rng.chance(25) {
        return None;
    }
    // Mostly consents to the verified providers of the prelude.
    let providers = [HOSPITAL, RESEARCHER, PARAMEDIC];
    let consented: Vec<_> = model
        .consented()
        .into_iter()
        .filter(|(_, grantee, _)| rng.chance(30) || providers.contains(&seed_of(*grantee)))
        .collect();
    if consented.is_empty() {
        return None;
    }
    let (patient, grantee, purposes) = consented[rng.below(consented.len() as u64) as usize];
    let records = model.records_of(patient);
    if records.is_empty() {
        return None;
    }
    let consented_purposes: Vec<Purpose> = (0..PURPOSES.len())
        .filter(|bit| purposes & (1 << bit) != 0)
        .map(|bit| PURPOSES[bit])
        .collect();
    let purpose = if rng.chance(80) && !consented_purposes.is_empty() {
        rng.pick(&consented_purposes)
    } else {
        rng.pick(&PURPOSES)
    };
    Some(Op::RequestAccess {
        requester: seed_of(grantee),
        record: rng.pick(&records),
        purpose,
    })
}

/// Sometimes an operation aimed at what the model says exists, so that the
/// later steps of each lifecycle (update and revoke a consent, release a
/// withholding, remove a device, reinstate a provider, withdraw earnings,
/// pay a premium, cancel or end a policy, vote, queue and execute a
/// proposal) are reached, not only refused.
fn aimed(rng: &mut Rng, model: &Model) -> Option<Op> {
    if !rng.chance(25) {
        return None;
    }
    let seeds = |accounts: Vec<ink::primitives::AccountId>| accounts.into_iter().map(seed_of).collect::<Vec<u8>>();
    match rng.below(9) {
        8 => {
            let policies = model.insurance.policies();
            let (policy, holder) = *policies.get(rng.below(policies.len().max(1) as u64) as usize)?;
            let holder = seed_of(holder);
            Some(match rng.below(10) {
                0..=5 => Op::PayPremium { payer: holder, policy },
                6..=7 => Op::CancelPolicy { holder, policy },
                _ => Op::EndPolicy { by: holder, policy },
            })
        }
        0 | 1 => {
            let consented = model.consented();
            let (patient, grantee, _) = *consented.get(rng.below(consented.len().max(1) as u64) as usize)?;
            let (patient, grantee) = (seed_of(patient), seed_of(grantee));
            Some(if rng.chance(50) {
                Op::Update {
                    by: patient,
                    patient,
                    grantee,
                    terms: terms(rng),
                }
            } else {
                Op::Revoke {
                    by: patient,
                    patient,
                    grantee,
                }
            })
        }
        2 => {
            let withheld = model.withheld();
            let (record, patient, from) = *withheld.get(rng.below(withheld.len().max(1) as u64) as usize)?;
            Some(Op::Release {
                by: seed_of(patient),
                record,
                from: from.map(seed_of),
            })
        }
        3 => {
            let devices = model.devices();
            let (device, patient) = *devices.get(rng.below(devices.len().max(1) as u64) as usize)?;
            Some(Op::RemoveDevice {
                patient: seed_of(patient),
                device: seed_of(device),
            })
        }
        4 => {
            let (pending, suspended) = model.providers_waiting();
            let (pending, suspended) = (seeds(pending), seeds(suspended));
            if !suspended.is_empty() && rng.chance(50) {
                return Some(Op::Reinstate {
                    verifier: ADMIN,
                    provider: rng.pick(&suspended),
                });
            }
            (!pending.is_empty()).then(|| {
                let provider = rng.pick(&pending);
                if rng.chance(50) {
                    Op::WithdrawApplication { provider }
                } else {
                    Op::Attest {
                        verifier: ADMIN,
                        provider,
                    }
                }
            })
        }
        5 => {
            let earners = seeds(model.earners());
            (!earners.is_empty()).then(|| Op::WithdrawEarned {
                patient: rng.pick(&earners),
                amount: rng.pick(&[5, 10, 20]),
            })
        }
        _ => aimed_governance(rng, model),
    }
}

/// The next step of a proposal that has one (execute a queued one, queue a
/// succeeded one, vote on an active one), else time passing (past a
/// snapshot, a vote's end or a timelock), or a new proposal.
fn aimed_governance(rng: &mut Rng, model: &Model) -> Option<Op> {
    {
        {
            let count = model.governance.proposal_count();
            let lockers: Vec<u8> = model.governance.lockers().into_iter().map(seed_of).collect();
            if lockers.is_empty() {
                return None;
            }
            let by = rng.pick(&lockers);
            let now = model.now;
            let in_state = |state| model.governance.proposals_in(state, now);
            let (active, succeeded, queued) = (
                in_state(ProposalState::Active),
                in_state(ProposalState::Succeeded),
                in_state(ProposalState::Queued),
            );
            if !queued.is_empty() && rng.chance(50) {
                return Some(Op::Execute {
                    by,
                    proposal: rng.pick(&queued),
                });
            }
            if !succeeded.is_empty() && rng.chance(60) {
                return Some(Op::Queue {
                    by,
                    proposal: rng.pick(&succeeded),
                });
            }
            if !active.is_empty() && rng.chance(80) {
                return Some(Op::Vote {
                    voter: by,
                    proposal: rng.pick(&active),
                    support: rng.pick(&[Support::For, Support::For, Support::Against, Support::Abstain]),
                });
            }
            if count > 0 && rng.chance(60) {
                return Some(Op::Wait {
                    ms: rng.pick(&[HOUR + 1_000, DAY + 1_000]),
                });
            }
            Some(Op::Propose {
                proposer: by,
                proposed: if rng.chance(80) {
                    Proposed::Quorum(rng.pick(&[2_000, 4_000, 6_000]))
                } else {
                    Proposed::RegistryRequirement
                },
            })
        }
    }
}

/// Sometimes (a claim story's capital moves) the round trip issue 21
/// closed: someone with no shares deposits while a claim's payout is
/// reserved, and withdraws what its shares fetch once none is. Shares
/// bought on free capital would cost less than they are worth, and the
/// economics check (a share's worth falling without a payout, a round trip
/// returning more than was paid in and earned) would catch it.
fn aimed_capital(rng: &mut Rng, model: &Model) -> Option<Op> {
    if !rng.chance(20) {
        return None;
    }
    let cover = &model.insurance;
    let newcomers = [GUARDIAN, PARAMEDIC, STRANGER];
    let holding: Vec<u8> = newcomers
        .into_iter()
        .filter(|newcomer| cover.shares_of(crate::account(*newcomer)) > 0)
        .collect();
    if cover.reserved() > 0 {
        let idle: Vec<u8> = newcomers.into_iter().filter(|n| !holding.contains(n)).collect();
        return (!idle.is_empty()).then(|| Op::DepositCapital {
            provider: rng.pick(&idle),
            amount: rng.pick(&[500, 2_000]),
            min_shares: 0,
        });
    }
    let provider = *holding.get(rng.below(holding.len().max(1) as u64) as usize)?;
    let worth = cover.capital_of(crate::account(provider));
    Some(Op::WithdrawCapital {
        provider,
        amount: if rng.chance(75) { worth } else { worth / 2 },
        max_burned: u128::MAX,
    })
}

/// The next step of a claim that has one (close a review whose vote ended,
/// vote, pay an approved claim after its cooldown, score or reopen one in
/// its cooldown, let a cooldown or vote run out), else a claim on a policy
/// past its waiting period citing a record added since, or what such a
/// claim needs first: a record, the consents, a policy, time.
fn aimed_claim(rng: &mut Rng, model: &Model) -> Option<Op> {
    use insurance::claim::ClaimStatus;
    let cover = &model.insurance;
    let now = model.now;
    let someone = rng.pick(&PEOPLE);
    let ids = |keep: &dyn Fn(&insurance::claim::Claim) -> bool| -> Vec<u64> {
        (0..cover.claims().len() as u64)
            .filter(|id| keep(&cover.claims()[*id as usize]))
            .collect()
    };
    let reviewing = |c: &insurance::claim::Claim| c.status == ClaimStatus::UnderReview;
    let voting = ids(&|c| reviewing(c) && now < c.review.ends);
    let vote_over = ids(&|c| reviewing(c) && now >= c.review.ends);
    let approved = |c: &insurance::claim::Claim| matches!(c.status, ClaimStatus::AutoApproved | ClaimStatus::Approved);
    let payable = ids(&|c| approved(c) && now >= c.cooldown_ends);
    let cooling = ids(&|c| !reviewing(c) && c.status != ClaimStatus::Paid && now < c.cooldown_ends);
    if !vote_over.is_empty() && rng.chance(70) {
        return Some(Op::CloseReview {
            by: someone,
            claim: rng.pick(&vote_over),
        });
    }
    if !voting.is_empty() && rng.chance(70) {
        let claim = rng.pick(&voting);
        let review = &cover.claims()[claim as usize];
        let assessors = cover.assessors(cover.plan_of(review));
        let fresh: Vec<u8> = assessors
            .into_iter()
            .filter(|a| !cover.voted(claim, review.review.round, *a))
            .map(seed_of)
            .collect();
        let assessor = if !fresh.is_empty() && rng.chance(85) {
            rng.pick(&fresh)
        } else {
            someone
        };
        return Some(Op::VoteClaim {
            assessor,
            claim,
            approve: rng.chance(65),
        });
    }
    if !payable.is_empty() && rng.chance(80) {
        let claim = rng.pick(&payable);
        return Some(Op::Payout {
            by: seed_of(cover.holder_of(&cover.claims()[claim as usize])),
            claim,
        });
    }
    let scoreable = ids(&|c| {
        c.risk.is_none()
            && match c.status {
                ClaimStatus::AutoApproved => now < c.cooldown_ends,
                ClaimStatus::UnderReview => now < c.review.ends,
                _ => false,
            }
    });
    if !scoreable.is_empty() && rng.chance(30) {
        return Some(Op::ScoreClaim {
            by: ORACLE,
            claim: rng.pick(&scoreable),
            score: rng.pick(&[1_000, 7_000, 7_001, 9_500]),
        });
    }
    if !cooling.is_empty() && rng.chance(25) {
        return Some(Op::ReopenReview {
            by: ADMIN,
            claim: rng.pick(&cooling),
        });
    }
    if (!cooling.is_empty() || !voting.is_empty()) && rng.chance(50) {
        return Some(Op::Wait {
            ms: rng.pick(&[DAY + 1_000, 2 * DAY + 1_000]),
        });
    }
    let claimable = cover.claimable_policies(now);
    if claimable.is_empty() {
        return Some(if !cover.policies().is_empty() && rng.chance(50) {
            Op::Wait { ms: 2 * DAY + 1_000 }
        } else {
            Op::Enrol {
                holder: rng.pick(&PATIENTS),
                plan: 0,
            }
        });
    }
    let (policy, holder, from) = claimable[rng.below(claimable.len() as u64) as usize];
    let records: Vec<u64> = model
        .records_since(holder, from)
        .into_iter()
        .filter(|record| !cover.record_claimed(*record, now))
        .collect();
    let holder = seed_of(holder);
    if !records.is_empty() && rng.chance(75) {
        return Some(Op::SubmitClaim {
            claimant: if rng.chance(75) { holder } else { HOSPITAL },
            policy,
            record: rng.pick(&records),
            amount: rng.pick(&[300, 300, 600, 850, 60, 900]),
            fingerprint: rng.pick(&[1, 2, 3, 4, 5, 6]),
        });
    }
    let consent_to = |grantee, purposes, actions| Op::Grant {
        by: holder,
        patient: holder,
        grantee,
        terms: Terms {
            categories: 1,
            purposes,
            actions,
            from: None,
            until: 30 * DAY,
        },
    };
    let payment = 1 << PURPOSES.len().saturating_sub(1);
    Some(match rng.below(4) {
        0 => consent_to(HOSPITAL, 1 | payment, 3),
        1 => consent_to(INSURER, payment, 1),
        _ => Op::AddRecord {
            author: if rng.chance(60) { HOSPITAL } else { holder },
            patient: holder,
            category: DataCategory::LabResults,
            purpose: Purpose::Treatment,
            content: rng.below(256) as u8,
        },
    })
}

/// The seed of a universe account (`account(seed)` is `[seed; 32]`).
pub fn seed_of(account: ink::primitives::AccountId) -> u8 {
    AsRef::<[u8; 32]>::as_ref(&account)[0]
}

fn one(rng: &mut Rng) -> Op {
    // Mostly the patient acts; sometimes a delegate or anyone (refusals).
    let patient = rng.pick(&PATIENTS);
    let manager = |rng: &mut Rng| match rng.below(10) {
        0..=5 => patient,
        6..=8 => GUARDIAN,
        _ => rng.pick(&PEOPLE),
    };
    // Records 1 and 2 exist from the prelude; later ones if added; 7 rarely.
    let record = rng.pick(&[1, 1, 2, 2, 3, 4, 7]);
    if rng.chance(15) {
        return governance_op(rng);
    }
    if rng.chance(15) {
        return insurance_op(rng);
    }
    match rng.below(100) {
        0..=11 => Op::Grant {
            by: manager(rng),
            patient,
            grantee: grantee(rng),
            terms: terms(rng),
        },
        12..=15 => Op::Update {
            by: manager(rng),
            patient,
            grantee: grantee(rng),
            terms: terms(rng),
        },
        16..=19 => Op::Revoke {
            by: manager(rng),
            patient,
            grantee: grantee(rng),
        },
        20..=23 => Op::AddDelegate {
            patient,
            delegate: if rng.chance(70) { GUARDIAN } else { rng.pick(&PEOPLE) },
            until: if rng.chance(40) {
                None
            } else {
                Some(rng.pick(&[HOUR, DAY, 10 * DAY, 60 * DAY, 0]))
            },
        },
        24..=25 => Op::RemoveDelegate {
            by: if rng.chance(50) { patient } else { rng.pick(&PEOPLE) },
            patient,
            delegate: if rng.chance(70) { GUARDIAN } else { rng.pick(&PEOPLE) },
        },
        26..=28 => Op::SetEmergency {
            by: manager(rng),
            patient,
            enabled: rng.chance(60),
        },
        29..=34 => Op::Apply {
            provider: rng.pick(&PROVIDERS),
            kind: rng.pick(&KINDS),
            until: rng.pick(&[DAY, 10 * DAY, 90 * DAY, 365 * DAY, 0, 6 * 365 * DAY]),
        },
        35 => Op::WithdrawApplication {
            provider: rng.pick(&PROVIDERS),
        },
        36..=42 => Op::Attest {
            verifier: rng.pick(&[ADMIN, ADMIN, VERIFIER, STRANGER]),
            provider: rng.pick(&[HOSPITAL, RESEARCHER, PARAMEDIC, GUARDIAN, STRANGER, VERIFIER]),
        },
        43..=44 => Op::Suspend {
            verifier: rng.pick(&[ADMIN, VERIFIER, STRANGER]),
            provider: rng.pick(&PROVIDERS),
        },
        45 => Op::Reinstate {
            verifier: rng.pick(&[ADMIN, VERIFIER, STRANGER]),
            provider: rng.pick(&PROVIDERS),
        },
        46 => Op::RevokeProvider {
            by: rng.pick(&[ADMIN, ADMIN, VERIFIER]),
            provider: rng.pick(&PROVIDERS),
        },
        47 => Op::Renew {
            provider: rng.pick(&PROVIDERS),
            until: rng.pick(&[DAY, 100 * DAY, 400 * DAY]),
        },
        48 => Op::SetRequired {
            by: rng.pick(&[ADMIN, ADMIN, VERIFIER]),
            kind: rng.pick(&KINDS),
            required: rng.pick(&[1, 1, 2, 0, 8]),
        },
        49..=58 => Op::AddRecord {
            author: if rng.chance(30) { patient } else { rng.pick(&PEOPLE) },
            patient,
            category: rng.pick(&CATEGORIES),
            purpose: rng.pick(&PURPOSES),
            content: rng.below(256) as u8,
        },
        59..=74 => Op::RequestAccess {
            requester: if rng.chance(10) {
                patient
            } else {
                rng.pick(&[HOSPITAL, RESEARCHER, PARAMEDIC, GUARDIAN, STRANGER])
            },
            record,
            purpose: rng.pick(&[
                Purpose::Treatment,
                Purpose::Treatment,
                Purpose::Research,
                Purpose::Research,
                Purpose::Emergency,
            ]),
        },
        75..=76 => Op::Withhold {
            by: manager(rng),
            record,
            from: optional_person(rng),
        },
        77 => Op::Release {
            by: manager(rng),
            record,
            from: optional_person(rng),
        },
        78..=79 => Op::RegisterDevice {
            patient,
            device: if rng.chance(70) { STRANGER } else { rng.pick(&PEOPLE) },
        },
        80 => Op::RemoveDevice {
            patient,
            device: if rng.chance(70) { STRANGER } else { rng.pick(&PEOPLE) },
        },
        81..=83 => Op::Deposit {
            sponsor: if rng.chance(70) { RESEARCHER } else { rng.pick(&PEOPLE) },
            amount: rng.pick(&[0, 10, 25, 100, 20_000]),
            rate: rng.pick(&[0, 5, 10, 30]),
        },
        84..=85 => Op::WithdrawEarned {
            patient,
            amount: rng.pick(&[0, 5, 10, 50]),
        },
        86 => Op::WithdrawDeposit {
            sponsor: if rng.chance(70) { RESEARCHER } else { rng.pick(&PEOPLE) },
            amount: rng.pick(&[0, 5, 10, 100]),
        },
        87..=88 => Op::Transfer {
            from: rng.pick(&PEOPLE),
            to: rng.pick(&PEOPLE),
            amount: rng.pick(&[0, 1, 100, 20_000]),
        },
        89 => Op::Burn {
            holder: rng.pick(&PEOPLE),
            amount: rng.pick(&[0, 1, 100, 20_000]),
        },
        _ => Op::Wait {
            ms: rng.pick(&[1_000, HOUR, HOUR + 1_000, DAY, 10 * DAY, 40 * DAY]),
        },
    }
}

fn insurance_op(rng: &mut Rng) -> Op {
    let someone = rng.pick(&PEOPLE);
    let policy = rng.pick(&[0, 0, 1, 1, 2, 5]);
    let claim = rng.pick(&[0, 0, 1, 2, 4]);
    let holder = if rng.chance(70) { rng.pick(&PATIENTS) } else { someone };
    match rng.below(31) {
        0 => Op::PublishPlan {
            by: rng.pick(&[INSURER, INSURER, someone]),
        },
        1 => Op::ApprovePlan {
            by: rng.pick(&[ADMIN, someone]),
            plan: rng.pick(&[0, 1, 2]),
        },
        2 => Op::SetPlanStatus {
            by: rng.pick(&[INSURER, INSURER, someone]),
            plan: rng.pick(&[0, 0, 1]),
            status: rng.pick(&[
                PlanStatus::Open,
                PlanStatus::Paused,
                PlanStatus::Paused,
                PlanStatus::Closed,
                PlanStatus::Proposed,
            ]),
        },
        3..=7 => Op::Enrol {
            holder,
            plan: rng.pick(&[0, 0, 0, 1]),
        },
        8..=10 => Op::PayPremium { payer: holder, policy },
        11 => Op::CancelPolicy { holder, policy },
        12 => Op::EndPolicy { by: someone, policy },
        // Mostly no slippage bound; sometimes one the price may miss.
        13..=16 => Op::DepositCapital {
            provider: rng.pick(&[INSURER, someone]),
            amount: rng.pick(&[0, 1, 100, 500, 5_000]),
            min_shares: rng.pick(&[0, 0, 0, 90, 500]),
        },
        17..=19 => Op::WithdrawCapital {
            provider: rng.pick(&[INSURER, INSURER, someone]),
            amount: rng.pick(&[0, 50, 300, 1_000]),
            max_burned: rng.pick(&[u128::MAX, u128::MAX, u128::MAX, 50, 400]),
        },
        20..=22 => Op::SubmitClaim {
            claimant: if rng.chance(70) {
                holder
            } else {
                rng.pick(&[HOSPITAL, PARAMEDIC, someone])
            },
            policy,
            record: rng.pick(&[0, 1, 2, 3, 4, 5, 7]),
            amount: rng.pick(&[0, 50, 60, 300, 850, 900]),
            fingerprint: rng.pick(&[1, 2, 3]),
        },
        23 => Op::ScoreClaim {
            by: rng.pick(&[ORACLE, ORACLE, someone]),
            claim,
            score: rng.pick(&[0, 7_000, 7_001, 10_000, 10_001]),
        },
        24..=25 => Op::VoteClaim {
            assessor: rng.pick(&[GUARDIAN, RESEARCHER, HOSPITAL, PATIENT_B, someone]),
            claim,
            approve: rng.chance(60),
        },
        26 => Op::CloseReview { by: someone, claim },
        27 => Op::ReopenReview {
            by: rng.pick(&[ADMIN, someone]),
            claim,
        },
        28 => Op::Payout { by: someone, claim },
        29 => Op::SetAssessor {
            by: rng.pick(&[ADMIN, ADMIN, someone]),
            plan: rng.pick(&[0, 0, 1]),
            assessor: rng.pick(&PEOPLE),
            appointed: rng.chance(50),
        },
        _ => Op::SetQuorum {
            by: rng.pick(&[ADMIN, someone]),
            plan: rng.pick(&[0, 0, 1]),
            quorum: rng.pick(&[0, 1, 2, 3, 4]),
        },
    }
}

fn governance_op(rng: &mut Rng) -> Op {
    let holder = rng.pick(&PEOPLE);
    let proposal = rng.pick(&[1, 1, 2, 2, 3]);
    match rng.below(20) {
        0..=4 => Op::Lock {
            holder,
            amount: rng.pick(&[0, 50, 100, 300, 5_000]),
        },
        5..=6 => Op::Unlock {
            holder,
            amount: rng.pick(&[0, 50, 100, 300]),
        },
        7..=8 => Op::Propose {
            proposer: holder,
            proposed: if rng.chance(70) {
                Proposed::Quorum(rng.pick(&[2_000, 4_000, 6_000]))
            } else {
                Proposed::RegistryRequirement
            },
        },
        9..=13 => Op::Vote {
            voter: holder,
            proposal,
            support: rng.pick(&[Support::For, Support::For, Support::Against, Support::Abstain]),
        },
        14..=15 => Op::Queue { by: holder, proposal },
        16..=17 => Op::Execute { by: holder, proposal },
        _ => Op::CancelProposal {
            by: rng.pick(&[ADMIN, holder]),
            proposal,
        },
    }
}

fn grantee(rng: &mut Rng) -> u8 {
    rng.pick(&[
        HOSPITAL, HOSPITAL, RESEARCHER, RESEARCHER, PARAMEDIC, GUARDIAN, STRANGER, PATIENT_A, INSURER,
    ])
}

fn optional_person(rng: &mut Rng) -> Option<u8> {
    if rng.chance(30) {
        None
    } else {
        Some(rng.pick(&[HOSPITAL, RESEARCHER, PARAMEDIC, GUARDIAN, PATIENT_A, PATIENT_B]))
    }
}

fn terms(rng: &mut Rng) -> Terms {
    // A rare empty mask exercises the refusals; most terms are usable.
    let mask = |rng: &mut Rng, bits: u64| {
        if rng.chance(3) {
            0
        } else {
            1 + rng.below((1 << bits) - 1) as u8
        }
    };
    // Most grants cover lab results (the records the prelude adds) and reading.
    let categories = mask(rng, 3) | if rng.chance(60) { 1 } else { 0 };
    let actions = mask(rng, 2) | if rng.chance(70) { 1 } else { 0 };
    Terms {
        categories: if categories == 1 && rng.chance(3) {
            0
        } else {
            categories
        },
        purposes: mask(rng, PURPOSES.len() as u64),
        actions,
        from: match rng.below(10) {
            0..=5 => None,
            6 => Some(-HOUR),
            7 => Some(HOUR),
            _ => Some(DAY),
        },
        until: rng.pick(&[HOUR, DAY, 7 * DAY, 30 * DAY, 90 * DAY, 0, -DAY]),
    }
}
