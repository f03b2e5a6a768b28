//! Deployment and fixtures shared by the e2e stories.

// Each test binary uses a part of these helpers.
#![allow(dead_code)]

use audit_trail::audit_trail::{AuditTrail, AuditTrailRef};
use audit_trail::chain::{AuditEntry, ChainHead, RangeCheck};
use consent::book::ConsentTerms;
use consent::consent::{ConsentRegistry, ConsentRegistryRef};
use ink::primitives::{AccountId, Hash};
use ink_e2e::AccountKeyring;
use ink_e2e::AccountKeyring::{Bob, Charlie, Dave, Eve};
use insurance::insurance::{Insurance, InsuranceRef, LinkedContracts as InsuranceLinks};
use interfaces::traits::{ConsentCheck, ProviderCheck};
use interfaces::AuditAction;
use interfaces::{Action, DataCategory, ProviderKind, Purpose};
use provider_verification::provider_verification::Error as RegistryError;
use provider_verification::provider_verification::{ProviderVerification, ProviderVerificationRef};
use provider_verification::registry::Application;
use provider_verification::registry::Attested;
use record_access::index::NewRecord;
use record_access::record_access::AccessOutcome;
use record_access::record_access::{RecordAccess, RecordAccessRef};
use reward_pool::reward_pool::{RewardPool, RewardPoolRef};
use reward_token::reward_token::{RewardToken, RewardTokenRef};

pub type E2EResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Submits `message` as `caller`, a call the contract must refuse, and
/// returns the contract's error. The call is really submitted, not only dry
/// run (a dry run never commits, so a "nothing changed" read after it could
/// not fail): on a node the extrinsic fails with `ContractReverted`; the
/// sandbox runs it and rolls the reverted call back. Read the state
/// afterwards to show that nothing changed.
pub async fn refused<Client, Args, T, E>(
    client: &mut Client,
    caller: &ink_e2e::Keypair,
    message: &ink_e2e::CallBuilderFinal<ink::env::DefaultEnvironment, Args, Result<T, E>>,
) -> E
where
    Client: Backend,
    Args: Sync + ink::scale::Encode + Clone,
    T: ink::scale::Decode + Send + std::fmt::Debug,
    E: ink::scale::Decode + Send + std::fmt::Debug,
{
    let dry_run = client.call(caller, message).dry_run().await.expect("the chain answers");
    let error = match dry_run.return_value() {
        Err(error) => error,
        Ok(value) => panic!("expected the contract to refuse, it answered Ok({value:?})"),
    };
    // A node answers with the failed extrinsic; the sandbox backend runs the
    // call, rolls the reverted frame back and reports no error, so on the
    // sandbox only the state read afterwards shows that nothing changed.
    if let Err(failure) = client.call(caller, message).submit().await {
        let failure = format!("{failure:?}");
        assert!(
            failure.contains("ContractReverted"),
            "the submitted call reached the chain and reverted, not some other failure: {failure}"
        );
    }
    error
}

/// Dry-runs the read `message` (as Ferdie, who pays nothing for a read) and
/// returns its answer.
pub async fn read<Client, Args, R>(
    client: &mut Client,
    message: &ink_e2e::CallBuilderFinal<ink::env::DefaultEnvironment, Args, R>,
) -> R
where
    Client: Backend,
    Args: Sync + ink::scale::Encode + Clone,
    R: ink::scale::Decode + Send,
{
    client
        .call(&ink_e2e::ferdie(), message)
        .dry_run()
        .await
        .expect("the chain answers")
        .return_value()
}

/// Submits `message` as `caller`, which must succeed, and returns its value.
pub async fn submit<Client, Args, R>(
    client: &mut Client,
    caller: &ink_e2e::Keypair,
    message: &ink_e2e::CallBuilderFinal<ink::env::DefaultEnvironment, Args, R>,
) -> R
where
    Client: Backend,
    Args: Sync + ink::scale::Encode + Clone,
    R: ink::scale::Decode + Send,
{
    client
        .call(caller, message)
        .submit()
        .await
        .expect("the call succeeds on chain")
        .return_value()
}

