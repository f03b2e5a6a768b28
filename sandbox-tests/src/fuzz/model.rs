//! The reference model: the suite's rules as the README and the message docs
//! state them, written again in plain Rust with maps and linear scans. It
//! shares the contracts' vocabulary (their error and outcome types) but none
//! of their logic, so a rule broken in a contract disagrees with the model.
//!
//! Each operation returns what the contracts must answer ([`Verdict`]) and
//! the audit entries they must append ([`Expected`]); the model changes its
//! state only when the operation succeeds, as the contracts must.

use super::governance::{GovernanceModel, Proposed};
use super::insurance::{Cited, InsuranceModel};
use consent::error::Error as ConsentError;
use governance::error::Error as GovernanceError;
use governance::proposal::Support;
use ink::primitives::{AccountId, Hash};
use insurance::claim::{Claim, ClaimStatus};
use insurance::error::Error as InsuranceError;
use insurance::insurance::AuditDetails;
use insurance::plan::PlanStatus;
use interfaces::audit::digest_of;
use interfaces::traits::{PSP22Error, RewardError};
use interfaces::{AuditAction, DataCategory, DenialReason, ProviderKind, Purpose};
use provider_verification::error::Error as RegistryError;
use provider_verification::registry::Attested;
use record_access::error::Error as RecordError;
use record_access::outcome::RewardOutcome;
use reward_pool::error::Error as PoolError;
use std::collections::{BTreeMap, BTreeSet};

type Time = u64;

/// What a call answered, in a form both sides produce.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// `Ok(())` (or an `Ok` whose value is checked elsewhere).
    Done,
    /// `add_record` returned this id.
    RecordAdded(u64),
    /// `attest` returned this.
    Attested(Attested),
    /// `Ok` with this amount or id (locked, voting weight, proposal id).
    Value(u128),
    /// `request_access` decided this.
    Access(Access),
    /// Refusals, each with the contract's own error.
    Consent(ConsentError),
    Registry(RegistryError),
    Records(RecordError),
    Pool(PoolError),
    Token(PSP22Error),
    Governance(GovernanceError),
    Insurance(InsuranceError),
}

/// An access decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// What a grant carries (besides the reward): the record's content hash
    /// and pointer, and the requester's envelope (sequences set none).
    Granted {
        emergency: bool,
        reward: RewardOutcome,
        content_hash: Hash,
        pointer: Vec<u8>,
        envelope: Option<Vec<u8>>,
    },
    Denied(DenialReason),
}

/// Which contract writes an audit entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writer {
    Consent,
    Records,
    Insurance,
}

/// An audit entry an operation must append (`digest: None`: not compared;
/// every operation predicts it today).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub writer: Writer,
    pub patient: AccountId,
    pub actor: AccountId,
    pub counterpart: Option<AccountId>,
    pub action: AuditAction,
    pub subject: u64,
    pub digest: Option<Hash>,
}

/// Consent terms with absolute times (`from` 0: from now).
#[derive(Debug, Clone, Copy)]
pub struct Terms {
    pub categories: u8,
    pub purposes: u8,
    pub actions: u8,
    pub from: Time,
    pub until: Time,
}

/// Bit of `category` / `purpose` in the masks of [`super::ops::Terms`].
pub fn category_bit(category: DataCategory) -> u8 {
    bit_of(&super::ops::CATEGORIES, category)
}

/// See [`category_bit`].
pub fn purpose_bit(purpose: Purpose) -> u8 {
    bit_of(&super::ops::PURPOSES, purpose)
}

fn bit_of<T: PartialEq>(list: &[T], value: T) -> u8 {
    list.iter()
        .position(|item| *item == value)
        .map_or(0, |index| 1 << index)
}

const READ: u8 = 1;
const WRITE: u8 = 2;

#[derive(Debug, Clone)]
struct Consent {
    id: u64,
    terms: Terms,
    revoked: bool,
    /// (delegate, delegation id) when a delegate granted or last updated it.
    by_delegate: Option<(AccountId, u64)>,
}

#[derive(Debug, Clone, Copy)]
struct Delegation {
    id: u64,
    until: Option<Time>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Pending,
    Active,
    Suspended,
    Revoked,
    Withdrawn,
}

#[derive(Debug, Clone, Copy)]
struct Provider {
    kind: ProviderKind,
    status: Status,
    valid_until: Time,
    round: u32,
    level: u8,
    /// A renewal waiting for attestations: (until, attestations so far).
    renewal: Option<(Time, u8)>,
}

#[derive(Debug, Clone)]
struct Record {
    patient: AccountId,
    author: AccountId,
    created: Time,
    category: DataCategory,
    content: Hash,
    withheld_from_all: bool,
    withheld_from: BTreeSet<AccountId>,
}

/// See [`Model::provider_facts`].
pub type ProviderFacts = (
    ProviderKind,
    provider_verification::registry::ProviderStatus,
    u8,
    Time,
    u32,
    Option<(Time, u8)>,
);

/// The longest accreditation: five years.
const MAX_ACCREDITATION: Time = 5 * 365 * 86_400_000;

/// The suite as the model sees it.
#[derive(Debug, Clone)]
pub struct Model {
    /// Block time (ms).
    pub now: Time,
    admin: AccountId,
    /// Verifiers and the kinds each may attest.
    verifiers: BTreeMap<AccountId, Vec<ProviderKind>>,
    required: BTreeMap<u32, u8>,
    providers: BTreeMap<AccountId, Provider>,
    attested_round: BTreeMap<(AccountId, AccountId), u32>,
    consents: BTreeMap<(AccountId, AccountId), Consent>,
    consent_ids: u64,
    delegations: BTreeMap<(AccountId, AccountId), Delegation>,
    delegation_ids: u64,
    emergency: BTreeMap<AccountId, Option<(AccountId, u64)>>,
    records: Vec<Record>,
    devices: BTreeMap<AccountId, AccountId>,
    /// Sponsor -> (deposit left, rate).
    sponsorships: BTreeMap<AccountId, (u128, u128)>,
    earned: BTreeMap<AccountId, u128>,
    /// The pool's deposits left plus unwithdrawn earnings.
    pub liabilities: u128,
    /// Token balances of every account that ever held some.
    pub balances: BTreeMap<AccountId, u128>,
    /// Token supply.
    pub supply: u128,
    pool: AccountId,
    /// Governance's account (it holds the locked tokens).
    pub governance_account: AccountId,
    /// Governance's state.
    pub governance: GovernanceModel,
    /// Insurance's account (it holds the risk pool's tokens).
    pub insurance_account: AccountId,
    /// Insurance's state.
    pub insurance: InsuranceModel,
}

