// The patient's access history from the audit trail, newest first, a page
// at a time: who, what, why and the outcome of every entry, and whether the
// chain's hashes over the page's stretch re-compute on chain.
import { useEffect, useState } from 'react';
import { useContractQuery } from 'typink';
import type {
  AuditTrailChainAuditEntry, InterfacesAuditAuditAction,
} from '../contracts/types/audit-trail/types';
import { useSuite } from '../suite/SuiteProvider';
import { addressText, short, when } from '../suite/format';
import { explainDenial, words } from '../suite/errors';
import { PURPOSES, labelOf } from '../suite/vocabulary';

const PAGE_SIZE = 10;
// audit_trail::chain::MAX_VERIFY_RANGE: the longest stretch verify_range takes.
const MAX_VERIFY_RANGE = 100n;

/** What happened, why, and how it ended, in words. */
export function describeAction(action: InterfacesAuditAuditAction): { what: string; why: string; outcome: string } {
  switch (action.type) {
    case 'AccessGranted':
      return { what: 'read a record', why: labelOf(PURPOSES, action.value), outcome: 'granted' };
    case 'AccessDenied':
      return { what: 'asked to read a record', why: labelOf(PURPOSES, action.value[0]),
        outcome: `denied: ${explainDenial(action.value[1])}` };
    case 'EmergencyAccessGranted':
      return { what: 'read a record in an emergency', why: 'Emergencies', outcome: 'granted' };
    case 'RecordAddedFor':
      return { what: 'added a record', why: labelOf(PURPOSES, action.value), outcome: 'done' };
    default:
      return { what: words(action.type).toLowerCase(), why: '-', outcome: 'done' };
  }
}

type Verification = { state: 'checking' } | { state: 'intact'; from: bigint; to: bigint } | { state: 'broken'; at: bigint }
  | { state: 'unavailable'; why: string };

/** Re-computes on chain the stretch of the chain that holds `entries`. */
function useChainVerification(entries: AuditTrailChainAuditEntry[]): Verification | undefined {
  const { contracts } = useSuite();
  const [verification, setVerification] = useState<Verification>();
  const key = entries.map((entry) => entry.seq).join(',');
  useEffect(() => {
    const trail = contracts.auditTrail;
    if (!trail || entries.length === 0) { setVerification(undefined); return; }
    let live = true;
    setVerification({ state: 'checking' });
    (async () => {
      const seqs = entries.map((entry) => entry.seq).sort((a, b) => (a < b ? -1 : 1));
      // One call per stretch of at most MAX_VERIFY_RANGE entries; each stretch
      // must end at the hash its last entry carries.
      let from = seqs[0];
      while (from <= seqs[seqs.length - 1]) {
        const to = [...seqs].reverse().find((seq) => seq < from + MAX_VERIFY_RANGE) ?? from;
        const { data } = await trail.query.verifyRange(from, to);
        if (!data.isOk) return { state: 'unavailable', why: words(String(data.err)) } as Verification;
        if (data.value.type === 'BrokenAt') return { state: 'broken', at: data.value.value } as Verification;
        const last = entries.find((entry) => entry.seq === to);
        if (last && last.hash !== data.value.value) return { state: 'broken', at: to } as Verification;
        from = seqs.find((seq) => seq > to) ?? to + 1n;
      }
      return { state: 'intact', from: seqs[0], to: seqs[seqs.length - 1] } as Verification;
    })().then((result) => { if (live) setVerification(result); },
      (error: Error) => { if (live) setVerification({ state: 'unavailable', why: error.message }); });
    return () => { live = false; };
  }, [contracts.auditTrail, key]);
  return verification;
}

export function AccessHistory({ patient }: { patient: string }) {
  const { contracts } = useSuite();
  // Page 0 is the newest; the contract's pages run oldest first.
  const [page, setPage] = useState(0);
  const length = useContractQuery(contracts.auditTrail ? {
    contract: contracts.auditTrail, fn: 'historyLen', args: [patient], watch: true,
  } : undefined);
  const total = length.data ?? 0;
  const end = Math.max(total - page * PAGE_SIZE, 0);
  const start = Math.max(end - PAGE_SIZE, 0);
  const history = useContractQuery(contracts.auditTrail && end > start ? {
    contract: contracts.auditTrail, fn: 'history', args: [patient, start, end - start], watch: true,
  } : undefined);
  const entries = history.data?.isOk ? [...history.data.value.items].reverse() : [];
  const verification = useChainVerification(entries);
  const pages = Math.max(Math.ceil(total / PAGE_SIZE), 1);

  return (
    <section>
      <h2>Who looked at your records</h2>
      <p className="muted">{total} entries in the tamper-evident audit trail.</p>
      {verification && (
        <p data-testid="chain-verification" data-state={verification.state}
          className={verification.state === 'intact' ? 'ok' : verification.state === 'checking' ? '' : 'bad'}>
          {verification.state === 'checking' && 'Verifying the chain on chain…'}
          {verification.state === 'intact'
            && `Chain verified on chain: entries #${verification.from} to #${verification.to} re-compute to the hashes shown.`}
          {verification.state === 'broken' && `The chain does NOT verify: it breaks at entry #${verification.at}.`}
          {verification.state === 'unavailable' && `The chain could not be verified: ${verification.why}`}
        </p>
      )}
      {entries.length > 0 && (
        <table className="history" data-testid="history">
          <thead><tr><th>#</th><th>When</th><th>Who</th><th>What</th><th>Why</th><th>Outcome</th></tr></thead>
          <tbody>{entries.map((entry) => {
            const { what, why, outcome } = describeAction(entry.record.action);
            const actor = addressText(entry.record.actor);
            return (
              <tr key={String(entry.seq)} data-actor={actor} data-action={entry.record.action.type}
                className={outcome.startsWith('denied') ? 'denied' : ''}>
                <td title={entry.hash}>{String(entry.seq)}</td>
                <td>{when(entry.timestamp)}</td>
                <td title={actor}>{short(actor)}</td>
                <td>{what}{entry.record.subject ? ` #${entry.record.subject}` : ''}</td>
                <td>{why}</td>
                <td>{outcome}</td>
              </tr>
            );
          })}</tbody>
        </table>
      )}
      <div className="row">
        <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</button>
        <span>page {page + 1} of {pages}</span>
        <button type="button" disabled={page + 1 >= pages} onClick={() => setPage(page + 1)}>Older</button>
      </div>
    </section>
  );
}
