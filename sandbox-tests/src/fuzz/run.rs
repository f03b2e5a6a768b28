//! The runner: deploys the suite once, then runs each sequence from that
//! state on the chain and on the model, compares every outcome and checks the
//! invariants after every operation; the shrinker cuts a failing sequence
//! down to the operations the failure needs.

use super::economics::Economy;
use super::governance::{fuzz_settings, Proposed};
use super::insurance::{fuzz_plan, risk_model, SOLVENCY_RATIO_BPS};
use super::model::{Access, Expected, Governing, Insuring, Model, Terms, Verdict, Writer};
use super::ops::{self, Op, ADMIN, ORACLE, PEOPLE, VERIFIER};
use crate::{account, calls, lab_record, SandboxChain};
use audit_trail::chain::{AuditEntry, RangeCheck};
use ink::primitives::{AccountId, Hash};
use interfaces::traits::{ConsentCheck, PSP22Burnable, ProviderCheck, PSP22};
use interfaces::types::Flag;
use interfaces::{Action, ProviderKind, Purpose};
use record_access::record_access::{AccessOutcome, LinkedContracts};
use std::collections::BTreeMap;

/// Tokens minted to every person at deployment.
pub const STARTING_BALANCE: u128 = 3_000;

/// Why a sequence failed: the operation and what disagreed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Index of the operation in the sequence run.
    pub step: usize,
    /// What disagreed or which invariant broke.
    pub message: String,
}

/// What the fuzzer did.
#[derive(Debug, Default, Clone)]
pub struct Stats {
    pub sequences: u64,
    pub operations: u64,
    /// Invariant and agreement checks made.
    pub checks: u64,
    /// Granted accesses, each checked against the model's consent.
    pub grants: u64,
    /// Denied accesses (each audited, reason compared).
    pub denials: u64,
    /// Refused calls (each compared error for error).
    pub refusals: u64,
    /// How many times each access decision came out (granted, or denied
    /// and why).
    pub decisions: BTreeMap<String, u64>,
    /// Per operation kind: (succeeded, refused).
    pub kinds: BTreeMap<String, (u64, u64)>,
    /// Where the sequences' claims ended (status), the fraud reasons they
    /// carried, and how many reviews had fewer eligible voters than the quorum.
    pub claims: BTreeMap<String, u64>,
}

/// The contracts' addresses.
#[derive(Debug, Clone, Copy)]
struct Suite {
    audit: AccountId,
    consent: AccountId,
    providers: AccountId,
    records: AccountId,
    token: AccountId,
    pool: AccountId,
    governance: AccountId,
    insurance: AccountId,
}

/// The chain after deployment, and everything the runner needs to start a
/// sequence from it.
pub struct Fuzzer {
    chain: SandboxChain,
    start: ink_sandbox::Snapshot,
    start_model: Model,
    suite: Suite,
    /// Running totals.
    pub stats: Stats,
    /// Print every operation and its outcome (replays do).
    pub trace: bool,
}

/// One sequence's run: the model, the off-chain audit head, and how many
/// entries each person's audit history holds.
struct Run {
    model: Model,
    audit_seq: u64,
    audit_hash: Hash,
    histories: BTreeMap<AccountId, u32>,
    economy: Economy,
}

impl Default for Fuzzer {
    fn default() -> Self {
        Self::deploy()
    }
}

impl Fuzzer {
    /// Deploys audit trail, consent, registry, record access, token and
    /// reward pool, wires them, appoints the verifiers, mints every person
    /// [`STARTING_BALANCE`] and has each approve the pool.
    pub fn deploy() -> Self {
        let mut chain = SandboxChain::new();
        let admin = account(ADMIN);
        let audit = chain.deploy("audit_trail", (), admin);
        let consent = chain.deploy("consent", audit, admin);
        let providers = chain.deploy("provider_verification", (), admin);
        let records = chain.deploy("record_access", (providers, consent, audit), admin);
        let name: Option<String> = Some("Health Reward".into());
        let symbol: Option<String> = Some("HRW".into());
        let token = chain.deploy("reward_token", (0u128, name, symbol, 12u8), admin);
        let pool = chain.deploy("reward_pool", (token, records), admin);
        let governance = chain.deploy("governance", (token, fuzz_settings(admin)), admin);
        let links = insurance::insurance::LinkedContracts {
            providers,
            consent,
            records,
            audit_trail: audit,
            token,
        };
        let insurance = chain.deploy_insurance(links, SOLVENCY_RATIO_BPS, admin);
        let suite = Suite {
            governance,
            insurance,
            audit,
            consent,
            providers,
            records,
            token,
            pool,
        };
        let mut trail = calls::<audit_trail::audit_trail::AuditTrail>(audit);
        let mut registry = calls::<provider_verification::provider_verification::ProviderVerification>(providers);
        let mut index = calls::<record_access::record_access::RecordAccess>(records);
        let mut coin = calls::<reward_token::reward_token::RewardToken>(token);
        let setup: Vec<bool> = vec![
            chain.call(admin, &trail.authorize_writer(consent)).value.is_ok(),
            chain.call(admin, &trail.authorize_writer(records)).value.is_ok(),
            chain.call(admin, &trail.authorize_writer(insurance)).value.is_ok(),
            chain
                .call(
                    admin,
                    &index.set_linked_contracts(LinkedContracts {
                        providers,
                        consent,
                        audit_trail: audit,
                        reward_pool: Some(pool),
                    }),
                )
                .value
                .is_ok(),
            chain
                .call(admin, &registry.appoint_verifier(admin, ProviderKind::ALL.to_vec()))
                .value
                .is_ok(),
            chain
                .call(
                    admin,
                    &registry
                        .appoint_verifier(account(VERIFIER), vec![ProviderKind::Hospital, ProviderKind::Physician]),
                )
                .value
                .is_ok(),
            chain.call(admin, &coin.grant_minter(admin)).value.is_ok(),
        ];
        assert!(
            setup.iter().all(|ok| *ok),
            "the fuzzer's deployment wires up: {setup:?}"
        );
        let mut balances = BTreeMap::new();
        for person in PEOPLE {
            let person = account(person);
            chain.fund(person);
            assert_eq!(chain.call(admin, &coin.mint_to(person, STARTING_BALANCE)).value, Ok(()));
            assert_eq!(chain.call(person, &coin.approve(pool, u128::MAX)).value, Ok(()));
            assert_eq!(chain.call(person, &coin.approve(governance, u128::MAX)).value, Ok(()));
            assert_eq!(chain.call(person, &coin.approve(insurance, u128::MAX)).value, Ok(()));
            balances.insert(person, STARTING_BALANCE);
        }
        // The risk oracle only signs scores: gas, no tokens.
        chain.fund(account(ORACLE));
        let mut cover = calls::<insurance::insurance::Insurance>(insurance);
        assert_eq!(
            chain
                .call(admin, &cover.set_settings(Some(account(ORACLE)), SOLVENCY_RATIO_BPS))
                .value,
            Ok(())
        );
        chain.advance_time(1_000);
        let now = chain.block_time();
        let model = Model::new(
            now,
            admin,
            account(VERIFIER),
            account(ORACLE),
            (pool, governance, insurance),
            balances,
        );
        let start = chain.snapshot();
        let mut fuzzer = Self {
            chain,
            start,
            start_model: model,
            suite,
            stats: Stats::default(),
            trace: std::env::var_os("FUZZ_TRACE").is_some(),
        };
        // The prelude runs checked like any sequence; every sequence then
        // starts from where it left the chain and the model.
        let mut run = fuzzer.start_run();
        for op in ops::prelude() {
            if let Err(message) = fuzzer.step(&mut run, &op) {
                panic!("the fuzzer's prelude failed at {op:?}: {message}");
            }
        }
        fuzzer.start_model = run.model;
        fuzzer.start = fuzzer.chain.snapshot();
        fuzzer.stats = Stats::default();
        fuzzer
    }

