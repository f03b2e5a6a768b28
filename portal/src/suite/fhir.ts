// A consent as a FHIR R4 `Consent` resource, and back.
//
// R4's own rules shape both directions: the root provision carries no
// `type` (its effect comes from `policyRule`), every nested provision has
// one, every element present narrows a permit (`period`, `actor`, `action`,
// `purpose`, `class`, `securityLabel`, `data`, `dataPeriod`, `code`), and a
// consent names a `policy` or a `policyRule` (ppc-1) with no empty element
// anywhere (ele-1). Export writes a deny-by-default consent (policyRule
// OPTOUT) whose root holds one permit per kind of record, each with the
// consent's period (to the millisecond, in UTC), recipient, actions and
// purposes. Import accepts exactly that shape and refuses, with the reason,
// anything it cannot express exactly: it never grants more than the
// resource permits.
import type { ConsentBookConsent } from '../contracts/types/consent/types';
import type { InterfacesAction, InterfacesDataCategory, InterfacesPurpose } from '../contracts/types/consent/types';
import { addressText } from './format';
import { ACTIONS, CATEGORIES, PURPOSES, termsOfBits, type Term } from './vocabulary';
import { bytesText } from './format';

/** How an account is named in the resources this portal writes and reads. */
export const ACCOUNT_SYSTEM = 'urn:health-suite:ss58-account';
const SCOPE = { system: 'http://terminology.hl7.org/CodeSystem/consentscope', code: 'patient-privacy' };
const PRIVACY_CONSENT = { system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' };
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
/** Deny by default: only the nested permits allow anything. */
const OPT_OUT = { system: ACT_CODE, code: 'OPTOUT', display: 'opt-out' };
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const RECIPIENT = { system: PARTICIPATION, code: 'IRCP' };
// Roles under which an actor receives the data the consent permits.
const RECIPIENT_ROLES = ['IRCP', 'PRCP'];
// Beyond this a JavaScript Date cannot represent the time: the window has no
// end (the contracts' "until revoked" is u64::MAX).
const LATEST_DATE_MS = 8_640_000_000_000_000n;
/** The elements a permit of this portal may carry. */
const PERMIT_ELEMENTS = new Set(['type', 'period', 'actor', 'action', 'purpose', 'class', 'securityLabel']);

type Coding = { system?: string; code?: string; display?: string };
type CodeableConcept = { coding?: Coding[]; text?: string };
type Identifier = { system?: string; value?: string };
type Actor = { role?: CodeableConcept; reference?: { identifier?: Identifier } };

const coding = <T extends string>(term: Term<T>): Coding => ({ ...term.fhir, display: term.label });

/** The FHIR R4 Consent resource of `consent`; `active`: in force or not yet started (not revoked, lapsed or expired). */
export function consentToFhir(consent: ConsentBookConsent, active: boolean): Record<string, unknown> {
  const { window, categories, purposes, actions, policyRef } = consent.scope;
  const period: Record<string, string> = {};
  if (window.from > 0n) period.start = new Date(Number(window.from)).toISOString();
  if (window.until < LATEST_DATE_MS) period.end = new Date(Number(window.until)).toISOString();
  const reference = bytesText(policyRef);
  const granted = {
    ...(Object.keys(period).length > 0 ? { period } : {}),
    actor: [{ role: { coding: [RECIPIENT] }, reference: { identifier: { system: ACCOUNT_SYSTEM, value: addressText(consent.grantee) } } }],
    action: termsOfBits(ACTIONS, actions.bits).map((term) => ({ coding: [coding(term)] })),
    purpose: termsOfBits(PURPOSES, purposes.bits).map(coding),
  };
  const permits = termsOfBits(CATEGORIES, categories.bits).map((term) => ({
    type: 'permit',
    ...granted,
    [term.element ?? 'class']: [coding(term)],
  }));
  return {
    resourceType: 'Consent',
    id: String(consent.id),
    status: active ? 'active' : 'inactive',
    scope: { coding: [SCOPE] },
    category: [{ coding: [PRIVACY_CONSENT] }],
    patient: { identifier: { system: ACCOUNT_SYSTEM, value: addressText(consent.patient) } },
    dateTime: new Date(Number(consent.updatedAt)).toISOString(),
    ...(reference && reference !== '0x' ? { policy: [{ uri: reference }] } : {}),
    policyRule: { coding: [OPT_OUT] },
    ...(permits.length > 0 ? { provision: { provision: permits } } : {}),
  };
}

/** What an imported Consent prefills in the grant form. */
export interface ConsentPrefill {
  grantee: string;
  categories: InterfacesDataCategory[];
  purposes: InterfacesPurpose[];
  actions: InterfacesAction[];
  /** `datetime-local` values to the second (empty: not given). */
  from: string;
  until: string;
  /** The exact times (ms), kept while the page shows them unedited. */
  fromMs?: number;
  untilMs?: number;
  policyRef: string;
}

export interface ImportedConsent {
  prefill: ConsentPrefill;
  /** What the person should still check or pick, in words. */
  notes: string[];
}

/** Every coding of `codings` as one of `terms`; throws, naming the first that is not. */
function exactly<T extends string>(terms: Term<T>[], codings: Coding[], what: string): T[] {
  return codings.map((found) => {
    const term = terms.find((candidate) => candidate.fhir.code === found.code && candidate.fhir.system === found.system);
    if (!term) {
      throw new Error(`${what} ${found.system ?? '(no system)'}|${found.code ?? '(no code)'} is not one the suite can `
        + 'grant exactly: the consent is refused rather than widened or narrowed.');
    }
    return term.value;
  });
}

/** A time as a `datetime-local` value to the second, in the page's time zone, and its exact ms. */
function localInput(iso: unknown, what: string): { text: string; ms?: number } {
  if (iso === undefined) return { text: '' };
  // FHIR's dateTime with a time must carry its zone (Z or ±hh:mm); a time
  // without one would be read in the page's zone and move the period.
  if (typeof iso !== 'string' || !FHIR_INSTANT.test(iso)) {
    throw new Error(`The period's ${what} "${String(iso)}" is not a FHIR date and time with its time zone.`);
  }
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`The period's ${what} "${String(iso)}" is not a date.`);
  const local = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return { text: local.toISOString().slice(0, 19), ms };
}

