// The patient's dashboard: consents in force, expiring and revoked; a grant
// form over the suite's vocabulary; guardians and emergency access; records
// by category, each opened in the page with the key sealed to the patient;
// the access history.
import { useMemo, useState, type FormEvent } from 'react';
import { stringToHex } from 'dedot/utils';
import { useContractQuery } from 'typink';
import type { ConsentBookConsent } from '../contracts/types/consent/types';
import type { InterfacesDataCategory, RecordAccessIndexRecord } from '../contracts/types/record-access/types';
import type { RecordContent } from '@health-suite/dataplane';
import { useDataPlane } from '../suite/dataPlane';
import { openOwnRecord } from '../suite/records';
import { OpenedRecord } from './OpenedRecord';
import { useAccounts } from '../suite/accounts';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx } from '../suite/tx';
import { addressText, bytesText, short, when } from '../suite/format';
import { ACTIONS, CATEGORIES, PURPOSES, labelOf, termsOfBits, type Term } from '../suite/vocabulary';
import { addressProblem, byteLength, dateToMs, periodProblem } from '../suite/validate';
import { consentFromFhir, consentToFhir, download } from '../suite/fhir';
import { AccessHistory } from './AccessHistory';
import { PatientRewards } from './Rewards';
import { PatientInsurance } from './Insurance';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;
const MAX_POLICY_REF = 128;

export type ConsentState = 'in force' | 'expiring' | 'not yet' | 'expired' | 'revoked' | 'lapsed';

export function consentState(consent: ConsentBookConsent, now = Date.now()): ConsentState {
  if (consent.status.type === 'Revoked') return 'revoked';
  if (consent.status.type === 'Lapsed') return 'lapsed';
  const { from, until } = consent.scope.window;
  if (Number(until) <= now) return 'expired';
  if (Number(from) > now) return 'not yet';
  return Number(until) - now <= WEEK_MS ? 'expiring' : 'in force';
}

/** The patient's consents (first 50), re-read at every block. */
export function useConsents(patient: string | undefined) {
  const { contracts } = useSuite();
  const query = useContractQuery(patient && contracts.consent ? {
    contract: contracts.consent, fn: 'consentsOf', args: [patient, 0, 50], watch: true,
  } : undefined);
  const consents = query.data?.isOk ? query.data.value.items : [];
  return { consents, loading: query.isLoading };
}

