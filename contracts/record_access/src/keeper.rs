//! Who releases record keys: each patient's keeper, and whether record
//! access runs strict.
//!
//! A contract cannot keep a secret, and a dry run of `request_access`
//! returns what a committed call would without committing its audit entry.
//! So in strict mode no grantee's envelope is stored on chain at all: the
//! only envelopes are the patient's own and their keeper's, and a grantee
//! gets the data key from the keeper (an off-chain service), which releases
//! it only after reading the committed, audited grant, and notes each
//! release on the audit trail through [`crate::record_access::RecordAccess::note_release`].

use crate::error::{Error, Result};
use ink::primitives::AccountId;
use ink::storage::traits::ManualKey;
use ink::storage::Mapping;

/// The deployment's data-plane settings.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DataPlane {
    /// Strict: envelopes on chain only for the patient and their keeper.
    pub strict: bool,
    /// The keeper of every patient who named none.
    pub default_keeper: Option<AccountId>,
}

/// The keepers patients named, and the deployment's settings.
#[ink::storage_item]
#[derive(Debug, Default)]
pub struct Keepers {
    settings: DataPlane,
    named: Mapping<AccountId, AccountId, ManualKey<0x5241_0101>>,
}

impl Keepers {
    /// The deployment's settings.
    pub fn settings(&self) -> DataPlane {
        self.settings
    }

    /// Replaces the deployment's settings (the message layer checks the admin).
    pub fn set_settings(&mut self, settings: DataPlane) {
        self.settings = settings;
    }

    /// `patient`'s keeper: the one they named, else the default.
    pub fn keeper_of(&self, patient: AccountId) -> Option<AccountId> {
        self.named.get(patient).or(self.settings.default_keeper)
    }

    /// `patient` names `keeper` (or, with `None`, goes back to the default).
    pub fn name(&mut self, patient: AccountId, keeper: Option<AccountId>) -> Result<()> {
        match keeper {
            Some(keeper) if keeper == patient => Err(Error::SelfKeeper),
            Some(keeper) => {
                self.named.insert(patient, &keeper);
                Ok(())
            }
            None => {
                self.named.remove(patient);
                Ok(())
            }
        }
    }

    /// Whether an envelope for `grantee` of `patient`'s record may be stored.
    pub fn envelope_allowed(&self, patient: AccountId, grantee: AccountId) -> bool {
        !self.settings.strict || grantee == patient || self.keeper_of(patient) == Some(grantee)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ink::env::test::default_accounts;
    use ink::env::DefaultEnvironment;

    #[ink::test]
    fn strict_mode_allows_envelopes_for_the_patient_and_their_keeper_only() {
        // given a strict deployment whose default keeper is django
        let accounts = default_accounts::<DefaultEnvironment>();
        let mut keepers = Keepers::default();
        assert!(
            keepers.envelope_allowed(accounts.alice, accounts.bob),
            "not strict: anyone"
        );
        keepers.set_settings(DataPlane {
            strict: true,
            default_keeper: Some(accounts.django),
        });
        // then alice's own envelope and her keeper's are allowed, bob's is not
        assert!(keepers.envelope_allowed(accounts.alice, accounts.alice));
        assert!(keepers.envelope_allowed(accounts.alice, accounts.django));
        assert!(!keepers.envelope_allowed(accounts.alice, accounts.bob));
        // when alice names eve (her hospital's keeper), eve is hers and django is not
        keepers.name(accounts.alice, Some(accounts.eve)).expect("named");
        assert_eq!(keepers.keeper_of(accounts.alice), Some(accounts.eve));
        assert!(keepers.envelope_allowed(accounts.alice, accounts.eve));
        assert!(!keepers.envelope_allowed(accounts.alice, accounts.django));
        // and bob, who named no one, still has the default
        assert_eq!(keepers.keeper_of(accounts.bob), Some(accounts.django));
        // when alice goes back to the default
        keepers.name(accounts.alice, None).expect("cleared");
        assert_eq!(keepers.keeper_of(accounts.alice), Some(accounts.django));
    }

    #[ink::test]
    fn a_patient_cannot_be_their_own_keeper() {
        let accounts = default_accounts::<DefaultEnvironment>();
        let mut keepers = Keepers::default();
        assert_eq!(
            keepers.name(accounts.alice, Some(accounts.alice)),
            Err(Error::SelfKeeper)
        );
        assert_eq!(keepers.keeper_of(accounts.alice), None);
    }
}