impl Model {
    /// The suite right after the fuzzer's deployment: `admin` verifies every
    /// kind, `verifier` hospitals and physicians; `balances` as minted.
    pub fn new(
        now: Time,
        admin: AccountId,
        verifier: AccountId,
        oracle: AccountId,
        (pool, governance_account, insurance_account): (AccountId, AccountId, AccountId),
        balances: BTreeMap<AccountId, u128>,
    ) -> Self {
        let mut verifiers = BTreeMap::new();
        verifiers.insert(admin, <ProviderKind as interfaces::types::Flag>::ALL.to_vec());
        verifiers.insert(verifier, vec![ProviderKind::Hospital, ProviderKind::Physician]);
        Self {
            now,
            admin,
            verifiers,
            required: BTreeMap::new(),
            providers: BTreeMap::new(),
            attested_round: BTreeMap::new(),
            consents: BTreeMap::new(),
            consent_ids: 0,
            delegations: BTreeMap::new(),
            delegation_ids: 0,
            emergency: BTreeMap::new(),
            records: Vec::new(),
            devices: BTreeMap::new(),
            sponsorships: BTreeMap::new(),
            earned: BTreeMap::new(),
            liabilities: 0,
            supply: balances.values().sum(),
            balances,
            pool,
            governance_account,
            governance: GovernanceModel::new(super::governance::fuzz_settings(admin)),
            insurance_account,
            insurance: InsuranceModel::new(super::insurance::SOLVENCY_RATIO_BPS, oracle),
        }
    }

    // ---- consent -------------------------------------------------------

    fn delegation_holds(&self, patient: AccountId, delegate: AccountId, id: Option<u64>) -> bool {
        self.delegations
            .get(&(patient, delegate))
            .is_some_and(|d| id.is_none_or(|id| d.id == id) && d.until.is_none_or(|until| self.now < until))
    }

    fn is_delegate(&self, patient: AccountId, account: AccountId) -> bool {
        self.delegation_holds(patient, account, None)
    }

    fn consent_holds(&self, patient: AccountId, consent: &Consent) -> bool {
        consent
            .by_delegate
            .is_none_or(|(delegate, id)| self.delegation_holds(patient, delegate, Some(id)))
    }

    /// Whether `patient` consents to `grantee` doing `action` (READ or
    /// WRITE) on `category` for `purpose` now.
    pub fn consents(
        &self,
        patient: AccountId,
        grantee: AccountId,
        category: DataCategory,
        purpose: Purpose,
        action: u8,
    ) -> bool {
        self.consents.get(&(patient, grantee)).is_some_and(|c| {
            !c.revoked
                && c.terms.from <= self.now
                && self.now < c.terms.until
                && c.terms.categories & category_bit(category) != 0
                && c.terms.purposes & purpose_bit(purpose) != 0
                && c.terms.actions & action != 0
                && self.consent_holds(patient, c)
        })
    }

    fn in_force(&self, patient: AccountId, consent: &Consent) -> bool {
        !consent.revoked && self.now < consent.terms.until && self.consent_holds(patient, consent)
    }

    /// Who `by` acts as: `None` the patient, else its delegation id.
    fn authority(
        &self,
        by: AccountId,
        patient: AccountId,
        grantee: AccountId,
    ) -> Result<Option<(AccountId, u64)>, ConsentError> {
        if by == patient {
            return Ok(None);
        }
        if !self.is_delegate(patient, by) {
            return Err(ConsentError::NotPatientOrDelegate);
        }
        if grantee == by {
            return Err(ConsentError::DelegateSelfGrant);
        }
        if self.is_delegate(patient, grantee) {
            return Err(ConsentError::GranteeIsDelegate);
        }
        let id = self.delegations[&(patient, by)].id;
        Ok(Some((by, id)))
    }

    fn checked_terms(
        &self,
        terms: Terms,
        acting: Option<(AccountId, u64)>,
        patient: AccountId,
    ) -> Result<Terms, ConsentError> {
        if terms.categories == 0 {
            return Err(ConsentError::EmptyCategories);
        }
        if terms.purposes == 0 {
            return Err(ConsentError::EmptyPurposes);
        }
        if terms.actions == 0 {
            return Err(ConsentError::EmptyActions);
        }
        let from = if terms.from == 0 { self.now } else { terms.from };
        if terms.until <= self.now {
            return Err(ConsentError::ExpiryInPast);
        }
        if terms.until <= from {
            return Err(ConsentError::EmptyWindow);
        }
        if let Some((delegate, _)) = acting {
            if let Some(end) = self.delegations[&(patient, delegate)].until {
                if terms.until > end {
                    return Err(ConsentError::BeyondDelegation);
                }
            }
        }
        Ok(Terms { from, ..terms })
    }

    fn consent_entry(
        &self,
        action: AuditAction,
        patient: AccountId,
        by: AccountId,
        grantee: AccountId,
        id: u64,
    ) -> Expected {
        // The digest commits to the consent's terms as stored (the scope,
        // SCALE-encoded, as the consent contract's docs say).
        let terms = self.consents[&(patient, grantee)].terms;
        let picked = |mask: u8, len: usize| (0..len).filter(move |bit| mask & (1 << bit) != 0);
        let scope = consent::book::ConsentScope {
            categories: interfaces::CategorySet::from_slice(
                &picked(terms.categories, super::ops::CATEGORIES.len())
                    .map(|bit| super::ops::CATEGORIES[bit])
                    .collect::<Vec<_>>(),
            ),
            purposes: interfaces::PurposeSet::from_slice(
                &picked(terms.purposes, super::ops::PURPOSES.len())
                    .map(|bit| super::ops::PURPOSES[bit])
                    .collect::<Vec<_>>(),
            ),
            actions: interfaces::ActionSet::from_slice(
                &picked(terms.actions, 2)
                    .map(|bit| [interfaces::Action::Read, interfaces::Action::Write][bit])
                    .collect::<Vec<_>>(),
            ),
            window: interfaces::ValidityWindow {
                from: terms.from,
                until: terms.until,
            },
            policy_ref: super::ops::POLICY_REF.to_vec(),
        };
        Expected {
            writer: Writer::Consent,
            patient,
            actor: by,
            counterpart: Some(grantee),
            action,
            subject: id,
            digest: Some(digest_of(&scope)),
        }
    }

