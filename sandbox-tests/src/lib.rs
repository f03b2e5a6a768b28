//! A drink! sandbox chain that runs the suite's **release** bundles (as built by
//! `cargo contract build --release`), with typed calls, a block clock the test
//! controls, and the cost of every call (weight and storage deposit).
//!
//! Calls are encoded with the contracts' own call builders (the same selectors
//! and SCALE encoding a real client uses), so a test reads like Rust, not like
//! strings to transcode.

pub mod fuzz;

use drink::minimal::MinimalSandbox;
use drink::pallet_contracts::Determinism;
use drink::sandbox_api::prelude::*;
use drink::session::{ContractBundle, Session};
use drink::{AccountId32, Sandbox, Weight};
use ink::codegen::ContractCallBuilder;
use ink::env::call::utils::Set;
use ink::env::call::{utils::ReturnType, Call, CallBuilder, ExecutionInput, FromAccountId};
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use ink::scale::{Decode, Encode};
use std::path::PathBuf;

/// A typed message to a contract, as its call builder produces it.
pub type Message<Args, R> =
    CallBuilder<DefaultEnvironment, Set<Call<DefaultEnvironment>>, Set<ExecutionInput<Args>>, Set<ReturnType<R>>>;

/// What a call cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cost {
    /// Weight ref_time consumed (picoseconds of reference hardware).
    pub ref_time: u64,
    /// Weight proof_size consumed (bytes of storage proof).
    pub proof_size: u64,
    /// Storage deposit charged (positive) or refunded (negative), in plancks.
    pub storage_deposit: i128,
}

/// The outcome of a call: the decoded return value and its cost.
#[derive(Debug)]
pub struct Outcome<R> {
    /// The message's return value (ink!'s `MessageResult` unwrapped).
    pub value: R,
    /// Whether the contract reverted (a message that returned `Err`).
    pub reverted: bool,
    /// What the call cost.
    pub cost: Cost,
}

/// The release bundle of `contract`, loaded; panics with what to run if it is missing.
fn load_bundle(contract: &str) -> ContractBundle {
    let path = bundle_path(contract);
    ContractBundle::load(&path).unwrap_or_else(|error| {
        panic!(
            "no release bundle at {}: run scripts/build-contracts first ({error:?})",
            path.display()
        )
    })
}

/// The release bundle of `contract`, as `scripts/build-contracts` left it in
/// `$HEALTH_SUITE_BUNDLES` (default `$CARGO_TARGET_DIR/release-bundles`).
pub fn bundle_path(contract: &str) -> PathBuf {
    let bundles = std::env::var_os("HEALTH_SUITE_BUNDLES")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"))
                .join("release-bundles")
        });
    bundles.join(format!("{contract}.contract"))
}

/// Converts an ink! account id into the sandbox runtime's.
pub fn runtime_account(account: AccountId) -> AccountId32 {
    AccountId32::new(*AsRef::<[u8; 32]>::as_ref(&account))
}

/// A deterministic test account (not a contract).
pub fn account(seed: u8) -> AccountId {
    AccountId::from([seed; 32])
}

/// Committed calls after which the chain seals a block. A real chain resets
/// its event list every block; without blocks the sandbox's list (and each
/// topic's index) grows with every call, and so does the time each call takes
/// to run (not its weight).
const CALLS_PER_BLOCK: u32 = 50;

/// The sandbox chain.
pub struct SandboxChain {
    session: Session<MinimalSandbox>,
    salt: u64,
    calls_in_block: u32,
    gas_limit: Weight,
}

impl Default for SandboxChain {
    fn default() -> Self {
        Self::new()
    }
}

impl SandboxChain {
    /// A fresh chain at a fixed block time.
    pub fn new() -> Self {
        let mut chain = Self {
            session: Session::default(),
            salt: 0,
            calls_in_block: 0,
            gas_limit: MinimalSandbox::default_gas_limit(),
        };
        chain.set_block_time(1_700_000_000_000);
        chain
    }

    /// Lets every later deployment and call use up to a node's whole normal
    /// class of a block (1.5×10¹² ref_time, 5 MiB of proof), not the
    /// sandbox's default 10¹¹: for a Groth16 verification, which needs about
    /// 1.1×10¹¹. Costs measured are the same under either limit.
    pub fn allow_block_sized_calls(&mut self) {
        self.gas_limit = Weight::from_parts(1_500_000_000_000, 5 * 1024 * 1024);
    }

