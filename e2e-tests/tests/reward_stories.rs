//! Research rewards in the PSP22 reward token: a sponsor deposits, a
//! researcher with consent reads, the patient earns and withdraws; and the
//! token's roles and pause. Each story runs on a real
//! `substrate-contracts-node` and on the ink_e2e sandbox.

#[macro_use]
mod common;

use common::*;
use ink::primitives::{AccountId, Hash};
use ink_e2e::AccountKeyring::{Bob, Charlie, Dave, Eve};
use interfaces::traits::{PSP22Error, RewardCredit, RewardError, PSP22};
use interfaces::{Action, AuditAction, DataCategory, ProviderKind, Purpose};
use record_access::record_access::{AccessOutcome, RewardOutcome};
use reward_pool::reward_pool::Error as PoolError;
use reward_token::reward_token::Error as TokenError;

const MINTED: u128 = 1_000;
const DEPOSIT: u128 = 100;
const RATE: u128 = 30;

/// Given: Charlie is a verified researcher holding `MINTED` tokens, who
/// deposited `DEPOSIT` at `RATE` per access; Bob lets Charlie read his lab
/// results for research, and holds three lab records (ids 1 to 3).
async fn given_a_sponsored_researcher<Client: Backend>(client: &mut Client, clock: BlockClock) -> RewardedSuite {
    let suite = deploy_rewarded_suite(client).await;
    let (patient, researcher) = (account(Bob), account(Charlie));
    let mut registry = suite.health.provider_calls();
    let alice = account(ink_e2e::AccountKeyring::Alice);
    client
        .call(
            &ink_e2e::alice(),
            &registry.appoint_verifier(alice, vec![ProviderKind::Researcher]),
        )
        .submit()
        .await
        .expect("admin appoints a verifier");
    let apply = registry.apply(application(ProviderKind::Researcher, clock.a_year_from_now()));
    client
        .call(&ink_e2e::charlie(), &apply)
        .submit()
        .await
        .expect("researcher applies");
    client
        .call(&ink_e2e::alice(), &registry.attest(researcher))
        .submit()
        .await
        .expect("researcher attested");
    let grant = suite.health.consent_calls().grant(
        patient,
        researcher,
        terms(&[DataCategory::LabResults], &[Purpose::Research], &[Action::Read]),
    );
    client
        .call(&ink_e2e::bob(), &grant)
        .submit()
        .await
        .expect("patient consents to research");
    for _ in 0..3 {
        let own = new_record(patient, DataCategory::LabResults, Hash::default(), 0);
        client
            .call(&ink_e2e::bob(), &suite.health.record_calls().add_record(own))
            .submit()
            .await
            .expect("patient adds a record");
    }

    // the sponsor gets tokens, approves the pool and deposits
    let mut token = suite.token_calls();
    client
        .call(&ink_e2e::alice(), &token.mint_to(researcher, MINTED))
        .submit()
        .await
        .expect("minter mints to the sponsor");
    client
        .call(&ink_e2e::charlie(), &token.approve(suite.pool, DEPOSIT))
        .submit()
        .await
        .expect("sponsor approves the pool");
    client
        .call(&ink_e2e::charlie(), &suite.pool_calls().deposit(DEPOSIT, RATE))
        .submit()
        .await
        .expect("sponsor deposits");
    suite
}

async fn research_read<Client: Backend>(client: &mut Client, suite: &RewardedSuite, record_id: u64) -> RewardOutcome {
    let request = suite.health.record_calls().request_access(record_id, Purpose::Research);
    let outcome = client
        .call(&ink_e2e::charlie(), &request)
        .submit()
        .await
        .expect("request submitted")
        .return_value()
        .expect("a decision");
    match outcome {
        AccessOutcome::Granted(grant) => grant.reward,
        denied => panic!("expected a grant, got {denied:?}"),
    }
}

