// A provider's view: apply for verification and see its status; ask to read
// a patient's record and, when granted, see where it is kept and the data
// key sealed to you.
import { useState, type FormEvent } from 'react';
import { stringToHex } from 'dedot/utils';
import { useContractQuery } from 'typink';
import type { InterfacesProviderKind } from '../contracts/types/provider-verification/types';
import type { InterfacesPurpose, RecordAccessOutcomeAccessGrant } from '../contracts/types/record-access/types';
import { useAccounts } from '../suite/accounts';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx } from '../suite/tx';
import { bytesText, when } from '../suite/format';
import { explainDenial, words } from '../suite/errors';
import { PURPOSES } from '../suite/vocabulary';
import { byteLength, dateToMs } from '../suite/validate';

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

export function Verification({ provider }: { provider: string }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const status = useContractQuery(contracts.providers ? {
    contract: contracts.providers, fn: 'provider', args: [provider], watch: true,
  } : undefined);
  const [kind, setKind] = useState<InterfacesProviderKind>('Physician');
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

export function ProviderView() {
  const { active } = useAccounts();
  if (!active) return null;
  return (
    <div className="provider">
      <Verification provider={active.address} />
      <RequestAccess />
    </div>
  );
}
