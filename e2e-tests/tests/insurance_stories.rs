//! Health insurance in the reward token: a verified insurer's plan, a funded
//! risk pool, enrolment and premiums, claims proven from records, fraud rules
//! and assessors, the oracle's score, payouts. Each story runs on a real
//! `substrate-contracts-node`: cover begins a block after enrolment and
//! payouts wait for a cooldown, so block time must pass, which the ink_e2e
//! sandbox does not do (the drink tier has the time-travel stories). After
//! every step the pool's books are checked against the tokens the contract
//! holds.

#[macro_use]
mod common;

use common::*;
use ink::primitives::{AccountId, Hash};
use ink_e2e::AccountKeyring::{Alice, Bob, Charlie, Dave, Eve, Ferdie};
use insurance::claim::{ClaimStatus, FieldProof, FraudReason};
use insurance::insurance::Error as InsuranceError;
use insurance::plan::{PlanStatus, PlanTerms, TermsError};
use insurance::pool::{PoolView, LOCKED_SHARES};
use insurance::risk::RiskModel;
use interfaces::traits::{PSP22Error, PSP22};
use interfaces::{Action, AuditAction, CategorySet, DataCategory, ProviderKind, Purpose};
use record_access::merkle::{build, leaf_hash};

const CAPITAL: u128 = 20_000;
const PREMIUM: u128 = 100;
const COVERAGE: u128 = 5_000;
const PATIENT_FUNDS: u128 = 10_000;
/// A claim of 1,050 pays (1,050 − 50) × 80 % = 800.
const CLAIMED: u128 = 1_050;
const PAYOUT: u128 = 800;
/// Seconds an auto-approved or decided claim waits before payout.
const COOLDOWN_SECS: u64 = 3;
/// The lab record the hospital wrote after Bob enrolled (record 1 predates his cover).
const CLAIM_RECORD: u64 = 2;

/// The plan Eve publishes: 12 periods of an hour at 100, lab results covered
/// up to 5,000 a year, deductible 50, co-pay 20 %, no waiting period, an
/// hour's grace, 3 claims a period, risk threshold 7,000, an hour to vote,
/// a 3-second cooldown.
fn lab_plan(clock: BlockClock) -> PlanTerms {
    PlanTerms {
        premium: PREMIUM,
        period: clock.seconds(3_600),
        periods: 12,
        coverage_limit: COVERAGE,
        deductible: 50,
        copay_bps: 2_000,
        categories: CategorySet::from_slice(&[DataCategory::LabResults]),
        waiting_period: 0,
        grace_period: clock.seconds(3_600),
        max_claims_per_period: 3,
        risk_threshold: 7_000,
        voting_period: clock.seconds(3_600),
        cooldown: clock.seconds(COOLDOWN_SECS),
        pay_provider: false,
    }
}

fn fingerprint(service: u8) -> Hash {
    Hash::from([service; 32])
}

