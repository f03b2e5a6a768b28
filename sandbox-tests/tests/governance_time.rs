//! Governance stories that need a clock the test controls: the voting
//! delay, the voting period, the timelock and the grace period.

use governance::governance::{CallFault, Error};
use governance::power::PowerError;
use governance::proposal::{ProposalState, ProposedCall, Support, Timelock};
use governance::settings::Settings;
use ink::codegen::TraitCallBuilder;
use ink::primitives::{AccountId, Hash};
use interfaces::{AdminControl, AdminError, ProviderKind};
use sandbox_tests::{accept_admin, account, admin_control, proposed, GovernedSuite};

const DAY: u64 = 86_400_000;

fn settings() -> Settings {
    sandbox_tests::governance_settings_in_days()
}

struct Cast {
    admin: AccountId,
    alice: AccountId,
    bob: AccountId,
    carol: AccountId,
}

fn cast() -> Cast {
    Cast {
        admin: account(1),
        alice: account(50),
        bob: account(51),
        carol: account(52),
    }
}

/// Given: the suite with governance; Alice locked 500, Bob 300, Carol 200
/// (1,000 in all); the admin proposed governance as the registry's admin.
fn given_locked_voters() -> GovernedSuite {
    let mut suite = GovernedSuite::deploy(settings());
    let who = cast();
    for (holder, amount) in [(who.alice, 500), (who.bob, 300), (who.carol, 200)] {
        suite.lock(holder, amount);
    }
    let registry = suite.health.providers;
    suite.hand_over(registry);
    suite.chain().advance_time(1);
    suite
}

/// The call that sets `kind`'s required attestations to `required`.
fn require_attestations(suite: &GovernedSuite, kind: ProviderKind, required: u8) -> ProposedCall {
    proposed(&suite.health.provider_calls().set_required_attestations(kind, required))
}

fn propose(suite: &mut GovernedSuite, proposer: AccountId, calls: Vec<ProposedCall>) -> u32 {
    let propose = suite.governance_calls().propose(calls, Hash::from([1; 32]));
    suite.chain().call(proposer, &propose).value.expect("proposes")
}

fn vote(suite: &mut GovernedSuite, voter: AccountId, id: u32, support: Support) -> Result<u128, Error> {
    let vote = suite.governance_calls().vote(id, support);
    suite.chain().call(voter, &vote).value
}

fn state(suite: &mut GovernedSuite, id: u32) -> ProposalState {
    let state = suite.governance_calls().state(id);
    suite
        .chain()
        .query(account(1), &state)
        .value
        .expect("the proposal exists")
}