    /// Deploys the release bundle of `contract` with constructor `new` and
    /// SCALE-encoded `args`, signed by `deployer`.
    pub fn deploy(&mut self, contract: &str, args: impl Encode, deployer: AccountId) -> AccountId {
        self.try_deploy(contract, args, deployer)
            .unwrap_or_else(|error| panic!("deploying {contract} failed: {error}"))
    }

    /// Deploys as [`Self::deploy`] does; `Err` says why not (the chain's
    /// error, or that the constructor reverted), and nothing is instantiated.
    pub fn try_deploy(&mut self, contract: &str, args: impl Encode, deployer: AccountId) -> Result<AccountId, String> {
        let bundle = load_bundle(contract);
        self.fund(deployer);
        let mut data = ink::selector_bytes!("new").to_vec();
        args.encode_to(&mut data);
        self.salt += 1;
        let gas_limit = self.gas_limit;
        let result = self.session.sandbox().deploy_contract(
            bundle.wasm,
            0,
            data,
            self.salt.to_le_bytes().to_vec(),
            runtime_account(deployer),
            gas_limit,
            None,
        );
        let deployed = result.result.map_err(|error| format!("{error:?}"))?;
        if deployed.result.did_revert() {
            return Err(format!("the constructor of {contract} reverted"));
        }
        Ok(AccountId::from(*AsRef::<[u8; 32]>::as_ref(&deployed.account_id)))
    }

    /// Uploads the release bundle of `contract` without instantiating it (a
    /// library another contract delegate-calls), signed by `uploader`; its
    /// code hash.
    pub fn upload(&mut self, contract: &str, uploader: AccountId) -> ink::primitives::Hash {
        let bundle = load_bundle(contract);
        self.fund(uploader);
        let uploaded = self
            .session
            .sandbox()
            .upload_contract(bundle.wasm, runtime_account(uploader), None, Determinism::Enforced)
            .unwrap_or_else(|error| panic!("uploading {contract} failed: {error:?}"));
        ink::primitives::Hash::from(uploaded.code_hash.0)
    }

    /// Deploys insurance linked to `links` at `solvency_ratio_bps`, signed by
    /// `admin`, after uploading the extension that runs its rarer messages.
    pub fn deploy_insurance(
        &mut self,
        links: insurance::insurance::LinkedContracts,
        solvency_ratio_bps: u32,
        admin: AccountId,
    ) -> AccountId {
        let extension = self.upload("insurance_extension", admin);
        self.deploy("insurance", (links, solvency_ratio_bps, extension), admin)
    }

    /// Gives `account` enough balance for storage deposits.
    pub fn fund(&mut self, account: AccountId) {
        self.session
            .sandbox()
            .mint_into(&runtime_account(account), 1_000_000_000_000_000)
            .expect("minting works");
    }

    /// Calls `message` as `caller`, committing its effects.
    pub fn call<Args: Encode + Clone, R: Decode>(
        &mut self,
        caller: AccountId,
        message: &Message<Args, R>,
    ) -> Outcome<R> {
        self.calls_in_block += 1;
        if self.calls_in_block >= CALLS_PER_BLOCK {
            self.advance_time(0);
        }
        self.execute(caller, message, false)
    }

    /// Calls `message` as `caller`, committing its effects; `Err` with the
    /// chain's error when the call could not run to the end (a trap, out of
    /// gas, a storage deposit limit): nothing it did is kept.
    pub fn try_call<Args: Encode + Clone, R: Decode>(
        &mut self,
        caller: AccountId,
        message: &Message<Args, R>,
    ) -> Result<Outcome<R>, String> {
        self.calls_in_block += 1;
        if self.calls_in_block >= CALLS_PER_BLOCK {
            self.advance_time(0);
        }
        self.try_execute(caller, message, false)
    }

    /// Calls `message` as `caller` and throws its effects away.
    pub fn query<Args: Encode + Clone, R: Decode>(
        &mut self,
        caller: AccountId,
        message: &Message<Args, R>,
    ) -> Outcome<R> {
        self.execute(caller, message, true)
    }