/// Given: the record path of the other stories (Charlie a verified hospital
/// that wrote Bob's lab record 1; Dave a verified physician); Eve a verified
/// insurer whose lab plan (id 0) Alice approved and Alice, Ferdie and
/// Charlie assess (quorum 2); Dave the risk oracle; Alice funded the pool
/// with `CAPITAL` at a 100 % solvency ratio; Bob let Eve read his lab
/// results for payment and Charlie bill for them, holds `PATIENT_FUNDS`,
/// enrolled (policy 0), and then Charlie wrote his lab record 2.
async fn given_an_insured_patient<Client: Backend>(
    client: &mut Client,
    clock: BlockClock,
) -> (HealthSuite, InsuredSuite) {
    let health = given_a_lab_record_shared_with_a_physician(client, clock).await;
    let insured = deploy_insurance(client, &health, 10_000).await;
    let (alice, bob, eve) = (account(Alice), account(Bob), account(Eve));
    let mut registry = health.provider_calls();
    let kinds = vec![
        ProviderKind::Hospital,
        ProviderKind::Physician,
        ProviderKind::EmergencyService,
        ProviderKind::Insurer,
    ];
    submit(client, &ink_e2e::alice(), &registry.appoint_verifier(alice, kinds))
        .await
        .expect("Alice may attest insurers");
    let apply = registry.apply(application(ProviderKind::Insurer, clock.a_year_from_now()));
    submit(client, &ink_e2e::eve(), &apply).await.expect("insurer applies");
    submit(client, &ink_e2e::alice(), &registry.attest(eve))
        .await
        .expect("insurer attested");

    let mut token = insured.token_calls();
    let mut insurance = insured.insurance_calls();
    submit(client, &ink_e2e::alice(), &token.mint_to(alice, CAPITAL))
        .await
        .expect("capital minted");
    submit(client, &ink_e2e::alice(), &token.mint_to(bob, PATIENT_FUNDS))
        .await
        .expect("patient funded");
    submit(client, &ink_e2e::alice(), &token.approve(insured.insurance, CAPITAL))
        .await
        .expect("capital approved");
    submit(
        client,
        &ink_e2e::alice(),
        &insurance.deposit_capital(CAPITAL, CAPITAL - LOCKED_SHARES),
    )
    .await
    .expect("capital deposited");

    let plan = submit(client, &ink_e2e::eve(), &insurance.publish_plan(lab_plan(clock)))
        .await
        .expect("verified insurer publishes");
    assert_eq!(plan, 0);
    submit(client, &ink_e2e::alice(), &insurance.approve_plan(plan))
        .await
        .expect("admin approves the plan");
    for assessor in [Alice, Ferdie, Charlie] {
        submit(
            client,
            &ink_e2e::alice(),
            &insurance.set_assessor(plan, account(assessor), true),
        )
        .await
        .expect("admin appoints an assessor");
    }
    submit(client, &ink_e2e::alice(), &insurance.set_quorum(plan, 2))
        .await
        .expect("quorum of two");
    submit(
        client,
        &ink_e2e::alice(),
        &insurance.set_settings(Some(account(Dave)), 10_000),
    )
    .await
    .expect("Dave is the oracle");

    let payment = terms(&[DataCategory::LabResults], &[Purpose::Payment], &[Action::Read]);
    submit(
        client,
        &ink_e2e::bob(),
        &health.consent_calls().grant(bob, eve, payment),
    )
    .await
    .expect("patient lets the insurer read lab results for payment");
    // the hospital already writes lab results for treatment: the same consent now also covers billing
    let billing = terms(
        &[DataCategory::LabResults],
        &[Purpose::Treatment, Purpose::Payment],
        &[Action::Write],
    );
    let widen = health.consent_calls().update(bob, account(Charlie), billing);
    submit(client, &ink_e2e::bob(), &widen)
        .await
        .expect("patient lets the hospital bill for lab results");
    submit(client, &ink_e2e::bob(), &token.approve(insured.insurance, 10 * PREMIUM))
        .await
        .expect("patient approves premiums");
    let policy = submit(client, &ink_e2e::bob(), &insurance.enrol(plan))
        .await
        .expect("patient enrols");
    assert_eq!(policy, 0);
    // cover begins a block after enrolment: the hospital writes the claim record then
    let written = hospital_writes_lab_record(client, &health, Hash::default(), 0).await;
    assert_eq!(written, CLAIM_RECORD);
    let (policy, _) = read(client, &insured.insurance_calls().policy(0))
        .await
        .expect("policy 0");
    let record = read(client, &health.record_calls().record(CLAIM_RECORD))
        .await
        .expect("record");
    assert!(
        record.created_at >= policy.claims_from,
        "the claim record ({}) is under cover (from {})",
        record.created_at,
        policy.claims_from
    );
    assert_books_balance(client, &insured).await;
    (health, insured)
}

/// Charlie (the hospital) adds a lab record of Bob's; returns its id.
async fn hospital_writes_lab_record<Client: Backend>(
    client: &mut Client,
    health: &HealthSuite,
    fields_root: Hash,
    field_count: u16,
) -> u64 {
    let record = new_record(account(Bob), DataCategory::LabResults, fields_root, field_count);
    submit(client, &ink_e2e::charlie(), &health.record_calls().add_record(record))
        .await
        .expect("hospital adds the record")
}

