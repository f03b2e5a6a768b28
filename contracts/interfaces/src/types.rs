//! Domain types shared by the contracts: what data, for what purpose, which
//! action, which kind of provider. Sets of them are stored as bitmasks so that
//! a consent check is one storage read and a few bit tests.

use core::marker::PhantomData;
use ink::prelude::vec::Vec;

/// A value that occupies one bit of a [`FlagSet`].
pub trait Flag: Copy + 'static {
    /// Every value of the type, in bit order.
    const ALL: &'static [Self];

    /// The position of this value's bit (below 32).
    fn position(self) -> u32;

    /// The bitmask with only this value's bit set.
    fn bit(self) -> u32 {
        1u32.wrapping_shl(self.position())
    }
}

/// A set of [`Flag`] values stored as a `u32` bitmask.
#[ink::scale_derive(Encode, Decode, TypeInfo)]
#[derive(Debug)]
pub struct FlagSet<T> {
    bits: u32,
    marker: PhantomData<T>,
}

// The marker encodes to nothing: in storage a set is exactly its `u32`.
#[cfg(feature = "std")]
impl<T: 'static> ink::storage::traits::StorageLayout for FlagSet<T> {
    fn layout(key: &ink::primitives::Key) -> ink::metadata::layout::Layout {
        <u32 as ink::storage::traits::StorageLayout>::layout(key)
    }
}

impl<T> Clone for FlagSet<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for FlagSet<T> {}
impl<T> PartialEq for FlagSet<T> {
    fn eq(&self, other: &Self) -> bool {
        self.bits == other.bits
    }
}
impl<T> Eq for FlagSet<T> {}

impl<T: Flag> FlagSet<T> {
    /// The empty set.
    pub fn empty() -> Self {
        Self {
            bits: 0,
            marker: PhantomData,
        }
    }

    /// The set of the given values (duplicates are harmless).
    pub fn from_slice(values: &[T]) -> Self {
        let bits = values.iter().fold(0u32, |acc, value| acc | value.bit());
        Self {
            bits,
            marker: PhantomData,
        }
    }

    /// Whether `value` is in the set.
    pub fn contains(&self, value: T) -> bool {
        self.bits & value.bit() != 0
    }

    /// The set with `value` added.
    pub fn with(self, value: T) -> Self {
        Self {
            bits: self.bits | value.bit(),
            marker: PhantomData,
        }
    }

    /// Whether the set has no value.
    pub fn is_empty(&self) -> bool {
        self.bits == 0
    }

    /// The raw bitmask.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The values in the set, in bit order.
    pub fn to_vec(&self) -> Vec<T> {
        T::ALL.iter().copied().filter(|value| self.contains(*value)).collect()
    }
}

macro_rules! flag_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[ink::scale_derive(Encode, Decode, TypeInfo)]
        #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl Flag for $name {
            const ALL: &'static [Self] = &[$(Self::$variant),+];

            fn position(self) -> u32 {
                self as u32
            }
        }
    };
}

flag_enum! {
    /// Class of health data, after HL7 FHIR resource types and sensitive
    /// classes (`Consent.provision.class` / `securityLabel`).
    DataCategory {
        /// Name, birth date, contact (FHIR Patient).
        Demographics,
        /// Allergies and intolerances.
        Allergies,
        /// Prescriptions and dispensations.
        Medications,
        /// Conditions and diagnoses (ICD codes).
        Diagnoses,
        /// Procedures performed.
        Procedures,
        /// Laboratory results (FHIR Observation, category laboratory).
        LabResults,
        /// Imaging studies and reports.
        Imaging,
        /// Vital signs, including data from a patient's registered devices.
        VitalSigns,
        /// Immunization history.
        Immunizations,
        /// Clinical notes and discharge summaries.
        ClinicalNotes,
        /// Mental-health records (sensitive).
        MentalHealth,
        /// Substance-use records (sensitive).
        SubstanceUse,
        /// Sexual and reproductive health (sensitive).
        SexualHealth,
        /// Genomic data (sensitive).
        Genomic,
        /// Billing and claims data.
        Billing,
    }
}

flag_enum! {
    /// Why data is used, after the HL7 v3 ActReason codes FHIR Consent uses
    /// for `provision.purpose`.
    Purpose {
        /// Treatment (TREAT).
        Treatment,
        /// Emergency treatment, break-glass (ETREAT).
        Emergency,
        /// Payment, claims and insurance (HPAYMT).
        Payment,
        /// Healthcare operations (HOPERAT).
        Operations,
        /// Research (HRESCH).
        Research,
        /// Public health reporting (PUBHLTH).
        PublicHealth,
        /// At the patient's own request (PATRQT).
        PatientRequest,
        /// Legal obligations (HLEGAL).
        Legal,
    }
}

flag_enum! {
    /// What a grantee may do with the data (FHIR `provision.action`).
    Action {
        /// Read records and their data keys.
        Read,
        /// Add records.
        Write,
    }
}

flag_enum! {
    /// Kinds of healthcare entity in the provider registry.
    ProviderKind {
        /// A licensed physician.
        Physician,
        /// A hospital or clinic.
        Hospital,
        /// A clinical laboratory.
        Laboratory,
        /// A pharmacy.
        Pharmacy,
        /// A health insurer.
        Insurer,
        /// A research institution.
        Researcher,
        /// A medical device (certified device identity).
        Device,
        /// An emergency service.
        EmergencyService,
    }
}

/// A set of data categories.
pub type CategorySet = FlagSet<DataCategory>;
/// A set of purposes.
pub type PurposeSet = FlagSet<Purpose>;
/// A set of actions.
pub type ActionSet = FlagSet<Action>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_holds_exactly_the_values_it_was_built_from() {
        // given
        let set = CategorySet::from_slice(&[
            DataCategory::LabResults,
            DataCategory::Genomic,
            DataCategory::LabResults,
        ]);
        // then
        assert!(set.contains(DataCategory::LabResults));
        assert!(set.contains(DataCategory::Genomic));
        assert!(!set.contains(DataCategory::MentalHealth));
        assert_eq!(set.to_vec(), [DataCategory::LabResults, DataCategory::Genomic]);
        assert!(!set.is_empty());
        assert!(CategorySet::from_slice(&[]).is_empty());
    }

    #[test]
    fn every_flag_enum_fits_in_32_bits_and_lists_all_values() {
        assert!(DataCategory::ALL.len() <= 32);
        for (i, c) in DataCategory::ALL.iter().enumerate() {
            assert_eq!(c.position() as usize, i);
        }
        assert_eq!(Purpose::ALL.len(), 8);
        assert_eq!(Action::ALL.len(), 2);
        assert_eq!(ProviderKind::ALL.len(), 8);
    }
}
