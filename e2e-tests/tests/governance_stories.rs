//! The token DAO on a real `substrate-contracts-node`: holders lock reward
//! tokens, propose, vote, wait out delay, voting and timelock, and execute;
//! a failing call reverts the whole execution; governance takes over every
//! contract's admin role. Block time must pass, which the ink_e2e sandbox
//! does not do: the drink tier has the time-travel versions.

#[macro_use]
mod common;

use common::*;
use governance::governance::{CallFault, Error as GovernanceError};
use governance::power::PowerError;
use governance::proposal::{ProposalState, Support};
use governance::settings::Settings;
use ink::primitives::{AccountId, Hash};
use ink_e2e::AccountKeyring::{Alice, Bob};
use interfaces::{AdminControl, AdminError, ProviderKind};

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
        // when voting opens, Alice votes for both and Bob against the first
        let proposal = read(&mut client, &dao.proposal(first)).await.expect("exists");
        pass_block_time(&mut client, token, proposal.snapshot).await;
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
        pass_block_time(&mut client, token, proposal.vote_end).await;
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