    /// `consent.grant` by `by`.
    pub fn grant(
        &mut self,
        by: AccountId,
        patient: AccountId,
        grantee: AccountId,
        terms: Terms,
    ) -> (Verdict, Vec<Expected>) {
        let acting = match self.authority(by, patient, grantee) {
            Ok(acting) => acting,
            Err(error) => return refused_consent(error),
        };
        if grantee == patient {
            return refused_consent(ConsentError::SelfGrant);
        }
        let terms = match self.checked_terms(terms, acting, patient) {
            Ok(terms) => terms,
            Err(error) => return refused_consent(error),
        };
        if self
            .consents
            .get(&(patient, grantee))
            .is_some_and(|c| self.in_force(patient, c))
        {
            return refused_consent(ConsentError::ConsentAlreadyActive);
        }
        self.consent_ids += 1;
        let id = self.consent_ids;
        self.consents.insert(
            (patient, grantee),
            Consent {
                id,
                terms,
                revoked: false,
                by_delegate: acting,
            },
        );
        let entry = self.consent_entry(AuditAction::ConsentGranted, patient, by, grantee, id);
        (Verdict::Value(u128::from(id)), vec![entry])
    }

    /// `consent.update` by `by`.
    pub fn update(
        &mut self,
        by: AccountId,
        patient: AccountId,
        grantee: AccountId,
        terms: Terms,
    ) -> (Verdict, Vec<Expected>) {
        let acting = match self.authority(by, patient, grantee) {
            Ok(acting) => acting,
            Err(error) => return refused_consent(error),
        };
        let terms = match self.checked_terms(terms, acting, patient) {
            Ok(terms) => terms,
            Err(error) => return refused_consent(error),
        };
        let id = match self.consents.get(&(patient, grantee)) {
            Some(c) if self.in_force(patient, c) => c.id,
            _ => return refused_consent(ConsentError::NoActiveConsent),
        };
        let consent = self.consents.get_mut(&(patient, grantee)).expect("checked above");
        consent.terms = terms;
        consent.by_delegate = acting;
        let entry = self.consent_entry(AuditAction::ConsentUpdated, patient, by, grantee, id);
        (Verdict::Done, vec![entry])
    }

    /// `consent.revoke` by `by`: any consent not yet revoked (even one
    /// expired or lapsed) may be revoked.
    pub fn revoke(&mut self, by: AccountId, patient: AccountId, grantee: AccountId) -> (Verdict, Vec<Expected>) {
        if by != patient && !self.is_delegate(patient, by) {
            return refused_consent(ConsentError::NotPatientOrDelegate);
        }
        let Some(consent) = self.consents.get_mut(&(patient, grantee)).filter(|c| !c.revoked) else {
            return refused_consent(ConsentError::NoActiveConsent);
        };
        consent.revoked = true;
        let id = consent.id;
        let entry = self.consent_entry(AuditAction::ConsentRevoked, patient, by, grantee, id);
        (Verdict::Done, vec![entry])
    }

    /// `consent.add_delegate` by the patient.
    pub fn add_delegate(
        &mut self,
        patient: AccountId,
        delegate: AccountId,
        until: Option<Time>,
    ) -> (Verdict, Vec<Expected>) {
        if delegate == patient {
            return refused_consent(ConsentError::SelfGrant);
        }
        if until.is_some_and(|until| until <= self.now) {
            return refused_consent(ConsentError::ExpiryInPast);
        }
        // A delegation that ended by time still occupies its slot until removed.
        if self.delegations.contains_key(&(patient, delegate)) {
            return refused_consent(ConsentError::DelegateAlreadyAdded);
        }
        if self.delegations.keys().filter(|(p, _)| *p == patient).count() >= 8 {
            return refused_consent(ConsentError::TooManyDelegates);
        }
        self.delegation_ids += 1;
        let id = self.delegation_ids;
        self.delegations.insert((patient, delegate), Delegation { id, until });
        let entry = Expected {
            writer: Writer::Consent,
            patient,
            actor: patient,
            counterpart: Some(delegate),
            action: AuditAction::DelegateAdded,
            subject: id,
            digest: Some(digest_of(&until)),
        };
        (Verdict::Done, vec![entry])
    }

    /// `consent.remove_delegate` by the patient or the delegate.
    pub fn remove_delegate(
        &mut self,
        by: AccountId,
        patient: AccountId,
        delegate: AccountId,
    ) -> (Verdict, Vec<Expected>) {
        if by != patient && by != delegate {
            return refused_consent(ConsentError::NotPatient);
        }
        let Some(delegation) = self.delegations.remove(&(patient, delegate)) else {
            return refused_consent(ConsentError::UnknownDelegate);
        };
        let entry = Expected {
            writer: Writer::Consent,
            patient,
            actor: by,
            counterpart: Some(delegate),
            action: AuditAction::DelegateRemoved,
            subject: delegation.id,
            digest: Some(digest_of(&delegation.until)),
        };
        (Verdict::Done, vec![entry])
    }

    /// Whether `patient` is opted in to emergency access now.
    pub fn emergency_enabled(&self, patient: AccountId) -> bool {
        match self.emergency.get(&patient) {
            None => false,
            Some(None) => true,
            Some(Some((delegate, id))) => self.delegation_holds(patient, *delegate, Some(*id)),
        }
    }

    /// `consent.set_emergency_access` by `by`.
    pub fn set_emergency(&mut self, by: AccountId, patient: AccountId, enabled: bool) -> (Verdict, Vec<Expected>) {
        if by != patient && !self.is_delegate(patient, by) {
            return refused_consent(ConsentError::NotPatientOrDelegate);
        }
        if self.emergency_enabled(patient) == enabled {
            return refused_consent(ConsentError::EmergencyAccessUnchanged);
        }
        if enabled {
            let by_delegate = (by != patient).then(|| (by, self.delegations[&(patient, by)].id));
            self.emergency.insert(patient, by_delegate);
        } else {
            self.emergency.remove(&patient);
        }
        let action = if enabled {
            AuditAction::EmergencyAccessEnabled
        } else {
            AuditAction::EmergencyAccessDisabled
        };
        let entry = Expected {
            writer: Writer::Consent,
            patient,
            actor: by,
            counterpart: None,
            action,
            subject: 0,
            digest: Some(digest_of(&enabled)),
        };
        (Verdict::Done, vec![entry])
    }

    // ---- provider registry ---------------------------------------------

    /// `account` as the registry should read it: (kind, status, level,
    /// valid until, round, pending renewal's (until, attestations)).
    pub fn provider_facts(&self, account: AccountId) -> Option<ProviderFacts> {
        use provider_verification::registry::ProviderStatus;
        self.providers.get(&account).map(|p| {
            let status = match p.status {
                Status::Pending => ProviderStatus::Pending,
                Status::Active => ProviderStatus::Active,
                Status::Suspended => ProviderStatus::Suspended,
                Status::Revoked => ProviderStatus::Revoked,
                Status::Withdrawn => ProviderStatus::Withdrawn,
            };
            (p.kind, status, p.level, p.valid_until, p.round, p.renewal)
        })
    }

