//! Insurance stories that need a clock the test controls: the waiting
//! period, a missed premium's grace and lapse, reinstatement, and the voting
//! period and cooldown of a claim ending by block time.

use ink::primitives::{AccountId, Hash};
use insurance::claim::ClaimStatus;
use insurance::insurance::Error;
use insurance::policy::PolicyStatus;
use interfaces::traits::PSP22;
use interfaces::{Action, DataCategory, ProviderKind, Purpose};
use sandbox_tests::{account, lab_record, monthly_lab_plan, InsuredSuite};

const DAY: u64 = 86_400_000;
const YEAR: u64 = 365 * DAY;

struct Cast {
    admin: AccountId,
    patient: AccountId,
    hospital: AccountId,
    insurer: AccountId,
    assessors: [AccountId; 2],
}

fn cast() -> Cast {
    Cast {
        admin: account(1),
        patient: account(10),
        hospital: account(20),
        insurer: account(30),
        assessors: [account(40), account(41)],
    }
}

/// Given: a verified hospital and insurer; the insurer's monthly lab plan,
/// approved, with two assessors (quorum 2); 20,000 of capital; the patient
/// lets the hospital write lab results and the insurer read them for
/// payment, holds 1,000 approved for insurance, and enrolled (policy 0).
fn given_an_enrolled_patient() -> InsuredSuite {
    let mut suite = InsuredSuite::deploy();
    let who = cast();
    let until = suite.chain().block_time() + 2 * YEAR;
    suite
        .health
        .verify_provider(who.hospital, ProviderKind::Hospital, until);
    suite.health.verify_provider(who.insurer, ProviderKind::Insurer, until);
    suite.fund_and_approve(who.admin, 20_000);
    let deposit = suite.insurance_calls().deposit_capital(20_000, 19_000);
    assert_eq!(
        suite.chain().call(who.admin, &deposit).value,
        Ok(19_000),
        "1,000 shares locked"
    );
    let publish = suite.insurance_calls().publish_plan(monthly_lab_plan());
    assert_eq!(suite.chain().call(who.insurer, &publish).value, Ok(0));
    let approve = suite.insurance_calls().approve_plan(0);
    assert_eq!(suite.chain().call(who.admin, &approve).value, Ok(()));
    for assessor in who.assessors {
        let appoint = suite.insurance_calls().set_assessor(0, assessor, true);
        assert_eq!(suite.chain().call(who.admin, &appoint).value, Ok(()));
        suite.chain().fund(assessor);
    }
    let quorum = suite.insurance_calls().set_quorum(0, 2);
    assert_eq!(suite.chain().call(who.admin, &quorum).value, Ok(()));
    let consent = |categories: &[DataCategory], purposes: &[Purpose], actions: &[Action]| consent::book::ConsentTerms {
        categories: categories.to_vec(),
        purposes: purposes.to_vec(),
        actions: actions.to_vec(),
        valid_from: 0,
        valid_until: until,
        policy_ref: Vec::new(),
    };
    suite.fund_and_approve(who.patient, 1_000);
    let grants = [
        (
            who.hospital,
            consent(&[DataCategory::LabResults], &[Purpose::Treatment], &[Action::Write]),
        ),
        (
            who.insurer,
            consent(&[DataCategory::LabResults], &[Purpose::Payment], &[Action::Read]),
        ),
    ];
    for (grantee, terms) in grants {
        let grant = suite.health.suite.consent_calls().grant(who.patient, grantee, terms);
        assert!(suite.chain().call(who.patient, &grant).value.is_ok());
    }
    let enrol = suite.insurance_calls().enrol(0);
    assert_eq!(suite.chain().call(who.patient, &enrol).value, Ok(0));
    suite
}

/// The hospital adds a lab record of the patient now; returns its id.
fn hospital_writes_a_record(suite: &mut InsuredSuite) -> u64 {
    let who = cast();
    let add = suite.health.record_calls().add_record(lab_record(who.patient));
    suite
        .chain()
        .call(who.hospital, &add)
        .value
        .expect("the hospital adds the record")
}

fn policy_status(suite: &mut InsuredSuite) -> PolicyStatus {
    let read = suite.insurance_calls().policy(0);
    suite.chain().query(account(99), &read).value.expect("policy 0").1
}

fn claim(suite: &mut InsuredSuite, record: u64, service: u8) -> Result<u64, Error> {
    let submit = suite
        .insurance_calls()
        .submit_claim(0, record, 1_050, Hash::from([service; 32]), None);
    suite.chain().call(cast().patient, &submit).value
}