/// Runs `stories::$story` twice: on a real substrate-contracts-node (ink_e2e
/// starts one per test) and on the ink_e2e sandbox, telling each run how its
/// backend stamps blocks.
#[allow(unused_macros)]
macro_rules! on_node_and_sandbox {
    ($story:ident, $on_sandbox:ident) => {
        #[ink_e2e::test]
        async fn $story<Client: E2EBackend>(client: Client) -> E2EResult<()> {
            stories::$story(client, BlockClock::WallClockMs).await
        }

        #[ink_e2e::test(backend(runtime_only))]
        async fn $on_sandbox<Client: E2EBackend>(client: Client) -> E2EResult<()> {
            stories::$story(client, BlockClock::WallClockSecs).await
        }
    };
}

/// Runs `stories::$story` on a real substrate-contracts-node only: for
/// stories whose block time must pass (the ink_e2e sandbox keeps one block
/// time; the drink tier has their time-travel versions).
#[allow(unused_macros)]
macro_rules! on_node {
    ($story:ident) => {
        #[ink_e2e::test]
        async fn $story<Client: E2EBackend>(client: Client) -> E2EResult<()> {
            stories::$story(client, BlockClock::WallClockMs).await
        }
    };
}

/// The `AdminControl` behaviour every contract shares, written once and
/// checked on each contract (in the spirit of the psp22 crate's `tests!`):
/// on the contract `$contract` at `$address`, whose admin is Alice, an
/// outsider (Eve) can neither propose, accept nor switch the code (and the
/// admin cannot switch to code never uploaded); a proposal changes nothing
/// until the proposed account (Dave) accepts; then the old admin is refused.
/// Every refusal is submitted. Leaves Dave as the admin.
// Each test binary includes this module; only the authority stories use the macro.
#[allow(unused_macros)]
macro_rules! admin_moves_in_two_steps {
    ($client:ident, $contract:ty, $address:expr) => {{
        use interfaces::{AdminControl, AdminError};
        let mut calls = ink_e2e::create_call_builder::<$contract>($address);
        let (alice, dave, eve) = (
            account(ink_e2e::AccountKeyring::Alice),
            account(ink_e2e::AccountKeyring::Dave),
            account(ink_e2e::AccountKeyring::Eve),
        );
        let name = stringify!($contract);
        // an outsider can neither propose nor accept
        assert_eq!(
            refused(&mut $client, &ink_e2e::eve(), &calls.propose_admin(eve)).await,
            AdminError::NotAdmin,
            "{name}"
        );
        assert_eq!(
            refused(&mut $client, &ink_e2e::eve(), &calls.accept_admin()).await,
            AdminError::NotPendingAdmin,
            "{name}"
        );
        // nor switch the code; the admin cannot switch to code never uploaded
        let no_code = ink::primitives::Hash::from([0xc0; 32]);
        assert_eq!(
            refused(&mut $client, &ink_e2e::eve(), &calls.set_code(no_code)).await,
            AdminError::NotAdmin,
            "{name}"
        );
        assert_eq!(
            refused(&mut $client, &ink_e2e::alice(), &calls.set_code(no_code)).await,
            AdminError::CodeNotFound,
            "{name}"
        );
        // a proposal changes nothing until the proposed account accepts
        submit(&mut $client, &ink_e2e::alice(), &calls.propose_admin(dave))
            .await
            .expect("the admin proposes");
        assert_eq!(
            refused(&mut $client, &ink_e2e::eve(), &calls.accept_admin()).await,
            AdminError::NotPendingAdmin,
            "{name}"
        );
        assert_eq!(read(&mut $client, &calls.admin()).await, alice, "{name}");
        assert_eq!(read(&mut $client, &calls.pending_admin()).await, Some(dave), "{name}");
        submit(&mut $client, &ink_e2e::dave(), &calls.accept_admin())
            .await
            .expect("the successor accepts");
        assert_eq!(read(&mut $client, &calls.admin()).await, dave, "{name}");
        assert_eq!(read(&mut $client, &calls.pending_admin()).await, None, "{name}");
        // and the old admin is an outsider now
        assert_eq!(
            refused(&mut $client, &ink_e2e::alice(), &calls.propose_admin(alice)).await,
            AdminError::NotAdmin,
            "{name}"
        );
    }};
}