    /// The kind `account` is verified as now: active and not expired.
    pub fn verified_kind(&self, account: AccountId) -> Option<ProviderKind> {
        self.providers
            .get(&account)
            .filter(|p| p.status == Status::Active && self.now < p.valid_until)
            .map(|p| p.kind)
    }

    fn check_expiry(&self, until: Time) -> Result<Time, RegistryError> {
        if until <= self.now {
            return Err(RegistryError::ExpiryInPast);
        }
        if until - self.now > MAX_ACCREDITATION {
            return Err(RegistryError::ValidityTooLong);
        }
        Ok(until)
    }

    /// `apply` by `applicant`.
    pub fn apply(&mut self, applicant: AccountId, kind: ProviderKind, until: Time) -> Verdict {
        let until = match self.check_expiry(until) {
            Ok(until) => until,
            Err(error) => return Verdict::Registry(error),
        };
        let round = match self.providers.get(&applicant) {
            None => 0,
            Some(p) if p.status == Status::Revoked => return Verdict::Registry(RegistryError::ProviderRevoked),
            Some(p) if p.status == Status::Suspended => return Verdict::Registry(RegistryError::ProviderSuspended),
            Some(p) if p.status == Status::Withdrawn => p.round + 1,
            Some(p) if self.now < p.valid_until => return Verdict::Registry(RegistryError::AlreadyRegistered),
            Some(p) => p.round + 1,
        };
        self.providers.insert(
            applicant,
            Provider {
                kind,
                status: Status::Pending,
                valid_until: until,
                round,
                level: 0,
                renewal: None,
            },
        );
        Verdict::Done
    }

    /// `withdraw_application` by `applicant`.
    pub fn withdraw_application(&mut self, applicant: AccountId) -> Verdict {
        match self.providers.get_mut(&applicant) {
            None => Verdict::Registry(RegistryError::UnknownProvider),
            Some(p) if p.status != Status::Pending => Verdict::Registry(RegistryError::NotPending),
            Some(p) => {
                p.status = Status::Withdrawn;
                Verdict::Done
            }
        }
    }

    /// The provider `verifier` may act on, or why not.
    fn provider_for(&self, verifier: AccountId, account: AccountId) -> Result<Provider, RegistryError> {
        let kinds = self.verifiers.get(&verifier).ok_or(RegistryError::NotVerifier)?;
        let provider = *self.providers.get(&account).ok_or(RegistryError::UnknownProvider)?;
        if !kinds.contains(&provider.kind) {
            return Err(RegistryError::KindNotAllowed);
        }
        Ok(provider)
    }

    /// `attest` by `verifier`.
    pub fn attest(&mut self, verifier: AccountId, account: AccountId) -> Verdict {
        if verifier == account {
            return Verdict::Registry(RegistryError::SelfAttestation);
        }
        let mut p = match self.provider_for(verifier, account) {
            Ok(p) => p,
            Err(error) => return Verdict::Registry(error),
        };
        match p.status {
            Status::Revoked => return Verdict::Registry(RegistryError::ProviderRevoked),
            Status::Suspended => return Verdict::Registry(RegistryError::ProviderSuspended),
            Status::Withdrawn => return Verdict::Registry(RegistryError::NotPending),
            Status::Pending | Status::Active => {}
        }
        if p.renewal.is_none() && self.now >= p.valid_until {
            return Verdict::Registry(RegistryError::CredentialExpired);
        }
        if self.attested_round.get(&(account, verifier)) == Some(&p.round) {
            return Verdict::Registry(RegistryError::AlreadyAttested);
        }
        let required = self.required.get(&kind_key(p.kind)).copied().unwrap_or(1);
        let outcome = match p.renewal {
            Some((until, count)) if count + 1 >= required => {
                p.valid_until = until;
                p.level = count + 1;
                p.renewal = None;
                Attested::Renewed
            }
            Some((until, count)) => {
                p.renewal = Some((until, count + 1));
                Attested::Counted
            }
            None => {
                p.level += 1;
                if p.status == Status::Pending && p.level >= required {
                    p.status = Status::Active;
                    Attested::Activated
                } else {
                    Attested::Counted
                }
            }
        };
        self.attested_round.insert((account, verifier), p.round);
        self.providers.insert(account, p);
        Verdict::Attested(outcome)
    }

    /// `suspend` (to `Suspended` from `Active`) or `reinstate` (back).
    pub fn suspend_or_reinstate(&mut self, verifier: AccountId, account: AccountId, suspend: bool) -> Verdict {
        let p = match self.provider_for(verifier, account) {
            Ok(p) => p,
            Err(error) => return Verdict::Registry(error),
        };
        let (from, to, wrong) = if suspend {
            (Status::Active, Status::Suspended, RegistryError::NotActive)
        } else {
            (Status::Suspended, Status::Active, RegistryError::NotSuspended)
        };
        if p.status != from {
            return Verdict::Registry(wrong);
        }
        self.providers.insert(account, Provider { status: to, ..p });
        Verdict::Done
    }

    /// `revoke` (registry) by `by`.
    pub fn revoke_provider(&mut self, by: AccountId, account: AccountId) -> Verdict {
        if by != self.admin {
            return Verdict::Registry(RegistryError::NotAdmin);
        }
        match self.providers.get_mut(&account) {
            None => Verdict::Registry(RegistryError::UnknownProvider),
            Some(p) if p.status == Status::Revoked => Verdict::Registry(RegistryError::ProviderRevoked),
            Some(p) => {
                p.status = Status::Revoked;
                p.renewal = None;
                Verdict::Done
            }
        }
    }

    /// `renew` by `account`: a new expiry, in force after fresh attestations.
    pub fn renew(&mut self, account: AccountId, until: Time) -> Verdict {
        let now = self.now;
        let Some(p) = self.providers.get(&account).copied() else {
            return Verdict::Registry(RegistryError::UnknownProvider);
        };
        if p.status != Status::Active {
            return Verdict::Registry(RegistryError::NotActive);
        }
        if now >= p.valid_until {
            return Verdict::Registry(RegistryError::CredentialExpired);
        }
        if p.renewal.is_some() {
            return Verdict::Registry(RegistryError::RenewalPending);
        }
        let until = match self.check_expiry(until) {
            Ok(until) => until,
            Err(error) => return Verdict::Registry(error),
        };
        if until <= p.valid_until {
            return Verdict::Registry(RegistryError::RenewalNotLater);
        }
        self.providers.insert(
            account,
            Provider {
                round: p.round + 1,
                renewal: Some((until, 0)),
                ..p
            },
        );
        Verdict::Done
    }