#[test]
fn the_waiting_period_refuses_an_early_claim_and_a_record_from_it() {
    // given a patient enrolled now, with a 7-day waiting period
    let mut suite = given_an_enrolled_patient();
    let enrolled = suite.chain().block_time();
    // when a record written on day 1 is claimed on day 1
    suite.chain().advance_time(DAY);
    let early_record = hospital_writes_a_record(&mut suite);
    // then the claim waits for the end of the waiting period
    assert_eq!(
        claim(&mut suite, early_record, 1),
        Err(Error::WaitingPeriod {
            until: enrolled + 7 * DAY
        })
    );
    // when the waiting period is over, that record is still from before the cover
    suite.chain().advance_time(6 * DAY);
    assert_eq!(claim(&mut suite, early_record, 1), Err(Error::RecordBeforeCover));
    // and a record written under cover is claimable
    let covered = hospital_writes_a_record(&mut suite);
    assert_eq!(claim(&mut suite, covered, 2), Ok(0));
}

#[test]
fn a_missed_premium_enters_grace_then_lapses_and_the_lapsed_policy_cannot_claim() {
    // given a policy with its first month paid
    let mut suite = given_an_enrolled_patient();
    let who = cast();
    assert_eq!(policy_status(&mut suite), PolicyStatus::Active);
    // when the month ends unpaid, it is in grace: a record under cover is still claimable
    suite.chain().advance_time(30 * DAY);
    assert_eq!(policy_status(&mut suite), PolicyStatus::InGrace);
    // when the grace period passes too, it has lapsed
    suite.chain().advance_time(7 * DAY);
    assert_eq!(policy_status(&mut suite), PolicyStatus::Lapsed);
    let record = hospital_writes_a_record(&mut suite);
    assert_eq!(
        claim(&mut suite, record, 1),
        Err(Error::PolicyNot {
            found: PolicyStatus::Lapsed
        })
    );
    let pay = suite.insurance_calls().pay_premium(0);
    assert_eq!(
        suite.chain().call(who.patient, &pay).value,
        Err(Error::PolicyNot {
            found: PolicyStatus::Lapsed
        })
    );
    // and nobody may record its end while the holder may still reinstate it
    let end = suite.insurance_calls().end_policy(0);
    assert_eq!(
        suite.chain().call(who.admin, &end).value,
        Err(Error::ReinstatementWindowOpen)
    );
    // when the holder reinstates within the window, paying the month due
    let balance = suite.token_calls().balance_of(who.patient);
    let before = suite.chain().query(who.patient, &balance).value;
    let reinstate = suite.insurance_calls().reinstate(0);
    assert_eq!(suite.chain().call(who.patient, &reinstate).value, Ok(()));
    // then it is active again, the premium taken, and a new waiting period runs
    assert_eq!(policy_status(&mut suite), PolicyStatus::Active);
    assert_eq!(suite.chain().query(who.patient, &balance).value, before - 100);
    let reinstated_at = suite.chain().block_time();
    assert_eq!(
        claim(&mut suite, record, 1),
        Err(Error::WaitingPeriod {
            until: reinstated_at + 7 * DAY
        })
    );
}

#[test]
fn voting_and_the_cooldown_end_by_block_time() {
    // given two records under cover and a first claim, auto-approved
    let mut suite = given_an_enrolled_patient();
    let who = cast();
    suite.chain().advance_time(7 * DAY);
    let first = hospital_writes_a_record(&mut suite);
    let second = hospital_writes_a_record(&mut suite);
    assert_eq!(claim(&mut suite, first, 1), Ok(0));
    // the first is auto-approved: no payout in its cooldown, paid after it
    let payout = suite.insurance_calls().payout(0);
    let submitted = suite.chain().block_time();
    assert_eq!(
        suite.chain().call(who.patient, &payout).value,
        Err(Error::CooldownRunning { ends: submitted + DAY })
    );
    suite.chain().advance_time(DAY);
    assert_eq!(suite.chain().call(who.patient, &payout).value, Ok(()));
    // a second claim of the same service goes to review
    assert_eq!(claim(&mut suite, second, 1), Ok(1));
    let reviewed_at = suite.chain().block_time();
    let read = suite.insurance_calls().claim(1);
    assert_eq!(
        suite.chain().query(who.patient, &read).value.map(|c| c.status),
        Some(ClaimStatus::UnderReview)
    );
    // when one assessor approves and voting may not be closed before its end
    let vote = suite.insurance_calls().vote(1, true);
    assert_eq!(suite.chain().call(who.assessors[0], &vote).value, Ok(()));
    let close = suite.insurance_calls().close_review(1);
    assert_eq!(
        suite.chain().call(who.patient, &close).value,
        Err(Error::VotingOpen {
            ends: reviewed_at + 2 * DAY
        })
    );
    // then after the voting period a late vote is refused
    suite.chain().advance_time(2 * DAY);
    assert_eq!(
        suite.chain().call(who.assessors[1], &vote).value,
        Err(Error::VotingClosed {
            ended: reviewed_at + 2 * DAY
        })
    );
    // and closing it below quorum leaves it unresolved: nothing to pay
    assert_eq!(suite.chain().call(who.patient, &close).value, Ok(()));
    let closed_at = suite.chain().block_time();
    assert_eq!(
        suite.chain().query(who.patient, &read).value.map(|c| c.status),
        Some(ClaimStatus::Unresolved)
    );
    // the admin may reopen it during its cooldown, not after
    suite.chain().advance_time(DAY);
    let reopen = suite.insurance_calls().reopen_review(1);
    assert_eq!(
        suite.chain().call(who.admin, &reopen).value,
        Err(Error::CooldownOver { ended: closed_at + DAY })
    );
    let pool = suite.insurance_calls().pool();
    let books = suite.chain().query(who.patient, &pool).value;
    assert_eq!((books.reserved, books.payouts), (0, 800));
}

