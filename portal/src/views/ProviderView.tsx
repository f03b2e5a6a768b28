// A provider's view: apply for verification and see its status; ask to read
// a patient's record and, when granted, see where it is kept and the data
// key sealed to you.
import { useState, type FormEvent } from 'react';
import { stringToHex } from 'dedot/utils';
import { useContractQuery } from 'typink';
import type { InterfacesProviderKind } from '../contracts/types/provider-verification/types';
import type {
  InterfacesDataCategory, InterfacesPurpose, RecordAccessOutcomeAccessGrant,
} from '../contracts/types/record-access/types';
import { useAccounts } from '../suite/accounts';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx } from '../suite/tx';
import { bytesText, when } from '../suite/format';
import { explainDenial, words } from '../suite/errors';
import { CATEGORIES, PURPOSES, labelOf } from '../suite/vocabulary';
import { addressProblem, byteLength, dateToMs } from '../suite/validate';
import { MAX_FIELDS, commitFields, contentHashOf } from '../suite/merkle';

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

const MAX_POINTER = 128;

/**
 * A provider adds a record to a patient's index: the content hash is
 * computed here from a file the user picks, the field commitment from the
 * fields typed (one per line) with fresh salts; the file and the salts never
 * leave the browser, and the salts are offered for download.
 */
function AddRecord() {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [patient, setPatient] = useState('');
  const [category, setCategory] = useState<InterfacesDataCategory>('LabResults');
  const [purpose, setPurpose] = useState<InterfacesPurpose>('Treatment');
  const [file, setFile] = useState<File>();
  const [pointer, setPointer] = useState('');
  const [fields, setFields] = useState('');
  const [problem, setProblem] = useState<string>();
  const [kept, setKept] = useState<{ url: string; name: string }>();

  async function add(event: FormEvent) {
    event.preventDefault();
    setKept(undefined);
    const lines = fields.split('\n').map((line) => line.trim()).filter(Boolean);
    const found = addressProblem(patient) ?? (!file ? 'Pick the record\'s file (it stays on this computer).' : undefined)
      ?? (!pointer.trim() ? 'Enter where the record is kept (its pointer).' : undefined)
      ?? (byteLength(pointer.trim()) > MAX_POINTER ? `The pointer is longer than ${MAX_POINTER} bytes.` : undefined)
      ?? (lines.length > MAX_FIELDS ? `At most ${MAX_FIELDS} fields.` : undefined);
    setProblem(found);
    if (found || !file) return;
    const commitment = lines.length ? commitFields(lines) : undefined;
    const record = {
      patient: patient.trim(), category, purpose, contentHash: await contentHashOf(file),
      pointer: stringToHex(pointer.trim()),
      fieldsRoot: commitment?.root ?? (`0x${'00'.repeat(32)}` as `0x${string}`), fieldCount: lines.length,
      supersedes: undefined,
    };
    const outcome = await send(contracts.records, 'addRecord', [record], `add a ${labelOf(CATEGORIES, category).toLowerCase()} record`);
    if (outcome.ok && commitment) {
      const json = JSON.stringify({ record: String(outcome.value), contentHash: record.contentHash, ...commitment }, null, 2);
      setKept({ url: URL.createObjectURL(new Blob([json], { type: 'application/json' })), name: `record-${String(outcome.value)}-salts.json` });
    }
  }

  return (
    <section>
      <h2>Add a record for a patient</h2>
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
        <div className="row">
          <label>The record's file (hashed here, never uploaded)
            <input type="file" name="file" onChange={(event) => setFile(event.target.files?.[0])} /></label>
          <label>Where it is kept<input name="pointer" value={pointer} onChange={(event) => setPointer(event.target.value)}
            placeholder="ipfs://…" /></label>
        </div>
        <label>Fields to commit to, one per line (for selective disclosure)
          <textarea name="fields" rows={3} cols={60} value={fields} onChange={(event) => setFields(event.target.value)}
            placeholder="code=LOINC:4548-4" /></label>
        {problem && <p className="bad" role="alert" data-testid="add-record-problem">{problem}</p>}
        <button type="submit">Add record</button>
      </form>
      <TxStatus state={state} testId="add-record-status" />
      {kept && <p className="ok">Keep the fields' salts with the record: <a href={kept.url} download={kept.name}
        data-testid="salts">download {kept.name}</a>. Without them no field can be disclosed.</p>}
    </section>
  );
}

type AccessResult = { granted: RecordAccessOutcomeAccessGrant } | { denied: string };