    /// `set_required_attestations` by `by`.
    pub fn set_required(&mut self, by: AccountId, kind: ProviderKind, required: u8) -> Verdict {
        if by != self.admin {
            return Verdict::Registry(RegistryError::NotAdmin);
        }
        if required == 0 || required > 7 {
            return Verdict::Registry(RegistryError::InvalidRequirement);
        }
        self.required.insert(kind_key(kind), required);
        Verdict::Done
    }

    // ---- records ---------------------------------------------------------

    fn record_entry(
        &self,
        id: u64,
        actor: AccountId,
        counterpart: Option<AccountId>,
        action: AuditAction,
        digest: Hash,
    ) -> Expected {
        let record = &self.records[(id - 1) as usize];
        Expected {
            writer: Writer::Records,
            patient: record.patient,
            actor,
            counterpart,
            action,
            subject: id,
            digest: Some(digest),
        }
    }

    /// `add_record` by `author`.
    pub fn add_record(
        &mut self,
        author: AccountId,
        patient: AccountId,
        category: DataCategory,
        purpose: Purpose,
        content: Hash,
    ) -> (Verdict, Vec<Expected>) {
        if author != patient {
            if self.devices.get(&author) == Some(&patient) {
                if category != DataCategory::VitalSigns {
                    return refused_record(RecordError::DeviceCategoryNotAllowed);
                }
            } else if self.verified_kind(author).is_none() {
                return refused_record(RecordError::UnverifiedAuthor);
            } else if !self.consents(patient, author, category, purpose, WRITE) {
                return refused_record(RecordError::NoWriteConsent);
            }
        }
        self.records.push(Record {
            patient,
            author,
            created: self.now,
            category,
            content,
            withheld_from_all: false,
            withheld_from: BTreeSet::new(),
        });
        let id = self.records.len() as u64;
        let entry = self.record_entry(id, author, None, AuditAction::RecordAddedFor { purpose }, content);
        (Verdict::RecordAdded(id), vec![entry])
    }

    /// `patient`'s records added at or after `from`: a claim may cite them.
    pub fn records_since(&self, patient: AccountId, from: Time) -> Vec<u64> {
        (1..=self.records.len() as u64)
            .filter(|id| {
                let record = &self.records[(id - 1) as usize];
                record.patient == patient && record.created >= from
            })
            .collect()
    }

    /// Every consent not revoked, as (patient, grantee, purposes mask): the
    /// generator aims requests at them.
    pub fn consented(&self) -> Vec<(AccountId, AccountId, u8)> {
        self.consents
            .iter()
            .filter(|(_, consent)| !consent.revoked)
            .map(|((patient, grantee), consent)| (*patient, *grantee, consent.terms.purposes))
            .collect()
    }

    /// Every withholding: (record, patient, from whom; `None` everyone).
    pub fn withheld(&self) -> Vec<(u64, AccountId, Option<AccountId>)> {
        let mut found = Vec::new();
        for (index, record) in self.records.iter().enumerate() {
            let id = index as u64 + 1;
            if record.withheld_from_all {
                found.push((id, record.patient, None));
            }
            found.extend(
                record
                    .withheld_from
                    .iter()
                    .map(|from| (id, record.patient, Some(*from))),
            );
        }
        found
    }

    /// Registered devices: (device, patient).
    pub fn devices(&self) -> Vec<(AccountId, AccountId)> {
        self.devices
            .iter()
            .map(|(device, patient)| (*device, *patient))
            .collect()
    }

    /// Providers pending attestation, and suspended ones.
    pub fn providers_waiting(&self) -> (Vec<AccountId>, Vec<AccountId>) {
        let with = |status| {
            self.providers
                .iter()
                .filter(|(_, p)| p.status == status)
                .map(|(account, _)| *account)
                .collect()
        };
        (with(Status::Pending), with(Status::Suspended))
    }

    /// Patients with unwithdrawn earnings.
    pub fn earners(&self) -> Vec<AccountId> {
        self.earned
            .iter()
            .filter(|(_, earned)| **earned > 0)
            .map(|(patient, _)| *patient)
            .collect()
    }

    /// Ids of `patient`'s records.
    pub fn records_of(&self, patient: AccountId) -> Vec<u64> {
        (1..=self.records.len() as u64)
            .filter(|id| self.records[(id - 1) as usize].patient == patient)
            .collect()
    }

    /// The patient of record `id`, if it exists.
    pub fn record_patient(&self, id: u64) -> Option<AccountId> {
        self.record(id).map(|record| record.patient)
    }

    fn record(&self, id: u64) -> Option<&Record> {
        id.checked_sub(1).and_then(|index| self.records.get(index as usize))
    }

    /// The access decision the suite's rules give, or `None` for an unknown
    /// record. `Ok(emergency)` grants.
    pub fn decision(&self, requester: AccountId, id: u64, purpose: Purpose) -> Option<Result<bool, DenialReason>> {
        let record = self.record(id)?;
        let patient = record.patient;
        Some(if requester == patient {
            Ok(false)
        } else if record.withheld_from_all || record.withheld_from.contains(&requester) {
            Err(DenialReason::Withheld)
        } else if purpose == Purpose::Emergency {
            if self.verified_kind(requester) != Some(ProviderKind::EmergencyService) {
                Err(DenialReason::NotEmergencyService)
            } else if self.emergency_enabled(patient) {
                Ok(true)
            } else {
                Err(DenialReason::EmergencyAccessNotEnabled)
            }
        } else if self.verified_kind(requester).is_none() {
            Err(DenialReason::ProviderNotVerified)
        } else if self.consents(patient, requester, record.category, purpose, READ) {
            Ok(false)
        } else {
            Err(DenialReason::NoConsent)
        })
    }

    /// `request_access` by `requester`: the decision, a research reward
    /// from the requester's deposit, and one audit entry either way.
    pub fn request_access(&mut self, requester: AccountId, id: u64, purpose: Purpose) -> (Verdict, Vec<Expected>) {
        let Some(decision) = self.decision(requester, id, purpose) else {
            return refused_record(RecordError::UnknownRecord);
        };
        let record = self.record(id).expect("decided above").clone();
        let (access, action) = match decision {
            Ok(emergency) => {
                let reward = if !emergency && purpose == Purpose::Research && requester != record.patient {
                    self.credit(requester, record.patient)
                } else {
                    RewardOutcome::NotApplicable
                };
                let action = if emergency {
                    AuditAction::EmergencyAccessGranted
                } else {
                    AuditAction::AccessGranted { purpose }
                };
                let granted = Access::Granted {
                    emergency,
                    reward,
                    content_hash: record.content,
                    pointer: super::ops::POINTER.to_vec(),
                    envelope: None,
                };
                (granted, action)
            }
            Err(reason) => (Access::Denied(reason), AuditAction::AccessDenied { purpose, reason }),
        };
        let entry = self.record_entry(id, requester, None, action, record.content);
        (Verdict::Access(access), vec![entry])
    }