function ConsentList({ patient }: { patient: string }) {
  const { contracts } = useSuite();
  const { consents, loading } = useConsents(patient);
  const { state, send } = useSuiteTx();
  if (loading) return <p>Reading your consents…</p>;
  return (
    <section>
      <h2>Who may see or add to your records</h2>
      {consents.length === 0 ? <p className="muted">You have not granted any consent.</p> : (
        <table className="consents" data-testid="consents">
          <thead><tr><th>Who</th><th>What</th><th>Why</th><th>May</th><th>Period</th><th>Status</th><th /></tr></thead>
          <tbody>
            {consents.map((consent) => {
              const status = consentState(consent);
              const grantee = addressText(consent.grantee);
              return (
                <tr key={String(consent.id)} data-grantee={grantee} data-status={status}>
                  <td title={grantee}>{short(grantee)}</td>
                  <td>{termsOfBits(CATEGORIES, consent.scope.categories.bits).map((t) => t.label).join('; ')}</td>
                  <td>{termsOfBits(PURPOSES, consent.scope.purposes.bits).map((t) => t.label).join('; ')}</td>
                  <td>{termsOfBits(ACTIONS, consent.scope.actions.bits).map((t) => t.label).join('; ')}</td>
                  <td>{when(consent.scope.window.from)} to {when(consent.scope.window.until)}</td>
                  <td><span className={`badge badge-${status.replace(' ', '-')}`}>{status}</span></td>
                  <td className="row">{(status === 'in force' || status === 'expiring' || status === 'not yet') && (
                    <button type="button" onClick={() => send(contracts.consent, 'revoke', [patient, grantee],
                      `revoke the consent of ${short(grantee)}`)}>Revoke</button>
                  )}
                  <button type="button" title="Download as a FHIR R4 Consent resource"
                    onClick={() => download(`consent-${consent.id}.fhir.json`,
                      consentToFhir(consent, status === 'in force' || status === 'expiring' || status === 'not yet'))}>FHIR</button></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <TxStatus state={state} testId="revoke-status" />
    </section>
  );
}

export function Checkboxes<T extends string>({ legend, terms, picked, onChange, name }: {
  legend: string; terms: Term<T>[]; picked: T[]; onChange: (picked: T[]) => void; name: string;
}) {
  return (
    <fieldset data-testid={`pick-${name}`}>
      <legend>{legend}</legend>
      {terms.map((term) => (
        <label key={term.value} className="check">
          <input type="checkbox" name={name} value={term.value} checked={picked.includes(term.value)}
            onChange={(event) => onChange(event.target.checked
              ? [...picked, term.value] : picked.filter((value) => value !== term.value))} />
          {term.label}
        </label>
      ))}
    </fieldset>
  );
}

function GrantForm({ patient }: { patient: string }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [grantee, setGrantee] = useState('');
  const [categories, setCategories] = useState<InterfacesDataCategory[]>([]);
  const [purposes, setPurposes] = useState<(typeof PURPOSES)[number]['value'][]>(['Treatment']);
  const [actions, setActions] = useState<(typeof ACTIONS)[number]['value'][]>(['Read']);
  const [from, setFrom] = useState('');
  const [until, setUntil] = useState('');
  const [policyRef, setPolicyRef] = useState('');
  const [problem, setProblem] = useState<string>();
  const [fhirNotes, setFhirNotes] = useState<string[]>();
  // The exact times an import gave, used while the fields still show them
  // (a datetime-local field holds whole seconds in the page's time zone).
  const [exact, setExact] = useState<{ from?: [string, number]; until?: [string, number] }>({});

  async function importFhir(file: File | undefined) {
    if (!file) return;
    try {
      const { prefill, notes } = consentFromFhir(await file.text(), patient);
      setGrantee(prefill.grantee);
      setCategories(prefill.categories);
      setPurposes(prefill.purposes);
      setActions(prefill.actions);
      setFrom(prefill.from);
      setUntil(prefill.until);
      setExact({
        from: prefill.fromMs === undefined ? undefined : [prefill.from, prefill.fromMs],
        until: prefill.untilMs === undefined ? undefined : [prefill.until, prefill.untilMs],
      });
      setPolicyRef(prefill.policyRef);
      setProblem(undefined);
      setFhirNotes([`Prefilled from ${file.name}: check it, then grant.`, ...notes]);
    } catch (error) {
      setFhirNotes(undefined);
      setProblem((error as Error).message);
    }
  }

  async function submit(event: FormEvent, update: boolean) {
    event.preventDefault();
    const fromMs = exact.from?.[0] === from ? exact.from[1] : dateToMs(from);
    const untilMs = exact.until?.[0] === until ? exact.until[1] : dateToMs(until);
    const found = addressProblem(grantee) ?? periodProblem(fromMs, untilMs)
      ?? (byteLength(policyRef) > MAX_POLICY_REF ? `The policy reference is longer than ${MAX_POLICY_REF} bytes.` : undefined);
    setProblem(found);
    if (found || untilMs === undefined) return;
    const terms = {
      categories, purposes, actions,
      validFrom: BigInt(fromMs ?? 0), validUntil: BigInt(untilMs),
      policyRef: stringToHex(policyRef),
    };
    await send(contracts.consent, update ? 'update' : 'grant', [patient, grantee.trim(), terms],
      `${update ? 'update' : 'grant'} consent to ${short(grantee.trim())}`);
  }

  return (
    <section>
      <h2>Grant or update a consent</h2>
      <label>Start from a FHIR R4 Consent (JSON)
        <input type="file" accept=".json,application/json,application/fhir+json" data-testid="fhir-import"
          onChange={(event) => { importFhir(event.target.files?.[0]); event.target.value = ''; }} /></label>
      {fhirNotes && <ul className="notes" data-testid="fhir-notes">{fhirNotes.map((note) => <li key={note}>{note}</li>)}</ul>}
      <form className="grant" onSubmit={(event) => submit(event, false)} data-testid="grant-form">
        <label>Who (their account address)
          <input name="grantee" value={grantee} onChange={(event) => setGrantee(event.target.value)}
            placeholder="5…" autoComplete="off" /></label>
        <Checkboxes legend="Which records" terms={CATEGORIES} picked={categories} onChange={setCategories} name="category" />
        <Checkboxes legend="For what" terms={PURPOSES} picked={purposes} onChange={setPurposes} name="purpose" />
        <Checkboxes legend="They may" terms={ACTIONS} picked={actions} onChange={setActions} name="action" />
        <div className="row">
          <label>From (empty: now)<input type="datetime-local" step="1" name="from" value={from}
            onChange={(event) => setFrom(event.target.value)} /></label>
          <label>Until<input type="datetime-local" step="1" name="until" value={until}
            onChange={(event) => setUntil(event.target.value)} /></label>
        </div>
        <label>Consent form reference (optional)
          <input name="policy" value={policyRef} onChange={(event) => setPolicyRef(event.target.value)}
            placeholder="ipfs://…" /></label>
        {problem && <p className="bad" role="alert" data-testid="grant-problem">{problem}</p>}
        <div className="row">
          <button type="submit">Grant</button>
          <button type="button" onClick={(event) => submit(event, true)}>Update existing</button>
        </div>
      </form>
      <TxStatus state={state} testId="grant-status" />
    </section>
  );
}

function GuardiansAndEmergency({ patient }: { patient: string }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [guardian, setGuardian] = useState('');
  const [until, setUntil] = useState('');
  const [problem, setProblem] = useState<string>();
  const emergency = useContractQuery(contracts.consent ? {
    contract: contracts.consent, fn: 'consentCheckEmergencyAccessEnabled', args: [patient], watch: true,
  } : undefined);
  const enabled = emergency.data === true;

  function act(add: boolean) {
    const untilMs = dateToMs(until);
    const found = addressProblem(guardian) ?? (add && untilMs !== undefined && untilMs <= Date.now()
      ? 'The end of the guardianship is in the past.' : undefined);
    setProblem(found);
    if (found) return;
    if (add) {
      send(contracts.consent, 'addDelegate', [guardian.trim(), untilMs === undefined ? undefined : BigInt(untilMs)],
        `name ${short(guardian.trim())} guardian`);
    } else {
      send(contracts.consent, 'removeDelegate', [patient, guardian.trim()], `remove guardian ${short(guardian.trim())}`);
    }
  }

  return (
    <section>
      <h2>Guardians and emergency access</h2>
      <p>Emergency services {enabled ? <strong>may</strong> : <strong>may not</strong>} read your records in an
        emergency.{' '}
        <button type="button" onClick={() => send(contracts.consent, 'setEmergencyAccess', [patient, !enabled],
          enabled ? 'opt out of emergency access' : 'opt in to emergency access')}>
          {enabled ? 'Opt out' : 'Opt in'}</button></p>
      <div className="row">
        <label>Guardian's address<input value={guardian} onChange={(event) => setGuardian(event.target.value)}
          placeholder="5…" /></label>
        <label>Until (empty: until removed)<input type="datetime-local" value={until}
          onChange={(event) => setUntil(event.target.value)} /></label>
        <button type="button" onClick={() => act(true)}>Name guardian</button>
        <button type="button" onClick={() => act(false)}>Remove guardian</button>
      </div>
      {problem && <p className="bad" role="alert">{problem}</p>}
      <TxStatus state={state} testId="guardian-status" />
    </section>
  );
}

/** One of the patient's records, opened here with the key sealed to them. */
function OwnRecord({ record, patient }: { record: RecordAccessIndexRecord; patient: string }) {
  const { contracts } = useSuite();
  const plane = useDataPlane();
  const [opened, setOpened] = useState<{ content?: RecordContent; problem?: string; busy?: boolean }>();
  async function open() {
    if (!plane.key || !contracts.records) {
      setOpened({ problem: 'Create or restore your health key first (above).' });
      return;
    }
    setOpened({ busy: true });
    try {
      setOpened({ content: await openOwnRecord(plane, contracts.records, plane.key, record, patient) });
    } catch (error) {
      setOpened({ problem: (error as Error).message });
    }
  }
  return (
    <>
      <tr data-record={String(record.id)}>
        <td>#{String(record.id)}{record.withheld ? ' (withheld)' : ''}</td>
        <td title={addressText(record.author)}>{short(record.author)}</td>
        <td>{when(record.createdAt)}</td>
        <td>{labelOf(PURPOSES, record.purpose)}</td>
        <td className="mono">{bytesText(record.pointer)}</td>
        <td><button type="button" onClick={() => void open()} disabled={opened?.busy}>Open</button></td>
      </tr>
      {opened && !opened.busy && (
        <tr><td colSpan={6}>
          {opened.content && <OpenedRecord content={opened.content} testId={`own-record-${record.id}`} />}
          {opened.problem && <p className="bad" role="alert" data-testid={`own-record-${record.id}-problem`}>
            Record #{String(record.id)} could not be opened: {opened.problem}</p>}
        </td></tr>
      )}
    </>
  );
}

function RecordList({ patient }: { patient: string }) {
  const { contracts } = useSuite();
  const [category, setCategory] = useState<InterfacesDataCategory>('LabResults');
  const query = useContractQuery(contracts.records ? {
    contract: contracts.records, fn: 'recordsOf', args: [patient, category, 0, 50], watch: true,
  } : undefined);
  const records = useMemo(() => (query.data?.isOk ? query.data.value.items : []), [query.data]);
  return (
    <section>
      <h2>Your records</h2>
      <label>Kind of record{' '}
        <select value={category} onChange={(event) => setCategory(event.target.value as InterfacesDataCategory)}>
          {CATEGORIES.map((term) => <option key={term.value} value={term.value}>{term.label}</option>)}
        </select></label>
      {records.length === 0 ? <p className="muted">No records of this kind.</p> : (
        <table data-testid="records">
          <thead><tr><th>Record</th><th>Added by</th><th>When</th><th>For</th><th>Where it is kept</th><th /></tr></thead>
          <tbody>{records.map((record) => <OwnRecord key={String(record.id)} record={record} patient={patient} />)}</tbody>
        </table>
      )}
    </section>
  );
}

export function PatientView() {
  const { active } = useAccounts();
  if (!active) return null;
  return (
    <div className="patient">
      <ConsentList patient={active.address} />
      <GrantForm patient={active.address} />
      <AccessHistory patient={active.address} />
      <RecordList patient={active.address} />
      <PatientRewards patient={active.address} />
      <PatientInsurance patient={active.address} />
      <GuardiansAndEmergency patient={active.address} />
    </div>
  );
}