    /// The model of the state every sequence starts from.
    pub fn start_model(&self) -> &Model {
        &self.start_model
    }

    fn start_run(&mut self) -> Run {
        self.chain.restore(&self.start);
        let head = self.audit_head();
        let trail = calls::<audit_trail::audit_trail::AuditTrail>(self.suite.audit);
        let histories = PEOPLE
            .iter()
            .chain(&[ADMIN])
            .map(|person| {
                let person = account(*person);
                let len = self.chain.query(person, &trail.history_len(person)).value;
                (person, len)
            })
            .collect();
        Run {
            model: self.start_model.clone(),
            audit_seq: head.seq,
            audit_hash: head.hash,
            histories,
            economy: Economy::starting_from(&self.start_model.insurance),
        }
    }

    /// Runs `ops` from the deployed state; the first disagreement or broken
    /// invariant ends the run.
    pub fn run(&mut self, ops: &[Op]) -> Result<(), Failure> {
        let mut run = self.start_run();
        self.stats.sequences += 1;
        for (step, op) in ops.iter().enumerate() {
            self.stats.operations += 1;
            self.step(&mut run, op).map_err(|message| Failure { step, message })?;
        }
        self.count_claims(&run.model);
        // Every balance once more: an operation that moved tokens it should
        // not have cannot hide until the end.
        let last = ops.len().saturating_sub(1);
        self.check_tokens(&run.model, true)
            .and_then(|()| self.check_governance(&run.model))
            .and_then(|()| self.check_insurance(&run.model, &Op::Wait { ms: 0 }, false))
            .map_err(|message| Failure { step: last, message })
    }

    fn count_claims(&mut self, model: &Model) {
        for claim in model.insurance.claims() {
            let mut seen = vec![format!("{:?}", claim.status)];
            seen.extend(claim.reasons.to_vec().iter().map(|reason| format!("reason {reason:?}")));
            let quorum = model.insurance.quorum(model.insurance.plan_of(claim));
            if claim.review.round > 0 && claim.review.eligible < quorum {
                seen.push("review with fewer eligible than the quorum".into());
            }
            for name in seen {
                *self.stats.claims.entry(name).or_default() += 1;
            }
        }
    }

    fn step(&mut self, run: &mut Run, op: &Op) -> Result<(), String> {
        let before = run.model.clone();
        let (expected, entries) = apply_to_model(&mut run.model, op);
        let actual = self.apply_to_chain(op, before.now);
        if self.trace {
            println!("    at {:>14}: {op:?} -> {actual:?}", before.now);
        }
        self.stats.checks += 1;
        if actual != expected {
            return Err(format!("the suite answered {actual:?}, the model {expected:?}"));
        }
        if is_refusal(&actual) {
            self.stats.refusals += 1;
            self.stats.kinds.entry(op.kind()).or_default().1 += 1;
        } else {
            self.stats.kinds.entry(op.kind()).or_default().0 += 1;
        }
        if let Verdict::Access(access) = &actual {
            let name = match access {
                Access::Granted { emergency: true, .. } => "granted (emergency)".to_string(),
                Access::Granted { .. } => "granted".to_string(),
                Access::Denied(reason) => {
                    self.stats.denials += 1;
                    format!("denied: {reason:?}")
                }
            };
            *self.stats.decisions.entry(name).or_default() += 1;
        }
        if let (
            Verdict::Access(Access::Granted { .. }),
            Op::RequestAccess {
                requester,
                record,
                purpose,
            },
        ) = (&actual, op)
        {
            self.check_grant_was_allowed(&before, account(*requester), *record, *purpose)?;
        }
        self.check_audit(run, &entries)?;
        self.check_tokens(&run.model, op.moves_tokens())?;
        self.check_pool(&run.model, op)?;
        if op.moves_tokens()
            || matches!(
                op,
                Op::Propose { .. }
                    | Op::Vote { .. }
                    | Op::Queue { .. }
                    | Op::Execute { .. }
                    | Op::CancelProposal { .. }
            )
        {
            self.check_governance(&run.model)?;
        }
        if let Some(provider) = op.registry_subject() {
            self.check_provider(&run.model, account(provider))?;
        }
        if op.insures() {
            let accepted = matches!(op, Op::Enrol { .. } | Op::WithdrawCapital { .. }) && !is_refusal(&actual);
            self.check_insurance(&run.model, op, accepted)?;
            let actor = match *op {
                Op::DepositCapital { provider, .. } | Op::WithdrawCapital { provider, .. } => Some(account(provider)),
                _ => None,
            };
            let paid_out = matches!(op, Op::Payout { .. });
            self.stats.checks += 1;
            run.economy
                .check(&before.insurance, &run.model.insurance, actor, paid_out)?;
        }
        Ok(())
    }