#[test]
fn a_claim_in_grace_is_refused_until_the_overdue_premium_is_paid() {
    // given a policy whose second month is unpaid: in grace, with a record under cover
    let mut suite = given_an_enrolled_patient();
    let who = cast();
    suite.chain().advance_time(30 * DAY);
    assert_eq!(policy_status(&mut suite), PolicyStatus::InGrace);
    let record = hospital_writes_a_record(&mut suite);
    let pool = suite.insurance_calls().pool();
    let before = suite.chain().query(who.patient, &pool).value;
    // when the patient claims, the claim is refused
    assert_eq!(
        claim(&mut suite, record, 1),
        Err(Error::PolicyNot {
            found: PolicyStatus::InGrace
        })
    );
    // then nothing is reserved and no claim exists
    assert_eq!(suite.chain().query(who.patient, &pool).value, before);
    let count = suite.insurance_calls().claim_count();
    assert_eq!(suite.chain().query(who.patient, &count).value, 0);
    // and once the overdue premium is paid, the same claim is taken
    let pay = suite.insurance_calls().pay_premium(0);
    assert_eq!(suite.chain().call(who.patient, &pay).value, Ok(()));
    assert_eq!(claim(&mut suite, record, 1), Ok(0));
}

/// The enrolled patient's first claim is auto-approved and paid; a second
/// of the same service goes to review with 800 reserved. Returns the
/// second claim's id.
fn a_claim_under_review(suite: &mut InsuredSuite) -> u64 {
    let who = cast();
    suite.chain().advance_time(7 * DAY);
    let first = hospital_writes_a_record(suite);
    let second = hospital_writes_a_record(suite);
    assert_eq!(claim(suite, first, 1), Ok(0));
    suite.chain().advance_time(DAY);
    let payout = suite.insurance_calls().payout(0);
    assert_eq!(suite.chain().call(who.patient, &payout).value, Ok(()));
    let under_review = claim(suite, second, 1).expect("a duplicate goes to review");
    let pool = suite.insurance_calls().pool();
    assert_eq!(suite.chain().query(who.patient, &pool).value.reserved, 800);
    under_review
}

/// Waits out the review's voting period and closes it unresolved: its
/// reservation is released.
fn the_review_ends_unresolved(suite: &mut InsuredSuite, claim_id: u64) {
    suite.chain().advance_time(2 * DAY);
    let close = suite.insurance_calls().close_review(claim_id);
    assert_eq!(suite.chain().call(cast().patient, &close).value, Ok(()));
    let pool = suite.insurance_calls().pool();
    assert_eq!(suite.chain().query(cast().patient, &pool).value.reserved, 0);
}

/// The enrolled patient's claim under review (see [`a_claim_under_review`])
/// after she cancelled her policy: no cover outstanding, the claim runs on.
fn a_claim_under_review_on_a_cancelled_policy() -> (InsuredSuite, u64) {
    let mut suite = given_an_enrolled_patient();
    let claim_id = a_claim_under_review(&mut suite);
    let cancel = suite.insurance_calls().cancel(0);
    assert_eq!(suite.chain().call(cast().patient, &cancel).value, Ok(()));
    (suite, claim_id)
}

fn capital_of(suite: &mut InsuredSuite, provider: AccountId) -> u128 {
    let read = suite.insurance_calls().capital_of(provider);
    suite.chain().query(provider, &read).value
}