/// What the stories need of a backend (real node or sandbox): ink_e2e's
/// backend, with errors that a failed expectation can print.
pub trait Backend:
    ink_e2e::E2EBackend + ink_e2e::ContractsBackend<ink::env::DefaultEnvironment, Error: std::fmt::Debug>
{
}

impl<T> Backend for T where
    T: ink_e2e::E2EBackend + ink_e2e::ContractsBackend<ink::env::DefaultEnvironment, Error: std::fmt::Debug>
{
}

/// The deployed consent suite: the audit trail and the consent contract,
/// wired so that consent may append to the trail. Alice is admin of both.
pub struct ConsentSuite {
    pub audit: AccountId,
    pub consent: AccountId,
}

impl ConsentSuite {
    pub fn audit_calls(&self) -> <AuditTrail as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<AuditTrail>(self.audit)
    }

    pub fn consent_calls(&self) -> <ConsentRegistry as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<ConsentRegistry>(self.consent)
    }
}

/// Instantiates the audit trail and consent, and authorises consent as a writer.
pub async fn deploy_consent_suite<Client: Backend>(client: &mut Client) -> ConsentSuite {
    let mut audit_constructor = AuditTrailRef::new();
    let audit = client
        .instantiate("audit_trail", &ink_e2e::alice(), &mut audit_constructor)
        .submit()
        .await
        .expect("audit trail instantiates")
        .account_id;
    let mut consent_constructor = ConsentRegistryRef::new(audit);
    let consent = client
        .instantiate("consent", &ink_e2e::alice(), &mut consent_constructor)
        .submit()
        .await
        .expect("consent instantiates")
        .account_id;
    let suite = ConsentSuite { audit, consent };
    client
        .call(&ink_e2e::alice(), &suite.audit_calls().authorize_writer(consent))
        .submit()
        .await
        .expect("admin authorises consent as a writer");
    suite
}

/// The whole record access path: the consent suite plus the provider
/// registry and record access, wired so that record access may append to the
/// audit trail. Alice is admin of all four.
pub struct HealthSuite {
    pub consent_suite: ConsentSuite,
    pub providers: AccountId,
    pub records: AccountId,
}

impl HealthSuite {
    pub fn audit_calls(&self) -> <AuditTrail as ink::codegen::ContractCallBuilder>::Type {
        self.consent_suite.audit_calls()
    }

    pub fn consent_calls(&self) -> <ConsentRegistry as ink::codegen::ContractCallBuilder>::Type {
        self.consent_suite.consent_calls()
    }

    pub fn provider_calls(&self) -> <ProviderVerification as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<ProviderVerification>(self.providers)
    }

    pub fn record_calls(&self) -> <RecordAccess as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<RecordAccess>(self.records)
    }
}

/// Instantiates all four contracts in dependency order and authorises consent
/// and record access as audit writers.
pub async fn deploy_health_suite<Client: Backend>(client: &mut Client) -> HealthSuite {
    let consent_suite = deploy_consent_suite(client).await;
    let mut registry_constructor = ProviderVerificationRef::new();
    let providers = client
        .instantiate("provider_verification", &ink_e2e::alice(), &mut registry_constructor)
        .submit()
        .await
        .expect("provider registry instantiates")
        .account_id;
    let mut records_constructor = RecordAccessRef::new(providers, consent_suite.consent, consent_suite.audit);
    let records = client
        .instantiate("record_access", &ink_e2e::alice(), &mut records_constructor)
        .submit()
        .await
        .expect("record access instantiates")
        .account_id;
    client
        .call(
            &ink_e2e::alice(),
            &consent_suite.audit_calls().authorize_writer(records),
        )
        .submit()
        .await
        .expect("admin authorises record access as a writer");
    HealthSuite {
        consent_suite,
        providers,
        records,
    }
}