#[test]
fn a_proposal_changes_a_provider_kinds_required_attestations() {
    // given locked voters and the registry handed over to governance
    let mut suite = given_locked_voters();
    let who = cast();
    let registry = suite.health.providers;
    // when Alice proposes: governance accepts the registry's admin role and
    // hospitals need three attestations
    let calls = vec![
        accept_admin(registry),
        require_attestations(&suite, ProviderKind::Hospital, 3),
    ];
    let id = propose(&mut suite, who.alice, calls);
    // then it is pending: a vote now is refused
    assert_eq!(
        vote(&mut suite, who.bob, id, Support::For),
        Err(Error::ProposalNot {
            found: ProposalState::Pending
        })
    );
    // when voting opens, Alice and Bob vote for, Carol against
    suite.chain().advance_time(DAY + 1);
    assert_eq!(state(&mut suite, id), ProposalState::Active);
    assert_eq!(vote(&mut suite, who.alice, id, Support::For), Ok(500));
    assert_eq!(vote(&mut suite, who.bob, id, Support::For), Ok(300));
    assert_eq!(vote(&mut suite, who.carol, id, Support::Against), Ok(200));
    // then a second vote and an unlock while voting runs are refused
    assert_eq!(
        vote(&mut suite, who.bob, id, Support::Against),
        Err(Error::AlreadyVoted)
    );
    let unlock = suite.governance_calls().unlock(300);
    let until = suite.chain().call(who.bob, &unlock).value;
    assert!(
        matches!(until, Err(Error::Power(PowerError::VoteLive { .. }))),
        "{until:?}"
    );
    // and it cannot be queued before voting ends
    let queue = suite.governance_calls().queue(id);
    assert_eq!(
        suite.chain().call(who.carol, &queue).value,
        Err(Error::ProposalNot {
            found: ProposalState::Active
        })
    );
    // when voting ends it succeeded; anyone queues it
    suite.chain().advance_time(3 * DAY);
    assert_eq!(state(&mut suite, id), ProposalState::Succeeded);
    let eta = suite.chain().block_time() + 2 * DAY;
    assert_eq!(
        suite.chain().call(who.carol, &queue).value,
        Ok(Timelock {
            eta,
            expires: eta + 14 * DAY
        })
    );
    // then executing before the timelock is refused and changes nothing
    let execute = suite.governance_calls().execute(id);
    assert_eq!(
        suite.chain().call(who.carol, &execute).value,
        Err(Error::TimelockRunning { eta })
    );
    let required = suite
        .health
        .provider_calls()
        .required_attestations(ProviderKind::Hospital);
    assert_eq!(suite.chain().query(who.admin, &required).value, 1);
    // when the timelock passed, Carol executes
    suite.chain().advance_time(2 * DAY);
    assert_eq!(suite.chain().call(who.carol, &execute).value, Ok(()));
    // then hospitals need three attestations and governance is the registry's admin
    assert_eq!(suite.chain().query(who.admin, &required).value, 3);
    let admin_now = admin_control(registry).call().admin();
    assert_eq!(suite.chain().query(who.admin, &admin_now).value, suite.governance);
    assert_eq!(state(&mut suite, id), ProposalState::Executed);
    // and a second execution is refused
    assert_eq!(
        suite.chain().call(who.carol, &execute).value,
        Err(Error::ProposalNot {
            found: ProposalState::Executed
        })
    );
    // and the deployer is an outsider to the registry now
    let by_deployer = suite
        .health
        .provider_calls()
        .set_required_attestations(ProviderKind::Hospital, 1);
    assert!(suite.chain().call(who.admin, &by_deployer).value.is_err());
    assert_eq!(suite.chain().query(who.admin, &required).value, 3);
    // and once voting is over Bob may unlock
    assert_eq!(suite.chain().call(who.bob, &unlock).value, Ok(0));
}

#[test]
fn tokens_locked_after_the_snapshot_do_not_count_and_a_lower_quorum_later_does_not_revive_a_defeat() {
    // given Carol's proposal, made while 1,000 are locked (quorum 400)
    let mut suite = given_locked_voters();
    let who = cast();
    let calls = vec![require_attestations(&suite, ProviderKind::Laboratory, 2)];
    let id = propose(&mut suite, who.carol, calls);
    // when Dave locks 5,000 after the snapshot and votes
    suite.chain().advance_time(DAY + 1);
    let dave = account(53);
    suite.lock(dave, 5_000);
    // then he has no power on it
    assert_eq!(vote(&mut suite, dave, id, Support::For), Err(Error::NoVotingPower));
    // when only Carol (200) votes for, short of the 400 quorum
    assert_eq!(vote(&mut suite, who.carol, id, Support::For), Ok(200));
    suite.chain().advance_time(3 * DAY);
    // then it is defeated and cannot be queued
    assert_eq!(state(&mut suite, id), ProposalState::Defeated);
    let queue = suite.governance_calls().queue(id);
    assert_eq!(
        suite.chain().call(who.carol, &queue).value,
        Err(Error::ProposalNot {
            found: ProposalState::Defeated
        })
    );
    // when a second proposal lowers the quorum to 1 % (Alice and Dave pass it)
    let mut lower = settings();
    lower.quorum_bps = 100;
    let set_settings = proposed(&suite.governance_calls().set_settings(lower));
    let second = propose(&mut suite, who.alice, vec![set_settings]);
    suite.chain().advance_time(DAY + 1);
    assert_eq!(vote(&mut suite, dave, second, Support::For), Ok(5_000));
    suite.chain().advance_time(3 * DAY);
    let queue_second = suite.governance_calls().queue(second);
    assert!(suite.chain().call(who.alice, &queue_second).value.is_ok());
    suite.chain().advance_time(2 * DAY);
    let execute = suite.governance_calls().execute(second);
    assert_eq!(suite.chain().call(who.alice, &execute).value, Ok(()));
    let read_settings = suite.governance_calls().settings();
    assert_eq!(suite.chain().query(who.admin, &read_settings).value, lower);
    // then the first proposal keeps its 40 % quorum and stays defeated
    assert_eq!(state(&mut suite, id), ProposalState::Defeated);
    let quorum = suite.governance_calls().quorum(id);
    assert_eq!(suite.chain().query(who.admin, &quorum).value, Some(400));
    assert_eq!(
        suite.chain().call(who.carol, &queue).value,
        Err(Error::ProposalNot {
            found: ProposalState::Defeated
        })
    );
}