    fn execute<Args: Encode + Clone, R: Decode>(
        &mut self,
        caller: AccountId,
        message: &Message<Args, R>,
        dry: bool,
    ) -> Outcome<R> {
        self.try_execute(caller, message, dry)
            .unwrap_or_else(|error| panic!("call failed to execute: {error}"))
    }

    fn try_execute<Args: Encode + Clone, R: Decode>(
        &mut self,
        caller: AccountId,
        message: &Message<Args, R>,
        dry: bool,
    ) -> Result<Outcome<R>, String> {
        let callee = runtime_account(message.clone_callee());
        let data = message.exec_input_bytes();
        let origin = runtime_account(caller);
        let gas_limit = self.gas_limit;
        let sandbox = self.session.sandbox();
        let run = |sandbox: &mut MinimalSandbox| {
            sandbox.call_contract(callee, 0, data, origin, gas_limit, None, Determinism::Enforced)
        };
        let result = if dry { sandbox.dry_run(run) } else { run(sandbox) };
        let returned = result.result.map_err(|error| format!("{error:?}"))?;
        let value = ink::MessageResult::<R>::decode(&mut &returned.data[..])
            .expect("return value decodes")
            .expect("no ink! language error");
        let storage_deposit = match result.storage_deposit {
            drink::pallet_contracts::StorageDeposit::Charge(amount) => amount as i128,
            drink::pallet_contracts::StorageDeposit::Refund(amount) => -(amount as i128),
        };
        Ok(Outcome {
            value,
            reverted: returned.did_revert(),
            cost: Cost {
                ref_time: result.gas_consumed.ref_time(),
                proof_size: result.gas_consumed.proof_size(),
                storage_deposit,
            },
        })
    }

    /// Sets the block time (ms) that contracts read from now on.
    pub fn set_block_time(&mut self, timestamp_ms: u64) {
        self.session.sandbox().set_timestamp(timestamp_ms);
    }

    /// The block time (ms) contracts read.
    pub fn block_time(&mut self) -> u64 {
        self.session.sandbox().get_timestamp()
    }

    /// The current block number.
    pub fn block_number(&mut self) -> u32 {
        self.session.sandbox().block_number()
    }

    /// The whole chain state (storage, block number, block time), to return
    /// to with [`SandboxChain::restore`]: a fuzzer deploys once and starts
    /// every sequence from the same state.
    pub fn snapshot(&mut self) -> ink_sandbox::Snapshot {
        self.session.sandbox().take_snapshot()
    }

    /// Returns to a state [`SandboxChain::snapshot`] took.
    pub fn restore(&mut self, snapshot: &ink_sandbox::Snapshot) {
        self.session.sandbox().restore_snapshot(snapshot.clone());
        self.calls_in_block = 0;
    }

    /// Builds a new block and moves block time forward by `ms`.
    pub fn advance_time(&mut self, ms: u64) {
        let later = self.block_time() + ms;
        self.calls_in_block = 0;
        self.session.sandbox().build_block();
        // A new block stamps the wall clock; the test's clock wins.
        self.set_block_time(later);
    }
}

/// Call builders of the suite's contracts at an address.
pub fn calls<Contract>(address: AccountId) -> <Contract as ContractCallBuilder>::Type
where
    Contract: ContractCallBuilder,
    <Contract as ContractCallBuilder>::Type: FromAccountId<DefaultEnvironment>,
{
    <<Contract as ContractCallBuilder>::Type as FromAccountId<DefaultEnvironment>>::from_account_id(address)
}

/// Access to the parts of a built message the sandbox needs.
trait MessageParts {
    fn clone_callee(&self) -> AccountId;
    fn exec_input_bytes(&self) -> Vec<u8>;
}

impl<Args: Encode + Clone, R> MessageParts for Message<Args, R> {
    fn clone_callee(&self) -> AccountId {
        *self.clone().params().callee()
    }

    fn exec_input_bytes(&self) -> Vec<u8> {
        self.clone().params().exec_input().encode()
    }
}

/// The consent suite deployed on a sandbox chain: audit trail and consent,
/// consent authorised as a writer. `admin` deployed both.
pub struct ConsentSuite {
    pub chain: SandboxChain,
    pub admin: AccountId,
    pub audit: AccountId,
    pub consent: AccountId,
}

