//! The token DAO on a real `substrate-contracts-node`: holders lock reward
//! tokens, propose, vote, wait out delay, voting and timelock, and execute;
//! a failing call reverts the whole execution; governance takes over every
//! contract's admin role. Block time must pass, which the ink_e2e sandbox
//! does not do: the drink tier has the time-travel versions.

#[macro_use]
mod common;

use audit_trail::chain::RangeCheck;
use common::*;
use consent::book::Consent;
use governance::governance::{CallFault, Error as GovernanceError};
use governance::power::PowerError;
use governance::proposal::{ProposalState, Support};
use governance::settings::Settings;
use ink::primitives::{AccountId, Hash};
use ink_e2e::AccountKeyring::{Alice, Bob};
use interfaces::traits::RecordSummary;
use interfaces::{AdminControl, AdminError, ProviderKind, Purpose};
use record_access::record_access::AccessOutcome;

/// Three seconds before voting opens, four of voting, a three-second
/// timelock, ten minutes of grace; 100 tokens to propose; a 40 % quorum.
fn short_settings(clock: BlockClock) -> Settings {
    Settings {
        voting_delay: clock.seconds(3),
        voting_period: clock.seconds(4),
        proposal_threshold: 100,
        quorum_bps: 4_000,
        timelock: clock.seconds(3),
        grace_period: clock.seconds(600),
        guardian: None,
    }
}

/// What an upgrade must keep: Bob's consents to the hospital and the
/// physician, record 1's summary, and Bob's token balance.
async fn written_state<Client: Backend>(
    client: &mut Client,
    health: &HealthSuite,
    token: AccountId,
) -> (Option<Consent>, Option<Consent>, Option<RecordSummary>, u128) {
    use interfaces::traits::{RecordLookup, PSP22};
    let who = cast();
    let consents = health.consent_calls();
    let token_calls = ink_e2e::create_call_builder::<reward_token::reward_token::RewardToken>(token);
    (
        read(client, &consents.consent(who.patient, who.hospital)).await,
        read(client, &consents.consent(who.patient, who.physician)).await,
        read(client, &health.record_calls().record_summary(1)).await,
        read(client, &token_calls.balance_of(who.patient)).await,
    )
}

mod stories {
    use super::*;