/// The health suite with research rewards: the PSP22 reward token (Alice
/// admin and minter) and the reward pool, credited only by record access,
/// which is linked to it.
pub struct RewardedSuite {
    pub health: HealthSuite,
    pub token: AccountId,
    pub pool: AccountId,
}

impl RewardedSuite {
    pub fn token_calls(&self) -> <RewardToken as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<RewardToken>(self.token)
    }

    pub fn pool_calls(&self) -> <RewardPool as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<RewardPool>(self.pool)
    }
}

/// Instantiates the PSP22 reward token (no initial supply) and makes Alice,
/// its admin, a minter.
pub async fn deploy_token<Client: Backend>(client: &mut Client) -> AccountId {
    let mut token_constructor = RewardTokenRef::new(0, Some("Health Reward".into()), Some("HRW".into()), 12);
    let token = client
        .instantiate("reward_token", &ink_e2e::alice(), &mut token_constructor)
        .submit()
        .await
        .expect("token instantiates")
        .account_id;
    let grant = ink_e2e::create_call_builder::<RewardToken>(token).grant_minter(account(AccountKeyring::Alice));
    client
        .call(&ink_e2e::alice(), &grant)
        .submit()
        .await
        .expect("admin becomes minter");
    token
}

/// Deploys the health suite, the token and the pool, and wires them.
pub async fn deploy_rewarded_suite<Client: Backend>(client: &mut Client) -> RewardedSuite {
    let health = deploy_health_suite(client).await;
    let token = deploy_token(client).await;
    let mut pool_constructor = RewardPoolRef::new(token, health.records);
    let pool = client
        .instantiate("reward_pool", &ink_e2e::alice(), &mut pool_constructor)
        .submit()
        .await
        .expect("pool instantiates")
        .account_id;
    let suite = RewardedSuite { health, token, pool };
    let mut links = client
        .call(&ink_e2e::alice(), &suite.health.record_calls().linked_contracts())
        .dry_run()
        .await
        .expect("links")
        .return_value();
    links.reward_pool = Some(pool);
    client
        .call(
            &ink_e2e::alice(),
            &suite.health.record_calls().set_linked_contracts(links),
        )
        .submit()
        .await
        .expect("record access pays rewards from the pool");
    suite
}

/// A health suite with insurance: the token and the insurance contract,
/// linked to the registry, consent, record access and the audit trail, and
/// authorised to append to it. Alice is admin of all.
pub struct InsuredSuite {
    pub token: AccountId,
    pub insurance: AccountId,
}

impl InsuredSuite {
    pub fn token_calls(&self) -> <RewardToken as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<RewardToken>(self.token)
    }

    pub fn insurance_calls(&self) -> <Insurance as ink::codegen::ContractCallBuilder>::Type {
        ink_e2e::create_call_builder::<Insurance>(self.insurance)
    }
}

/// Deploys the token and insurance beside `health` (solvency ratio
/// `solvency_ratio_bps`) and authorises insurance as an audit writer.
pub async fn deploy_insurance<Client: Backend>(
    client: &mut Client,
    health: &HealthSuite,
    solvency_ratio_bps: u32,
) -> InsuredSuite {
    let token = deploy_token(client).await;
    let links = InsuranceLinks {
        providers: health.providers,
        consent: health.consent_suite.consent,
        records: health.records,
        audit_trail: health.consent_suite.audit,
        token,
    };
    // Insurance runs its rarer messages in this code, delegate-called.
    let extension = client
        .upload("insurance_extension", &ink_e2e::alice())
        .submit()
        .await
        .expect("the insurance extension uploads")
        .code_hash;
    let mut constructor = InsuranceRef::new(links, solvency_ratio_bps, extension);
    let insurance = client
        .instantiate("insurance", &ink_e2e::alice(), &mut constructor)
        .submit()
        .await
        .expect("insurance instantiates")
        .account_id;
    client
        .call(&ink_e2e::alice(), &health.audit_calls().authorize_writer(insurance))
        .submit()
        .await
        .expect("admin authorises insurance as a writer");
    InsuredSuite { token, insurance }
}