    /// No grant unless the patient asked, the emergency rules held, or a
    /// consent covered it at that block time: asked twice, rule by rule, of
    /// the model's state before the request and of the contracts themselves
    /// in the same block (the registry's `verified_kind`, consent's `check`
    /// and `emergency_access_enabled`, record access's `is_withheld`; a
    /// request changes none of them).
    fn check_grant_was_allowed(
        &mut self,
        before: &Model,
        requester: AccountId,
        record: u64,
        purpose: Purpose,
    ) -> Result<(), String> {
        self.stats.grants += 1;
        self.stats.checks += 1;
        let summary = calls::<record_access::record_access::RecordAccess>(self.suite.records).record(record);
        let Some(stored) = self.chain.query(requester, &summary).value else {
            return Err(format!("granted access to record {record}, which does not exist"));
        };
        let verified = before.verified_kind(requester);
        let patient_asked = requester == stored.patient;
        let emergency = purpose == Purpose::Emergency
            && verified == Some(ProviderKind::EmergencyService)
            && before.emergency_enabled(stored.patient);
        let consented = purpose != Purpose::Emergency
            && verified.is_some()
            && before.consents(stored.patient, requester, stored.category, purpose, 1);
        if !(patient_asked || emergency || consented) {
            return Err(format!(
                "record {record} was granted to {requester:?} for {purpose:?} without the patient, an emergency opt-in or a consent covering it at {} (the model's state)",
                before.now
            ));
        }
        let consent = calls::<consent::consent::ConsentRegistry>(self.suite.consent);
        let registry =
            calls::<provider_verification::provider_verification::ProviderVerification>(self.suite.providers);
        let index = calls::<record_access::record_access::RecordAccess>(self.suite.records);
        let patient = stored.patient;
        let chain = &mut self.chain;
        let kind = chain.query(requester, &registry.verified_kind(requester)).value;
        let withheld = chain.query(requester, &index.is_withheld(record, requester)).value;
        let opted_in = chain.query(requester, &consent.emergency_access_enabled(patient)).value;
        let covered = chain
            .query(
                requester,
                &consent.check(patient, requester, stored.category, purpose, Action::Read),
            )
            .value;
        let emergency = purpose == Purpose::Emergency && kind == Some(ProviderKind::EmergencyService) && opted_in;
        let consented = purpose != Purpose::Emergency && kind.is_some() && covered;
        if patient_asked || (!withheld && (emergency || consented)) {
            Ok(())
        } else {
            Err(format!(
                "record {record} was granted to {requester:?} for {purpose:?}, but the contracts say: verified as {kind:?}, withheld {withheld}, emergency opt-in {opted_in}, consent covers {covered}"
            ))
        }
    }

    fn audit_head(&mut self) -> audit_trail::chain::ChainHead {
        let head = calls::<audit_trail::audit_trail::AuditTrail>(self.suite.audit).head();
        self.chain.query(account(ADMIN), &head).value
    }

    /// The trail grew by exactly the expected entries, each as expected,
    /// linked to the previous one and hashing (off chain) to its stored
    /// hash; `verify_range` over the whole trail is `Intact` at that head.
    fn check_audit(&mut self, run: &mut Run, expected: &[Expected]) -> Result<(), String> {
        self.stats.checks += 1;
        let head = self.audit_head();
        let appended = head.seq.saturating_sub(run.audit_seq);
        if head.seq < run.audit_seq || appended != expected.len() as u64 {
            return Err(format!(
                "the audit trail went from {} to {} entries, expected {} more: {expected:?}",
                run.audit_seq,
                head.seq,
                expected.len()
            ));
        }
        let trail = calls::<audit_trail::audit_trail::AuditTrail>(self.suite.audit);
        for want in expected {
            let seq = run.audit_seq + 1;
            let entry: AuditEntry = self
                .chain
                .query(account(ADMIN), &trail.entry(seq))
                .value
                .ok_or(format!("audit entry {seq} is missing"))?;
            let writer = match want.writer {
                Writer::Consent => self.suite.consent,
                Writer::Records => self.suite.records,
                Writer::Insurance => self.suite.insurance,
            };
            let record = &entry.record;
            let agrees = entry.writer == writer
                && record.patient == want.patient
                && record.actor == want.actor
                && record.counterpart == want.counterpart
                && record.action == want.action
                && record.subject == want.subject
                && want.digest.is_none_or(|digest| record.digest == digest)
                && entry.timestamp == run.model.now;
            if !agrees {
                return Err(format!(
                    "audit entry {seq} is {entry:?}, expected {want:?} at {}",
                    run.model.now
                ));
            }
            if entry.prev_hash != run.audit_hash {
                return Err(format!(
                    "audit entry {seq} links to {:?}, not to the previous entry",
                    entry.prev_hash
                ));
            }
            let recomputed = off_chain_hash(&entry);
            if recomputed != entry.hash {
                return Err(format!(
                    "audit entry {seq} re-computes off chain to {recomputed:?}, stored {:?}",
                    entry.hash
                ));
            }
            run.audit_seq = seq;
            run.audit_hash = recomputed;
        }
        self.check_histories(run, expected, head.seq)?;
        if head.hash != run.audit_hash {
            return Err(format!("the audit head {:?} differs from the off-chain one", head.hash));
        }
        let mut from = 1;
        while from <= head.seq {
            let to = (from + audit_trail::chain::MAX_VERIFY_RANGE - 1).min(head.seq);
            let check = self.chain.query(account(ADMIN), &trail.verify_range(from, to)).value;
            match check {
                Ok(RangeCheck::Intact { last_hash }) if to < head.seq || last_hash == run.audit_hash => {}
                other => return Err(format!("verify_range({from}, {to}) answered {other:?}")),
            }
            from = to + 1;
        }
        Ok(())
    }

    /// Each patient's audit history (the per-patient index) ends with exactly
    /// the entries just appended under them, in order, and holds as many as
    /// the run counted. `expected` are the entries ending at `last_seq`.
    fn check_histories(&mut self, run: &mut Run, expected: &[Expected], last_seq: u64) -> Result<(), String> {
        let trail = calls::<audit_trail::audit_trail::AuditTrail>(self.suite.audit);
        let first_seq = last_seq + 1 - expected.len() as u64;
        let mut patients: Vec<AccountId> = expected.iter().map(|entry| entry.patient).collect();
        patients.sort_unstable();
        patients.dedup();
        for patient in patients {
            let seqs: Vec<u64> = (first_seq..=last_seq)
                .zip(expected)
                .filter(|(_, entry)| entry.patient == patient)
                .map(|(seq, _)| seq)
                .collect();
            let Some(before) = run.histories.get(&patient).copied() else {
                return Err(format!("an entry under {patient:?}, outside the universe"));
            };
            let added = seqs.len() as u32;
            let len = self.chain.query(patient, &trail.history_len(patient)).value;
            let page = self.chain.query(patient, &trail.history(patient, before, added)).value;
            let listed: Option<Vec<u64>> = page.ok().map(|page| page.items.iter().map(|entry| entry.seq).collect());
            if len != before + added || listed.as_ref() != Some(&seqs) {
                return Err(format!(
                    "{patient:?}'s audit history holds {len} entries ending {listed:?}, expected {} ending {seqs:?}",
                    before + added
                ));
            }
            run.histories.insert(patient, len);
        }
        Ok(())
    }

