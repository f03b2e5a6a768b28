// The active account's health key: its encryption key pair, separate from
// its signing account. It is made in this page, kept in this browser, backed
// up as a file sealed under a generated recovery code (scrypt, N = 2^15,
// r = 8, p = 1), restored from that file in another browser, and its public
// half published in the key directory, where authors find it to seal
// records' keys to this account.
import { useEffect, useState, type FormEvent } from 'react';
import type { HealthKey } from '@health-suite/dataplane';
import { dataPlane, toHex, useDataPlane } from '../suite/dataPlane';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx } from '../suite/tx';

const SUITE_NAMES: Record<number, string> = { 1: 'X25519', 2: 'X-Wing, post-quantum hybrid' };

export function HealthKeyPanel() {
  const { account, key, status, published, keep, slot, isDevelopmentKey } = useDataPlane();
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [fingerprint, setFingerprint] = useState<string>();
  const [backup, setBackup] = useState<{ code: string; url: string; name: string }>();
  const [problem, setProblem] = useState<string>();
  const [restoring, setRestoring] = useState<{ file?: File; code: string }>({ code: '' });

  useEffect(() => {
    let live = true;
    if (key) void dataPlane().then((lib) => { if (live) setFingerprint(lib.fingerprint(key)); });
    return () => { live = false; };
  }, [key]);

  async function publish(next: HealthKey) {
    await send(contracts.keyDirectory, 'publish', [next.suite, toHex(next.publicKey)], 'publish your health key');
  }

  // The backup's link lives as long as the panel.
  useEffect(() => () => { if (backup) URL.revokeObjectURL(backup.url); }, [backup]);

  async function create() {
    setProblem(undefined);
    if (!slot) return;
    if (published && !window.confirm(`The key directory already holds health key version ${published.version} of this `
      + 'account. A new key leaves the records sealed to the old one closed unless you restore its backup. '
      + 'Make a new key anyway?')) return;
    const forSlot = slot;
    const lib = await dataPlane();
    const made = await lib.generateHealthKey();
    const code = lib.generateRecoveryCode();
    const sealed = await lib.backupHealthKey(made, code);
    if (!keep(made, forSlot)) return;
    const name = `health-key-${account?.address.slice(0, 8)}.json`;
    setBackup({ code, name, url: URL.createObjectURL(new Blob([JSON.stringify(sealed, null, 2)], { type: 'application/json' })) });
    await publish(made);
  }

  async function restore(event: FormEvent) {
    event.preventDefault();
    setProblem(undefined);
    if (!restoring.file) { setProblem('Pick the backup file.'); return; }
    if (!restoring.code.trim()) { setProblem('Enter the recovery code that came with the backup.'); return; }
    if (!slot) return;
    const forSlot = slot;
    const lib = await dataPlane();
    try {
      const text = await restoring.file.text();
      let json: unknown;
      try { json = JSON.parse(text); } catch { throw new lib.RecoveryError('This file is not a health-key backup.'); }
      const restored = await lib.restoreHealthKey(json, restoring.code);
      keep(restored, forSlot);
      setRestoring({ code: '' });
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  return (
    <section className="health-key" data-testid="health-key" data-status={status}>
      <h2>Your health key</h2>
      {status === 'loading' && <p className="muted">Looking for your health key…</p>}
      {key && (
        <p>
          Health key <span className="mono" data-testid="health-key-fingerprint">{fingerprint}</span>
          {' '}({SUITE_NAMES[key.suite] ?? `suite ${key.suite}`})
          {status === 'published' && <> is in the key directory as version <strong>{published?.version}</strong>: records shared with you are sealed to it.</>}
          {status === 'unpublished' && <> is in this browser only: publish it so records can be shared with you.</>}
          {status === 'superseded' && <> is not the one the directory names (version {published?.version}): restore that key&apos;s backup,
            or publish this one as a new version (records sealed to the old key still need the old key).</>}
          {isDevelopmentKey && <span className="dev-note"> development account&apos;s key: anyone can compute it</span>}
        </p>
      )}
      {key && status !== 'published' && status !== 'loading' && (
        <button type="button" onClick={() => void publish(key)}>Publish to the key directory</button>
      )}
      {status === 'elsewhere' && (
        <p className="bad" data-testid="health-key-elsewhere">The key directory holds your health key (version {published?.version}),
          but this browser does not (another browser, or another address of this portal): restore it from its backup file
          with its recovery code, below.</p>
      )}
      {(status === 'none' || status === 'elsewhere') && (
        <>
          {status === 'none' && <p className="muted">This browser holds no health key for {account?.name}. It opens the
            records shared with you; it never leaves this browser except in a backup sealed under a recovery code.</p>}
          <form className="row" onSubmit={restore} data-testid="restore-form">
            <label>Backup file<input type="file" name="backup" accept="application/json,.json"
              onChange={(event) => setRestoring((old) => ({ ...old, file: event.target.files?.[0] }))} /></label>
            <label>Recovery code<input name="code" autoComplete="off" value={restoring.code}
              onChange={(event) => setRestoring((old) => ({ ...old, code: event.target.value }))} /></label>
            <button type="submit">Restore</button>
          </form>
          <button type="button" onClick={() => void create().catch((error: Error) => setProblem(error.message))}>
            {status === 'elsewhere' ? 'Replace it with a new health key' : 'Create a health key'}</button>
        </>
      )}
      {backup && (
        <div className="ok" data-testid="key-backup">
          Keep this recovery code apart from the backup file: <strong className="mono" data-testid="recovery-code">{backup.code}</strong>.
          {' '}<a href={backup.url} download={backup.name} data-testid="backup-file">Download {backup.name}</a>.
          Without both, a lost browser means the records sealed to this key cannot be opened.
        </div>
      )}
      {problem && <p className="bad" role="alert" data-testid="health-key-problem">{problem}</p>}
      <TxStatus state={state} testId="health-key-status" />
    </section>
  );
}