/// An application for `kind` valid until `valid_until` (block time, ms).
pub fn application(kind: ProviderKind, valid_until: u64) -> Application {
    Application {
        kind,
        credential_hash: Hash::from([0xC1; 32]),
        licence_hash: Hash::from([0x11; 32]),
        jurisdiction: b"GB-ENG".to_vec(),
        profile_ref: b"ipfs://bafkreiprofile".to_vec(),
        valid_until,
    }
}

/// A record of `patient` in `category`, written for treatment.
pub fn new_record(patient: AccountId, category: DataCategory, fields_root: Hash, field_count: u16) -> NewRecord {
    NewRecord {
        patient,
        category,
        purpose: Purpose::Treatment,
        content_hash: Hash::from([0xAB; 32]),
        pointer: b"ipfs://bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi".to_vec(),
        fields_root,
        field_count,
        supersedes: None,
    }
}

/// Consent terms for `categories`, `purposes` and `actions`, until far in the future.
pub fn terms(categories: &[DataCategory], purposes: &[Purpose], actions: &[Action]) -> ConsentTerms {
    ConsentTerms {
        categories: categories.to_vec(),
        purposes: purposes.to_vec(),
        actions: actions.to_vec(),
        valid_from: 0,
        valid_until: FAR_FUTURE,
        policy_ref: Vec::new(),
    }
}

/// `check(patient, grantee, LabResults, Treatment, Read)` on the consent contract.
pub async fn reads_lab_results<Client: Backend>(
    client: &mut Client,
    consent: &ConsentSuite,
    patient: AccountId,
    grantee: AccountId,
) -> bool {
    let check = consent.consent_calls().check(
        patient,
        grantee,
        DataCategory::LabResults,
        Purpose::Treatment,
        Action::Read,
    );
    read(client, &check).await
}

/// `patient`'s audit history (first page), the chain head, and the on-chain
/// re-verification of the whole trail up to that head.
pub async fn audit_history<Client: Backend>(
    client: &mut Client,
    audit: AccountId,
    patient: AccountId,
) -> (Vec<AuditEntry>, ChainHead, RangeCheck) {
    let calls = ink_e2e::create_call_builder::<AuditTrail>(audit);
    let history = client
        .call(&ink_e2e::ferdie(), &calls.history(patient, 0, 50))
        .dry_run()
        .await
        .expect("history dry-runs")
        .return_value()
        .expect("page size is valid");
    let head = client
        .call(&ink_e2e::ferdie(), &calls.head())
        .dry_run()
        .await
        .expect("head dry-runs")
        .return_value();
    let verification = client
        .call(&ink_e2e::ferdie(), &calls.verify_range(1, head.seq))
        .dry_run()
        .await
        .expect("verify dry-runs")
        .return_value()
        .expect("range is valid");
    (history.items, head, verification)
}

pub fn account(keyring: AccountKeyring) -> AccountId {
    ink_e2e::account_id(keyring)
}

/// Lab results, for treatment, read only, until `valid_until` (block time, ms).
pub fn lab_results_for_treatment(valid_until: u64) -> ConsentTerms {
    ConsentTerms {
        valid_until,
        policy_ref: b"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku".to_vec(),
        ..terms(&[DataCategory::LabResults], &[Purpose::Treatment], &[Action::Read])
    }
}

/// How the backend stamps blocks. A dev node uses the wall clock in
/// milliseconds; ink_sandbox 5.1.1 stamps each block with the wall clock in
/// *seconds*. Accreditations must end within five years of block time, so the
/// stories compute "a year from now" in the backend's own clock.
#[derive(Clone, Copy)]
pub enum BlockClock {
    WallClockMs,
    WallClockSecs,
}