    fn acts_for(&self, by: AccountId, id: u64) -> Result<AccountId, RecordError> {
        let record = self.record(id).ok_or(RecordError::UnknownRecord)?;
        if by == record.patient || self.is_delegate(record.patient, by) {
            Ok(record.patient)
        } else {
            Err(RecordError::NotPatientOrDelegate)
        }
    }

    /// `withhold` by `by`, from `from` (everyone but the patient if `None`).
    pub fn withhold(&mut self, by: AccountId, id: u64, from: Option<AccountId>) -> (Verdict, Vec<Expected>) {
        let patient = match self.acts_for(by, id) {
            Ok(patient) => patient,
            Err(error) => return refused_record(error),
        };
        let record = &mut self.records[(id - 1) as usize];
        match from {
            Some(account) if account == patient => return refused_record(RecordError::CannotWithholdFromPatient),
            Some(account) => {
                if !record.withheld_from.insert(account) {
                    return refused_record(RecordError::AlreadyWithheld);
                }
            }
            None if record.withheld_from_all => return refused_record(RecordError::AlreadyWithheld),
            None => record.withheld_from_all = true,
        }
        let entry = self.record_entry(id, by, from, AuditAction::RecordWithheld, digest_of(&from));
        (Verdict::Done, vec![entry])
    }

    /// `release` by `by`; a delegate may not release in its own favour.
    pub fn release(&mut self, by: AccountId, id: u64, from: Option<AccountId>) -> (Verdict, Vec<Expected>) {
        let patient = match self.acts_for(by, id) {
            Ok(patient) => patient,
            Err(error) => return refused_record(error),
        };
        if by != patient && from.is_none_or(|account| account == by) {
            return refused_record(RecordError::DelegateActsForItself);
        }
        let record = &mut self.records[(id - 1) as usize];
        match from {
            Some(account) => {
                if !record.withheld_from.remove(&account) {
                    return refused_record(RecordError::NotWithheld);
                }
            }
            None if !record.withheld_from_all => return refused_record(RecordError::NotWithheld),
            None => record.withheld_from_all = false,
        }
        let entry = self.record_entry(id, by, from, AuditAction::RecordReleased, digest_of(&from));
        (Verdict::Done, vec![entry])
    }

    /// `register_device` (or `remove_device`) by `patient`.
    pub fn device(&mut self, patient: AccountId, device: AccountId, register: bool) -> (Verdict, Vec<Expected>) {
        if register {
            if device == patient {
                return refused_record(RecordError::SelfDevice);
            }
            if self.devices.contains_key(&device) {
                return refused_record(RecordError::DeviceAlreadyRegistered);
            }
            if self.devices.values().filter(|owner| **owner == patient).count() >= 8 {
                return refused_record(RecordError::TooManyDevices);
            }
            self.devices.insert(device, patient);
        } else {
            if self.devices.get(&device) != Some(&patient) {
                return refused_record(RecordError::UnknownDevice);
            }
            self.devices.remove(&device);
        }
        let action = if register {
            AuditAction::DeviceRegistered
        } else {
            AuditAction::DeviceRemoved
        };
        let entry = Expected {
            writer: Writer::Records,
            patient,
            actor: patient,
            counterpart: Some(device),
            action,
            subject: 0,
            digest: Some(Hash::default()),
        };
        (Verdict::Done, vec![entry])
    }

    // ---- reward pool and token -------------------------------------------

    fn credit(&mut self, sponsor: AccountId, patient: AccountId) -> RewardOutcome {
        match self.sponsorships.get_mut(&sponsor) {
            Some((deposit, rate)) if *deposit >= *rate => {
                *deposit -= *rate;
                let paid = *rate;
                *self.earned.entry(patient).or_default() += paid;
                RewardOutcome::Paid(paid)
            }
            _ => RewardOutcome::NotPaid(RewardError::InsufficientDeposit),
        }
    }

    /// What `patient` earned and has not withdrawn.
    pub fn earned(&self, patient: AccountId) -> u128 {
        self.earned.get(&patient).copied().unwrap_or(0)
    }

    /// `sponsor`'s deposit left.
    pub fn deposit_left(&self, sponsor: AccountId) -> u128 {
        self.sponsorships.get(&sponsor).map_or(0, |(deposit, _)| *deposit)
    }

    /// Token balance of `account`.
    pub fn balance(&self, account: AccountId) -> u128 {
        self.balances.get(&account).copied().unwrap_or(0)
    }

    /// A PSP22 transfer (a transfer to oneself or of nothing changes nothing).
    pub fn transfer(&mut self, from: AccountId, to: AccountId, amount: u128) -> Result<(), PSP22Error> {
        if from == to || amount == 0 {
            return Ok(());
        }
        if self.balance(from) < amount {
            return Err(PSP22Error::InsufficientBalance);
        }
        *self.balances.entry(from).or_default() -= amount;
        *self.balances.entry(to).or_default() += amount;
        Ok(())
    }

    /// PSP22 `burn` by `holder`.
    pub fn burn(&mut self, holder: AccountId, amount: u128) -> Verdict {
        if amount == 0 {
            return Verdict::Done;
        }
        if self.balance(holder) < amount {
            return Verdict::Token(PSP22Error::InsufficientBalance);
        }
        *self.balances.entry(holder).or_default() -= amount;
        self.supply -= amount;
        Verdict::Done
    }

    /// `reward_pool.deposit` by `sponsor` (who approved the pool for all).
    pub fn deposit(&mut self, sponsor: AccountId, amount: u128, rate: u128) -> Verdict {
        if amount == 0 {
            return Verdict::Pool(PoolError::ZeroAmount);
        }
        if rate == 0 {
            return Verdict::Pool(PoolError::ZeroRate);
        }
        if let Err(error) = self.transfer(sponsor, self.pool, amount) {
            return Verdict::Pool(PoolError::TokenRefused(error));
        }
        let entry = self.sponsorships.entry(sponsor).or_default();
        entry.0 += amount;
        entry.1 = rate;
        self.liabilities += amount;
        Verdict::Done
    }