#[test]
fn a_failing_second_call_reverts_the_first_and_the_proposal_stays_queued() {
    // given a proposal of three calls: accept the registry's admin role,
    // require zero attestations of hospitals (the registry refuses 0), and
    // require two of laboratories
    let mut suite = given_locked_voters();
    let who = cast();
    let registry = suite.health.providers;
    let calls = vec![
        accept_admin(registry),
        require_attestations(&suite, ProviderKind::Hospital, 0),
        require_attestations(&suite, ProviderKind::Laboratory, 2),
    ];
    let id = propose(&mut suite, who.alice, calls);
    suite.chain().advance_time(DAY + 1);
    assert_eq!(vote(&mut suite, who.alice, id, Support::For), Ok(500));
    suite.chain().advance_time(3 * DAY);
    let queue = suite.governance_calls().queue(id);
    assert!(suite.chain().call(who.bob, &queue).value.is_ok());
    suite.chain().advance_time(2 * DAY);
    // when Bob executes
    let execute = suite.governance_calls().execute(id);
    let outcome = suite.chain().call(who.bob, &execute);
    // then execution names the second call, refused by its callee
    assert_eq!(
        outcome.value,
        Err(Error::CallFailed {
            call: 1,
            fault: CallFault::Refused
        })
    );
    assert!(outcome.reverted);
    // and nothing of the first call persists: the admin is still the deployer
    let admin_now = admin_control(registry).call().admin();
    assert_eq!(suite.chain().query(who.admin, &admin_now).value, who.admin);
    let pending = admin_control(registry).call().pending_admin();
    assert_eq!(suite.chain().query(who.admin, &pending).value, Some(suite.governance));
    // and the proposal stays queued
    assert_eq!(state(&mut suite, id), ProposalState::Queued);
    // when its grace period passes unexecuted, it expires
    suite.chain().advance_time(14 * DAY + 1);
    assert_eq!(state(&mut suite, id), ProposalState::Expired);
    assert_eq!(
        suite.chain().call(who.bob, &execute).value,
        Err(Error::ProposalNot {
            found: ProposalState::Expired
        })
    );
}

#[test]
fn a_stranger_cannot_cancel_the_proposer_can_while_pending_and_unknown_proposals_are_named() {
    let mut suite = given_locked_voters();
    let who = cast();
    let calls = vec![require_attestations(&suite, ProviderKind::Pharmacy, 2)];
    let id = propose(&mut suite, who.alice, calls);
    let cancel = suite.governance_calls().cancel(id);
    assert_eq!(
        suite.chain().call(who.bob, &cancel).value,
        Err(Error::NotAllowedToCancel)
    );
    assert_eq!(state(&mut suite, id), ProposalState::Pending);
    assert_eq!(vote(&mut suite, who.bob, 99, Support::For), Err(Error::UnknownProposal));
    assert_eq!(suite.chain().call(who.alice, &cancel).value, Ok(()));
    suite.chain().advance_time(DAY + 1);
    assert_eq!(state(&mut suite, id), ProposalState::Canceled);
    assert_eq!(
        vote(&mut suite, who.bob, id, Support::For),
        Err(Error::ProposalNot {
            found: ProposalState::Canceled
        })
    );
    // a proposal to an account that is not a contract is refused and takes no id
    let to_a_person = ProposedCall {
        callee: who.carol,
        selector: [1, 2, 3, 4],
        input: Vec::new(),
        value: 0,
    };
    let propose = suite.governance_calls().propose(vec![to_a_person], Hash::from([2; 32]));
    assert_eq!(
        suite.chain().call(who.alice, &propose).value,
        Err(Error::CalleeNotContract { call: 0 })
    );
    let count = suite.governance_calls().proposal_count();
    assert_eq!(suite.chain().query(who.admin, &count).value, 1);
    // AdminError is what the registry answers its old admin
    let propose_admin = admin_control(suite.health.providers).call_mut().propose_admin(who.bob);
    assert_eq!(
        suite.chain().call(who.bob, &propose_admin).value,
        Err(AdminError::NotAdmin)
    );
}