    /// Alice proposes that hospitals need three attestations (and that
    /// governance accepts the registry's admin role); Bob opposes; the
    /// proposal passes, waits out its timelock and is executed. A second
    /// proposal whose middle call the registry refuses fails as a whole.
    pub async fn token_holders_change_a_registry_setting_and_a_failing_call_reverts_everything<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the health suite, the token and governance; Alice locked
        // 1,000 and Bob 500; the deployer proposed governance as the
        // registry's admin
        let health = deploy_health_suite(&mut client).await;
        let token = deploy_token(&mut client).await;
        let governance = deploy_governance(&mut client, token, short_settings(clock)).await;
        lock_tokens(&mut client, token, governance, &ink_e2e::alice(), 1_000).await;
        lock_tokens(&mut client, token, governance, &ink_e2e::bob(), 500).await;
        let mut registry = health.provider_calls();
        submit(&mut client, &ink_e2e::alice(), &registry.propose_admin(governance))
            .await
            .expect("the deployer proposes governance");
        let mut dao = governance_calls(governance);
        // when Alice proposes the change, and a second proposal whose middle
        // call (zero attestations) the registry refuses
        let change = vec![
            accept_admin_call(health.providers),
            proposed(&registry.set_required_attestations(ProviderKind::Hospital, 3)),
        ];
        let broken = vec![
            accept_admin_call(health.providers),
            proposed(&registry.set_required_attestations(ProviderKind::Hospital, 0)),
            proposed(&registry.set_required_attestations(ProviderKind::Laboratory, 2)),
        ];
        let first = submit(
            &mut client,
            &ink_e2e::alice(),
            &dao.propose(change, Hash::from([1; 32])),
        )
        .await
        .expect("Alice holds the threshold");
        let second = submit(
            &mut client,
            &ink_e2e::alice(),
            &dao.propose(broken, Hash::from([2; 32])),
        )
        .await
        .expect("Alice holds the threshold");
        // then a vote before voting opens is refused
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &dao.vote(first, Support::Against)).await,
            GovernanceError::ProposalNot {
                found: ProposalState::Pending
            }
        );
        // when voting opens on both (the second was proposed a block later,
        // so its snapshot and end are later), Alice votes for both and Bob
        // against the first
        let proposal = read(&mut client, &dao.proposal(first)).await.expect("exists");
        let later = read(&mut client, &dao.proposal(second)).await.expect("exists");
        pass_block_time(&mut client, token, proposal.snapshot.max(later.snapshot)).await;
        assert_eq!(read(&mut client, &dao.state(first)).await, Ok(ProposalState::Active));
        for id in [first, second] {
            let weight = submit(&mut client, &ink_e2e::alice(), &dao.vote(id, Support::For)).await;
            assert_eq!(weight, Ok(1_000));
        }
        let weight = submit(&mut client, &ink_e2e::bob(), &dao.vote(first, Support::Against)).await;
        assert_eq!(weight, Ok(500));
        // then voting twice and unlocking while voting runs are refused
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &dao.vote(first, Support::For)).await,
            GovernanceError::AlreadyVoted
        );
        assert!(matches!(
            refused(&mut client, &ink_e2e::bob(), &dao.unlock(500)).await,
            GovernanceError::Power(PowerError::VoteLive { .. })
        ));
        assert_eq!(read(&mut client, &dao.locked_of(account(Bob))).await, 500);
        // when voting ends, both succeeded (1,000 for of 1,500: quorum 600)
        pass_block_time(&mut client, token, proposal.vote_end.max(later.vote_end)).await;
        assert_eq!(read(&mut client, &dao.state(first)).await, Ok(ProposalState::Succeeded));
        let mut etas = Vec::new();
        for id in [first, second] {
            submit(&mut client, &ink_e2e::bob(), &dao.queue(id))
                .await
                .expect("anyone queues a succeeded proposal");
            // (read back: a submission returns its dry run's answer, made at
            // the previous block's time)
            let queued = read(&mut client, &dao.proposal(id)).await.expect("exists");
            etas.push(queued.timelock.expect("queued").eta);
        }
        // then executing before the timelock is refused
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &dao.execute(first)).await,
            GovernanceError::TimelockRunning { eta: etas[0] }
        );
        // when the timelock passed, the second proposal is executed first
        pass_block_time(&mut client, token, etas[0].max(etas[1])).await;
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &dao.execute(second)).await,
            GovernanceError::CallFailed {
                call: 1,
                fault: CallFault::Refused
            }
        );
        // then nothing of its first call persists and it stays queued
        assert_eq!(read(&mut client, &registry.admin()).await, account(Alice));
        assert_eq!(read(&mut client, &registry.pending_admin()).await, Some(governance));
        assert_eq!(read(&mut client, &dao.state(second)).await, Ok(ProposalState::Queued));
        // when Bob executes the first
        execute_proposal(&mut client, governance, first).await;
        // then hospitals need three attestations and governance is the registry's admin
        let required = registry.required_attestations(ProviderKind::Hospital);
        assert_eq!(read(&mut client, &required).await, 3);
        assert_eq!(read(&mut client, &registry.admin()).await, governance);
        assert_eq!(read(&mut client, &dao.state(first)).await, Ok(ProposalState::Executed));
        // and it cannot be executed twice, and the deployer is an outsider now
        assert_eq!(
            refused(&mut client, &ink_e2e::bob(), &dao.execute(first)).await,
            GovernanceError::ProposalNot {
                found: ProposalState::Executed
            }
        );
        let by_deployer = registry.set_required_attestations(ProviderKind::Hospital, 1);
        refused(&mut client, &ink_e2e::alice(), &by_deployer).await;
        assert_eq!(read(&mut client, &required).await, 3);
        Ok(())
    }

    /// A proposal moves the audit trail and the consent contract to v2 code
    /// (uploaded first; v2 adds `code_version`): every consent, record,
    /// audit entry and balance written before reads back unchanged, the
    /// physician is still granted the record, and the chain still verifies
    /// with new entries appended after the upgrade.
    pub async fn an_upgrade_by_proposal_keeps_every_consent_record_entry_and_balance<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given a lab record shared with a physician under the patient's
        // consents, Bob holding 700 tokens, and governance (Alice locked 1,000)
        let health = given_a_lab_record_shared_with_a_physician(&mut client, clock).await;
        let who = cast();
        let token = deploy_token(&mut client).await;
        let governance = deploy_governance(&mut client, token, short_settings(clock)).await;
        lock_tokens(&mut client, token, governance, &ink_e2e::alice(), 1_000).await;
        let mut token_calls = ink_e2e::create_call_builder::<reward_token::reward_token::RewardToken>(token);
        submit(&mut client, &ink_e2e::alice(), &token_calls.mint_to(who.patient, 700))
            .await
            .expect("Alice mints Bob 700");
        let (audit, consent) = (health.consent_suite.audit, health.consent_suite.consent);
        let before = written_state(&mut client, &health, token).await;
        let (entries_before, head_before, _) = audit_history(&mut client, audit, who.patient).await;
        assert!(before.0.is_some() && before.1.is_some() && before.2.is_some());
        assert_eq!(before.3, 700);
        // when the v2 codes are uploaded and a proposal switches both contracts to them
        let audit_v2 = client
            .upload("audit_trail_v2", &ink_e2e::alice())
            .submit()
            .await
            .expect("v2 of the audit trail uploads")
            .code_hash;
        let consent_v2 = client
            .upload("consent_v2", &ink_e2e::alice())
            .submit()
            .await
            .expect("v2 of consent uploads")
            .code_hash;
        for contract in [audit, consent] {
            let mut admin = ink_e2e::create_call_builder::<audit_trail::audit_trail::AuditTrail>(contract);
            submit(&mut client, &ink_e2e::alice(), &admin.propose_admin(governance))
                .await
                .expect("the deployer proposes governance");
        }
        let mut audit_admin = ink_e2e::create_call_builder::<audit_trail::audit_trail::AuditTrail>(audit);
        let mut consent_admin = ink_e2e::create_call_builder::<consent::consent::ConsentRegistry>(consent);
        let calls = vec![
            accept_admin_call(audit),
            accept_admin_call(consent),
            proposed(&audit_admin.set_code(audit_v2)),
            proposed(&consent_admin.set_code(consent_v2)),
        ];
        let mut dao = governance_calls(governance);
        let id = submit(&mut client, &ink_e2e::alice(), &dao.propose(calls, Hash::from([4; 32])))
            .await
            .expect("proposes");
        let proposal = read(&mut client, &dao.proposal(id)).await.expect("exists");
        pass_block_time(&mut client, token, proposal.snapshot).await;
        submit(&mut client, &ink_e2e::alice(), &dao.vote(id, Support::For))
            .await
            .expect("votes");
        pass_block_time(&mut client, token, proposal.vote_end).await;
        submit(&mut client, &ink_e2e::alice(), &dao.queue(id))
            .await
            .expect("queues");
        let queued = read(&mut client, &dao.proposal(id)).await.expect("exists");
        pass_block_time(&mut client, token, queued.timelock.expect("queued").eta).await;
        execute_proposal(&mut client, governance, id).await;
        // then both contracts answer v2's new message at their old addresses
        let audit_now = ink_e2e::create_call_builder::<audit_trail_v2::audit_trail::AuditTrail>(audit);
        let consent_now = ink_e2e::create_call_builder::<consent_v2::consent::ConsentRegistry>(consent);
        assert_eq!(read(&mut client, &audit_now.code_version()).await, 2);
        assert_eq!(read(&mut client, &consent_now.code_version()).await, 2);
        // and everything written before reads back unchanged
        assert_eq!(written_state(&mut client, &health, token).await, before);
        let (entries_after, head_after, verification) = audit_history(&mut client, audit, who.patient).await;
        assert_eq!((&entries_after, &head_after), (&entries_before, &head_before));
        assert_eq!(
            verification,
            RangeCheck::Intact {
                last_hash: head_after.hash
            }
        );
        // and the physician is still granted the record under the old consent,
        // which v2 audits onto the same chain
        let outcome = request_access(&mut client, &health, &ink_e2e::dave(), 1, Purpose::Treatment).await;
        assert!(matches!(outcome, AccessOutcome::Granted(_)), "{outcome:?}");
        let (entries, head, verification) = audit_history(&mut client, audit, who.patient).await;
        assert_eq!(head.seq, head_before.seq + 1);
        assert_eq!(entries[..entries_before.len()], entries_before[..]);
        assert_eq!(verification, RangeCheck::Intact { last_hash: head.hash });
        Ok(())
    }

    /// The deployer proposes governance as admin of every contract; one
    /// executed proposal accepts all of them; the deployer is then refused
    /// on every admin message, and governance is the admin everywhere.
    pub async fn governance_takes_over_every_contract_and_the_deployer_holds_no_admin_role<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given the whole suite, its token and governance, Alice locked 1,000
        let rewarded = deploy_rewarded_suite(&mut client).await;
        let insured = deploy_insurance(&mut client, &rewarded.health, 10_000).await;
        let governance = deploy_governance(&mut client, rewarded.token, short_settings(clock)).await;
        lock_tokens(&mut client, rewarded.token, governance, &ink_e2e::alice(), 1_000).await;
        let health = &rewarded.health;
        let contracts: [(&str, AccountId); 7] = [
            ("audit_trail", health.consent_suite.audit),
            ("consent", health.consent_suite.consent),
            ("provider_verification", health.providers),
            ("record_access", health.records),
            ("reward_token", rewarded.token),
            ("reward_pool", rewarded.pool),
            ("insurance", insured.insurance),
        ];
        // when the deployer proposes governance everywhere and one proposal accepts all
        for (_, contract) in contracts {
            let mut admin = ink_e2e::create_call_builder::<audit_trail::audit_trail::AuditTrail>(contract);
            submit(&mut client, &ink_e2e::alice(), &admin.propose_admin(governance))
                .await
                .expect("the deployer proposes governance");
        }
        let mut dao = governance_calls(governance);
        let calls = contracts
            .iter()
            .map(|(_, contract)| accept_admin_call(*contract))
            .collect();
        let id = submit(&mut client, &ink_e2e::alice(), &dao.propose(calls, Hash::from([3; 32])))
            .await
            .expect("proposes");
        let proposal = read(&mut client, &dao.proposal(id)).await.expect("exists");
        pass_block_time(&mut client, rewarded.token, proposal.snapshot).await;
        submit(&mut client, &ink_e2e::alice(), &dao.vote(id, Support::For))
            .await
            .expect("votes");
        pass_block_time(&mut client, rewarded.token, proposal.vote_end).await;
        submit(&mut client, &ink_e2e::alice(), &dao.queue(id))
            .await
            .expect("queues");
        let queued = read(&mut client, &dao.proposal(id)).await.expect("exists");
        pass_block_time(&mut client, rewarded.token, queued.timelock.expect("queued").eta).await;
        execute_proposal(&mut client, governance, id).await;
        // then governance is the admin of every contract and the deployer is refused
        for (name, contract) in contracts {
            let mut admin = ink_e2e::create_call_builder::<audit_trail::audit_trail::AuditTrail>(contract);
            assert_eq!(read(&mut client, &admin.admin()).await, governance, "{name}");
            assert_eq!(read(&mut client, &admin.pending_admin()).await, None, "{name}");
            assert_eq!(
                refused(&mut client, &ink_e2e::alice(), &admin.propose_admin(account(Alice))).await,
                AdminError::NotAdmin,
                "{name}"
            );
            assert_eq!(
                refused(&mut client, &ink_e2e::alice(), &admin.set_code(Hash::from([9; 32]))).await,
                AdminError::NotAdmin,
                "{name}"
            );
        }
        // and what a single key could once change now needs a proposal
        let mut pool = rewarded.pool_calls();
        refused(&mut client, &ink_e2e::alice(), &pool.set_crediter(account(Alice))).await;
        assert_eq!(read(&mut client, &pool.crediter()).await, health.records);
        let mut records = health.record_calls();
        let links = read(&mut client, &records.linked_contracts()).await;
        let mut yes_man = links;
        yes_man.consent = account(Alice);
        refused(&mut client, &ink_e2e::alice(), &records.set_linked_contracts(yes_man)).await;
        assert_eq!(read(&mut client, &records.linked_contracts()).await, links);
        let mut registry = health.provider_calls();
        let appoint = registry.appoint_verifier(account(Alice), vec![ProviderKind::Hospital]);
        refused(&mut client, &ink_e2e::alice(), &appoint).await;
        assert!(read(&mut client, &registry.verifier_kinds(account(Alice)))
            .await
            .is_empty());
        // and governance's own settings are refused from outside too
        let mut lower = short_settings(clock);
        lower.quorum_bps = 1;
        assert_eq!(
            refused(&mut client, &ink_e2e::alice(), &dao.set_settings(lower)).await,
            GovernanceError::OnlyByProposal
        );
        assert_eq!(read(&mut client, &dao.settings()).await, short_settings(clock));
        Ok(())
    }
}

on_node!(token_holders_change_a_registry_setting_and_a_failing_call_reverts_everything);
on_node!(governance_takes_over_every_contract_and_the_deployer_holds_no_admin_role);
on_node!(an_upgrade_by_proposal_keeps_every_consent_record_entry_and_balance);