impl ConsentSuite {
    /// Deploys and wires the suite on a fresh chain.
    pub fn deploy() -> Self {
        let mut chain = SandboxChain::new();
        let admin = account(1);
        let audit = chain.deploy("audit_trail", (), admin);
        let consent = chain.deploy("consent", audit, admin);
        let authorised = chain.call(
            admin,
            &calls::<audit_trail::audit_trail::AuditTrail>(audit).authorize_writer(consent),
        );
        assert_eq!(authorised.value, Ok(()), "admin authorises consent as a writer");
        Self {
            chain,
            admin,
            audit,
            consent,
        }
    }

    /// Call builder of the audit trail.
    pub fn audit_calls(&self) -> <audit_trail::audit_trail::AuditTrail as ContractCallBuilder>::Type {
        calls::<audit_trail::audit_trail::AuditTrail>(self.audit)
    }

    /// Call builder of the consent contract.
    pub fn consent_calls(&self) -> <consent::consent::ConsentRegistry as ContractCallBuilder>::Type {
        calls::<consent::consent::ConsentRegistry>(self.consent)
    }
}

/// Lab results, for treatment, read only, until `valid_until` (ms).
pub fn lab_results_for_treatment(valid_until: u64) -> consent::book::ConsentTerms {
    consent::book::ConsentTerms {
        categories: vec![interfaces::DataCategory::LabResults],
        purposes: vec![interfaces::Purpose::Treatment],
        actions: vec![interfaces::Action::Read],
        valid_from: 0,
        valid_until,
        policy_ref: b"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku".to_vec(),
    }
}

/// The record access path deployed on a sandbox chain: the consent suite,
/// the provider registry and record access (authorised as an audit writer).
pub struct HealthSuite {
    pub suite: ConsentSuite,
    pub providers: AccountId,
    pub records: AccountId,
}

impl HealthSuite {
    /// Deploys and wires the four contracts on a fresh chain.
    pub fn deploy() -> Self {
        let mut suite = ConsentSuite::deploy();
        let admin = suite.admin;
        let providers = suite.chain.deploy("provider_verification", (), admin);
        let records = suite
            .chain
            .deploy("record_access", (providers, suite.consent, suite.audit), admin);
        let authorise = suite.audit_calls().authorize_writer(records);
        assert_eq!(
            suite.chain.call(admin, &authorise).value,
            Ok(()),
            "record access becomes a writer"
        );
        Self {
            suite,
            providers,
            records,
        }
    }

    /// The chain.
    pub fn chain(&mut self) -> &mut SandboxChain {
        &mut self.suite.chain
    }

    /// Call builder of the provider registry.
    pub fn provider_calls(
        &self,
    ) -> <provider_verification::provider_verification::ProviderVerification as ContractCallBuilder>::Type {
        calls::<provider_verification::provider_verification::ProviderVerification>(self.providers)
    }

    /// Call builder of record access.
    pub fn record_calls(&self) -> <record_access::record_access::RecordAccess as ContractCallBuilder>::Type {
        calls::<record_access::record_access::RecordAccess>(self.records)
    }

    /// Makes `provider` a verified provider of `kind` until `valid_until`,
    /// attested by the admin (appointed as verifier for every kind).
    pub fn verify_provider(&mut self, provider: AccountId, kind: interfaces::ProviderKind, valid_until: u64) {
        let admin = self.suite.admin;
        let appoint = self
            .provider_calls()
            .appoint_verifier(admin, interfaces::types::Flag::ALL.to_vec());
        let kinds_of_admin = self.provider_calls().verifier_kinds(admin);
        if self.chain().query(admin, &kinds_of_admin).value.is_empty() {
            assert_eq!(self.chain().call(admin, &appoint).value, Ok(()));
        }
        self.chain().fund(provider);
        let apply = self.provider_calls().apply(provider_application(kind, valid_until));
        assert_eq!(self.chain().call(provider, &apply).value, Ok(()), "provider applies");
        let attest = self.provider_calls().attest(provider);
        assert!(self.chain().call(admin, &attest).value.is_ok(), "admin attests");
    }
}

/// An application for `kind` until `valid_until` (ms).
pub fn provider_application(
    kind: interfaces::ProviderKind,
    valid_until: u64,
) -> provider_verification::registry::Application {
    provider_verification::registry::Application {
        kind,
        credential_hash: ink::primitives::Hash::from([0xC1; 32]),
        licence_hash: ink::primitives::Hash::from([0x11; 32]),
        jurisdiction: b"GB-ENG".to_vec(),
        profile_ref: Vec::new(),
        valid_until,
    }
}