    /// `withdraw_earned` (patient) or `withdraw_deposit` (sponsor).
    pub fn withdraw(&mut self, account: AccountId, amount: u128, earnings: bool) -> Verdict {
        if amount == 0 {
            return Verdict::Pool(PoolError::ZeroAmount);
        }
        let left = if earnings {
            self.earned(account)
        } else {
            self.deposit_left(account)
        };
        if left < amount {
            return Verdict::Pool(if earnings {
                PoolError::InsufficientEarnings
            } else {
                PoolError::InsufficientDeposit
            });
        }
        if earnings {
            self.earned.insert(account, left - amount);
        } else {
            self.sponsorships.entry(account).or_default().0 -= amount;
        }
        self.liabilities -= amount;
        match self.transfer(self.pool, account, amount) {
            Ok(()) => Verdict::Done,
            Err(error) => Verdict::Pool(PoolError::TokenRefused(error)),
        }
    }
}

impl Model {
    // ---- governance --------------------------------------------------------

    /// `lock`: the power first, then the token's `transfer_from`; a refused
    /// transfer reverts both.
    pub fn lock(&mut self, holder: AccountId, amount: u128) -> Verdict {
        let mut governance = self.governance.clone();
        let locked = match governance.lock(holder, amount, self.now) {
            Ok(locked) => locked,
            Err(error) => return Verdict::Governance(error),
        };
        match self.transfer(holder, self.governance_account, amount) {
            Ok(()) => {
                self.governance = governance;
                Verdict::Value(locked)
            }
            Err(error) => Verdict::Governance(GovernanceError::Token(error)),
        }
    }

    /// `unlock`: the tokens go back.
    pub fn unlock(&mut self, holder: AccountId, amount: u128) -> Verdict {
        match self.governance.unlock(holder, amount, self.now) {
            Ok(locked) => match self.transfer(self.governance_account, holder, amount) {
                Ok(()) => Verdict::Value(locked),
                Err(error) => Verdict::Governance(GovernanceError::Token(error)),
            },
            Err(error) => Verdict::Governance(error),
        }
    }

    /// `propose`, `vote`, `queue`, `execute` and `cancel`.
    pub fn govern(&mut self, caller: AccountId, act: Governing) -> Verdict {
        let now = self.now;
        let g = &mut self.governance;
        let result = match act {
            Governing::Propose(proposed) => g.propose(caller, proposed, now).map(u128::from),
            Governing::Vote(id, support) => g.vote(caller, id, support, now),
            Governing::Queue(id) => g.queue(id, now).map(|()| 0),
            Governing::Execute(id) => g.execute(id, now).map(|()| 0),
            Governing::Cancel(id) => g.cancel(caller, id, now).map(|()| 0),
        };
        match (act, result) {
            (Governing::Propose(_) | Governing::Vote(..), Ok(value)) => Verdict::Value(value),
            (_, Ok(_)) => Verdict::Done,
            (_, Err(error)) => Verdict::Governance(error),
        }
    }
}

/// What an insurance step does when the contract accepts it: its verdict,
/// its audit entries and the tokens it moves (from, to, amount).
type Insured = (Verdict, Vec<Expected>, Option<(AccountId, AccountId, u128)>);

/// An insurance step.
#[derive(Debug, Clone, Copy)]
pub enum Insuring {
    Publish,
    Approve(u64),
    PlanStatus(u64, PlanStatus),
    Enrol(u64),
    PayPremium(u64),
    Cancel(u64),
    End(u64),
    /// Deposit an amount, for at least so many shares.
    Deposit(u128, u128),
    /// Withdraw an amount, burning at most so many shares.
    Withdraw(u128, u128),
    /// Appoint (true) or remove an assessor of a plan.
    Assessor(u64, AccountId, bool),
    Quorum(u64, u16),
    /// A claim on a policy citing a record: amount and service fingerprint.
    Claim {
        policy: u64,
        record: u64,
        amount: u128,
        fingerprint: Hash,
    },
    Score(u64, u16),
    VoteClaim(u64, bool),
    CloseReview(u64),
    Reopen(u64),
    Payout(u64),
}

impl Model {
    /// Insurance's admin-only steps refuse everyone else first.
    fn admin_only(&self, caller: AccountId) -> Result<(), InsuranceError> {
        if caller == self.admin {
            Ok(())
        } else {
            Err(InsuranceError::Admin(interfaces::AdminError::NotAdmin))
        }
    }

    /// What the model's consent, registry and records say of a claim by
    /// `claimant` citing `record` on `holder`'s policy with `insurer`.
    fn cited(&self, record: u64, claimant: AccountId, holder: AccountId, insurer: AccountId) -> Cited {
        let found = record.checked_sub(1).and_then(|index| self.records.get(index as usize));
        let payment = |grantee, action| {
            found.is_some_and(|r| self.consents(holder, grantee, r.category, Purpose::Payment, action))
        };
        Cited {
            record: found.map(|r| (r.patient, r.author, r.category, r.created)),
            claimant_kind: self.verified_kind(claimant),
            billing_consent: payment(claimant, WRITE),
            author_kind: found.and_then(|r| self.verified_kind(r.author)),
            payment_consent: payment(insurer, READ),
        }
    }