impl BlockClock {
    pub fn a_year_from_now(self) -> u64 {
        const YEAR_MS: u64 = 365 * 86_400_000;
        match self {
            BlockClock::WallClockMs => wall_clock_ms() + YEAR_MS,
            BlockClock::WallClockSecs => wall_clock_ms() / 1_000 + YEAR_MS,
        }
    }
}

impl BlockClock {
    /// A duration of `seconds`, in the backend's own unit.
    pub fn seconds(self, seconds: u64) -> u64 {
        match self {
            BlockClock::WallClockMs => seconds * 1_000,
            BlockClock::WallClockSecs => seconds,
        }
    }

    /// Block time `seconds` from now, in the backend's own unit.
    pub fn seconds_from_now(self, seconds: u64) -> u64 {
        match self {
            BlockClock::WallClockMs => wall_clock_ms() + seconds * 1_000,
            BlockClock::WallClockSecs => wall_clock_ms() / 1_000 + seconds,
        }
    }
}

/// Waits until the wall clock passes `wall_clock_ms_target` (a dev node
/// stamps the next block with the wall clock).
pub async fn sleep_until(wall_clock_ms_target: u64) {
    let now = wall_clock_ms();
    if wall_clock_ms_target > now {
        ink_e2e::tokio::time::sleep(std::time::Duration::from_millis(wall_clock_ms_target - now)).await;
    }
}

/// Far enough in the future for any test run.
pub const FAR_FUTURE: u64 = 4_102_444_800_000; // 2100-01-01

/// Wall-clock now in ms; dev nodes stamp blocks with it.
pub fn wall_clock_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis() as u64
}

// The record access path, shared by the record, authority and reward stories.

pub const ENVELOPE: [u8; 80] = [0xE7; 80];

/// Who is who in the stories. Alice (admin) and Eve are accreditation
/// authorities; Bob is the patient; Charlie a hospital; Dave a physician.
/// Ferdie plays the one extra role a story needs (emergency service, device,
/// applicant): the dev node funds only Alice to Ferdie, so `One` and `Two`
/// appear only in dry runs, which pay no storage deposit.
pub struct Cast {
    pub patient: AccountId,
    pub hospital: AccountId,
    pub physician: AccountId,
}

pub fn cast() -> Cast {
    Cast {
        patient: account(Bob),
        hospital: account(Charlie),
        physician: account(Dave),
    }
}

