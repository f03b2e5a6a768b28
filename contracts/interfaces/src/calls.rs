//! Every cross-contract call of the suite, written once.
//!
//! Each function builds the callee's `ink::contract_ref!` from its stored
//! `AccountId`, calls it with `try_invoke` (so a failing callee never traps
//! the caller) and maps the three layers of the answer:
//!
//! - `Err(env)`: the call could not be made (no contract there, out of gas,
//!   the callee trapped) → [`Unavailable`];
//! - `Ok(Err(lang))`: the callee does not have the message (a `LangError`,
//!   for example an account that is some other contract) → [`Unavailable`];
//! - `Ok(Ok(value))`: the callee's own answer, which for a message returning
//!   `Result` is itself checked: its `Err` becomes [`CallFailure::Refused`].
//!
//! A caller turns [`Unavailable`] into its own error (or, for an access
//! decision, a denial): every check fails closed.

use crate::audit::{AppendFailure, AuditRecord};
use crate::traits::{
    AuditLog, ConsentCheck, PSP22Error, ProofCheck, ProviderCheck, RecordLookup, RecordSummary, RewardCredit,
    RewardError, PSP22,
};
use crate::{AccountId, Action, Balance, DataCategory, Hash, ProviderKind, Purpose};
use ink::codegen::TraitCallBuilder;
use ink::env::DefaultEnvironment;
use ink::prelude::vec::Vec;

/// The callee could not be called, trapped, or does not have the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

/// Why a call to a message that returns `Result<_, E>` did not succeed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallFailure<E> {
    /// The callee answered with its own error.
    Refused(E),
    /// The callee could not be called (see [`Unavailable`]).
    Unavailable,
}

impl<E> CallFailure<E> {
    /// The caller's own error for this failure: `refused` wraps the callee's
    /// error, `unavailable` stands for a callee that could not be called.
    pub fn into_error<F>(self, refused: impl FnOnce(E) -> F, unavailable: F) -> F {
        match self {
            CallFailure::Refused(error) => refused(error),
            CallFailure::Unavailable => unavailable,
        }
    }
}

/// The callee's answer, or [`Unavailable`] for the two outer failure layers.
fn answer<T>(outcome: ink::env::Result<ink::MessageResult<T>>) -> Result<T, Unavailable> {
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(_)) | Err(_) => Err(Unavailable),
    }
}

/// The callee's `Ok` value; its `Err` as [`CallFailure::Refused`].
fn checked<T, E>(outcome: ink::env::Result<ink::MessageResult<Result<T, E>>>) -> Result<T, CallFailure<E>> {
    match answer(outcome) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(refused)) => Err(CallFailure::Refused(refused)),
        Err(Unavailable) => Err(CallFailure::Unavailable),
    }
}

/// Appends `record` to the audit trail at `trail` ([`AuditLog::append`]).
/// Returns the new entry's sequence number. Every writer contract appends
/// through here, so a refused or failed append is always an error that the
/// writer turns into its own `Err` (which reverts what it audited).
pub fn append_to(trail: AccountId, record: AuditRecord) -> Result<u64, AppendFailure> {
    let mut trail: ink::contract_ref!(AuditLog, DefaultEnvironment) = trail.into();
    checked(trail.call_mut().append(record).try_invoke()).map_err(|failure| match failure {
        CallFailure::Refused(_) => AppendFailure::Rejected,
        CallFailure::Unavailable => AppendFailure::Unavailable,
    })
}

/// The kind `account` is verified as in the provider registry at `registry`
/// ([`ProviderCheck::verified_kind`]).
pub fn verified_kind(registry: AccountId, account: AccountId) -> Result<Option<ProviderKind>, Unavailable> {
    let registry: ink::contract_ref!(ProviderCheck, DefaultEnvironment) = registry.into();
    answer(registry.call().verified_kind(account).try_invoke())
}

/// Whether the consent contract at `consent` says `patient` lets `grantee`
/// do `action` on `category` for `purpose` now ([`ConsentCheck::check`]).
pub fn consent_covers(
    consent: AccountId,
    patient: AccountId,
    grantee: AccountId,
    category: DataCategory,
    purpose: Purpose,
    action: Action,
) -> Result<bool, Unavailable> {
    let consent: ink::contract_ref!(ConsentCheck, DefaultEnvironment) = consent.into();
    answer(
        consent
            .call()
            .check(patient, grantee, category, purpose, action)
            .try_invoke(),
    )
}

/// Whether `patient` opted in to emergency access
/// ([`ConsentCheck::emergency_access_enabled`]).
pub fn emergency_access_enabled(consent: AccountId, patient: AccountId) -> Result<bool, Unavailable> {
    let consent: ink::contract_ref!(ConsentCheck, DefaultEnvironment) = consent.into();
    answer(consent.call().emergency_access_enabled(patient).try_invoke())
}