async fn balance<Client: Backend>(client: &mut Client, suite: &RewardedSuite, owner: AccountId) -> u128 {
    client
        .call(&ink_e2e::ferdie(), &suite.token_calls().balance_of(owner))
        .dry_run()
        .await
        .expect("balance")
        .return_value()
}

async fn solvency<Client: Backend>(client: &mut Client, suite: &RewardedSuite) -> (u128, u128) {
    client
        .call(&ink_e2e::ferdie(), &suite.pool_calls().solvency())
        .dry_run()
        .await
        .expect("solvency")
        .return_value()
        .expect("token answers")
}

mod stories {
    use super::*;

    /// A sponsor deposits; a researcher with consent reads two records; the
    /// patient's earnings rise by two rates; the patient withdraws and the
    /// token balances match. A read the deposit no longer covers is still
    /// granted and audited, and says why no reward was paid.
    pub async fn a_patient_earns_from_consented_research_reads_and_withdraws<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        // given
        let suite = given_a_sponsored_researcher(&mut client, clock).await;
        let (patient, researcher) = (account(Bob), account(Charlie));
        assert_eq!(balance(&mut client, &suite, researcher).await, MINTED - DEPOSIT);
        // when the researcher reads two records for research
        assert_eq!(research_read(&mut client, &suite, 1).await, RewardOutcome::Paid(RATE));
        assert_eq!(research_read(&mut client, &suite, 2).await, RewardOutcome::Paid(RATE));
        // then the patient has earned two rates
        let earned = client
            .call(&ink_e2e::ferdie(), &suite.pool_calls().earned(patient))
            .dry_run()
            .await
            .expect("earned")
            .return_value();
        assert_eq!(earned, 2 * RATE);
        // when the patient withdraws them
        client
            .call(&ink_e2e::bob(), &suite.pool_calls().withdraw_earned(2 * RATE))
            .submit()
            .await
            .expect("patient withdraws");
        // then the token balances match and the pool still backs what it owes
        assert_eq!(balance(&mut client, &suite, patient).await, 2 * RATE);
        assert_eq!(
            solvency(&mut client, &suite).await,
            (DEPOSIT - 2 * RATE, DEPOSIT - 2 * RATE)
        );

        // when a third read uses up the deposit (10 left < 30), the fourth is
        // still granted but unpaid, and audited like any other
        assert_eq!(research_read(&mut client, &suite, 3).await, RewardOutcome::Paid(RATE));
        assert_eq!(
            research_read(&mut client, &suite, 3).await,
            RewardOutcome::NotPaid(RewardError::InsufficientDeposit)
        );
        let (history, _, _) = audit_history(&mut client, suite.health.consent_suite.audit, patient).await;
        let last = history.last().expect("entries");
        assert_eq!(
            (last.record.action, last.record.actor),
            (
                AuditAction::AccessGranted {
                    purpose: Purpose::Research
                },
                researcher
            )
        );

