//! Deployment and fixtures shared by the e2e stories.

// Each test binary uses a part of these helpers.
#![allow(dead_code)]

use audit_trail::audit_trail::{AuditTrail, AuditTrailRef};
use audit_trail::chain::{AuditEntry, ChainHead, RangeCheck};
use consent::book::ConsentTerms;
use consent::consent::{ConsentRegistry, ConsentRegistryRef};
use ink::primitives::{AccountId, Hash};
use ink_e2e::AccountKeyring;
use interfaces::{Action, DataCategory, ProviderKind, Purpose};
use provider_verification::provider_verification::{ProviderVerification, ProviderVerificationRef};
use provider_verification::registry::Application;
use record_access::index::NewRecord;
use record_access::record_access::{RecordAccess, RecordAccessRef};
use reward_pool::reward_pool::{RewardPool, RewardPoolRef};
use reward_token::reward_token::{RewardToken, RewardTokenRef};

pub type E2EResult<T> = Result<T, Box<dyn std::error::Error>>;

/// Runs `stories::$story` twice: on a real substrate-contracts-node (ink_e2e
/// starts one per test) and on the ink_e2e sandbox, telling each run how its
/// backend stamps blocks.
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

/// Deploys the health suite, the token and the pool, and wires them.
pub async fn deploy_rewarded_suite<Client: Backend>(client: &mut Client) -> RewardedSuite {
    let health = deploy_health_suite(client).await;
    let mut token_constructor = RewardTokenRef::new(0, Some("Health Reward".into()), Some("HRW".into()), 12);
    let token = client
        .instantiate("reward_token", &ink_e2e::alice(), &mut token_constructor)
        .submit()
        .await
        .expect("token instantiates")
        .account_id;
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
    client
        .call(
            &ink_e2e::alice(),
            &suite.token_calls().grant_minter(account(AccountKeyring::Alice)),
        )
        .submit()
        .await
        .expect("admin becomes minter");
    suite
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

/// Far enough in the future for any test run.
pub const FAR_FUTURE: u64 = 4_102_444_800_000; // 2100-01-01

/// Wall-clock now in ms; dev nodes stamp blocks with it.
pub fn wall_clock_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("clock after 1970")
        .as_millis() as u64
}
