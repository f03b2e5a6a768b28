// The suite's vocabulary (interfaces::{DataCategory, Purpose, Action}) with
// plain-language labels. Categories follow FHIR resource types and US Core
// categories; purposes follow HL7's PurposeOfUse codes (v3-ActReason).
import type {
  InterfacesAction, InterfacesDataCategory, InterfacesPurpose,
} from '../contracts/types/consent/types';

export interface Term<T extends string> {
  value: T;
  label: string;
  /** The FHIR code a Consent resource carries for it. */
  fhir: { system: string; code: string };
  /**
   * Where a Consent provision carries it: a kind of record is a `class`; a
   * sensitivity (mental health, substance use, …) is a `securityLabel`, as
   * R4 carries sensitivity.
   */
  element?: 'class' | 'securityLabel';
}

const RESOURCE = 'http://hl7.org/fhir/resource-types';
const CATEGORY = 'http://terminology.hl7.org/CodeSystem/observation-category';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const REASON = 'http://terminology.hl7.org/CodeSystem/v3-ActReason';
const ACTION = 'http://terminology.hl7.org/CodeSystem/consentaction';
const US_CORE_DOCUMENT = 'http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category';
/** The suite's own codes, where no HL7 code means the same thing. */
const SUITE_ACTION = 'urn:health-suite:consent-action';

/** In the contracts' order: a category's bit is its index. */
export const CATEGORIES: Term<InterfacesDataCategory>[] = [
  { value: 'Demographics', label: 'Personal details (name, birth date, address)', fhir: { system: RESOURCE, code: 'Patient' } },
  { value: 'Allergies', label: 'Allergies and intolerances', fhir: { system: RESOURCE, code: 'AllergyIntolerance' } },
  { value: 'Medications', label: 'Medicines and prescriptions', fhir: { system: RESOURCE, code: 'MedicationStatement' } },
  { value: 'Diagnoses', label: 'Diagnoses and conditions', fhir: { system: RESOURCE, code: 'Condition' } },
  { value: 'Procedures', label: 'Operations and procedures', fhir: { system: RESOURCE, code: 'Procedure' } },
  { value: 'LabResults', label: 'Lab test results', fhir: { system: CATEGORY, code: 'laboratory' } },
  { value: 'Imaging', label: 'Scans and X-rays', fhir: { system: RESOURCE, code: 'ImagingStudy' } },
  { value: 'VitalSigns', label: 'Vital signs (blood pressure, pulse, weight)', fhir: { system: CATEGORY, code: 'vital-signs' } },
  { value: 'Immunizations', label: 'Vaccinations', fhir: { system: RESOURCE, code: 'Immunization' } },
  // Clinical notes, not every DocumentReference (which holds any document).
  { value: 'ClinicalNotes', label: 'Doctors\' notes and letters', fhir: { system: US_CORE_DOCUMENT, code: 'clinical-note' } },
  { value: 'MentalHealth', label: 'Mental health (sensitive)', fhir: { system: ACT_CODE, code: 'PSY' }, element: 'securityLabel' },
  { value: 'SubstanceUse', label: 'Alcohol and drug treatment (sensitive)', fhir: { system: ACT_CODE, code: 'SUD' }, element: 'securityLabel' },
  { value: 'SexualHealth', label: 'Sexual and reproductive health (sensitive)', fhir: { system: ACT_CODE, code: 'SEX' }, element: 'securityLabel' },
  { value: 'Genomic', label: 'Genetic information (sensitive)', fhir: { system: ACT_CODE, code: 'GDIS' }, element: 'securityLabel' },
  { value: 'Billing', label: 'Bills and payments', fhir: { system: RESOURCE, code: 'Claim' } },
];

export const PURPOSES: Term<InterfacesPurpose>[] = [
  { value: 'Treatment', label: 'My care and treatment', fhir: { system: REASON, code: 'TREAT' } },
  { value: 'Emergency', label: 'Emergencies', fhir: { system: REASON, code: 'ETREAT' } },
  { value: 'Payment', label: 'Paying for my care (insurance)', fhir: { system: REASON, code: 'HPAYMT' } },
  { value: 'Operations', label: 'Running the care provider', fhir: { system: REASON, code: 'HOPERAT' } },
  { value: 'Research', label: 'Medical research', fhir: { system: REASON, code: 'HRESCH' } },
  { value: 'PublicHealth', label: 'Public health', fhir: { system: REASON, code: 'PUBHLTH' } },
  { value: 'PatientRequest', label: 'At my own request', fhir: { system: REASON, code: 'PATRQT' } },
  { value: 'Legal', label: 'Legal requirements', fhir: { system: REASON, code: 'HLEGAL' } },
];

export const ACTIONS: Term<InterfacesAction>[] = [
  { value: 'Read', label: 'See my records', fhir: { system: ACTION, code: 'access' } },
  // R4's `correct` is amending what exists and `collect` gathering for
  // storage: neither is adding a new record, so the suite names its own.
  { value: 'Write', label: 'Add records for me', fhir: { system: SUITE_ACTION, code: 'add-records' } },
];

/** The terms whose bits are set in a contract `FlagSet`. */
export function termsOfBits<T extends string>(terms: Term<T>[], bits: number): Term<T>[] {
  return terms.filter((_, index) => (bits & (1 << index)) !== 0);
}

export function labelOf<T extends string>(terms: Term<T>[], value: T): string {
  return terms.find((term) => term.value === value)?.label ?? value;
}