/** A FHIR dateTime to the second (or finer) with its zone. */
const FHIR_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]((0\d|1[0-3]):[0-5]\d|14:00))$/;

/** Refuses a resource or element that carries what may change its meaning unseen. */
function noModifiers(element: unknown, where: string) {
  if (!element || typeof element !== 'object') return;
  const found = ['modifierExtension', 'implicitRules'].filter((key) => key in (element as object));
  if (found.length > 0) {
    throw new Error(`${where} carries ${found.join(' and ')}, which may change what it means: the suite cannot `
      + 'read it, so the consent is refused.');
  }
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Reads a FHIR R4 Consent (JSON text) of `patient`. Returns a grant to
 * prefill only when the resource is a deny-by-default consent whose permits
 * the suite can express exactly; otherwise throws, in words, why not.
 */
export function consentFromFhir(text: string, patient?: string): ImportedConsent {
  let resource: Record<string, unknown>;
  try {
    resource = JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new Error('The file is not JSON.');
  }
  if (resource?.resourceType !== 'Consent') throw new Error('The file is not a FHIR Consent resource.');
  noModifiers(resource, 'The resource');
  if (resource.status !== 'active') {
    throw new Error(`Its status is "${String(resource.status)}", not active: it permits nothing to grant.`);
  }
  const subject = (resource.patient as { identifier?: Identifier } | undefined)?.identifier;
  if (patient && (subject?.system !== ACCOUNT_SYSTEM || subject.value !== patient)) {
    throw new Error('The consent is not yours: its patient is not your account.');
  }
  const rules = ((resource.policyRule as CodeableConcept | undefined)?.coding ?? []);
  if (rules.length !== 1 || rules[0].system !== ACT_CODE || rules[0].code !== 'OPTOUT') {
    throw new Error('Its policy rule is not opt-out (deny by default): what it permits beyond its provisions '
      + 'cannot be expressed as a grant.');
  }
  const root = (resource.provision ?? {}) as Record<string, unknown>;
  noModifiers(root, 'Its root provision');
  if (root.type !== undefined) {
    throw new Error('Its root provision has a type, which R4 does not allow: its effect comes from the policy rule.');
  }
  const rootParts = Object.keys(root).filter((key) => key !== 'provision');
  if (rootParts.length > 0) {
    throw new Error(`Its root provision narrows with ${rootParts.join(', ')}: the suite cannot tell how that `
      + 'combines with its permits.');
  }
  const permits = (Array.isArray(root.provision) ? root.provision : []) as Record<string, unknown>[];
  if (permits.length === 0) throw new Error('It permits nothing: the consent denies everything.');
  const categories: InterfacesDataCategory[] = [];
  for (const permit of permits) {
    noModifiers(permit, 'A permit');
    if (permit.type !== 'permit') {
      throw new Error('It has a deny provision: the suite records permissions only, and granting without the '
        + 'exception would allow more than the resource does.');
    }
    const extra = Object.keys(permit).filter((key) => !PERMIT_ELEMENTS.has(key));
    if (extra.length > 0) {
      throw new Error(`A permit narrows with ${extra.join(', ')}, which the suite cannot express (it consents per `
        + 'kind of record, not per resource, period of data or code).');
    }
    const classes = (permit.class ?? []) as Coding[];
    const labels = (permit.securityLabel ?? []) as Coding[];
    if (classes.length > 0 && labels.length > 0) {
      throw new Error('A permit narrows by both class and security label (records of that kind with that label): '
        + 'the suite cannot express it.');
    }
    if (classes.length === 0 && labels.length === 0) {
      throw new Error('A permit names no kind of record, so it covers every one: name them.');
    }
    const picked = exactly(CATEGORIES, [...classes, ...labels], classes.length > 0 ? 'Class' : 'Security label');
    for (const [index, value] of picked.entries()) {
      const term = CATEGORIES.find((candidate) => candidate.value === value);
      const carried = classes.length > 0 ? 'class' : 'securityLabel';
      if ((term?.element ?? 'class') !== carried) {
        throw new Error(`${[...classes, ...labels][index].code} is carried as ${carried}, where it means something else.`);
      }
      if (!categories.includes(value)) categories.push(value);
    }
  }
  const first = permits[0];
  for (const part of ['period', 'actor', 'action', 'purpose'] as const) {
    if (!permits.every((permit) => sameJson(permit[part], first[part]))) {
      throw new Error(`Its permits differ in ${part}: grant them one at a time.`);
    }
  }
  const actors = (Array.isArray(first.actor) ? first.actor : []) as Actor[];
  if (actors.length !== 1) {
    throw new Error(actors.length === 0 ? 'A permit names no actor, so it covers anyone: the suite grants one account.'
      : 'A permit names several actors: the suite grants one account per consent.');
  }
  const [actor] = actors;
  noModifiers(actor, 'The actor');
  const roles = actor.role?.coding ?? [];
  if (roles.length !== 1 || roles[0].system !== PARTICIPATION || !RECIPIENT_ROLES.includes(roles[0].code ?? '')) {
    throw new Error('The actor is not the recipient of the data (role IRCP or PRCP): it would not be the grantee.');
  }
  const identifier = actor.reference?.identifier;
  if (identifier?.system !== ACCOUNT_SYSTEM || !identifier.value) {
    throw new Error('The actor is not named by an account address.');
  }
  const actionConcepts = (Array.isArray(first.action) ? first.action : []) as CodeableConcept[];
  if (actionConcepts.length === 0) throw new Error('A permit names no action, so it covers every one: name them.');
  if (actionConcepts.some((concept) => !concept.coding?.length)) {
    throw new Error('An action is given only as text: the suite cannot tell what it allows.');
  }
  const purposes = (Array.isArray(first.purpose) ? first.purpose : []) as Coding[];
  if (purposes.length === 0) throw new Error('A permit names no purpose, so it covers every one: name them.');
  if (first.period !== undefined && (typeof first.period !== 'object' || first.period === null
    || Object.keys(first.period).some((key) => key !== 'start' && key !== 'end'))) {
    throw new Error('The permit\'s period is not a FHIR Period (start and end only).');
  }
  const period = (first.period ?? {}) as { start?: unknown; end?: unknown };
  const from = localInput(period.start, 'start');
  const until = localInput(period.end, 'end');
  const policy = (Array.isArray(resource.policy) ? resource.policy : []) as { uri?: string }[];
  if (policy.length > 1) throw new Error('It names several policies: the suite keeps one reference to the consent form.');
  const notes: string[] = [];
  if (period.end === undefined) notes.push('The period has no end: pick when the consent ends.');
  if (period.start === undefined) notes.push('The period has no start: the grant starts when you make it.');
  return {
    prefill: {
      grantee: identifier.value,
      actions: [...new Set(exactly(ACTIONS, actionConcepts.flatMap((concept) => concept.coding ?? []), 'Action'))],
      purposes: [...new Set(exactly(PURPOSES, purposes, 'Purpose'))],
      categories,
      from: from.text,
      until: until.text,
      fromMs: from.ms,
      untilMs: until.ms,
      policyRef: policy[0]?.uri ?? '',
    },
    notes,
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