/// The pool's books against the token: the contract holds exactly capital
/// deposited − withdrawn + premiums − payouts, and reserved ≤ held.
async fn assert_books_balance<Client: Backend>(client: &mut Client, insured: &InsuredSuite) -> PoolView {
    let pool = read(client, &insured.insurance_calls().pool()).await;
    let held = read(client, &insured.token_calls().balance_of(insured.insurance)).await;
    assert_eq!(held, pool.held, "tokens held = the pool's books");
    assert_eq!(
        pool.held,
        pool.capital_deposited - pool.capital_withdrawn + pool.premiums - pool.payouts
    );
    assert!(pool.reserved <= pool.held);
    assert_eq!(pool.free_capital, pool.held - pool.reserved);
    pool
}

async fn balance<Client: Backend>(client: &mut Client, insured: &InsuredSuite, who: AccountId) -> u128 {
    read(client, &insured.token_calls().balance_of(who)).await
}

/// Waits out a claim's cooldown and seals a block so block time passes it.
async fn after_the_cooldown<Client: Backend>(client: &mut Client, insured: &InsuredSuite) {
    sleep_until(wall_clock_ms() + (COOLDOWN_SECS + 1) * 1_000).await;
    // a block stamped after the cooldown (the dev node seals one per transaction)
    submit(
        client,
        &ink_e2e::alice(),
        &insured.token_calls().approve(account(Ferdie), 0),
    )
    .await
    .expect("a block");
}

mod stories {
    use super::*;