export function RequestAccess({ defaultPurpose = 'Treatment' }: { defaultPurpose?: InterfacesPurpose }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [recordId, setRecordId] = useState('');
  const [purpose, setPurpose] = useState<InterfacesPurpose>(defaultPurpose);
  const [result, setResult] = useState<AccessResult>();
  const [problem, setProblem] = useState<string>();

  async function request(event: FormEvent) {
    event.preventDefault();
    setResult(undefined);
    const found = /^\d+$/.test(recordId.trim()) ? undefined : 'Enter the record\'s number.';
    setProblem(found);
    if (found) return;
    const outcome = await send(contracts.records, 'requestAccess', [BigInt(recordId.trim()), purpose],
      `ask to read record #${recordId.trim()} for ${purpose}`);
    if (!outcome.ok) return;
    // The block's events decide what is shown: the dry run only predicted it.
    const denied = outcome.events.find((event) => event.name === 'AccessDenied');
    const granted = outcome.events.some((event) => event.name === 'AccessGranted');
    const value = outcome.value as { type: string; value: unknown } | undefined;
    if (granted && value?.type === 'Granted') setResult({ granted: value.value as RecordAccessOutcomeAccessGrant });
    else if (denied) setResult({ denied: String(denied.data.reason) });
  }

  return (
    <section>
      <h2>Read a patient's record</h2>
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
      <TxStatus state={state} testId="request-status" />
      {result && 'granted' in result && (
        <div className="ok" data-testid="access-result" data-outcome="granted">
          <strong>Access granted.</strong> The record is kept at <span className="mono">{bytesText(result.granted.pointer)}</span>;
          content hash <span className="mono">{result.granted.contentHash}</span>.
          {result.granted.envelope
            ? <> Its data key, sealed to you: <span className="mono">{result.granted.envelope}</span></>
            : ' No data key has been shared with you yet.'}
        </div>
      )}
      {result && 'denied' in result && (
        <div className="bad" data-testid="access-result" data-outcome="denied">
          <strong>Access denied:</strong> {explainDenial(result.denied)}. The patient sees this request in their history.
        </div>
      )}
    </section>
  );
}

const MAX_ENVELOPE = 1280;

/** Hex text (0x…) as its byte count, or why it is not hex. */
function hexBytes(text: string): { bytes?: number; problem?: string } {
  const trimmed = text.trim();
  if (!/^0x([0-9a-fA-F]{2})*$/.test(trimmed)) return { problem: 'The envelope must be hex bytes, like 0x1f2e….' };
  return { bytes: (trimmed.length - 2) / 2 };
}

/**
 * The record's author (or the patient) shares the record's data key with a
 * consented grantee: the key sealed to the grantee's encryption key by the
 * provider's key tool, so the page and the chain only ever see the sealed
 * envelope. The contract checks the grantee's consent.
 */
function ShareKey() {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [record, setRecord] = useState('');
  const [grantee, setGrantee] = useState('');
  const [envelope, setEnvelope] = useState('');
  const [problem, setProblem] = useState<string>();

  async function share(event: FormEvent) {
    event.preventDefault();
    const { bytes, problem: notHex } = hexBytes(envelope);
    const found = (/^\d+$/.test(record.trim()) ? undefined : 'Enter the record\'s number.')
      ?? addressProblem(grantee)
      ?? notHex
      ?? (bytes === 0 ? 'The envelope is empty.' : undefined)
      ?? (bytes !== undefined && bytes > MAX_ENVELOPE ? `The envelope is ${bytes} bytes; at most ${MAX_ENVELOPE} fit.` : undefined);
    setProblem(found);
    if (found) return;
    await send(contracts.records, 'setEnvelope', [BigInt(record.trim()), grantee.trim(), envelope.trim() as `0x${string}`],
      `share record #${record.trim()}'s key with ${grantee.trim().slice(0, 8)}…`);
  }

  return (
    <section>
      <h2>Share a record's key</h2>
      <p className="muted">Paste the record's data key sealed to the grantee's encryption key (your key tool makes it);
        the grantee needs your patient's read consent for the record.</p>
      <form className="row" onSubmit={share} data-testid="share-form">
        <label>Record<input name="record" value={record} onChange={(event) => setRecord(event.target.value)} inputMode="numeric" /></label>
        <label>Grantee's address<input name="grantee" value={grantee} onChange={(event) => setGrantee(event.target.value)} placeholder="5…" /></label>
        <label>Sealed key (hex)<input name="envelope" value={envelope} onChange={(event) => setEnvelope(event.target.value)} placeholder="0x…" /></label>
        <button type="submit">Share key</button>
      </form>
      {problem && <p className="bad" role="alert" data-testid="share-problem">{problem}</p>}
      <TxStatus state={state} testId="share-status" />
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
      <ShareKey />
      <RequestAccess />
    </div>
  );
}