/// Whether `account` is a current delegate of `patient`
/// ([`ConsentCheck::is_delegate`]).
pub fn is_delegate(consent: AccountId, patient: AccountId, account: AccountId) -> Result<bool, Unavailable> {
    let consent: ink::contract_ref!(ConsentCheck, DefaultEnvironment) = consent.into();
    answer(consent.call().is_delegate(patient, account).try_invoke())
}

/// The summary of record `record_id` at the record index `records`
/// ([`RecordLookup::record_summary`]).
pub fn record_summary(records: AccountId, record_id: u64) -> Result<Option<RecordSummary>, Unavailable> {
    let records: ink::contract_ref!(RecordLookup, DefaultEnvironment) = records.into();
    answer(records.call().record_summary(record_id).try_invoke())
}

/// Whether `leaf` is field `index` of record `record_id` by `proof`
/// ([`RecordLookup::field_proven`]).
pub fn field_proven(
    records: AccountId,
    record_id: u64,
    index: u16,
    leaf: Hash,
    proof: Vec<Hash>,
) -> Result<bool, Unavailable> {
    let records: ink::contract_ref!(RecordLookup, DefaultEnvironment) = records.into();
    answer(records.call().field_proven(record_id, index, leaf, proof).try_invoke())
}

/// Whether the verifier at `verifier` accepts `proof` for `public_inputs`
/// ([`ProofCheck::proves`]).
pub fn proves(verifier: AccountId, proof: Vec<u8>, public_inputs: Vec<[u8; 32]>) -> Result<bool, Unavailable> {
    let verifier: ink::contract_ref!(ProofCheck, DefaultEnvironment) = verifier.into();
    answer(verifier.call().proves(proof, public_inputs).try_invoke())
}

/// Credits `patient` with `sponsor`'s rate from the reward pool at `pool`
/// ([`RewardCredit::credit`]). A pool that cannot be called answers
/// [`RewardError::Unavailable`].
pub fn credit(pool: AccountId, sponsor: AccountId, patient: AccountId) -> Result<Balance, RewardError> {
    let mut pool: ink::contract_ref!(RewardCredit, DefaultEnvironment) = pool.into();
    checked(pool.call_mut().credit(sponsor, patient).try_invoke()).map_err(|failure| match failure {
        CallFailure::Refused(refused) => refused,
        CallFailure::Unavailable => RewardError::Unavailable,
    })
}

/// Moves `value` of the PSP22 token at `token` from the calling contract to
/// `to` ([`PSP22::transfer`]).
pub fn token_transfer(token: AccountId, to: AccountId, value: Balance) -> Result<(), CallFailure<PSP22Error>> {
    let mut token: ink::contract_ref!(PSP22, DefaultEnvironment) = token.into();
    checked(token.call_mut().transfer(to, value, Vec::new()).try_invoke())
}

/// Moves `value` of the PSP22 token at `token` from `from` to `to` under the
/// calling contract's allowance ([`PSP22::transfer_from`]).
pub fn token_transfer_from(
    token: AccountId,
    from: AccountId,
    to: AccountId,
    value: Balance,
) -> Result<(), CallFailure<PSP22Error>> {
    let mut token: ink::contract_ref!(PSP22, DefaultEnvironment) = token.into();
    checked(token.call_mut().transfer_from(from, to, value, Vec::new()).try_invoke())
}

/// `owner`'s balance of the PSP22 token at `token` ([`PSP22::balance_of`]).
pub fn token_balance(token: AccountId, owner: AccountId) -> Result<Balance, Unavailable> {
    let token: ink::contract_ref!(PSP22, DefaultEnvironment) = token.into();
    answer(token.call().balance_of(owner).try_invoke())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The calls themselves need a chain (the e2e fail-closed stories point
    // each link at an account that is not the callee); the mapping of the
    // three answer layers is checked here.

    #[test]
    fn only_the_innermost_ok_counts_as_success() {
        let ok: ink::env::Result<ink::MessageResult<Result<u8, &str>>> = Ok(Ok(Ok(7)));
        let refused: ink::env::Result<ink::MessageResult<Result<u8, &str>>> = Ok(Ok(Err("no")));
        let lang: ink::env::Result<ink::MessageResult<Result<u8, &str>>> = Ok(Err(ink::LangError::CouldNotReadInput));
        let trapped: ink::env::Result<ink::MessageResult<Result<u8, &str>>> = Err(ink::env::Error::BufferTooSmall);
        assert_eq!(checked(ok), Ok(7));
        assert_eq!(checked(refused), Err(CallFailure::Refused("no")));
        assert_eq!(checked(lang), Err(CallFailure::Unavailable));
        assert_eq!(checked(trapped), Err(CallFailure::Unavailable));
        let plain: ink::env::Result<ink::MessageResult<bool>> = Ok(Ok(false));
        assert_eq!(answer(plain), Ok(false));
        let not_there: ink::env::Result<ink::MessageResult<bool>> = Err(ink::env::Error::BufferTooSmall);
        assert_eq!(answer(not_there), Err(Unavailable));
    }
}
