//! Deployment and fixtures shared by the e2e stories.

use audit_trail::audit_trail::{AuditTrail, AuditTrailRef};
use consent::book::ConsentTerms;
use consent::consent::{ConsentRegistry, ConsentRegistryRef};
use ink::primitives::AccountId;
use ink_e2e::AccountKeyring;
use interfaces::{Action, DataCategory, Purpose};

pub type E2EResult<T> = Result<T, Box<dyn std::error::Error>>;

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

pub fn account(keyring: AccountKeyring) -> AccountId {
    ink_e2e::account_id(keyring)
}

/// Lab results, for treatment, read only, until `valid_until` (block time, ms).
pub fn lab_results_for_treatment(valid_until: u64) -> ConsentTerms {
    ConsentTerms {
        categories: vec![DataCategory::LabResults],
        purposes: vec![Purpose::Treatment],
        actions: vec![Action::Read],
        valid_from: 0,
        valid_until,
        policy_ref: b"bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku".to_vec(),
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