/// Given: hospitals need two attestations; Alice and Eve may attest hospitals,
/// Alice also physicians and emergency services; Charlie (hospital) and Dave
/// (physician) are verified; Bob lets the hospital write lab results and the
/// physician read them, for treatment; the hospital wrote lab record 1 and
/// sealed its data key to the physician.
pub async fn given_a_lab_record_shared_with_a_physician<Client: Backend>(
    client: &mut Client,
    clock: BlockClock,
) -> HealthSuite {
    let suite = deploy_health_suite(client).await;
    let who = cast();
    let mut registry = suite.provider_calls();
    let requirement = registry.set_required_attestations(ProviderKind::Hospital, 2);
    client
        .call(&ink_e2e::alice(), &requirement)
        .submit()
        .await
        .expect("admin sets the hospital requirement");
    let verifiers = [
        (
            account(ink_e2e::AccountKeyring::Alice),
            vec![
                ProviderKind::Hospital,
                ProviderKind::Physician,
                ProviderKind::EmergencyService,
            ],
        ),
        (account(Eve), vec![ProviderKind::Hospital]),
    ];
    for (verifier, kinds) in verifiers {
        client
            .call(&ink_e2e::alice(), &registry.appoint_verifier(verifier, kinds))
            .submit()
            .await
            .expect("admin appoints a verifier");
    }

    // the hospital applies; two distinct verifiers attest
    let until = clock.a_year_from_now();
    client
        .call(
            &ink_e2e::charlie(),
            &registry.apply(application(ProviderKind::Hospital, until)),
        )
        .submit()
        .await
        .expect("hospital applies");
    let first = client
        .call(&ink_e2e::alice(), &registry.attest(who.hospital))
        .submit()
        .await
        .expect("first attestation")
        .return_value();
    assert_eq!(first, Ok(Attested::Counted));
    assert!(!is_verified(client, &suite, who.hospital, ProviderKind::Hospital).await);
    let twice = client
        .call(&ink_e2e::alice(), &registry.attest(who.hospital))
        .dry_run()
        .await
        .expect("dry run");
    assert_eq!(twice.return_value(), Err(RegistryError::AlreadyAttested));
    let second = client
        .call(&ink_e2e::eve(), &registry.attest(who.hospital))
        .submit()
        .await
        .expect("second attestation")
        .return_value();
    assert_eq!(second, Ok(Attested::Activated));
    assert!(is_verified(client, &suite, who.hospital, ProviderKind::Hospital).await);

    // the physician applies; one attestation suffices for physicians
    client
        .call(
            &ink_e2e::dave(),
            &registry.apply(application(ProviderKind::Physician, until)),
        )
        .submit()
        .await
        .expect("physician applies");
    client
        .call(&ink_e2e::alice(), &registry.attest(who.physician))
        .submit()
        .await
        .expect("physician attested");

    // the patient consents: the hospital writes lab results, the physician reads them
    let mut consent = suite.consent_calls();
    let grants = [
        consent.grant(
            who.patient,
            who.hospital,
            terms(&[DataCategory::LabResults], &[Purpose::Treatment], &[Action::Write]),
        ),
        consent.grant(
            who.patient,
            who.physician,
            terms(&[DataCategory::LabResults], &[Purpose::Treatment], &[Action::Read]),
        ),
    ];
    for grant in &grants {
        client
            .call(&ink_e2e::bob(), grant)
            .submit()
            .await
            .expect("patient grants");
    }

    // the hospital writes the lab record and seals its key to the physician
    let mut records = suite.record_calls();
    let added = client
        .call(
            &ink_e2e::charlie(),
            &records.add_record(new_record(who.patient, DataCategory::LabResults, Hash::default(), 0)),
        )
        .submit()
        .await
        .expect("hospital adds the record")
        .return_value();
    assert_eq!(added, Ok(1));
    client
        .call(
            &ink_e2e::charlie(),
            &records.set_envelope(1, who.physician, ENVELOPE.to_vec()),
        )
        .submit()
        .await
        .expect("hospital shares the key");
    suite
}

pub async fn is_verified<Client: Backend>(
    client: &mut Client,
    suite: &HealthSuite,
    account: AccountId,
    kind: ProviderKind,
) -> bool {
    client
        .call(&ink_e2e::ferdie(), &suite.provider_calls().is_verified(account, kind))
        .dry_run()
        .await
        .expect("dry run")
        .return_value()
}

/// Submits `request_access(record_id, purpose)` as `requester` and returns
/// the outcome (a denial is an `Ok` too, and is kept on chain).
pub async fn request_access<Client: Backend>(
    client: &mut Client,
    suite: &HealthSuite,
    requester: &ink_e2e::Keypair,
    record_id: u64,
    purpose: Purpose,
) -> AccessOutcome {
    client
        .call(requester, &suite.record_calls().request_access(record_id, purpose))
        .submit()
        .await
        .expect("request submitted")
        .return_value()
        .expect("a decision, granted or denied")
}

/// The patient's audit actions in order, after checking that the whole chain
/// re-verifies on chain up to its head.
pub async fn audited_actions<Client: Backend>(
    client: &mut Client,
    suite: &HealthSuite,
    patient: AccountId,
) -> Vec<(AuditAction, AccountId, u64)> {
    let (history, head, verification) = audit_history(client, suite.consent_suite.audit, patient).await;
    assert_eq!(verification, RangeCheck::Intact { last_hash: head.hash });
    history
        .iter()
        .map(|entry| (entry.record.action, entry.record.actor, entry.record.subject))
        .collect()
}