    /// `provider` as the registry reads it equals the model's: kind, status,
    /// level, expiry, round and any pending renewal.
    fn check_provider(&mut self, model: &Model, provider: AccountId) -> Result<(), String> {
        self.stats.checks += 1;
        let registry =
            calls::<provider_verification::provider_verification::ProviderVerification>(self.suite.providers);
        let stored = self.chain.query(provider, &registry.provider(provider)).value.map(|p| {
            (
                p.kind,
                p.status,
                p.level,
                p.valid_until,
                p.round,
                p.renewal.map(|renewal| (renewal.valid_until, renewal.attestations)),
            )
        });
        let expected = model.provider_facts(provider);
        if stored != expected {
            return Err(format!(
                "{provider:?} reads {stored:?} in the registry, the model {expected:?}"
            ));
        }
        Ok(())
    }

    /// The reward tokens `holder` holds, as the token answers.
    fn token_balance(&mut self, holder: AccountId) -> u128 {
        let coin = calls::<reward_token::reward_token::RewardToken>(self.suite.token);
        self.chain.query(account(ADMIN), &coin.balance_of(holder)).value
    }

    /// Total supply equals the model's; with `every_balance` (after an
    /// operation that moves tokens, and at the end of every sequence) it is
    /// also the sum of the balances of every account that ever held tokens,
    /// each equal to the model's.
    fn check_tokens(&mut self, model: &Model, every_balance: bool) -> Result<(), String> {
        self.stats.checks += 1;
        let coin = calls::<reward_token::reward_token::RewardToken>(self.suite.token);
        let supply = self.chain.query(account(ADMIN), &coin.total_supply()).value;
        if !every_balance {
            return if supply == model.supply {
                Ok(())
            } else {
                Err(format!("total supply {supply}, the model says {}", model.supply))
            };
        }
        let mut sum = 0u128;
        for (holder, expected) in &model.balances {
            let balance = self.token_balance(*holder);
            if balance != *expected {
                return Err(format!("{holder:?} holds {balance} tokens, the model says {expected}"));
            }
            sum += balance;
        }
        if supply != sum || supply != model.supply {
            return Err(format!(
                "total supply {supply}, sum of balances {sum}, model {}",
                model.supply
            ));
        }
        Ok(())
    }

    /// The pool's liabilities equal the model's and never exceed the tokens
    /// it holds; the accounts the operation touched have the model's
    /// earnings and deposits.
    fn check_pool(&mut self, model: &Model, op: &Op) -> Result<(), String> {
        self.stats.checks += 1;
        let pool = calls::<reward_pool::reward_pool::RewardPool>(self.suite.pool);
        let (liabilities, held) = self
            .chain
            .query(account(ADMIN), &pool.solvency())
            .value
            .map_err(|error| format!("solvency() failed: {error:?}"))?;
        if liabilities > held || liabilities != model.liabilities || held != model.balance(self.suite.pool) {
            return Err(format!(
                "the pool owes {liabilities} and holds {held}; the model: owes {}, holds {}",
                model.liabilities,
                model.balance(self.suite.pool)
            ));
        }
        let touched = match *op {
            Op::RequestAccess { requester, record, .. } => {
                let patient = model.record_patient(record);
                vec![Some(account(requester)), patient]
            }
            Op::Deposit { sponsor: who, .. }
            | Op::WithdrawDeposit { sponsor: who, .. }
            | Op::WithdrawEarned { patient: who, .. } => {
                vec![Some(account(who))]
            }
            _ => Vec::new(),
        };
        for who in touched.into_iter().flatten() {
            let earned = self.chain.query(who, &pool.earned(who)).value;
            let deposit = self.chain.query(who, &pool.sponsorship(who)).value.deposit;
            if earned != model.earned(who) || deposit != model.deposit_left(who) {
                return Err(format!(
                    "{who:?} earned {earned} with {deposit} deposited; the model: {} and {}",
                    model.earned(who),
                    model.deposit_left(who)
                ));
            }
        }
        Ok(())
    }

    /// Governance's locked total equals the sum of every lock and the
    /// tokens governance holds, and each lock (and hold) is the model's.
    fn check_governance(&mut self, model: &Model) -> Result<(), String> {
        self.stats.checks += 1;
        let g = calls::<governance::governance::Governance>(self.suite.governance);
        let total = self.chain.query(account(ADMIN), &g.total_locked()).value;
        let held = self.token_balance(self.suite.governance);
        let mut sum = 0;
        for locker in model.governance.lockers() {
            let locked = self.chain.query(locker, &g.locked_of(locker)).value;
            if locked != model.governance.locked(locker) {
                return Err(format!(
                    "{locker:?} has {locked} locked, the model says {}",
                    model.governance.locked(locker)
                ));
            }
            sum += locked;
        }
        let expected = model.governance.total_at(u64::MAX);
        if total != sum || total != held || total != expected {
            return Err(format!(
                "governance's locked total {total}, sum of locks {sum}, tokens it holds {held}, the model {expected}"
            ));
        }
        // Its settings are the model's, and within their bounds: a passed
        // proposal can never leave governance unable to pass the next.
        let reader = account(ADMIN);
        let settings = self.chain.query(reader, &g.settings()).value;
        if settings != model.governance.settings || settings.check().is_err() {
            return Err(format!(
                "governance's settings read {settings:?} ({:?}), the model {:?}",
                settings.check(),
                model.governance.settings
            ));
        }
        // Every proposal read back whole: state, tallies, times, timelock.
        let count = self.chain.query(reader, &g.proposal_count()).value;
        if count != model.governance.proposal_count() {
            return Err(format!(
                "governance has {count} proposals, the model {}",
                model.governance.proposal_count()
            ));
        }
        for id in 1..=count {
            let state = self.chain.query(reader, &g.state(id)).value;
            let stored = self.chain.query(reader, &g.proposal(id)).value;
            let stored = state.ok().zip(stored).map(|(state, p)| {
                (
                    state,
                    p.proposer,
                    p.snapshot,
                    p.vote_end,
                    p.quorum_bps,
                    (p.tally.for_votes, p.tally.against, p.tally.abstain),
                    p.timelock.map(|lock| (lock.eta, lock.expires)),
                    p.executed,
                    p.canceled,
                )
            });
            let expected = model.governance.proposal_facts(id, model.now);
            if stored != expected {
                return Err(format!("proposal {id} reads {stored:?}, the model {expected:?}"));
            }
        }
        Ok(())
    }