/// A lab-results record of `patient`, written for treatment.
pub fn lab_record(patient: AccountId) -> record_access::index::NewRecord {
    record_access::index::NewRecord {
        patient,
        category: interfaces::DataCategory::LabResults,
        purpose: interfaces::Purpose::Treatment,
        content_hash: ink::primitives::Hash::from([0xAB; 32]),
        pointer: b"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec(),
        fields_root: ink::primitives::Hash::from([0x77; 32]),
        field_count: 3,
        supersedes: None,
    }
}

/// The health suite with insurance: the PSP22 token (the admin mints) and
/// insurance linked to the registry, consent, record access and the audit
/// trail (an authorised writer), at a 100 % solvency ratio.
pub struct InsuredSuite {
    pub health: HealthSuite,
    pub token: AccountId,
    pub insurance: AccountId,
}

impl InsuredSuite {
    /// Deploys and wires the six contracts on a fresh chain.
    pub fn deploy() -> Self {
        let mut health = HealthSuite::deploy();
        let admin = health.suite.admin;
        let name: Option<String> = Some("Health Reward".into());
        let symbol: Option<String> = Some("HRW".into());
        let token = health
            .chain()
            .deploy("reward_token", (0u128, name, symbol, 12u8), admin);
        let grant = calls::<reward_token::reward_token::RewardToken>(token).grant_minter(admin);
        assert_eq!(health.chain().call(admin, &grant).value, Ok(()), "admin becomes minter");
        let links = insurance::insurance::LinkedContracts {
            providers: health.providers,
            consent: health.suite.consent,
            records: health.records,
            audit_trail: health.suite.audit,
            token,
        };
        let insurance = health.chain().deploy_insurance(links, 10_000, admin);
        let authorise = health.suite.audit_calls().authorize_writer(insurance);
        assert_eq!(
            health.chain().call(admin, &authorise).value,
            Ok(()),
            "insurance becomes a writer"
        );
        Self {
            health,
            token,
            insurance,
        }
    }

    /// The chain.
    pub fn chain(&mut self) -> &mut SandboxChain {
        self.health.chain()
    }

    /// Call builder of the token.
    pub fn token_calls(&self) -> <reward_token::reward_token::RewardToken as ContractCallBuilder>::Type {
        calls::<reward_token::reward_token::RewardToken>(self.token)
    }

    /// Call builder of insurance.
    pub fn insurance_calls(&self) -> <insurance::insurance::Insurance as ContractCallBuilder>::Type {
        calls::<insurance::insurance::Insurance>(self.insurance)
    }

    /// Mints `amount` to `holder`, who approves insurance for all of it.
    pub fn fund_and_approve(&mut self, holder: AccountId, amount: u128) {
        use interfaces::traits::PSP22;
        let admin = self.health.suite.admin;
        self.chain().fund(holder);
        let mint = self.token_calls().mint_to(holder, amount);
        assert_eq!(self.chain().call(admin, &mint).value, Ok(()));
        let approve = self.token_calls().approve(self.insurance, amount);
        assert_eq!(self.chain().call(holder, &approve).value, Ok(()));
    }
}

/// Monthly lab cover: 100 a month for 12 months, 5,000 a year, deductible
/// 50, co-pay 20 %, a 7-day waiting period, 7 days of grace, 3 claims a
/// month without review, risk threshold 7,000, 2 days to vote, a 1-day
/// cooldown (times in ms).
pub fn monthly_lab_plan() -> insurance::plan::PlanTerms {
    const DAY: u64 = 86_400_000;
    insurance::plan::PlanTerms {
        premium: 100,
        period: 30 * DAY,
        periods: 12,
        coverage_limit: 5_000,
        deductible: 50,
        copay_bps: 2_000,
        categories: interfaces::CategorySet::from_slice(&[interfaces::DataCategory::LabResults]),
        waiting_period: 7 * DAY,
        grace_period: 7 * DAY,
        max_claims_per_period: 3,
        risk_threshold: 7_000,
        voting_period: 2 * DAY,
        cooldown: DAY,
        pay_provider: false,
    }
}