    /// An insurance step by `caller`: the contract's checks, then its audit
    /// entry, then the token transfer; a refused transfer reverts it all.
    pub fn insure(&mut self, caller: AccountId, step: Insuring) -> (Verdict, Vec<Expected>) {
        let now = self.now;
        let mut insurance = self.insurance.clone();
        let entry = |patient, counterpart, action, subject, first| Expected {
            writer: Writer::Insurance,
            patient,
            actor: caller,
            counterpart,
            action,
            subject,
            digest: Some(digest_of(&AuditDetails {
                first,
                ..Default::default()
            })),
        };
        let verified_insurer = |model: &Model, account| model.verified_kind(account) == Some(ProviderKind::Insurer);
        let outcome: Result<Insured, InsuranceError> = match step {
            Insuring::Publish => insurance
                .publish(caller, verified_insurer(self, caller))
                .map(|plan| (Verdict::Value(u128::from(plan)), Vec::new(), None)),
            Insuring::Approve(plan) => self
                .admin_only(caller)
                .and_then(|()| insurance.approve(plan))
                .map(|()| (Verdict::Done, Vec::new(), None)),
            Insuring::PlanStatus(plan, status) => insurance
                .set_plan_status(caller, plan, status)
                .map(|()| (Verdict::Done, Vec::new(), None)),
            Insuring::Enrol(plan) => insurance.insurer(plan).and_then(|insurer| {
                let verified = verified_insurer(self, insurer);
                insurance.enrol(caller, plan, verified, now).map(|(policy, premium)| {
                    let audit = entry(caller, Some(insurer), AuditAction::PolicyEnrolled, policy, plan);
                    (
                        Verdict::Value(u128::from(policy)),
                        vec![audit],
                        Some((caller, self.insurance_account, premium)),
                    )
                })
            }),
            Insuring::PayPremium(policy) => insurance.pay_premium(policy, now).map(|(holder, paid, amount)| {
                let audit = entry(holder, None, AuditAction::PremiumPaid, policy, u64::from(paid));
                (
                    Verdict::Done,
                    vec![audit],
                    Some((caller, self.insurance_account, amount)),
                )
            }),
            Insuring::Cancel(policy) => insurance.cancel(caller, policy, now).map(|()| {
                let audit = entry(caller, None, AuditAction::PolicyCancelled, policy, now);
                (Verdict::Done, vec![audit], None)
            }),
            Insuring::End(policy) => insurance
                .end_policy(policy, now)
                .map(|()| (Verdict::Done, Vec::new(), None)),
            Insuring::Deposit(amount, min_shares) => {
                insurance.deposit_capital(caller, amount, min_shares).map(|minted| {
                    (
                        Verdict::Value(minted),
                        Vec::new(),
                        Some((caller, self.insurance_account, amount)),
                    )
                })
            }
            Insuring::Withdraw(amount, max_burned) => {
                insurance.withdraw_capital(caller, amount, max_burned).map(|burned| {
                    (
                        Verdict::Value(burned),
                        Vec::new(),
                        Some((self.insurance_account, caller, amount)),
                    )
                })
            }
            Insuring::Assessor(plan, assessor, appointed) => self
                .admin_only(caller)
                .and_then(|()| insurance.set_assessor(plan, assessor, appointed))
                .map(|()| (Verdict::Done, Vec::new(), None)),
            Insuring::Quorum(plan, quorum) => self
                .admin_only(caller)
                .and_then(|()| insurance.set_quorum(plan, quorum))
                .map(|()| (Verdict::Done, Vec::new(), None)),
            Insuring::Claim {
                policy,
                record,
                amount,
                fingerprint,
            } => insurance.claimable(policy, now).and_then(|(holder, insurer)| {
                let cited = self.cited(record, caller, holder, insurer);
                insurance
                    .submit(policy, caller, record, cited, amount, fingerprint, now)
                    .map(|claim| {
                        let details = AuditDetails {
                            first: policy,
                            second: record,
                            amount,
                            hash: fingerprint,
                        };
                        let audit = claim_entry(holder, Some(insurer), AuditAction::ClaimSubmitted, claim, details);
                        (Verdict::Value(u128::from(claim)), vec![audit], None)
                    })
            }),
            Insuring::Score(claim, score) => {
                if caller != insurance.oracle {
                    Err(InsuranceError::NotOracle)
                } else {
                    insurance.score(claim, score, now).map(|scored| {
                        let details = AuditDetails {
                            first: u64::from(score),
                            hash: super::insurance::risk_model(),
                            ..Default::default()
                        };
                        let holder = insurance.holder_of(&scored);
                        let audit = claim_entry(holder, None, AuditAction::ClaimScored, claim, details);
                        (Verdict::Done, vec![audit], None)
                    })
                }
            }
            Insuring::VoteClaim(claim, approve) => insurance.vote(caller, claim, approve, now).map(|voted| {
                let decided = voted.status != ClaimStatus::UnderReview;
                let holder = insurance.holder_of(&voted);
                let audit = decided.then(|| decision_entry(holder, AuditAction::ClaimDecided, claim, &voted));
                (Verdict::Done, audit.into_iter().collect(), None)
            }),
            Insuring::CloseReview(claim) => insurance.close_review(claim, now).map(|closed| {
                let holder = insurance.holder_of(&closed);
                let audit = decision_entry(holder, AuditAction::ClaimDecided, claim, &closed);
                (Verdict::Done, vec![audit], None)
            }),
            Insuring::Reopen(claim) => {
                self.admin_only(caller)
                    .and_then(|()| insurance.reopen(claim, now))
                    .map(|reopened| {
                        let holder = insurance.holder_of(&reopened);
                        let audit = decision_entry(holder, AuditAction::ClaimReopened, claim, &reopened);
                        (Verdict::Done, vec![audit], None)
                    })
            }
            Insuring::Payout(claim) => insurance.pay(claim, now).map(|paid| {
                let details = AuditDetails {
                    amount: paid.payout,
                    ..Default::default()
                };
                let holder = insurance.holder_of(&paid);
                let audit = claim_entry(holder, Some(paid.payee), AuditAction::ClaimPaid, claim, details);
                (
                    Verdict::Done,
                    vec![audit],
                    Some((self.insurance_account, paid.payee, paid.payout)),
                )
            }),
        };
        let (verdict, mut entries, moved) = match outcome {
            Ok(done) => done,
            Err(error) => return (Verdict::Insurance(error), Vec::new()),
        };
        if let Some((from, to, amount)) = moved {
            if let Err(error) = self.transfer(from, to, amount) {
                return (Verdict::Insurance(InsuranceError::TokenRefused(error)), Vec::new());
            }
        }
        self.insurance = insurance;
        for entry in &mut entries {
            entry.actor = caller;
        }
        (verdict, entries)
    }
}

/// A governance step other than locking.
#[derive(Debug, Clone, Copy)]
pub enum Governing {
    Propose(Proposed),
    Vote(u32, Support),
    Queue(u32),
    Execute(u32),
    Cancel(u32),
}

/// Insurance's entry about claim `claim` of `holder`'s policy.
fn claim_entry(
    holder: AccountId,
    counterpart: Option<AccountId>,
    action: AuditAction,
    claim: u64,
    details: AuditDetails,
) -> Expected {
    Expected {
        writer: Writer::Insurance,
        patient: holder,
        // Filled in by `insure` (the caller).
        actor: holder,
        counterpart,
        action,
        subject: claim,
        digest: Some(digest_of(&details)),
    }
}

/// The entry of a decision or reopening: the status's index, and the round,
/// approvals and rejections, 16 bits each from the top.
fn decision_entry(holder: AccountId, action: AuditAction, id: u64, claim: &Claim) -> Expected {
    let review = claim.review;
    let votes = (u64::from(review.round) << 48) | (u64::from(review.approve) << 32) | (u64::from(review.reject) << 16);
    let details = AuditDetails {
        first: claim.status as u64,
        second: votes,
        ..Default::default()
    };
    claim_entry(holder, None, action, id, details)
}

fn refused_consent(error: ConsentError) -> (Verdict, Vec<Expected>) {
    (Verdict::Consent(error), Vec::new())
}

fn refused_record(error: RecordError) -> (Verdict, Vec<Expected>) {
    (Verdict::Records(error), Vec::new())
}

fn kind_key(kind: ProviderKind) -> u32 {
    interfaces::types::Flag::position(kind)
}