    /// The risk pool's books: held = capital deposited − withdrawn +
    /// premiums − payouts, equal to the tokens insurance holds and to the
    /// model's; reserved ≤ held; the cover outstanding is the model's; after
    /// an accepted enrolment or withdrawal (`accepted`) free capital covers
    /// the solvency ratio times the cover outstanding; the provider's
    /// capital is the model's.
    fn check_insurance(&mut self, model: &Model, op: &Op, accepted: bool) -> Result<(), String> {
        self.stats.checks += 1;
        let ins = calls::<insurance::insurance::Insurance>(self.suite.insurance);
        let view = self.chain.query(account(ADMIN), &ins.pool()).value;
        let tokens = self.token_balance(self.suite.insurance);
        // What came in less what went out (withdrawals may exceed deposits:
        // providers take their share of the premiums).
        let books = (view.capital_deposited + view.premiums).checked_sub(view.capital_withdrawn + view.payouts);
        let Some(books) = books else {
            return Err(format!("the risk pool paid out more than came in: {view:?}"));
        };
        let expected = &model.insurance;
        if view.held != books
            || view.held != tokens
            || view.reserved > view.held
            || view.reserved != expected.reserved()
            || view.payouts != expected.payouts()
            || view.held != expected.held()
            || view.outstanding_coverage != expected.outstanding
            || view.free_capital != expected.free()
        {
            return Err(format!(
                "the risk pool reads {view:?} holding {tokens} tokens; the model: held {}, reserved {}, paid {}, outstanding {}",
                expected.held(),
                expected.reserved(),
                expected.payouts(),
                expected.outstanding
            ));
        }
        self.check_claims_and_policies(model)?;
        let required = view.outstanding_coverage * u128::from(view.solvency_ratio_bps) / 10_000;
        if accepted && view.free_capital < required {
            return Err(format!(
                "accepted with free capital {} below {required} (ratio × cover outstanding)",
                view.free_capital
            ));
        }
        // Shares outstanding, and what every provider's are worth.
        let (total_shares, mut providers) = expected.shares();
        if view.locked_shares != expected.locked_shares {
            return Err(format!(
                "{} shares locked, the model {}",
                view.locked_shares, expected.locked_shares
            ));
        }
        if view.total_shares != total_shares {
            return Err(format!(
                "{} shares outstanding, the model {total_shares}",
                view.total_shares
            ));
        }
        if let Op::DepositCapital { provider, .. } | Op::WithdrawCapital { provider, .. } = *op {
            providers.push(account(provider));
        }
        for provider in providers {
            let capital = self.chain.query(provider, &ins.capital_of(provider)).value;
            if capital != expected.capital_of(provider) {
                return Err(format!(
                    "{provider:?}'s capital reads {capital}, the model says {}",
                    expected.capital_of(provider)
                ));
            }
        }
        Ok(())
    }

    /// Every claim and policy read back whole and compared with the model's:
    /// status, reasons, score, payout, payee, review round and votes,
    /// cooldown; a policy's periods paid, claims, coverage used and status.
    fn check_claims_and_policies(&mut self, model: &Model) -> Result<(), String> {
        self.stats.checks += 1;
        let ins = calls::<insurance::insurance::Insurance>(self.suite.insurance);
        let reader = account(ADMIN);
        let claims = model.insurance.claims();
        let count = self.chain.query(reader, &ins.claim_count()).value;
        if count != claims.len() as u64 {
            return Err(format!("insurance has {count} claims, the model {}", claims.len()));
        }
        for (id, expected) in claims.iter().enumerate() {
            let stored = self.chain.query(reader, &ins.claim(id as u64)).value;
            if stored.as_ref() != Some(expected) {
                return Err(format!("claim {id} reads {stored:?}, the model {expected:?}"));
            }
        }
        let mut policy = 0;
        while let Some(facts) = model.insurance.policy_facts(policy, model.now) {
            let stored = self.chain.query(reader, &ins.policy(policy)).value.map(|(p, status)| {
                (
                    p.plan,
                    p.holder,
                    p.start,
                    p.paid_periods,
                    p.claims_from,
                    p.cancelled,
                    p.in_force,
                    p.coverage_used,
                    p.claims,
                    p.last_claim,
                    status,
                )
            });
            if stored != Some(facts) {
                return Err(format!("policy {policy} reads {stored:?}, the model {facts:?}"));
            }
            policy += 1;
        }
        Ok(())
    }

