//! What a step does outside insurance's own storage: registry and consent
//! reads, audit entries, token movements and the events they end with. One
//! copy, called by the contract and by its extension (`insurance_extension`),
//! which runs insurance's rarely used messages over the same storage.

use crate::claim::Claim;
use crate::error::{Error, Result};
use crate::events::{ClaimDecided, PremiumPaid};
use crate::insurance::{AuditDetails, LinkedContracts};
use crate::policy::Policy;
use crate::portfolio::Portfolio;
use ink::env::DefaultEnvironment;
use ink::primitives::AccountId;
use interfaces::calls::{self, CallFailure};
use interfaces::traits::PSP22Error;
use interfaces::{append_to, digest_of, Action, AuditAction, AuditRecord, DataCategory, ProviderKind, Purpose};

type Balance = u128;

impl LinkedContracts {
    /// The kind `account` is verified as now, if any.
    pub fn kind_of(&self, account: AccountId) -> Result<Option<ProviderKind>> {
        calls::verified_kind(self.providers, account).map_err(|_| Error::RegistryUnavailable)
    }

    /// Whether `patient` lets `grantee` do `action` on `category` for payment.
    pub fn consents(
        &self,
        patient: AccountId,
        grantee: AccountId,
        category: DataCategory,
        action: Action,
    ) -> Result<bool> {
        calls::consent_covers(self.consent, patient, grantee, category, Purpose::Payment, action)
            .map_err(|_| Error::ConsentUnavailable)
    }

    /// Appends an entry under `patient`, the caller as actor.
    pub fn audit(
        &self,
        patient: AccountId,
        action: AuditAction,
        counterpart: Option<AccountId>,
        subject: u64,
        details: AuditDetails,
    ) -> Result<()> {
        let record = AuditRecord {
            patient,
            actor: ink::env::caller::<DefaultEnvironment>(),
            counterpart,
            action,
            subject,
            digest: digest_of(&details),
        };
        append_to(self.audit_trail, record)?;
        Ok(())
    }

    /// Takes `amount` from `from` into the contract (`transfer_from`).
    pub fn collect(&self, from: AccountId, amount: Balance) -> Result<()> {
        let this = ink::env::account_id::<DefaultEnvironment>();
        calls::token_transfer_from(self.token, from, this, amount).map_err(token_failure)
    }

    /// Sends `amount` from the contract to `to` (`transfer`).
    pub fn pay_out(&self, to: AccountId, amount: Balance) -> Result<()> {
        calls::token_transfer(self.token, to, amount).map_err(token_failure)
    }

    /// After a premium (or a reinstatement, `reinstated`) of `amount` on
    /// `policy`, now `paid`: audits it, takes the tokens from `payer`, emits.
    pub fn premium_paid(
        &self,
        payer: AccountId,
        policy: u64,
        paid: Policy,
        amount: Balance,
        reinstated: bool,
    ) -> Result<()> {
        let action = if reinstated {
            AuditAction::PolicyReinstated
        } else {
            AuditAction::PremiumPaid
        };
        let details = AuditDetails {
            first: u64::from(paid.paid_periods),
            ..Default::default()
        };
        self.audit(paid.holder, action, None, policy, details)?;
        self.collect(payer, amount)?;
        ink::env::emit_event::<DefaultEnvironment, _>(PremiumPaid {
            policy,
            payer,
            holder: paid.holder,
            paid_periods: paid.paid_periods,
            amount,
            reinstated,
        });
        Ok(())
    }

    /// After a decision on `claim` (a vote, a closed or a reopened review):
    /// audits it under the holder with the round's counts, and emits.
    pub fn decided(&self, portfolio: &Portfolio, claim: u64, decided: &Claim, action: AuditAction) -> Result<()> {
        let holder = portfolio.policy(decided.policy)?.holder;
        let review = decided.review;
        let votes = [review.round, review.approve, review.reject]
            .iter()
            .fold(0u64, |packed, count| packed.wrapping_shl(16) | u64::from(*count));
        let details = AuditDetails {
            first: decided.status as u64,
            second: votes.wrapping_shl(16),
            ..Default::default()
        };
        self.audit(holder, action, None, claim, details)?;
        let until = if action == AuditAction::ClaimReopened {
            review.ends
        } else {
            decided.cooldown_ends
        };
        ink::env::emit_event::<DefaultEnvironment, _>(ClaimDecided {
            claim,
            holder,
            status: decided.status,
            until,
        });
        Ok(())
    }
}

/// A token call that was refused keeps the token's reason.
fn token_failure(failure: CallFailure<PSP22Error>) -> Error {
    failure.into_error(Error::TokenRefused, Error::TokenUnavailable)
}