    /// A patient enrols, pays, and a hospital's claim for the patient is
    /// auto-approved and paid after the cooldown: balances match to the unit.
    pub async fn an_auto_approved_claim_is_paid_once_after_its_cooldown<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given
        let (health, insured) = given_an_insured_patient(&mut client, clock).await;
        let mut insurance = insured.insurance_calls();
        let bob = account(Bob);
        assert_eq!(balance(&mut client, &insured, bob).await, PATIENT_FUNDS - PREMIUM);
        // when Bob pays the next period
        submit(&mut client, &ink_e2e::bob(), &insurance.pay_premium(0))
            .await
            .expect("premium paid");
        let books = assert_books_balance(&mut client, &insured).await;
        assert_eq!(books.held, CAPITAL + 2 * PREMIUM);
        // and the hospital that wrote record 1 claims 1,050 for him
        let claim = insurance.submit_claim(0, CLAIM_RECORD, CLAIMED, fingerprint(1), None);
        let id = submit(&mut client, &ink_e2e::charlie(), &claim)
            .await
            .expect("claimable");
        // then it is auto-approved with its payout reserved
        let filed = read(&mut client, &insurance.claim(id)).await.expect("stored");
        assert_eq!(filed.status, ClaimStatus::AutoApproved);
        assert!(filed.reasons.is_empty());
        assert_eq!((filed.payout, filed.payee), (PAYOUT, bob));
        assert_eq!(assert_books_balance(&mut client, &insured).await.reserved, PAYOUT);
        // and it cannot be paid during the cooldown
        let early = refused(&mut client, &ink_e2e::bob(), &insurance.payout(id)).await;
        assert!(matches!(early, InsuranceError::CooldownRunning { .. }));
        assert_eq!(balance(&mut client, &insured, bob).await, PATIENT_FUNDS - 2 * PREMIUM);
        // when the cooldown is over, anyone triggers the payout
        after_the_cooldown(&mut client, &insured).await;
        submit(&mut client, &ink_e2e::ferdie(), &insurance.payout(id))
            .await
            .expect("paid");
        // then Bob has exactly the payout more, the pool exactly that less
        assert_eq!(
            balance(&mut client, &insured, bob).await,
            PATIENT_FUNDS - 2 * PREMIUM + PAYOUT
        );
        let books = assert_books_balance(&mut client, &insured).await;
        assert_eq!((books.held, books.reserved), (CAPITAL + 2 * PREMIUM - PAYOUT, 0));
        // and paying it again is refused, nothing moves
        let twice = refused(&mut client, &ink_e2e::ferdie(), &insurance.payout(id)).await;
        assert_eq!(
            twice,
            InsuranceError::ClaimNot {
                found: ClaimStatus::Paid
            }
        );
        assert_eq!(
            balance(&mut client, &insured, bob).await,
            PATIENT_FUNDS - 2 * PREMIUM + PAYOUT
        );
        assert_books_balance(&mut client, &insured).await;
        // and Bob's audit history tells the story, the chain intact
        let insurance_steps: Vec<AuditAction> = audited_actions(&mut client, &health, bob)
            .await
            .into_iter()
            .map(|(action, _, _)| action)
            .filter(|action| {
                matches!(
                    action,
                    AuditAction::PolicyEnrolled
                        | AuditAction::PremiumPaid
                        | AuditAction::ClaimSubmitted
                        | AuditAction::ClaimPaid
                )
            })
            .collect();
        assert_eq!(
            insurance_steps,
            [
                AuditAction::PolicyEnrolled,
                AuditAction::PremiumPaid,
                AuditAction::ClaimSubmitted,
                AuditAction::ClaimPaid
            ]
        );
        Ok(())
    }

    /// A claim stating a service already claimed goes to review; a
    /// conflicted assessor and an outsider are refused; two assessors
    /// reject it and nothing is paid.
    pub async fn a_duplicate_claim_is_reviewed_and_rejected_by_two_assessors<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given a first claim for service 1, paid
        let (health, insured) = given_an_insured_patient(&mut client, clock).await;
        let mut insurance = insured.insurance_calls();
        let first = submit(
            &mut client,
            &ink_e2e::bob(),
            &insurance.submit_claim(0, CLAIM_RECORD, CLAIMED, fingerprint(1), None),
        )
        .await
        .expect("first claim");
        after_the_cooldown(&mut client, &insured).await;
        submit(&mut client, &ink_e2e::bob(), &insurance.payout(first))
            .await
            .expect("first paid");
        let before = balance(&mut client, &insured, account(Bob)).await;
        // when Bob claims the same service again, citing another record
        let other = hospital_writes_lab_record(&mut client, &health, Hash::default(), 0).await;
        let id = submit(
            &mut client,
            &ink_e2e::bob(),
            &insurance.submit_claim(0, other, CLAIMED, fingerprint(1), None),
        )
        .await
        .expect("second claim");
        // then it is under review for exactly that reason
        let filed = read(&mut client, &insurance.claim(id)).await.expect("stored");
        assert_eq!(filed.status, ClaimStatus::UnderReview);
        assert_eq!(filed.reasons.to_vec(), [FraudReason::DuplicateFingerprint]);
        // when the record's author (an assessor) and a non-assessor try to vote
        let conflicted = refused(&mut client, &ink_e2e::charlie(), &insurance.vote(id, true)).await;
        assert_eq!(conflicted, InsuranceError::ConflictOfInterest);
        let outsider = refused(&mut client, &ink_e2e::dave(), &insurance.vote(id, true)).await;
        assert_eq!(outsider, InsuranceError::NotAssessor);
        // and Alice rejects, then tries again
        submit(&mut client, &ink_e2e::alice(), &insurance.vote(id, false))
            .await
            .expect("Alice votes");
        let again = refused(&mut client, &ink_e2e::alice(), &insurance.vote(id, true)).await;
        assert_eq!(again, InsuranceError::AlreadyVoted);
        let counted = read(&mut client, &insurance.claim(id)).await.expect("stored");
        assert_eq!((counted.review.approve, counted.review.reject), (0, 1));
        // when Ferdie rejects too, every assessor who may vote has voted
        submit(&mut client, &ink_e2e::ferdie(), &insurance.vote(id, false))
            .await
            .expect("Ferdie votes");
        // then the claim is rejected at once, its reservation released
        let decided = read(&mut client, &insurance.claim(id)).await.expect("stored");
        assert_eq!(decided.status, ClaimStatus::Rejected);
        assert_eq!(assert_books_balance(&mut client, &insured).await.reserved, 0);
        // and nothing is ever paid on it
        after_the_cooldown(&mut client, &insured).await;
        let payout = refused(&mut client, &ink_e2e::bob(), &insurance.payout(id)).await;
        assert_eq!(
            payout,
            InsuranceError::ClaimNot {
                found: ClaimStatus::Rejected
            }
        );
        assert_eq!(balance(&mut client, &insured, account(Bob)).await, before);
        assert_books_balance(&mut client, &insured).await;
        Ok(())
    }

    /// A claim proves the record's diagnosis by a salted field proof: the
    /// insurer checks that one fact without reading the record; a proof of
    /// another diagnosis is refused and stores nothing.
    pub async fn a_claim_proves_one_field_of_its_record_without_revealing_it<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the hospital wrote another lab record committing to three salted fields
        let (health, insured) = given_an_insured_patient(&mut client, clock).await;
        let salt = [0x5A; 32];
        let fields: [&[u8]; 3] = [b"date=2026-11-02", b"diagnosis=ICD10:E11.9", b"code=LOINC:4548-4"];
        let leaves: Vec<Hash> = fields.iter().map(|field| leaf_hash(&salt, field)).collect();
        let record_id = hospital_writes_lab_record(&mut client, &health, build::root(&leaves), 3).await;
        let mut insurance = insured.insurance_calls();
        // when Bob claims with a proof of a diagnosis the record does not hold
        let forged = FieldProof {
            index: 1,
            leaf: leaf_hash(&salt, b"diagnosis=ICD10:C50.9"),
            proof: build::proof(&leaves, 1),
        };
        let claim = insurance.submit_claim(0, record_id, CLAIMED, fingerprint(2), Some(forged));
        // then it is refused, and no claim is stored
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &claim).await,
            InsuranceError::FieldProofInvalid
        );
        assert_eq!(
            read(&mut client, &insurance.claims_of(0, 0, 10)).await.map(|p| p.total),
            Ok(0)
        );
        // when he proves the diagnosis the record holds
        let proven = FieldProof {
            index: 1,
            leaf: leaf_hash(&salt, fields[1]),
            proof: build::proof(&leaves, 1),
        };
        let claim = insurance.submit_claim(0, record_id, CLAIMED, fingerprint(2), Some(proven));
        let id = submit(&mut client, &ink_e2e::bob(), &claim)
            .await
            .expect("proven claim");
        // then the claim records the proven field and is auto-approved
        let filed = read(&mut client, &insurance.claim(id)).await.expect("stored");
        assert_eq!(filed.proven_field, Some(1));
        assert_eq!(filed.status, ClaimStatus::AutoApproved);
        assert_books_balance(&mut client, &insured).await;
        Ok(())
    }

    /// The solvency rule refuses a capital withdrawal and an enrolment that
    /// would leave free capital below the ratio of outstanding coverage.
    pub async fn solvency_refuses_a_withdrawal_and_an_enrolment_that_would_break_it<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given 20,100 free against 5,000 outstanding at 100 %
        let (_health, insured) = given_an_insured_patient(&mut client, clock).await;
        let mut insurance = insured.insurance_calls();
        // when Alice withdraws one token more than keeps 5,000 free
        let greedy = refused(
            &mut client,
            &ink_e2e::alice(),
            &insurance.withdraw_capital(15_101, u128::MAX),
        )
        .await;
        // then it is refused and nothing moved
        assert_eq!(greedy, InsuranceError::WouldBreakSolvency);
        // (Alice's shares, all but the 1,000 the first deposit locked, are
        // worth their part of her capital and the premium it earned)
        assert_eq!(
            read(&mut client, &insurance.capital_of(account(Alice))).await,
            (CAPITAL - LOCKED_SHARES) * (CAPITAL + PREMIUM) / CAPITAL
        );
        assert_eq!(assert_books_balance(&mut client, &insured).await.capital_withdrawn, 0);
        // when she withdraws exactly that much
        submit(
            &mut client,
            &ink_e2e::alice(),
            &insurance.withdraw_capital(15_100, u128::MAX),
        )
        .await
        .expect("still solvent");
        assert_eq!(balance(&mut client, &insured, account(Alice)).await, 15_100);
        // then a second enrolment (5,000 more coverage) no longer fits
        let mut token = insured.token_calls();
        submit(&mut client, &ink_e2e::alice(), &token.mint_to(account(Dave), PREMIUM))
            .await
            .expect("minted");
        submit(
            &mut client,
            &ink_e2e::dave(),
            &token.approve(insured.insurance, PREMIUM),
        )
        .await
        .expect("approved");
        let enrol = refused(&mut client, &ink_e2e::dave(), &insurance.enrol(0)).await;
        assert_eq!(enrol, InsuranceError::WouldBreakSolvency);
        // and Dave has no policy and still his premium
        let policies = read(&mut client, &insurance.policies_of(account(Dave), 0, 10)).await;
        assert_eq!(policies.map(|page| page.total), Ok(0));
        assert_eq!(balance(&mut client, &insured, account(Dave)).await, PREMIUM);
        let books = assert_books_balance(&mut client, &insured).await;
        assert_eq!((books.free_capital, books.outstanding_coverage), (COVERAGE, COVERAGE));
        Ok(())
    }

    /// The risk oracle's score above the plan's threshold sends an
    /// auto-approved claim to review; only the oracle scores, once.
    pub async fn a_risky_score_sends_an_auto_approved_claim_to_review<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let (_health, insured) = given_an_insured_patient(&mut client, clock).await;
        let mut insurance = insured.insurance_calls();
        let id = submit(
            &mut client,
            &ink_e2e::bob(),
            &insurance.submit_claim(0, CLAIM_RECORD, CLAIMED, fingerprint(3), None),
        )
        .await
        .expect("clean claim");
        let model = Hash::from([0x0D; 32]);
        // when someone other than the oracle scores it
        let stranger = refused(
            &mut client,
            &ink_e2e::eve(),
            &insurance.post_risk_score(id, 9_000, model),
        )
        .await;
        assert_eq!(stranger, InsuranceError::NotOracle);
        assert_eq!(
            read(&mut client, &insurance.claim(id)).await.map(|c| c.status),
            Some(ClaimStatus::AutoApproved)
        );
        // when the oracle posts 9,000 (threshold 7,000)
        submit(
            &mut client,
            &ink_e2e::dave(),
            &insurance.post_risk_score(id, 9_000, model),
        )
        .await
        .expect("oracle scores");
        // then the claim is under review for its risk score, still reserved
        let scored = read(&mut client, &insurance.claim(id)).await.expect("stored");
        assert_eq!(scored.status, ClaimStatus::UnderReview);
        assert_eq!(scored.reasons.to_vec(), [FraudReason::RiskScore]);
        assert_eq!(scored.risk.map(|risk| (risk.score, risk.model)), Some((9_000, model)));
        assert_eq!(assert_books_balance(&mut client, &insured).await.reserved, PAYOUT);
        // and a second score is refused
        let again = refused(&mut client, &ink_e2e::dave(), &insurance.post_risk_score(id, 1, model)).await;
        assert_eq!(again, InsuranceError::AlreadyScored);
        Ok(())
    }

    /// With a risk model set by the admin (governance, once deployed), the
    /// contract scores every claim as it is submitted, from chain data
    /// alone: a risky one goes straight to review, and the oracle comes too
    /// late.
    pub async fn the_contracts_own_risk_model_sends_a_risky_claim_to_review_at_submission<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let (_health, insured) = given_an_insured_patient(&mut client, clock).await;
        let mut insurance = insured.insurance_calls();
        // given client/risk-model.json's coefficients in Q16.16
        let model = RiskModel::from_float(-3.0, [4.0, 1.5, 2.0, 1.2, 0.5]);
        // when an outsider sets a model, it is refused and none is set
        let outsider = refused(&mut client, &ink_e2e::eve(), &insurance.set_risk_model(Some(model))).await;
        assert!(matches!(outsider, InsuranceError::Admin(_)));
        assert_eq!(read(&mut client, &insurance.risk_model()).await, None);
        // when the admin sets it
        submit(&mut client, &ink_e2e::alice(), &insurance.set_risk_model(Some(model)))
            .await
            .expect("the admin sets the model");
        let mut hash = [0u8; 32];
        ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&ink::scale::Encode::encode(&model), &mut hash);
        let model_hash = Hash::from(hash);
        assert_eq!(
            read(&mut client, &insurance.risk_model()).await,
            Some((model, model_hash))
        );
        // and Bob claims 2,050 of his 5,000 cover, the period's first of 3
        // allowed, in the policy's first period, proving no field
        let id = submit(
            &mut client,
            &ink_e2e::bob(),
            &insurance.submit_claim(0, CLAIM_RECORD, 2_050, fingerprint(4), None),
        )
        .await
        .expect("the claim is taken");
        // then it was scored at submission, as the oracle's model would:
        // z = −3 + 4·0.41 + 1.5·⅓ + 2·1 + 0.5·1
        let claim = read(&mut client, &insurance.claim(id)).await.expect("stored");
        let z: f64 = -3.0 + 4.0 * 0.41 + 1.5 / 3.0 + 2.0 + 0.5;
        let expected = (10_000.0 / (1.0 + (-z).exp())).round() as i64;
        let risk = claim.risk.expect("scored");
        assert!(
            (i64::from(risk.score) - expected).abs() <= 1,
            "{} against {expected}",
            risk.score
        );
        assert_eq!(risk.model, model_hash);
        // and, above the plan's 7,000, it is under review, its payout reserved
        assert_eq!(claim.status, ClaimStatus::UnderReview);
        assert_eq!(claim.reasons.to_vec(), [FraudReason::RiskScore]);
        assert_eq!(assert_books_balance(&mut client, &insured).await.reserved, 1_600);
        // and the oracle's score is refused: the claim is scored once
        let late = refused(
            &mut client,
            &ink_e2e::dave(),
            &insurance.post_risk_score(id, 1, Hash::from([0x0D; 32])),
        )
        .await;
        assert_eq!(late, InsuranceError::AlreadyScored);
        Ok(())
    }

    /// Bad input, each call submitted, each with its own error and nothing
    /// stored: bad terms, an unverified insurer, no allowance, a stranger's
    /// claim, another patient's record, an uncovered category, a claim over
    /// the coverage limit.
    pub async fn bad_insurance_input_is_refused_and_stores_nothing<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let (health, insured) = given_an_insured_patient(&mut client, clock).await;
        let mut insurance = insured.insurance_calls();
        // a zero-premium plan, and a plan by a physician
        let free = PlanTerms {
            premium: 0,
            ..lab_plan(clock)
        };
        let zero = refused(&mut client, &ink_e2e::eve(), &insurance.publish_plan(free)).await;
        assert_eq!(zero, InsuranceError::Terms(TermsError::ZeroPremium));
        let instant = PlanTerms {
            period: 0,
            ..lab_plan(clock)
        };
        let no_period = refused(&mut client, &ink_e2e::eve(), &insurance.publish_plan(instant)).await;
        assert_eq!(no_period, InsuranceError::Terms(TermsError::ZeroPeriod));
        let by_physician = refused(&mut client, &ink_e2e::dave(), &insurance.publish_plan(lab_plan(clock))).await;
        assert_eq!(by_physician, InsuranceError::NotVerifiedInsurer);
        assert_eq!(read(&mut client, &insurance.plan_count()).await, 1);
        // an enrolment in a plan the admin has not approved
        let proposed = submit(&mut client, &ink_e2e::eve(), &insurance.publish_plan(lab_plan(clock)))
            .await
            .expect("published");
        let unapproved = refused(&mut client, &ink_e2e::bob(), &insurance.enrol(proposed)).await;
        assert_eq!(
            unapproved,
            InsuranceError::PlanNot {
                found: PlanStatus::Proposed
            }
        );
        // an enrolment without allowance fails with the token's error
        let no_allowance = refused(&mut client, &ink_e2e::ferdie(), &insurance.enrol(0)).await;
        assert_eq!(
            no_allowance,
            InsuranceError::TokenRefused(PSP22Error::InsufficientAllowance)
        );
        let ferdies = read(&mut client, &insurance.policies_of(account(Ferdie), 0, 10)).await;
        assert_eq!(ferdies.map(|page| page.total), Ok(0));
        // a claim on Bob's policy by someone who is neither Bob nor a provider
        let stranger = insurance.submit_claim(0, CLAIM_RECORD, CLAIMED, fingerprint(4), None);
        assert_eq!(
            refused(&mut client, &ink_e2e::ferdie(), &stranger).await,
            InsuranceError::NotHolderOrProvider
        );
        // a claim citing Ferdie's own record, and Bob's record of an uncovered category
        let ferdies_record = new_record(account(Ferdie), DataCategory::LabResults, Hash::default(), 0);
        let ferdies_id = submit(
            &mut client,
            &ink_e2e::ferdie(),
            &health.record_calls().add_record(ferdies_record),
        )
        .await
        .expect("a patient adds its own record");
        let not_his = insurance.submit_claim(0, ferdies_id, CLAIMED, fingerprint(5), None);
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &not_his).await,
            InsuranceError::RecordNotHolders
        );
        let allergies = new_record(account(Bob), DataCategory::Allergies, Hash::default(), 0);
        let allergies_id = submit(
            &mut client,
            &ink_e2e::bob(),
            &health.record_calls().add_record(allergies),
        )
        .await
        .expect("the patient adds his own record");
        let uncovered = insurance.submit_claim(0, allergies_id, CLAIMED, fingerprint(6), None);
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &uncovered).await,
            InsuranceError::CategoryNotCovered
        );
        // a claim citing record 1, written before Bob's cover began
        let old = insurance.submit_claim(0, 1, CLAIMED, fingerprint(8), None);
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &old).await,
            InsuranceError::RecordBeforeCover
        );
        // a claim by a verified physician Bob never let bill for him
        let unbilled = insurance.submit_claim(0, CLAIM_RECORD, CLAIMED, fingerprint(9), None);
        assert_eq!(
            refused(&mut client, &ink_e2e::dave(), &unbilled).await,
            InsuranceError::NoBillingConsent
        );
        // a claim over the yearly coverage limit
        let huge = insurance.submit_claim(0, CLAIM_RECORD, COVERAGE + 51, fingerprint(7), None);
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &huge).await,
            InsuranceError::ExceedsCoverageLimit
        );
        // then no claim was stored and the books are as before
        assert_eq!(
            read(&mut client, &insurance.claims_of(0, 0, 10)).await.map(|p| p.total),
            Ok(0)
        );
        let books = assert_books_balance(&mut client, &insured).await;
        assert_eq!((books.held, books.reserved), (CAPITAL + PREMIUM, 0));
        Ok(())
    }

    /// Insurance runs its rarer messages in the extension's uploaded code and
    /// locks it as a delegate dependency: not even the account that
    /// uploaded it can remove it from under insurance.
    pub async fn the_extension_code_cannot_be_removed_from_under_insurance<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the insured suite, whose extension code Alice uploaded
        let (_health, insured) = given_an_insured_patient(&mut client, clock).await;
        let insurance = insured.insurance_calls();
        let extension = read(&mut client, &insurance.extension()).await;
        // when Alice removes that code
        let removed = client.remove_code(&ink_e2e::alice(), extension).submit().await;
        // then the chain refuses: the code is in use
        let Err(error) = removed else {
            panic!("the extension's code was removed from under insurance");
        };
        let error = format!("{error:?}");
        assert!(error.contains("CodeInUse"), "{error}");
        // and a message run in the extension still answers from insurance's storage
        let policies = read(&mut client, &insurance.policies_of(account(Bob), 0, 10)).await;
        assert_eq!(policies.map(|page| page.total), Ok(1));
        Ok(())
    }
}

on_node!(an_auto_approved_claim_is_paid_once_after_its_cooldown);
on_node!(a_duplicate_claim_is_reviewed_and_rejected_by_two_assessors);
on_node!(a_claim_proves_one_field_of_its_record_without_revealing_it);
on_node!(solvency_refuses_a_withdrawal_and_an_enrolment_that_would_break_it);
on_node!(a_risky_score_sends_an_auto_approved_claim_to_review);
on_node!(bad_insurance_input_is_refused_and_stores_nothing);
on_node!(the_extension_code_cannot_be_removed_from_under_insurance);
on_node!(the_contracts_own_risk_model_sends_a_risky_claim_to_review_at_submission);