/// The health suite with governance: the reward token (the admin is its
/// minter) and governance voting with it. The admin still holds every other
/// contract's admin role until it hands one over.
pub struct GovernedSuite {
    pub health: HealthSuite,
    pub token: AccountId,
    pub governance: AccountId,
}

impl GovernedSuite {
    /// Deploys and wires the six contracts on a fresh chain; governance
    /// runs under `settings`.
    pub fn deploy(settings: governance::settings::Settings) -> Self {
        let mut health = HealthSuite::deploy();
        let admin = health.suite.admin;
        let name: Option<String> = Some("Health Reward".into());
        let symbol: Option<String> = Some("HRW".into());
        let token = health
            .chain()
            .deploy("reward_token", (0u128, name, symbol, 12u8), admin);
        let grant = calls::<reward_token::reward_token::RewardToken>(token).grant_minter(admin);
        assert_eq!(health.chain().call(admin, &grant).value, Ok(()), "admin becomes minter");
        let governance = health.chain().deploy("governance", (token, settings), admin);
        Self {
            health,
            token,
            governance,
        }
    }

    /// The chain.
    pub fn chain(&mut self) -> &mut SandboxChain {
        self.health.chain()
    }

    /// Call builder of governance.
    pub fn governance_calls(&self) -> <governance::governance::Governance as ContractCallBuilder>::Type {
        calls::<governance::governance::Governance>(self.governance)
    }

    /// Mints `amount` to `holder`, who approves governance and locks it all.
    pub fn lock(&mut self, holder: AccountId, amount: u128) {
        use interfaces::traits::PSP22;
        let admin = self.health.suite.admin;
        self.chain().fund(holder);
        let mut token = calls::<reward_token::reward_token::RewardToken>(self.token);
        assert_eq!(self.chain().call(admin, &token.mint_to(holder, amount)).value, Ok(()));
        let approve = token.approve(self.governance, amount);
        assert_eq!(self.chain().call(holder, &approve).value, Ok(()));
        let lock = self.governance_calls().lock(amount);
        assert!(self.chain().call(holder, &lock).value.is_ok(), "{holder:?} locks");
    }

    /// The admin proposes governance as the next admin of the contract at
    /// `contract`; an executed proposal then accepts (see [`accept_admin`]).
    pub fn hand_over(&mut self, contract: AccountId) {
        use ink::codegen::TraitCallBuilder;
        use interfaces::AdminControl;
        let admin = self.health.suite.admin;
        let propose = admin_control(contract).call_mut().propose_admin(self.governance);
        assert_eq!(self.chain().call(admin, &propose).value, Ok(()));
    }
}

/// Governance's settings in the drink stories and the benchmark (block
/// time in ms): a day's delay, three days of voting, a two-day timelock,
/// two weeks of grace; 100 locked tokens to propose; a 40 % quorum.
pub fn governance_settings_in_days() -> governance::settings::Settings {
    const DAY: u64 = 86_400_000;
    governance::settings::Settings {
        voting_delay: DAY,
        voting_period: 3 * DAY,
        proposal_threshold: 100,
        quorum_bps: 4_000,
        timelock: 2 * DAY,
        grace_period: 14 * DAY,
        guardian: None,
    }
}

/// The call a governance proposal makes for `message` (its callee, selector
/// and SCALE-encoded arguments, no value): a proposal is built with the
/// callee's own call builder, so selectors and encoding are the callee's.
pub fn proposed<Args: Encode + Clone, R>(message: &Message<Args, R>) -> governance::proposal::ProposedCall {
    let bytes = message.exec_input_bytes();
    let (selector, input) = bytes.split_at(4);
    governance::proposal::ProposedCall {
        callee: message.clone_callee(),
        selector: selector.try_into().expect("a selector is 4 bytes"),
        input: input.to_vec(),
        value: 0,
    }
}

/// `AdminControl::accept_admin` on the contract at `contract`, as a
/// proposal's call (every contract has the same selector).
pub fn accept_admin(contract: AccountId) -> governance::proposal::ProposedCall {
    use ink::codegen::TraitCallBuilder;
    use interfaces::AdminControl;
    proposed(&admin_control(contract).call_mut().accept_admin())
}

/// The `AdminControl` side of any contract of the suite.
pub fn admin_control(contract: AccountId) -> ink::contract_ref!(interfaces::AdminControl, DefaultEnvironment) {
    contract.into()
}