    /// Runs `op` on the chain at block time `now`, as its signer.
    fn apply_to_chain(&mut self, op: &Op, now: u64) -> Verdict {
        let s = self.suite;
        let mut consent = calls::<consent::consent::ConsentRegistry>(s.consent);
        let mut registry = calls::<provider_verification::provider_verification::ProviderVerification>(s.providers);
        let mut records = calls::<record_access::record_access::RecordAccess>(s.records);
        let mut pool = calls::<reward_pool::reward_pool::RewardPool>(s.pool);
        let mut coin = calls::<reward_token::reward_token::RewardToken>(s.token);
        let mut gov = calls::<governance::governance::Governance>(s.governance);
        let mut ins = calls::<insurance::insurance::Insurance>(s.insurance);
        let chain = &mut self.chain;
        let a = account;
        match *op {
            Op::Grant {
                by,
                patient,
                grantee,
                terms,
            } => match chain
                .call(a(by), &consent.grant(a(patient), a(grantee), consent_terms(terms, now)))
                .value
            {
                Ok(id) => Verdict::Value(u128::from(id)),
                Err(error) => Verdict::Consent(error),
            },
            Op::Update {
                by,
                patient,
                grantee,
                terms,
            } => consent_verdict(
                chain
                    .call(
                        a(by),
                        &consent.update(a(patient), a(grantee), consent_terms(terms, now)),
                    )
                    .value,
            ),
            Op::Revoke { by, patient, grantee } => {
                consent_verdict(chain.call(a(by), &consent.revoke(a(patient), a(grantee))).value)
            }
            Op::AddDelegate {
                patient,
                delegate,
                until,
            } => {
                let until = until.map(|offset| at(now, offset));
                consent_verdict(chain.call(a(patient), &consent.add_delegate(a(delegate), until)).value)
            }
            Op::RemoveDelegate { by, patient, delegate } => consent_verdict(
                chain
                    .call(a(by), &consent.remove_delegate(a(patient), a(delegate)))
                    .value,
            ),
            Op::SetEmergency { by, patient, enabled } => consent_verdict(
                chain
                    .call(a(by), &consent.set_emergency_access(a(patient), enabled))
                    .value,
            ),
            Op::Apply { provider, kind, until } => registry_verdict(
                chain
                    .call(
                        a(provider),
                        &registry.apply(crate::provider_application(kind, at(now, until))),
                    )
                    .value,
            ),
            Op::WithdrawApplication { provider } => {
                registry_verdict(chain.call(a(provider), &registry.withdraw_application()).value)
            }
            Op::Attest { verifier, provider } => match chain.call(a(verifier), &registry.attest(a(provider))).value {
                Ok(outcome) => Verdict::Attested(outcome),
                Err(error) => Verdict::Registry(error),
            },
            Op::Suspend { verifier, provider } => registry_verdict(
                chain
                    .call(a(verifier), &registry.suspend(a(provider), Hash::from([0x5u8; 32])))
                    .value,
            ),
            Op::Reinstate { verifier, provider } => {
                registry_verdict(chain.call(a(verifier), &registry.reinstate(a(provider))).value)
            }
            Op::RevokeProvider { by, provider } => registry_verdict(
                chain
                    .call(a(by), &registry.revoke(a(provider), Hash::from([0x6u8; 32])))
                    .value,
            ),
            Op::Renew { provider, until } => registry_verdict(
                chain
                    .call(a(provider), &registry.renew(Hash::from([0xC2; 32]), at(now, until)))
                    .value,
            ),
            Op::SetRequired { by, kind, required } => registry_verdict(
                chain
                    .call(a(by), &registry.set_required_attestations(kind, required))
                    .value,
            ),
            Op::AddRecord {
                author,
                patient,
                category,
                purpose,
                content,
            } => {
                let record = record_access::index::NewRecord {
                    category,
                    purpose,
                    content_hash: Hash::from([content; 32]),
                    ..lab_record(a(patient))
                };
                match chain.call(a(author), &records.add_record(record)).value {
                    Ok(id) => Verdict::RecordAdded(id),
                    Err(error) => Verdict::Records(error),
                }
            }
            Op::RequestAccess {
                requester,
                record,
                purpose,
            } => match chain.call(a(requester), &records.request_access(record, purpose)).value {
                Ok(AccessOutcome::Granted(grant)) => Verdict::Access(Access::Granted {
                    emergency: grant.emergency,
                    reward: grant.reward,
                    content_hash: grant.content_hash,
                    pointer: grant.pointer,
                    envelope: grant.envelope,
                }),
                Ok(AccessOutcome::Denied(reason)) => Verdict::Access(Access::Denied(reason)),
                Err(error) => Verdict::Records(error),
            },
            Op::Withhold { by, record, from } => {
                records_verdict(chain.call(a(by), &records.withhold(record, from.map(a))).value)
            }
            Op::Release { by, record, from } => {
                records_verdict(chain.call(a(by), &records.release(record, from.map(a))).value)
            }
            Op::RegisterDevice { patient, device } => {
                records_verdict(chain.call(a(patient), &records.register_device(a(device))).value)
            }
            Op::RemoveDevice { patient, device } => {
                records_verdict(chain.call(a(patient), &records.remove_device(a(device))).value)
            }
            Op::Deposit { sponsor, amount, rate } => {
                pool_verdict(chain.call(a(sponsor), &pool.deposit(amount, rate)).value)
            }
            Op::WithdrawEarned { patient, amount } => {
                pool_verdict(chain.call(a(patient), &pool.withdraw_earned(amount)).value)
            }
            Op::WithdrawDeposit { sponsor, amount } => {
                pool_verdict(chain.call(a(sponsor), &pool.withdraw_deposit(amount)).value)
            }
            Op::Transfer { from, to, amount } => {
                token_verdict(chain.call(a(from), &coin.transfer(a(to), amount, Vec::new())).value)
            }
            Op::Burn { holder, amount } => token_verdict(chain.call(a(holder), &coin.burn(amount)).value),
            Op::Lock { holder, amount } => governance_verdict(chain.call(a(holder), &gov.lock(amount)).value),
            Op::Unlock { holder, amount } => governance_verdict(chain.call(a(holder), &gov.unlock(amount)).value),
            Op::Propose { proposer, proposed } => {
                let call = match proposed {
                    Proposed::Quorum(bps) => {
                        let settings = governance::settings::Settings {
                            quorum_bps: bps,
                            ..fuzz_settings(a(ADMIN))
                        };
                        crate::proposed(&gov.set_settings(settings))
                    }
                    Proposed::RegistryRequirement => {
                        crate::proposed(&registry.set_required_attestations(ProviderKind::Physician, 2))
                    }
                };
                let outcome = chain
                    .call(a(proposer), &gov.propose(vec![call], Hash::from([0xD0; 32])))
                    .value;
                governance_verdict(outcome.map(u128::from))
            }
            Op::Vote {
                voter,
                proposal,
                support,
            } => governance_verdict(chain.call(a(voter), &gov.vote(proposal, support)).value),
            Op::Queue { by, proposal } => match chain.call(a(by), &gov.queue(proposal)).value {
                Ok(_) => Verdict::Done,
                Err(error) => Verdict::Governance(error),
            },
            Op::Execute { by, proposal } => match chain.call(a(by), &gov.execute(proposal)).value {
                Ok(()) => Verdict::Done,
                Err(error) => Verdict::Governance(error),
            },
            Op::CancelProposal { by, proposal } => match chain.call(a(by), &gov.cancel(proposal)).value {
                Ok(()) => Verdict::Done,
                Err(error) => Verdict::Governance(error),
            },
            Op::PublishPlan { by } => match chain.call(a(by), &ins.publish_plan(fuzz_plan())).value {
                Ok(plan) => Verdict::Value(u128::from(plan)),
                Err(error) => Verdict::Insurance(error),
            },
            Op::ApprovePlan { by, plan } => insurance_verdict(chain.call(a(by), &ins.approve_plan(plan)).value),
            Op::SetPlanStatus { by, plan, status } => {
                insurance_verdict(chain.call(a(by), &ins.set_plan_status(plan, status)).value)
            }
            Op::Enrol { holder, plan } => match chain.call(a(holder), &ins.enrol(plan)).value {
                Ok(policy) => Verdict::Value(u128::from(policy)),
                Err(error) => Verdict::Insurance(error),
            },
            Op::PayPremium { payer, policy } => insurance_verdict(chain.call(a(payer), &ins.pay_premium(policy)).value),
            Op::CancelPolicy { holder, policy } => insurance_verdict(chain.call(a(holder), &ins.cancel(policy)).value),
            Op::EndPolicy { by, policy } => insurance_verdict(chain.call(a(by), &ins.end_policy(policy)).value),
            Op::DepositCapital {
                provider,
                amount,
                min_shares,
            } => match chain.call(a(provider), &ins.deposit_capital(amount, min_shares)).value {
                Ok(minted) => Verdict::Value(minted),
                Err(error) => Verdict::Insurance(error),
            },
            Op::WithdrawCapital {
                provider,
                amount,
                max_burned,
            } => match chain.call(a(provider), &ins.withdraw_capital(amount, max_burned)).value {
                Ok(burned) => Verdict::Value(burned),
                Err(error) => Verdict::Insurance(error),
            },
            Op::SetAssessor {
                by,
                plan,
                assessor,
                appointed,
            } => insurance_verdict(chain.call(a(by), &ins.set_assessor(plan, a(assessor), appointed)).value),
            Op::SetQuorum { by, plan, quorum } => {
                insurance_verdict(chain.call(a(by), &ins.set_quorum(plan, quorum)).value)
            }
            Op::SubmitClaim {
                claimant,
                policy,
                record,
                amount,
                fingerprint,
            } => {
                let submit = ins.submit_claim(policy, record, amount, Hash::from([fingerprint; 32]), None);
                match chain.call(a(claimant), &submit).value {
                    Ok(claim) => Verdict::Value(u128::from(claim)),
                    Err(error) => Verdict::Insurance(error),
                }
            }
            Op::ScoreClaim { by, claim, score } => insurance_verdict(
                chain
                    .call(a(by), &ins.post_risk_score(claim, score, risk_model()))
                    .value,
            ),
            Op::VoteClaim {
                assessor,
                claim,
                approve,
            } => insurance_verdict(chain.call(a(assessor), &ins.vote(claim, approve)).value),
            Op::CloseReview { by, claim } => insurance_verdict(chain.call(a(by), &ins.close_review(claim)).value),
            Op::ReopenReview { by, claim } => insurance_verdict(chain.call(a(by), &ins.reopen_review(claim)).value),
            Op::Payout { by, claim } => insurance_verdict(chain.call(a(by), &ins.payout(claim)).value),
            Op::Wait { ms } => {
                chain.advance_time(ms as u64);
                Verdict::Done
            }
        }
    }
}

