// A provider's view: apply for verification and see its status; add a
// record, encrypted in the page; ask to read a patient's record and, when
// granted, open it with the key the keeper releases.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { decodeAddress, stringToHex } from 'dedot/utils';
import type { RecordContent } from '@health-suite/dataplane';
import { useContractQuery } from 'typink';
import type { InterfacesProviderKind } from '../contracts/types/provider-verification/types';
import type {
  InterfacesDataCategory, InterfacesPurpose, RecordAccessIndexRecord,
} from '../contracts/types/record-access/types';
import { useAccounts } from '../suite/accounts';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx, type SuiteEvent } from '../suite/tx';
import { addressText, bytesText, short, when } from '../suite/format';
import { dataPlane, toHex, useDataPlane } from '../suite/dataPlane';
import {
  MAX_RESOURCE_BYTES, categoryIndex, directoryKeyOf, openGrantedRecord, parseResource, type DirectoryKey,
} from '../suite/records';
import { explainDenial, words } from '../suite/errors';
import { ACTIONS, CATEGORIES, PURPOSES, labelOf, termsOfBits } from '../suite/vocabulary';
import { useKnownPatients } from '../suite/patients';
import { consentState } from './PatientView';
import { OpenedRecord } from './OpenedRecord';
import { addressProblem, byteLength, dateToMs } from '../suite/validate';

const KINDS: { value: InterfacesProviderKind; label: string }[] = [
  { value: 'Hospital', label: 'Hospital' },
  { value: 'Physician', label: 'Physician' },
  { value: 'Laboratory', label: 'Laboratory' },
  { value: 'Pharmacy', label: 'Pharmacy' },
  { value: 'EmergencyService', label: 'Emergency service' },
  { value: 'Device', label: 'Device owner' },
  { value: 'Researcher', label: 'Research institution' },
  { value: 'Insurer', label: 'Insurer' },
];
const MAX_JURISDICTION = 16;

