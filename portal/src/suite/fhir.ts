// A consent as a FHIR R4 `Consent` resource, and back. Export writes one
// permit provision (period, actor, action, purpose, class) with the codes of
// the suite's vocabulary; import reads the same shape to prefill the grant
// form and says, part by part, what the suite cannot express.
import type { ConsentBookConsent } from '../contracts/types/consent/types';
import type { InterfacesAction, InterfacesDataCategory, InterfacesPurpose } from '../contracts/types/consent/types';
import { addressText } from './format';
import { ACTIONS, CATEGORIES, PURPOSES, termsOfBits, type Term } from './vocabulary';
import { bytesText } from './format';

/** How an account is named in the resources this portal writes and reads. */
export const ACCOUNT_SYSTEM = 'urn:health-suite:ss58-account';
const SCOPE = { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' };
const PRIVACY_CONSENT = { system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' };
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const RECIPIENT = { system: PARTICIPATION, code: 'IRCP' };
// Roles under which an actor receives the data the consent permits.
const RECIPIENT_ROLES = ['IRCP', 'PRCP'];
// Beyond this a JavaScript Date cannot represent the time: the window has no
// end (the contracts' "until revoked" is u64::MAX).
const LATEST_DATE_MS = 8_640_000_000_000_000n;

type Coding = { system?: string; code?: string; display?: string };
type CodeableConcept = { coding?: Coding[]; text?: string };

const coding = <T extends string>(term: Term<T>): Coding => ({ ...term.fhir, display: term.label });

/** The FHIR R4 Consent resource of `consent`; `active`: in force or not yet started (not revoked, lapsed or expired). */
export function consentToFhir(consent: ConsentBookConsent, active: boolean): Record<string, unknown> {
  const { window, categories, purposes, actions, policyRef } = consent.scope;
  const period: Record<string, string> = {};
  if (window.from > 0n) period.start = new Date(Number(window.from)).toISOString();
  if (window.until < LATEST_DATE_MS) period.end = new Date(Number(window.until)).toISOString();
  const reference = bytesText(policyRef);
  return {
    resourceType: 'Consent',
    id: String(consent.id),
    status: active ? 'active' : 'inactive',
    scope: { coding: [SCOPE] },
    category: [{ coding: [PRIVACY_CONSENT] }],
    patient: { identifier: { system: ACCOUNT_SYSTEM, value: addressText(consent.patient) } },
    dateTime: new Date(Number(consent.updatedAt)).toISOString(),
    ...(reference && reference !== '0x' ? { policy: [{ uri: reference }] } : {}),
    provision: {
      type: 'permit',
      period,
      actor: [{ role: { coding: [RECIPIENT] }, reference: { identifier: { system: ACCOUNT_SYSTEM, value: addressText(consent.grantee) } } }],
      action: termsOfBits(ACTIONS, actions.bits).map((term) => ({ coding: [coding(term)] })),
      purpose: termsOfBits(PURPOSES, purposes.bits).map(coding),
      class: termsOfBits(CATEGORIES, categories.bits).map(coding),
    },
  };
}

/** What an imported Consent prefills in the grant form. */
export interface ConsentPrefill {
  grantee: string;
  categories: InterfacesDataCategory[];
  purposes: InterfacesPurpose[];
  actions: InterfacesAction[];
  /** `datetime-local` values (empty: not given). */
  from: string;
  until: string;
  policyRef: string;
}

export interface ImportedConsent {
  prefill: ConsentPrefill;
  /** Each part of the resource the suite cannot express, in words (left out of the prefill). */
  unsupported: string[];
}

function pick<T extends string>(terms: Term<T>[], codings: Coding[], what: string, unsupported: string[]): T[] {
  const picked: T[] = [];
  for (const found of codings) {
    const term = terms.find((candidate) => candidate.fhir.code === found.code
      && (!found.system || candidate.fhir.system === found.system));
    if (term) {
      if (!picked.includes(term.value)) picked.push(term.value);
    } else {
      unsupported.push(`${what} ${found.system ? `${found.system}|` : ''}${found.code ?? '(no code)'} is not in the suite's vocabulary.`);
    }
  }
  return picked;
}

/** `2026-11-23T10:00:00Z` as a `datetime-local` value in the page's time zone. */
function localInput(iso: unknown, what: string, unsupported: string[]): string {
  if (iso === undefined) return '';
  const ms = typeof iso === 'string' ? new Date(iso).getTime() : NaN;
  if (!Number.isFinite(ms)) {
    unsupported.push(`The period's ${what} "${String(iso)}" is not a date.`);
    return '';
  }
  const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** Reads a FHIR R4 Consent (JSON text). Throws, in words, if it is not one the suite can start from. */
export function consentFromFhir(text: string): ImportedConsent {
  let resource: Record<string, unknown>;
  try {
    resource = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error('The file is not JSON.');
  }
  if (resource?.resourceType !== 'Consent') throw new Error('The file is not a FHIR Consent resource.');
  const provision = (resource.provision ?? {}) as Record<string, unknown>;
  if (provision.type === 'deny') {
    throw new Error('The consent denies rather than permits: the suite records permissions only (access without one is denied).');
  }
  const unsupported: string[] = [];
  if (resource.status && resource.status !== 'active') unsupported.push(`Its status is "${String(resource.status)}": the grant starts a new, active consent.`);
  for (const part of ['data', 'dataPeriod', 'securityLabel', 'code'] as const) {
    if (provision[part] !== undefined) unsupported.push(`provision.${part} (the suite consents per kind of record, not per resource, label or code).`);
  }
  // An exception narrows the permit; leaving it out would grant more than the resource allows.
  if (Array.isArray(provision.provision) && provision.provision.length > 0) {
    throw new Error('The consent has exceptions (nested provisions): the suite cannot express them, and granting '
      + 'without them would allow more than the resource does.');
  }
  type Actor = { role?: CodeableConcept; reference?: { identifier?: { system?: string; value?: string } } };
  const actors = (Array.isArray(provision.actor) ? provision.actor : []) as Actor[];
  const recipient = (actor: Actor) => !actor.role?.coding?.length
    || actor.role.coding.some((role) => role.system === PARTICIPATION && RECIPIENT_ROLES.includes(role.code ?? ''));
  const accounts = actors.filter(recipient).map((actor) => actor.reference?.identifier)
    .filter((id) => id?.system === ACCOUNT_SYSTEM && id.value);
  if (actors.length > accounts.length) {
    unsupported.push('Actors in a role other than recipient, or named other than by an account address, are left out.');
  }
  if (accounts.length > 1) unsupported.push('The suite grants one actor per consent: only the first is used.');
  const concepts = (value: unknown) => (Array.isArray(value) ? value : []) as CodeableConcept[];
  const codings = (value: unknown) => (Array.isArray(value) ? value : []) as Coding[];
  const period = (provision.period ?? {}) as { start?: unknown; end?: unknown };
  const policy = (Array.isArray(resource.policy) ? resource.policy : []) as { uri?: string }[];
  if (policy.length > 1) unsupported.push('Only the first policy reference is kept.');
  if (resource.policyRule !== undefined) unsupported.push('policyRule is left out (the suite keeps one reference to the consent form).');
  if (concepts(provision.action).some((concept) => !concept.coding?.length)) {
    unsupported.push('Actions given only as text are left out.');
  }
  if (period.end === undefined) unsupported.push('The period has no end: pick when the consent ends.');
  return {
    prefill: {
      grantee: accounts[0]?.value ?? '',
      actions: pick(ACTIONS, concepts(provision.action).flatMap((concept) => concept.coding ?? []), 'Action', unsupported),
      purposes: pick(PURPOSES, codings(provision.purpose), 'Purpose', unsupported),
      categories: pick(CATEGORIES, codings(provision.class), 'Class', unsupported),
      from: localInput(period.start, 'start', unsupported),
      until: localInput(period.end, 'end', unsupported),
      policyRef: policy[0]?.uri ?? '',
    },
    unsupported,
  };
}

/** Offers `resource` to the browser as a download named `name`. */
export function download(name: string, resource: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(resource, null, 2)], { type: 'application/fhir+json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