/// Proposes `calls` as Alice, has Alice and Bob (800 of 1,000) vote for
/// them, and waits for voting to end. Returns the Succeeded proposal's id.
fn passed(suite: &mut GovernedSuite, calls: Vec<ProposedCall>) -> u32 {
    let who = cast();
    let id = propose(suite, who.alice, calls);
    suite.chain().advance_time(DAY + 1);
    assert_eq!(vote(suite, who.alice, id, Support::For), Ok(500));
    assert_eq!(vote(suite, who.bob, id, Support::For), Ok(300));
    suite.chain().advance_time(3 * DAY);
    assert_eq!(state(suite, id), ProposalState::Succeeded);
    id
}

/// Queues proposal `id`, waits out its timelock and executes it as Carol.
fn queued_and_executed(suite: &mut GovernedSuite, id: u32) -> Result<(), Error> {
    let queue = suite.governance_calls().queue(id);
    assert!(suite.chain().call(cast().carol, &queue).value.is_ok());
    suite.chain().advance_time(2 * DAY);
    let execute = suite.governance_calls().execute(id);
    suite.chain().call(cast().carol, &execute).value
}

fn proposal_count(suite: &mut GovernedSuite) -> u32 {
    let count = suite.governance_calls().proposal_count();
    suite.chain().query(account(1), &count).value
}

#[test]
fn settings_that_would_freeze_governance_are_refused_and_an_unreachable_threshold_is_capped() {
    // given locked voters
    let mut suite = given_locked_voters();
    let who = cast();
    // when Alice proposes settings that would freeze governance: a quorum of
    // 100 %, a grace period shorter than the timelock, a year of voting, an
    // hour of voting (below the day this governance, made with three, keeps)
    let freezing: [fn(&mut Settings); 4] = [
        |s| s.quorum_bps = 10_000,
        |s| (s.timelock, s.grace_period) = (2 * DAY, 1),
        |s| s.voting_period = 365 * DAY,
        |s| s.voting_period = DAY / 24,
    ];
    for freeze in freezing {
        let mut bad = settings();
        freeze(&mut bad);
        let call = proposed(&suite.governance_calls().set_settings(bad));
        let propose = suite.governance_calls().propose(vec![call], Hash::from([3; 32]));
        // then each is refused and takes no id
        assert_eq!(
            suite.chain().call(who.alice, &propose).value,
            Err(Error::InvalidSelfCall { call: 0 })
        );
    }
    assert_eq!(proposal_count(&mut suite), 0);
    // when a proposal sets a threshold no holder has, and passes
    let unreachable = Settings {
        proposal_threshold: u128::MAX,
        ..settings()
    };
    let raise = proposed(&suite.governance_calls().set_settings(unreachable));
    let id = passed(&mut suite, vec![raise]);
    assert_eq!(queued_and_executed(&mut suite, id), Ok(()));
    let now = suite.governance_calls().settings();
    assert_eq!(suite.chain().query(who.admin, &now).value.proposal_threshold, u128::MAX);
    // then Carol, with 200 of 1,000 locked, still proposes the undo: the
    // threshold in force is capped at 10 % of the power locked
    let undo = proposed(&suite.governance_calls().set_settings(settings()));
    assert_eq!(propose(&mut suite, who.carol, vec![undo]), 2);
}