/// Instantiates governance voting with the reward token at `token` under
/// `settings`. Nobody has handed it an admin role yet.
pub async fn deploy_governance<Client: Backend>(
    client: &mut Client,
    token: AccountId,
    settings: governance::settings::Settings,
) -> AccountId {
    let mut constructor = governance::governance::GovernanceRef::new(token, settings);
    client
        .instantiate("governance", &ink_e2e::alice(), &mut constructor)
        .submit()
        .await
        .expect("governance instantiates")
        .account_id
}

/// Call builder of governance at `governance`.
pub fn governance_calls(
    governance: AccountId,
) -> <governance::governance::Governance as ink::codegen::ContractCallBuilder>::Type {
    ink_e2e::create_call_builder::<governance::governance::Governance>(governance)
}

/// Alice (the token's minter) mints `amount` to `holder`, who approves
/// governance for it and locks it all.
pub async fn lock_tokens<Client: Backend>(
    client: &mut Client,
    token: AccountId,
    governance: AccountId,
    holder: &ink_e2e::Keypair,
    amount: u128,
) {
    use interfaces::traits::PSP22;
    let mut token_calls = ink_e2e::create_call_builder::<RewardToken>(token);
    let holder_account = AccountId::from(holder.public_key().0);
    submit(client, &ink_e2e::alice(), &token_calls.mint_to(holder_account, amount))
        .await
        .expect("Alice mints");
    submit(client, holder, &token_calls.approve(governance, amount))
        .await
        .expect("the holder approves governance");
    submit(client, holder, &governance_calls(governance).lock(amount))
        .await
        .expect("the holder locks");
}

/// The call a governance proposal makes for `message`: built with the
/// callee's own call builder, so selector and encoding are the callee's.
pub fn proposed<Args: ink::scale::Encode + Clone, R>(
    message: &ink_e2e::CallBuilderFinal<ink::env::DefaultEnvironment, Args, R>,
) -> governance::proposal::ProposedCall {
    use ink::scale::Encode;
    let params = message.clone().params();
    let bytes = params.exec_input().encode();
    let (selector, input) = bytes.split_at(4);
    governance::proposal::ProposedCall {
        callee: *params.callee(),
        selector: selector.try_into().expect("a selector is 4 bytes"),
        input: input.to_vec(),
        value: 0,
    }
}

/// `AdminControl::accept_admin` on the contract at `contract`, as a
/// proposal's call (the selector is the same on every contract).
pub fn accept_admin_call(contract: AccountId) -> governance::proposal::ProposedCall {
    use interfaces::AdminControl;
    proposed(&ink_e2e::create_call_builder::<AuditTrail>(contract).accept_admin())
}

/// Waits until the wall clock passes block time `target_ms` and seals a
/// block (a throwaway approval), so that dry runs see a block time after it.
pub async fn pass_block_time<Client: Backend>(client: &mut Client, token: AccountId, target_ms: u64) {
    use interfaces::traits::PSP22;
    sleep_until(target_ms + 1).await;
    let mut token_calls = ink_e2e::create_call_builder::<RewardToken>(token);
    submit(client, &ink_e2e::ferdie(), &token_calls.approve(account(Eve), 0))
        .await
        .expect("a block");
}

/// Bob executes proposal `id` at `governance`, which must succeed. The
/// node's dry run of an execution under-states what its nested calls need
/// (seven `accept_admin` calls: ref_time 9.34×10⁹, proof_size 678,359
/// required by the dry run, and the extrinsic ran out of gas at that
/// limit), so the submission adds half again, as a wallet should.
pub async fn execute_proposal<Client: Backend>(client: &mut Client, governance: AccountId, id: u32) {
    client
        .call(&ink_e2e::bob(), &governance_calls(governance).execute(id))
        .extra_gas_portion(50)
        .submit()
        .await
        .expect("the execution succeeds on chain")
        .return_value()
        .expect("every call succeeds");
}