        // and the sponsor cannot withdraw more than is left, but can withdraw the rest
        let left = DEPOSIT - 3 * RATE;
        let too_much = client
            .call(&ink_e2e::charlie(), &suite.pool_calls().withdraw_deposit(left + 1))
            .dry_run()
            .await
            .expect("dry run");
        assert_eq!(too_much.return_value(), Err(PoolError::InsufficientDeposit));
        client
            .call(&ink_e2e::charlie(), &suite.pool_calls().withdraw_deposit(left))
            .submit()
            .await
            .expect("sponsor withdraws the rest");
        assert_eq!(balance(&mut client, &suite, researcher).await, MINTED - DEPOSIT + left);
        assert_eq!(solvency(&mut client, &suite).await, (RATE, RATE));
        Ok(())
    }

    /// Only a minter mints; a paused token refuses transfers; the standard's
    /// errors for transfers over balance or allowance; the pool's own checks.
    /// Each refusal is submitted on chain and changes nothing.
    pub async fn token_and_pool_refuse_what_is_not_allowed<Client: Backend>(
        mut client: Client,
        clock: BlockClock,
    ) -> E2EResult<()> {
        let suite = given_a_sponsored_researcher(&mut client, clock).await;
        let (researcher, stranger) = (account(Charlie), account(Dave));
        let mut token = suite.token_calls();
        let mut pool = suite.pool_calls();
        let supply_before = client
            .call(&ink_e2e::ferdie(), &token.total_supply())
            .dry_run()
            .await
            .expect("supply")
            .return_value();

        // a non-minter cannot mint
        let mint = refused(&mut client, &ink_e2e::dave(), &token.mint_to(stranger, 5)).await;
        assert_eq!(mint, TokenError::NotMinter);
        // an outsider cannot take or revoke the minter role
        let grant_minter = refused(&mut client, &ink_e2e::dave(), &token.grant_minter(stranger)).await;
        assert_eq!(grant_minter, TokenError::NotAdmin);
        let revoke_minter = token.revoke_minter(account(ink_e2e::AccountKeyring::Alice));
        assert_eq!(
            refused(&mut client, &ink_e2e::dave(), &revoke_minter).await,
            TokenError::NotAdmin
        );
        // transfers over balance and over allowance get the standard's errors
        let over_balance = refused(
            &mut client,
            &ink_e2e::dave(),
            &token.transfer(researcher, 1, Vec::new()),
        )
        .await;
        assert_eq!(over_balance, PSP22Error::InsufficientBalance);
        let over_allowance = token.transfer_from(researcher, stranger, 1, Vec::new());
        let over_allowance = refused(&mut client, &ink_e2e::dave(), &over_allowance).await;
        assert_eq!(over_allowance, PSP22Error::InsufficientAllowance);
        // the pool refuses a zero rate, a stranger's credit and an over-withdrawal
        let zero_rate = refused(&mut client, &ink_e2e::charlie(), &pool.deposit(10, 0)).await;
        assert_eq!(zero_rate, PoolError::ZeroRate);
        let credit = refused(&mut client, &ink_e2e::eve(), &pool.credit(researcher, account(Eve))).await;
        assert_eq!(credit, RewardError::NotCrediter);
        let over_earned = refused(&mut client, &ink_e2e::bob(), &pool.withdraw_earned(1)).await;
        assert_eq!(over_earned, PoolError::InsufficientEarnings);
        // a deposit the sponsor never approved fails with the token's own refusal
        let unapproved = refused(&mut client, &ink_e2e::charlie(), &pool.deposit(10, RATE)).await;
        assert_eq!(unapproved, PoolError::TokenRefused(PSP22Error::InsufficientAllowance));

        // when the admin pauses the token, a transfer is refused
        submit(&mut client, &ink_e2e::alice(), &token.set_paused(true))
            .await
            .expect("admin pauses");
        let paused = refused(
            &mut client,
            &ink_e2e::charlie(),
            &token.transfer(stranger, 1, Vec::new()),
        )
        .await;
        assert_eq!(paused, PSP22Error::Custom("Paused".into()));

        // nothing changed
        assert_eq!(balance(&mut client, &suite, stranger).await, 0);
        assert_eq!(balance(&mut client, &suite, researcher).await, MINTED - DEPOSIT);
        let supply_after = client
            .call(&ink_e2e::ferdie(), &token.total_supply())
            .dry_run()
            .await
            .expect("supply")
            .return_value();
        assert_eq!(supply_after, supply_before);
        assert_eq!(solvency(&mut client, &suite).await, (DEPOSIT, DEPOSIT));
        let alice = account(ink_e2e::AccountKeyring::Alice);
        assert!(read(&mut client, &token.is_minter(alice)).await);
        assert!(!read(&mut client, &token.is_minter(stranger)).await);
        Ok(())
    }
}

on_node_and_sandbox!(
    a_patient_earns_from_consented_research_reads_and_withdraws,
    a_patient_earns_from_consented_research_reads_and_withdraws_on_sandbox
);
on_node_and_sandbox!(
    token_and_pool_refuse_what_is_not_allowed,
    token_and_pool_refuse_what_is_not_allowed_on_sandbox
);