async function sha256Hex(text: string): Promise<`0x${string}`> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  return `0x${Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function Verification({ provider, defaultKind = 'Physician' }: { provider: string; defaultKind?: InterfacesProviderKind }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const status = useContractQuery(contracts.providers ? {
    contract: contracts.providers, fn: 'provider', args: [provider], watch: true,
  } : undefined);
  const [kind, setKind] = useState<InterfacesProviderKind>(defaultKind);
  const [credential, setCredential] = useState('');
  const [licence, setLicence] = useState('');
  const [jurisdiction, setJurisdiction] = useState('GB-ENG');
  const [validUntil, setValidUntil] = useState('');
  const [problem, setProblem] = useState<string>();

  async function apply(event: FormEvent) {
    event.preventDefault();
    const untilMs = dateToMs(validUntil);
    const found = !credential.trim() ? 'Enter your credential\'s identifier.'
      : !licence.trim() ? 'Enter your licence number.'
        : byteLength(jurisdiction) > MAX_JURISDICTION ? `The jurisdiction is longer than ${MAX_JURISDICTION} bytes.`
          : untilMs === undefined || untilMs <= Date.now() ? 'The accreditation must end in the future.' : undefined;
    setProblem(found);
    if (found || untilMs === undefined) return;
    // Only hashes go on chain; the credential and licence stay with the authority.
    await send(contracts.providers, 'apply', [{
      kind, credentialHash: await sha256Hex(credential.trim()), licenceHash: await sha256Hex(licence.trim()),
      jurisdiction: stringToHex(jurisdiction),
      profileRef: '0x', validUntil: BigInt(untilMs),
    }], `apply to be verified as ${kind}`);
  }

  const registered = status.data;
  return (
    <section>
      <h2>Your verification</h2>
      {registered ? (
        <p data-testid="provider-status" data-status={registered.status}>
          Registered as <strong>{words(registered.kind)}</strong>: <strong>{registered.status}</strong>
          {' '}({registered.level} attestation{registered.level === 1 ? '' : 's'}), valid until {when(registered.validUntil)}.
        </p>
      ) : (
        <form onSubmit={apply} data-testid="apply-form">
          <p className="muted">Not registered. Apply, then an accreditation authority attests you.</p>
          <div className="row">
            <label>Kind<select value={kind} onChange={(event) => setKind(event.target.value as InterfacesProviderKind)}>
              {KINDS.map((option) => <option key={option.value} value={option.value}>{option.label}</option>)}
            </select></label>
            <label>Credential identifier<input value={credential} onChange={(event) => setCredential(event.target.value)} /></label>
            <label>Licence number<input value={licence} onChange={(event) => setLicence(event.target.value)} /></label>
            <label>Jurisdiction<input value={jurisdiction} onChange={(event) => setJurisdiction(event.target.value)} /></label>
            <label>Valid until<input type="datetime-local" value={validUntil}
              onChange={(event) => setValidUntil(event.target.value)} /></label>
          </div>
          {problem && <p className="bad" role="alert">{problem}</p>}
          <button type="submit">Apply</button>
        </form>
      )}
      <TxStatus state={state} testId="apply-status" />
    </section>
  );
}

/** What an author's write came to, step by step, for the page. */
type WriteStep = { step: string; detail?: string };

/** A reader still owed its envelope of an indexed record. */
type Reader = { address: string; key: DirectoryKey; who: string };

/**
 * An indexed record whose key is not yet sealed to every reader: kept in
 * memory (only) so the author can seal it again; without its envelopes no
 * one can open the record.
 */
interface PendingKeys {
  recordId: bigint;
  contentHash: Uint8Array;
  dataKey: Uint8Array;
  readers: Reader[];
}

/**
 * A provider adds a record to a patient's index through the data plane: the
 * FHIR resource (typed, or loaded from a file) is checked, its fields salted,
 * sealed here under a fresh data key, uploaded to the deployment's storage
 * node, indexed with add_record (the content hash is blake2-256 of the
 * ciphertext, the pointer its CID), and its key sealed to the patient and
 * to the patient's keeper. Nothing is indexed if the upload fails; the
 * plaintext never leaves the page.
 */
function AddRecord() {
  const { contracts } = useSuite();
  const plane = useDataPlane();
  const { state, send } = useSuiteTx();
  const [patient, setPatient] = useState('');
  const [category, setCategory] = useState<InterfacesDataCategory>('LabResults');
  const [purpose, setPurpose] = useState<InterfacesPurpose>('Treatment');
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [steps, setSteps] = useState<WriteStep[]>([]);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingKeys>();
  const noted = (step: string, detail?: string) => setSteps((old) => [...old, { step, detail }]);

  // Zero a kept data key when the form goes away (not when the list of readers shrinks: it is the same key).
  const kept = useRef<PendingKeys | undefined>(undefined);
  kept.current = pending;
  useEffect(() => () => { kept.current?.dataKey.fill(0); }, []);

  /** Seals the record's key to each reader still owed one; true once none is. */
  async function sealKeys(owed: PendingKeys): Promise<boolean> {
    const lib = await dataPlane();
    if (!plane.deployment || !contracts.records) return false;
    const left = [...owed.readers];
    while (left.length > 0) {
      const { address, key, who } = left[0];
      const envelope = await lib.sealRecordKey(owed.dataKey, key, {
        ...plane.deployment, recordId: owed.recordId, contentHash: owed.contentHash, recipient: decodeAddress(address),
      });
      const shared = await send(contracts.records, 'setEnvelope', [owed.recordId, address, toHex(envelope)],
        `seal record #${owed.recordId}'s key to ${who}`);
      if (!shared.ok) {
        setPending({ ...owed, readers: left });
        return false;
      }
      left.shift();
      noted(`key sealed to ${who}`, `${envelope.length} bytes`);
    }
    owed.dataKey.fill(0);
    setPending(undefined);
    return true;
  }

  async function retry() {
    if (!pending || busy) return;
    setBusy(true);
    try {
      await sealKeys(pending);
    } finally {
      setBusy(false);
    }
  }

  async function add(event: FormEvent) {
    event.preventDefault();
    if (busy || pending) return;
    setSteps([]);
    const { resource, problem: badResource } = parseResource(text);
    const found = addressProblem(patient) ?? badResource
      ?? (!plane.storage ? 'This deployment names no storage node: records cannot be stored.' : undefined);
    setProblem(found);
    if (found || !resource || !plane.storage || !plane.deployment || !contracts.keyDirectory || !contracts.records) return;
    const caller = plane.account?.address ?? '';
    const to = patient.trim();
    setBusy(true);
    try {
      // Every reader's key is found before anything is sealed or stored.
      const { data: keeper } = await contracts.records.query.keeperOf(to, { caller });
      const keeperAddress = keeper ? addressText(keeper) : undefined;
      const patientKey = await directoryKeyOf(contracts.keyDirectory, to, caller);
      if (!patientKey) throw new Error('The patient has published no health key: ask them to create one in the portal.');
      const keeperKey = keeperAddress ? await directoryKeyOf(contracts.keyDirectory, keeperAddress, caller) : undefined;
      if (keeperAddress && !keeperKey) throw new Error('The patient\'s keeper has published no health key.');
      const lib = await dataPlane();
      const sealed = await lib.sealRecord(lib.fhirContent(resource), {
        ...plane.deployment, patient: decodeAddress(to), category: categoryIndex(contracts.records, category), supersedes: null,
      });
      let handedOver = false;
      try {
        noted('sealed', `${sealed.container.length} bytes of ciphertext, ${sealed.leaves.length} salted fields`);
        const cid = await lib.uploadContainer(plane.storage, sealed.container);
        noted('stored', lib.pointerOf(cid));
        const added = await send(contracts.records, 'addRecord', [{
          patient: to, category, purpose, contentHash: toHex(sealed.contentHash), pointer: stringToHex(lib.pointerOf(cid)),
          fieldsRoot: toHex(sealed.fieldsRoot), fieldCount: sealed.leaves.length, supersedes: undefined,
        }], `add a ${labelOf(CATEGORIES, category).toLowerCase()} record`);
        const recordId = added.events.find((event) => event.name === 'RecordAdded')?.data.recordId as bigint | undefined;
        if (!added.ok || recordId === undefined) return;
        noted('indexed', `record #${recordId}, content hash ${toHex(sealed.contentHash).slice(0, 18)}…`);
        const readers: Reader[] = [{ address: to, key: patientKey, who: 'the patient' },
          ...(keeperAddress && keeperKey ? [{ address: keeperAddress, key: keeperKey, who: 'the keeper' }] : [])];
        // A copy the page keeps until every envelope is on chain.
        const owed = { recordId, contentHash: sealed.contentHash, dataKey: Uint8Array.from(sealed.dataKey), readers };
        handedOver = true;
        await sealKeys(owed);
      } finally {
        sealed.forget();
        if (!handedOver) setPending(undefined);
      }
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function load(file?: File) {
    if (!file) return;
    if (file.size > MAX_RESOURCE_BYTES) { setProblem(`${file.name} is larger than ${MAX_RESOURCE_BYTES / 1024 / 1024} MiB.`); return; }
    setText(await file.text());
  }

  return (
    <section>
      <h2>Add a record for a patient</h2>
      <p className="muted">The record is encrypted in this page; only its ciphertext is stored, and only the patient and
        their keeper receive its key.</p>
      <form onSubmit={add} data-testid="add-record-form">
        <div className="row">
          <label>Patient's address<input name="patient" value={patient} onChange={(event) => setPatient(event.target.value)} /></label>
          <label>Kind<select name="category" value={category}
            onChange={(event) => setCategory(event.target.value as InterfacesDataCategory)}>
            {CATEGORIES.map((term) => <option key={term.value} value={term.value}>{term.label}</option>)}
          </select></label>
          <label>For<select name="purpose" value={purpose} onChange={(event) => setPurpose(event.target.value as InterfacesPurpose)}>
            {PURPOSES.map((term) => <option key={term.value} value={term.value}>{term.label}</option>)}
          </select></label>
        </div>
        <label>The record, a FHIR R4 resource (JSON)
          <textarea name="resource" rows={8} cols={72} value={text} onChange={(event) => setText(event.target.value)}
            placeholder={'{ "resourceType": "Observation", "status": "final", "code": { … }, … }'} /></label>
        <label>or load it from a file<input type="file" name="file" accept="application/fhir+json,application/json,.json"
          onChange={(event) => void load(event.target.files?.[0])} /></label>
        {problem && <p className="bad" role="alert" data-testid="add-record-problem">{problem}</p>}
        <button type="submit" disabled={busy || Boolean(pending)}>Encrypt, store and add</button>
      </form>
      {pending && (
        <div className="bad" role="alert" data-testid="pending-keys">
          Record #{String(pending.recordId)} is indexed, but its key is not yet sealed
          to {pending.readers.map(({ who }) => who).join(' and ')}: until it is, they cannot open it.
          {' '}<button type="button" onClick={() => void retry()} disabled={busy}>Seal the key again</button>
        </div>
      )}
      {steps.length > 0 && (
        <ol className="steps" data-testid="write-steps">
          {steps.map(({ step, detail }) => <li key={step} data-step={step}><strong>{step}</strong>{detail ? `: ${detail}` : ''}</li>)}
        </ol>
      )}
      <TxStatus state={state} testId="add-record-status" />
    </section>
  );
}

type AccessResult = { granted: { pointer: string; contentHash: string; auditSeq: bigint } } | { denied: string };
type Opening = { phase: 'opening' } | { phase: 'opened'; content: RecordContent } | { phase: 'failed'; reason: string };

/**
 * Reading a record as a grantee: request_access is committed (the dry run
 * only predicts it), the grant names its audit entry, and with that entry
 * the keeper re-seals the record's key to this account's health key; the
 * page fetches the ciphertext by CID, verifies it against the hash on
 * chain, decrypts and renders it.
 */
function useRecordReader() {
  const { contracts } = useSuite();
  const plane = useDataPlane();
  const { state, send } = useSuiteTx();
  const [result, setResult] = useState<AccessResult>();
  const [opening, setOpening] = useState<Opening>();
  const [recordId, setRecordId] = useState<bigint>();
  // Only the latest read may show its outcome: an earlier, slower one is dropped.
  const latest = useRef(0);

  async function read(id: bigint, purpose: InterfacesPurpose) {
    const token = ++latest.current;
    const current = () => token === latest.current;
    setResult(undefined);
    setOpening(undefined);
    setRecordId(id);
    const me = plane.account?.address;
    const outcome = await send(contracts.records, 'requestAccess', [id, purpose], `ask to read record #${id} for ${purpose}`);
    if (!outcome.ok || !current() || !me || !contracts.records) return;
    // The block's events decide, never the dry run's prediction: a grant of this record to this account, and its
    // audit entry's number.
    const ours = (event: SuiteEvent) => event.data.recordId === id && addressText(event.data.requester) === me;
    const denied = outcome.events.find((event) => event.name === 'AccessDenied' && ours(event));
    const granted = outcome.events.find((event) => event.name === 'AccessGranted' && ours(event));
    const seq = outcome.events.find((event) => event.name === 'EntryAppended')?.data.seq as bigint | undefined;
    if (denied) { setResult({ denied: String(denied.data.reason) }); return; }
    if (!granted || seq === undefined) {
      setOpening({ phase: 'failed', reason: 'The block shows no grant of this record to you.' });
      return;
    }
    const { data: record } = await contracts.records.query.record(id, { caller: me });
    if (!current()) return;
    if (!record) { setOpening({ phase: 'failed', reason: `There is no record #${id}.` }); return; }
    setResult({ granted: { pointer: record.pointer, contentHash: record.contentHash, auditSeq: seq } });
    if (!plane.key || plane.status !== 'published') {
      setOpening({ phase: 'failed', reason: 'Publish your health key first (above): the keeper seals the record\'s key to it.' });
      return;
    }
    setOpening({ phase: 'opening' });
    try {
      const content = await openGrantedRecord(plane, contracts.records, plane.key, id, seq, me);
      if (current()) setOpening({ phase: 'opened', content });
    } catch (error) {
      if (current()) setOpening({ phase: 'failed', reason: (error as Error).message });
    }
  }

  return { read, state, result, opening, recordId };
}

/** What a read came to: the grant, the decrypted record, or the denial. */
function ReadOutcome({ reader, prefix = '' }: { reader: ReturnType<typeof useRecordReader>; prefix?: string }) {
  const { state, result, opening } = reader;
  return (
    <>
      <TxStatus state={state} testId={`${prefix}request-status`} />
      {result && 'granted' in result && (
        <div className="ok" data-testid={`${prefix}access-result`} data-outcome="granted">
          <strong>Access granted</strong> (audit entry #{String(result.granted.auditSeq)}). The record is kept
          at <span className="mono">{bytesText(result.granted.pointer)}</span>;
          content hash <span className="mono">{result.granted.contentHash}</span>.
        </div>
      )}
      {opening?.phase === 'opening' && <p className="busy" data-testid={`${prefix}record-opening`}>
        Asking the keeper for the key, fetching and decrypting…</p>}
      {opening?.phase === 'opened' && <OpenedRecord content={opening.content} testId={`${prefix}granted-record`} />}
      {opening?.phase === 'failed' && <p className="bad" role="alert" data-testid={`${prefix}record-open-problem`}>
        The record could not be opened: {opening.reason}</p>}
      {result && 'denied' in result && (
        <div className="bad" data-testid={`${prefix}access-result`} data-outcome="denied">
          <strong>Access denied:</strong> {explainDenial(result.denied)}. The patient sees this request in their history.
        </div>
      )}
    </>
  );
}

/** A provider (or researcher) asks to read a record by its number (an emergency, a record given on paper). */
export function RequestAccess({ defaultPurpose = 'Treatment' }: { defaultPurpose?: InterfacesPurpose }) {
  const reader = useRecordReader();
  const [recordId, setRecordId] = useState('');
  const [purpose, setPurpose] = useState<InterfacesPurpose>(defaultPurpose);
  const [problem, setProblem] = useState<string>();

  async function request(event: FormEvent) {
    event.preventDefault();
    const found = /^\d+$/.test(recordId.trim()) ? undefined : 'Enter the record\'s number.';
    setProblem(found);
    if (!found) await reader.read(BigInt(recordId.trim()), purpose);
  }

  return (
    <section>
      <h2>Read a record by its number</h2>
      <form className="row" onSubmit={request} data-testid="request-form">
        <label>Record number<input name="record" value={recordId} onChange={(event) => setRecordId(event.target.value)}
          inputMode="numeric" /></label>
        <label>For<select name="purpose" value={purpose}
          onChange={(event) => setPurpose(event.target.value as InterfacesPurpose)}>
          {PURPOSES.map((term) => <option key={term.value} value={term.value}>{term.label}</option>)}
        </select></label>
        <button type="submit">Request access</button>
      </form>
      {problem && <p className="bad" role="alert">{problem}</p>}
      <ReadOutcome reader={reader} />
    </section>
  );
}

/** One patient's records this account may read now: its consent's kinds of record with Read, in force. */
function PatientRecords({ patient, me, reader, defaultPurpose }: {
  patient: string; me: string; reader: ReturnType<typeof useRecordReader>; defaultPurpose: InterfacesPurpose;
}) {
  const { contracts } = useSuite();
  const consent = useContractQuery(contracts.consent ? {
    contract: contracts.consent, fn: 'consent', args: [patient, me], watch: true,
  } : undefined);
  const [records, setRecords] = useState<RecordAccessIndexRecord[]>([]);
  const scope = consent.data?.scope;
  const inForce = consent.data && ['in force', 'expiring'].includes(consentState(consent.data));
  const readable = Boolean(inForce && scope && termsOfBits(ACTIONS, scope.actions.bits).some((term) => term.value === 'Read'));
  const categories = readable && scope ? termsOfBits(CATEGORIES, scope.categories.bits).map((term) => term.value) : [];
  const purposes = readable && scope ? termsOfBits(PURPOSES, scope.purposes.bits) : [];
  const [purpose, setPurpose] = useState<InterfacesPurpose>(defaultPurpose);
  const key = categories.join(',');

  useEffect(() => {
    let live = true;
    if (!contracts.records || !key) { setRecords([]); return; }
    Promise.all(key.split(',').map((category) => contracts.records!.query.recordsOf(patient, category as InterfacesDataCategory, 0, 50,
      { caller: me }).then(({ data }) => (data.isOk ? data.value.items : []))))
      .then((pages) => { if (live) setRecords(pages.flat().filter((record) => !record.withheld)); }, () => undefined);
    return () => { live = false; };
  }, [contracts.records, patient, me, key, reader.state.attempt]);

  const chosen = purposes.some((term) => term.value === purpose) ? purpose : purposes[0]?.value;
  return (
    <div className="patient-records" data-testid="patient-records" data-patient={patient}>
      <h3 title={patient}>{short(patient)}</h3>
      {!readable ? <p className="muted">No consent in force lets you see this patient&apos;s records.</p> : (
        <>
          <label>For<select name="purpose" value={chosen} onChange={(event) => setPurpose(event.target.value as InterfacesPurpose)}>
            {purposes.map((term) => <option key={term.value} value={term.value}>{term.label}</option>)}
          </select></label>
          {records.length === 0 ? <p className="muted">No records of the kinds you may see.</p> : (
            <table>
              <thead><tr><th>Record</th><th>Kind</th><th>Added</th><th /></tr></thead>
              <tbody>{records.map((record) => (
                <tr key={String(record.id)} data-record={String(record.id)}>
                  <td>#{String(record.id)}</td>
                  <td>{labelOf(CATEGORIES, record.category)}</td>
                  <td>{when(record.createdAt)}</td>
                  <td><button type="button" disabled={!chosen} onClick={() => chosen && void reader.read(record.id, chosen)}>
                    Read</button></td>
                </tr>
              ))}</tbody>
            </table>
          )}
        </>
      )}
    </div>
  );
}

/**
 * The patients who consented to this account and the records it may read
 * of each, so no record number is typed: a patient is remembered when a
 * consent to this account is granted while the page is open, or added by
 * address.
 */
export function MyPatients({ defaultPurpose = 'Treatment' }: { defaultPurpose?: InterfacesPurpose }) {
  const plane = useDataPlane();
  const me = plane.account?.address;
  const { patients, remember } = useKnownPatients();
  const reader = useRecordReader();
  const [address, setAddress] = useState('');
  const [problem, setProblem] = useState<string>();

  function add(event: FormEvent) {
    event.preventDefault();
    const found = addressProblem(address);
    setProblem(found);
    if (!found) { remember(address.trim()); setAddress(''); }
  }

  return (
    <section>
      <h2>Your patients</h2>
      {patients.length === 0 && <p className="muted">No patient has consented to you while this page was open; add one by address.</p>}
      {me && patients.map((patient) => (
        <PatientRecords key={patient} patient={patient} me={me} reader={reader} defaultPurpose={defaultPurpose} />
      ))}
      <form className="row" onSubmit={add} data-testid="add-patient-form">
        <label>Patient's address<input name="patient" value={address} onChange={(event) => setAddress(event.target.value)} /></label>
        <button type="submit">Add patient</button>
      </form>
      {problem && <p className="bad" role="alert">{problem}</p>}
      {reader.recordId !== undefined && <h3>Record #{String(reader.recordId)}</h3>}
      <ReadOutcome reader={reader} prefix="patients-" />
    </section>
  );
}

export function ProviderView() {
  const { active } = useAccounts();
  if (!active) return null;
  return (
    <div className="provider">
      <Verification provider={active.address} />
      <AddRecord />
      <MyPatients />
      <RequestAccess />
    </div>
  );
}