#[test]
fn a_patient_who_deposits_while_her_own_claim_is_reserved_takes_nothing_when_it_is_released() {
    // given the patient's own claim under review (800 reserved) and her
    // policy cancelled (coverage gone, the claim runs on)
    let (mut suite, claim_id) = a_claim_under_review_on_a_cancelled_policy();
    let who = cast();
    // and what the provider's capital comes to if nobody else deposits
    let before_the_attack = suite.chain().snapshot();
    the_review_ends_unresolved(&mut suite, claim_id);
    let undisturbed = capital_of(&mut suite, who.admin);
    suite.chain().restore(&before_the_attack);
    // when the patient deposits 20,000 while the reservation is open, the
    // review ends unresolved, and she withdraws all her shares fetch
    suite.fund_and_approve(who.patient, 20_000);
    let balance = suite.token_calls().balance_of(who.patient);
    let funded = suite.chain().query(who.patient, &balance).value;
    let deposit = suite.insurance_calls().deposit_capital(20_000, 0);
    assert!(suite.chain().call(who.patient, &deposit).value.is_ok());
    the_review_ends_unresolved(&mut suite, claim_id);
    let worth = capital_of(&mut suite, who.patient);
    let withdraw = suite.insurance_calls().withdraw_capital(worth, u128::MAX);
    assert!(suite.chain().call(who.patient, &withdraw).value.is_ok());
    // then she got back no more than she paid in, and the provider who was
    // there has at least what it would have had without her
    assert!(worth <= 20_000, "the round trip returned {worth}");
    assert_eq!(
        suite.chain().query(who.patient, &balance).value,
        funded - 20_000 + worth
    );
    assert!(
        capital_of(&mut suite, who.admin) >= undisturbed,
        "the provider lost to the round trip"
    );
}

#[test]
fn a_withdrawal_that_would_burn_more_shares_than_agreed_is_refused() {
    // given the provider's 19,000 shares and a claim of 800 reserved, which
    // lowers what a share fetches
    let mut suite = given_an_enrolled_patient();
    let who = cast();
    a_claim_under_review(&mut suite);
    let shares = suite.insurance_calls().shares_of(who.admin);
    assert_eq!(suite.chain().query(who.admin, &shares).value, 19_000);
    // when the provider withdraws 1,000 but gives up at most 1,000 shares
    let withdraw = suite.insurance_calls().withdraw_capital(1_000, 1_000);
    let refused = suite.chain().call(who.admin, &withdraw).value;
    // then it is refused, and nothing moved
    assert_eq!(refused, Err(Error::TooManySharesBurned));
    assert_eq!(suite.chain().query(who.admin, &shares).value, 19_000);
    let balance = suite.token_calls().balance_of(who.admin);
    assert_eq!(suite.chain().query(who.admin, &balance).value, 0);
    // and a deposit that would mint fewer shares than asked is refused too
    suite.fund_and_approve(who.insurer, 1_000);
    let deposit = suite.insurance_calls().deposit_capital(1_000, 2_000);
    let refused = suite.chain().call(who.insurer, &deposit).value;
    assert_eq!(refused, Err(Error::TooFewShares));
    let shares = suite.insurance_calls().shares_of(who.insurer);
    assert_eq!(suite.chain().query(who.insurer, &shares).value, 0);
}

#[test]
fn tokens_released_after_the_last_provider_left_cannot_be_withdrawn_by_anyone() {
    // given a claim under review and the policy cancelled: no coverage outstanding
    let (mut suite, claim_id) = a_claim_under_review_on_a_cancelled_policy();
    let who = cast();
    // when the only provider withdraws all its shares fetch
    let worth = capital_of(&mut suite, who.admin);
    let withdraw = suite.insurance_calls().withdraw_capital(worth, u128::MAX);
    assert_eq!(suite.chain().call(who.admin, &withdraw).value, Ok(19_000));
    // and the review ends unresolved, releasing 800 that no provider owns
    the_review_ends_unresolved(&mut suite, claim_id);
    let pool = suite.insurance_calls().pool();
    let left = suite.chain().query(who.patient, &pool).value;
    assert!(left.held >= 800);
    assert_eq!(left.total_shares, left.locked_shares, "only the locked shares remain");
    // then neither a stranger nor the provider who left can withdraw them
    for caller in [who.patient, who.admin] {
        let grab = suite.insurance_calls().withdraw_capital(800, u128::MAX);
        assert_eq!(suite.chain().call(caller, &grab).value, Err(Error::InsufficientCapital));
    }
    assert_eq!(suite.chain().query(who.patient, &pool).value, left, "nothing moved");
}