#[test]
fn a_proposal_that_moves_the_locked_tokens_is_reverted_and_one_that_approves_them_is_refused() {
    use interfaces::traits::PSP22;
    // given locked voters: governance holds their 1,000
    let mut suite = given_locked_voters();
    let who = cast();
    let mut token = sandbox_tests::calls::<reward_token::reward_token::RewardToken>(suite.token);
    let held = token.balance_of(suite.governance);
    assert_eq!(suite.chain().query(who.admin, &held).value, 1_000);
    // when Alice proposes to approve herself as a spender of governance's tokens
    let approve = proposed(&token.approve(who.alice, 1_000));
    let propose = suite.governance_calls().propose(vec![approve], Hash::from([4; 32]));
    // then it is refused and takes no id
    assert_eq!(
        suite.chain().call(who.alice, &propose).value,
        Err(Error::ApprovesLockedTokens { call: 0 })
    );
    assert_eq!(proposal_count(&mut suite), 0);
    // when Alice and Bob pass a transfer of 800 of the locked tokens to Alice
    let id = passed(&mut suite, vec![proposed(&token.transfer(who.alice, 800, Vec::new()))]);
    // then its execution is refused, and nothing moved
    assert_eq!(
        queued_and_executed(&mut suite, id),
        Err(Error::LockedTokensMoved {
            balance: 200,
            locked: 1_000
        })
    );
    assert_eq!(suite.chain().query(who.admin, &held).value, 1_000);
    let alice_holds = token.balance_of(who.alice);
    assert_eq!(suite.chain().query(who.admin, &alice_holds).value, 0);
    assert_eq!(state(&mut suite, id), ProposalState::Queued);
}

#[test]
fn a_succeeded_proposal_not_queued_within_the_grace_period_expires() {
    // given a proposal that succeeded and that nobody queued
    let mut suite = given_locked_voters();
    let who = cast();
    let change = require_attestations(&suite, ProviderKind::Pharmacy, 2);
    let id = passed(&mut suite, vec![change]);
    // when the grace period after the end of voting has passed
    suite.chain().advance_time(14 * DAY + 1);
    // then it expired and cannot be queued
    assert_eq!(state(&mut suite, id), ProposalState::Expired);
    let queue = suite.governance_calls().queue(id);
    assert_eq!(
        suite.chain().call(who.carol, &queue).value,
        Err(Error::ProposalNot {
            found: ProposalState::Expired
        })
    );
    let proposal = suite.governance_calls().proposal(id);
    let read = suite.chain().query(who.admin, &proposal).value.expect("exists");
    assert_eq!(read.timelock, None, "nothing stored");
}

#[test]
fn the_guardian_cannot_cancel_the_proposal_that_removes_it_but_may_cancel_a_bundle() {
    // given governance with Dave as guardian, and locked voters
    let dave = account(53);
    let mut suite = GovernedSuite::deploy(Settings {
        guardian: Some(dave),
        ..settings()
    });
    let who = cast();
    for (holder, amount) in [(who.alice, 500), (who.bob, 300), (who.carol, 200)] {
        suite.lock(holder, amount);
    }
    suite.chain().fund(dave);
    // when Alice proposes to remove the guardian, and the same removal
    // bundled with another change
    let removal = proposed(&suite.governance_calls().set_settings(settings()));
    let removal_id = propose(&mut suite, who.alice, vec![removal.clone()]);
    let bundled = vec![removal, require_attestations(&suite, ProviderKind::Pharmacy, 2)];
    let other = propose(&mut suite, who.alice, bundled);
    // then the guardian cannot cancel its removal, which stays pending
    let cancel = suite.governance_calls().cancel(removal_id);
    assert_eq!(
        suite.chain().call(dave, &cancel).value,
        Err(Error::GuardianCannotCancelItsRemoval)
    );
    assert_eq!(state(&mut suite, removal_id), ProposalState::Pending);
    // and may still cancel the bundle: the removal shields no other call
    let cancel_other = suite.governance_calls().cancel(other);
    assert_eq!(suite.chain().call(dave, &cancel_other).value, Ok(()));
    assert_eq!(state(&mut suite, other), ProposalState::Canceled);
}