fn insurance_verdict(result: Result<(), insurance::error::Error>) -> Verdict {
    result.map_or_else(Verdict::Insurance, |()| Verdict::Done)
}

/// Whether a call was refused (with the contract's error).
fn is_refusal(verdict: &Verdict) -> bool {
    matches!(
        verdict,
        Verdict::Consent(_)
            | Verdict::Registry(_)
            | Verdict::Records(_)
            | Verdict::Pool(_)
            | Verdict::Token(_)
            | Verdict::Governance(_)
            | Verdict::Insurance(_)
    )
}

fn governance_verdict(result: Result<u128, governance::error::Error>) -> Verdict {
    result.map_or_else(Verdict::Governance, Verdict::Value)
}

/// Runs `op` on the model; returns its verdict and the audit entries due.
pub(crate) fn apply_to_model(model: &mut Model, op: &Op) -> (Verdict, Vec<Expected>) {
    let now = model.now;
    let a = account;
    let none = |verdict| (verdict, Vec::new());
    match *op {
        Op::Grant {
            by,
            patient,
            grantee,
            terms,
        } => model.grant(a(by), a(patient), a(grantee), model_terms(terms, now)),
        Op::Update {
            by,
            patient,
            grantee,
            terms,
        } => model.update(a(by), a(patient), a(grantee), model_terms(terms, now)),
        Op::Revoke { by, patient, grantee } => model.revoke(a(by), a(patient), a(grantee)),
        Op::AddDelegate {
            patient,
            delegate,
            until,
        } => model.add_delegate(a(patient), a(delegate), until.map(|o| at(now, o))),
        Op::RemoveDelegate { by, patient, delegate } => model.remove_delegate(a(by), a(patient), a(delegate)),
        Op::SetEmergency { by, patient, enabled } => model.set_emergency(a(by), a(patient), enabled),
        Op::Apply { provider, kind, until } => none(model.apply(a(provider), kind, at(now, until))),
        Op::WithdrawApplication { provider } => none(model.withdraw_application(a(provider))),
        Op::Attest { verifier, provider } => none(model.attest(a(verifier), a(provider))),
        Op::Suspend { verifier, provider } => none(model.suspend_or_reinstate(a(verifier), a(provider), true)),
        Op::Reinstate { verifier, provider } => none(model.suspend_or_reinstate(a(verifier), a(provider), false)),
        Op::RevokeProvider { by, provider } => none(model.revoke_provider(a(by), a(provider))),
        Op::Renew { provider, until } => none(model.renew(a(provider), at(now, until))),
        Op::SetRequired { by, kind, required } => none(model.set_required(a(by), kind, required)),
        Op::AddRecord {
            author,
            patient,
            category,
            purpose,
            content,
        } => model.add_record(a(author), a(patient), category, purpose, Hash::from([content; 32])),
        Op::RequestAccess {
            requester,
            record,
            purpose,
        } => model.request_access(a(requester), record, purpose),
        Op::Withhold { by, record, from } => model.withhold(a(by), record, from.map(a)),
        Op::Release { by, record, from } => model.release(a(by), record, from.map(a)),
        Op::RegisterDevice { patient, device } => model.device(a(patient), a(device), true),
        Op::RemoveDevice { patient, device } => model.device(a(patient), a(device), false),
        Op::Deposit { sponsor, amount, rate } => none(model.deposit(a(sponsor), amount, rate)),
        Op::WithdrawEarned { patient, amount } => none(model.withdraw(a(patient), amount, true)),
        Op::WithdrawDeposit { sponsor, amount } => none(model.withdraw(a(sponsor), amount, false)),
        Op::Transfer { from, to, amount } => none(match model.transfer(a(from), a(to), amount) {
            Ok(()) => Verdict::Done,
            Err(error) => Verdict::Token(error),
        }),
        Op::Burn { holder, amount } => none(model.burn(a(holder), amount)),
        Op::Lock { holder, amount } => none(model.lock(a(holder), amount)),
        Op::Unlock { holder, amount } => none(model.unlock(a(holder), amount)),
        Op::Propose { proposer, proposed } => none(model.govern(a(proposer), Governing::Propose(proposed))),
        Op::Vote {
            voter,
            proposal,
            support,
        } => none(model.govern(a(voter), Governing::Vote(proposal, support))),
        Op::Queue { by, proposal } => none(model.govern(a(by), Governing::Queue(proposal))),
        Op::Execute { by, proposal } => none(model.govern(a(by), Governing::Execute(proposal))),
        Op::CancelProposal { by, proposal } => none(model.govern(a(by), Governing::Cancel(proposal))),
        Op::PublishPlan { by } => model.insure(a(by), Insuring::Publish),
        Op::ApprovePlan { by, plan } => model.insure(a(by), Insuring::Approve(plan)),
        Op::SetPlanStatus { by, plan, status } => model.insure(a(by), Insuring::PlanStatus(plan, status)),
        Op::Enrol { holder, plan } => model.insure(a(holder), Insuring::Enrol(plan)),
        Op::PayPremium { payer, policy } => model.insure(a(payer), Insuring::PayPremium(policy)),
        Op::CancelPolicy { holder, policy } => model.insure(a(holder), Insuring::Cancel(policy)),
        Op::EndPolicy { by, policy } => model.insure(a(by), Insuring::End(policy)),
        Op::DepositCapital {
            provider,
            amount,
            min_shares,
        } => model.insure(a(provider), Insuring::Deposit(amount, min_shares)),
        Op::WithdrawCapital {
            provider,
            amount,
            max_burned,
        } => model.insure(a(provider), Insuring::Withdraw(amount, max_burned)),
        Op::SetAssessor {
            by,
            plan,
            assessor,
            appointed,
        } => model.insure(a(by), Insuring::Assessor(plan, a(assessor), appointed)),
        Op::SetQuorum { by, plan, quorum } => model.insure(a(by), Insuring::Quorum(plan, quorum)),
        Op::SubmitClaim {
            claimant,
            policy,
            record,
            amount,
            fingerprint,
        } => model.insure(
            a(claimant),
            Insuring::Claim {
                policy,
                record,
                amount,
                fingerprint: Hash::from([fingerprint; 32]),
            },
        ),
        Op::ScoreClaim { by, claim, score } => model.insure(a(by), Insuring::Score(claim, score)),
        Op::VoteClaim {
            assessor,
            claim,
            approve,
        } => model.insure(a(assessor), Insuring::VoteClaim(claim, approve)),
        Op::CloseReview { by, claim } => model.insure(a(by), Insuring::CloseReview(claim)),
        Op::ReopenReview { by, claim } => model.insure(a(by), Insuring::Reopen(claim)),
        Op::Payout { by, claim } => model.insure(a(by), Insuring::Payout(claim)),
        Op::Wait { ms } => {
            model.now += ms as u64;
            none(Verdict::Done)
        }
    }
}

/// `now + offset`, never before block time 1.
fn at(now: u64, offset: i64) -> u64 {
    (now as i64).saturating_add(offset).max(1) as u64
}

fn model_terms(terms: ops::Terms, now: u64) -> Terms {
    Terms {
        categories: terms.categories,
        purposes: terms.purposes,
        actions: terms.actions,
        from: terms.from.map_or(0, |offset| at(now, offset)),
        until: at(now, terms.until),
    }
}

fn consent_terms(terms: ops::Terms, now: u64) -> consent::book::ConsentTerms {
    let picked = |mask: u8, len: usize| (0..len).filter(move |bit| mask & (1 << bit) != 0);
    let terms = model_terms(terms, now);
    consent::book::ConsentTerms {
        categories: picked(terms.categories, ops::CATEGORIES.len())
            .map(|bit| ops::CATEGORIES[bit])
            .collect(),
        purposes: picked(terms.purposes, ops::PURPOSES.len())
            .map(|bit| ops::PURPOSES[bit])
            .collect(),
        actions: picked(terms.actions, 2)
            .map(|bit| [Action::Read, Action::Write][bit])
            .collect(),
        valid_from: terms.from,
        valid_until: terms.until,
        policy_ref: ops::POLICY_REF.to_vec(),
    }
}

/// The entry's hash as an off-chain tool computes it: blake2-256 of
/// SCALE((seq, writer, record, timestamp, block, prev_hash)).
pub fn off_chain_hash(entry: &AuditEntry) -> Hash {
    use ink::scale::Encode;
    let encoded = (
        entry.seq,
        entry.writer,
        &entry.record,
        entry.timestamp,
        entry.block,
        entry.prev_hash,
    )
        .encode();
    let mut out = [0u8; 32];
    ink::env::hash_bytes::<ink::env::hash::Blake2x256>(&encoded, &mut out);
    Hash::from(out)
}

fn consent_verdict<T>(result: Result<T, consent::error::Error>) -> Verdict {
    result.map_or_else(Verdict::Consent, |_| Verdict::Done)
}

fn registry_verdict(result: Result<(), provider_verification::error::Error>) -> Verdict {
    result.map_or_else(Verdict::Registry, |()| Verdict::Done)
}

fn records_verdict(result: Result<(), record_access::error::Error>) -> Verdict {
    result.map_or_else(Verdict::Records, |()| Verdict::Done)
}

fn pool_verdict(result: Result<(), reward_pool::error::Error>) -> Verdict {
    result.map_or_else(Verdict::Pool, |()| Verdict::Done)
}

fn token_verdict(result: Result<(), interfaces::traits::PSP22Error>) -> Verdict {
    result.map_or_else(Verdict::Token, |()| Verdict::Done)
}

/// The operations of `ops` kept at `kept`.
pub fn pick(ops: &[Op], kept: &[usize]) -> Vec<Op> {
    kept.iter().map(|index| ops[*index]).collect()
}

/// Cuts a failing sequence down: drops everything after the failing step,
/// then chunks of operations (halves, quarters, ... single ones) as long as
/// the run still fails. Returns the indices (into `ops`) of what is left.
pub fn shrink(fuzzer: &mut Fuzzer, ops: &[Op], failure: &Failure) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..=failure.step.min(ops.len().saturating_sub(1))).collect();
    let mut chunk = kept.len() / 2;
    while chunk >= 1 {
        let mut start = 0;
        let mut removed_any = false;
        while start < kept.len() {
            let end = (start + chunk).min(kept.len());
            let candidate: Vec<usize> = kept[..start].iter().chain(&kept[end..]).copied().collect();
            if !candidate.is_empty() && fuzzer.run(&pick(ops, &candidate)).is_err() {
                kept = candidate;
                removed_any = true;
            } else {
                start = end;
            }
        }
        if !removed_any {
            chunk /= 2;
        }
    }
    kept
}

/// Names of the universe's accounts, for printing a sequence.
pub fn legend() -> String {
    format!(
        "accounts: {} admin (verifier of every kind), {} verifier (hospitals, physicians), {} risk oracle, {} and {} patients, {} guardian, {} hospital, {} researcher, {} paramedic, {} insurer, {} stranger/device; assessors of plan 0: guardian, researcher, hospital, patient {}, quorum 3; times are offsets (ms) from the block time",
        ADMIN,
        VERIFIER,
        ORACLE,
        ops::PATIENT_A,
        ops::PATIENT_B,
        ops::GUARDIAN,
        ops::HOSPITAL,
        ops::RESEARCHER,
        ops::PARAMEDIC,
        ops::INSURER,
        ops::STRANGER,
        ops::PATIENT_B
    )
}
