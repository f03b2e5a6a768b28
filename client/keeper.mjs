// The keeper: the service that releases a record version's data key to a
// grantee only after reading the grantee's committed, audited grant on
// chain. A contract cannot keep a secret, and a dry run of request_access
// returns what a committed call would without committing its audit entry;
// the keeper is the party that checks the committed chain.
//
//   node client/keeper.mjs --manifest deployments/<network>.json --data DIR [--port N] [--host H]
//   node client/keeper.mjs --data DIR --init      (creates the keeper's keys; prints its address and public key)
//
// Its keys live in DIR/keeper-key.json (mode 0600; HEALTH_SUITE_KEEPER_KEY_FILE
// names another file): an sr25519 signing account (it pays for and signs
// note_release) and its health key (X-Wing), whose public half it publishes
// in the key directory. The authors seal each record's data key to it; the
// envelope is on chain. Its release log (DIR/releases.json) survives a
// restart. Fail-closed: if it cannot read the chain, it releases nothing.
//
// POST /release {request, signature}: request as dataplane's ReleaseRequest,
// signed by the grantee (dataplane's releaseMessage). The keeper checks:
//   - the signature is the grantee's;
//   - audit entry `grantSeq` is in a finalized block (a dry run commits none;
//     a grant in a block that a fork may still drop does not count), was
//     written by this record access, grants record `recordId` (AccessGranted
//     or EmergencyAccessGranted) to the grantee for the record's current
//     content hash, and is at most --fresh-ms old (10 minutes by default). A
//     grant that only blocks not yet final hold is waited for, up to
//     FINALITY_WAIT_MS, outside the release queue, once the best block shows
//     it grants this record to this signer;
//   and on the best block, so that the newest revocation counts at once:
//   - the record is not superseded, and the grantee would still be granted
//     now (a dry run of request_access as the grantee: revoked consent,
//     a withholding or lost accreditation refuse);
//   - the grant was not already answered;
//   - the grantee has a key in the directory;
// then opens its own envelope, re-seals the data key to the grantee's key
// (HPKE, info binding chain, contract, record, grant and grantee), writes
// note_release to the audit trail, and only once that block is finalized
// answers the envelope (a note not final within 60 s answers nothing, and
// the grant counts as answered: the note may still land).

import { createServer } from 'node:http';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { hexToU8a, u8aEq, u8aToHex } from '@polkadot/util';
import { cryptoWaitReady, decodeAddress, mnemonicGenerate, signatureVerify } from '@polkadot/util-crypto';
import {
  blake2b256, fingerprint, generateHealthKey, loadHealthKey, openRecordKey, releaseMessage, sealReleasedKey,
  storeHealthKey, toHex,
} from '../dataplane/dist/index.js';
import { Suite, auditSeqOf } from './suite.mjs';

export const FRESH_MS = 10 * 60 * 1000;
/** How long a chain read may take before the keeper refuses (fail closed) rather than hold the queue. */
const CHAIN_TIMEOUT_MS = 15_000;
/** How long a committed grant may wait to become final (a GRANDPA chain finalizes in seconds). */
export const FINALITY_WAIT_MS = 60_000;
/** How long note_release may take to be finalized before the keeper gives up and answers nothing. */
const NOTE_TIMEOUT_MS = 60_000;
/** Requests that may wait for their turn; more are answered 503 at once. */
const MAX_WAITING = 64;

/** The keeper's key file: created once, readable only by its owner. */
export async function keeperKeys(dataDir) {
  const file = process.env.HEALTH_SUITE_KEEPER_KEY_FILE ?? join(dataDir, 'keeper-key.json');
  await cryptoWaitReady();
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const key = await generateHealthKey();
    const content = JSON.stringify({ signer: mnemonicGenerate(24),
      healthKey: storeHealthKey(key) });
    // Created exclusively (flag wx) so an existing file's owner or mode never carries over.
    writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  const stored = JSON.parse(readFileSync(file, 'utf8'));
  const signer = new Keyring({ type: 'sr25519' }).addFromMnemonic(stored.signer);
  const healthKey = loadHealthKey(stored.healthKey);
  return { signer, healthKey };
}

class Refusal extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const refuse = (message, status = 403) => { throw new Refusal(status, message); };

/** Publishes the keeper's health key in the directory unless it is there already. */
async function publishKey(suite, signer, healthKey, say) {
  const published = (await suite.query('key_directory', 'key_of', signer, signer.address)).value;
  if (published && published.publicKey === toHex(healthKey.publicKey)) return published.version;
  await suite.tx('key_directory', 'publish', signer, healthKey.suite, toHex(healthKey.publicKey));
  const now = (await suite.query('key_directory', 'key_of', signer, signer.address)).value;
  say(`published its health key (suite ${healthKey.suite}, ${fingerprint(healthKey)}) as version ${now.version}`);
  return now.version;
}

/** Starts the keeper on a deployed suite; resolves with its URL and address. */
export async function startKeeper({ manifestPath, dataDir, host = '127.0.0.1', port = 0, freshMs = FRESH_MS,
  finalityWaitMs = FINALITY_WAIT_MS, say = () => {} }) {
  if (!Number.isSafeInteger(freshMs) || freshMs <= 0) throw new Error(`--fresh-ms must be a positive whole number of ms`);
  const { signer, healthKey } = await keeperKeys(dataDir);
  const suite = await Suite.connect(manifestPath);
  const recordAccess = suite.manifest.contracts.record_access.address;
  const genesisHash = suite.api.genesisHash.toHex();
  await publishKey(suite, signer, healthKey, say);
  const logFile = join(dataDir, 'releases.json');
  const released = new Map(existsSync(logFile) ? JSON.parse(readFileSync(logFile, 'utf8')) : []);
  let busy = Promise.resolve();
  let waiting = 0;

  /** The checks that need no chain: shape, deployment and signature (before a request may wait its turn). */
  function admit(body) {
    const { request, signature } = body ?? {};
    if (!request || typeof signature !== 'string') refuse('a release request is {request, signature}', 400);
    const { recordId, grantSeq, grantee } = request;
    if (!Number.isSafeInteger(recordId) || !Number.isSafeInteger(grantSeq) || typeof grantee !== 'string') {
      refuse('recordId and grantSeq are integers, grantee an address', 400);
    }
    if (request.genesisHash !== genesisHash || request.recordAccess !== recordAccess) {
      refuse('the request names another chain or deployment');
    }
    let granteeId;
    try {
      granteeId = decodeAddress(grantee);
    } catch {
      refuse('the grantee is not an address', 400);
    }
    if (!signatureVerify(releaseMessage(request), signature, grantee).isValid) {
      refuse('the request is not signed by the grantee it names');
    }
    return { recordId, grantSeq, grantee, granteeId };
  }

  // Every chain read below is bounded; a failed or stalled read refuses (fail closed).
  const read = (promise) => Promise.race([promise, new Promise((_, reject) => setTimeout(
    () => reject(new Error(`no answer within ${CHAIN_TIMEOUT_MS / 1000} s`)), CHAIN_TIMEOUT_MS).unref())]);
  const unreadable = (error) => {
    if (error instanceof Refusal) throw error;
    refuse(`the keeper cannot read the chain, so it releases nothing: ${error.message}`, 503);
  };
  // Accounts are compared as bytes: a wallet may write the same account with another SS58 prefix.
  const same = (a, b) => { try { return u8aEq(decodeAddress(a), decodeAddress(b)); } catch { return false; } };

  /** The purpose audit entry `entry` (number `seq`) grants record `recordId` to `grantee` for, or a refusal. */
  function grantedPurpose(entry, { recordId, grantSeq, grantee }) {
    if (!entry) refuse(`no audit entry ${grantSeq}: only a committed request_access is audited (a dry run commits nothing)`);
    if (entry.writer !== recordAccess) refuse(`audit entry ${grantSeq} was not written by record access`);
    const action = entry.record.action;
    const purpose = action.accessGranted?.purpose ?? ('emergencyAccessGranted' in action ? 'Emergency' : null);
    if (!purpose) refuse(`audit entry ${grantSeq} is not a grant (${JSON.stringify(action)})`);
    if (!same(entry.record.actor, grantee)) refuse(`audit entry ${grantSeq} grants another account, not the signer`);
    if (entry.record.subject !== recordId) refuse(`audit entry ${grantSeq} grants another record`);
    return purpose;
  }

  /**
   * The grant as a finalized block holds it. A grant of this record to this
   * signer that only blocks not yet final hold is waited for, up to
   * FINALITY_WAIT_MS, outside the release queue; anything else is refused at
   * once, so no request holds the queue while it waits.
   */
  async function finalGrant(request) {
    const deadline = Date.now() + finalityWaitMs;
    try {
      for (;;) {
        const finalized = await read(suite.api.rpc.chain.getFinalizedHead());
        const final = (await read(suite.queryAt(finalized, 'audit_trail', 'entry', signer, request.grantSeq))).value;
        if (final) return final;
        grantedPurpose((await read(suite.query('audit_trail', 'entry', signer, request.grantSeq))).value, request);
        if (Date.now() > deadline) {
          refuse(`audit entry ${request.grantSeq} is not in a finalized block after ${finalityWaitMs / 1000} s: retry later`,
            503);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } catch (error) {
      return unreadable(error);
    }
  }

  async function release({ recordId, grantSeq, grantee, granteeId, entry }) {
    let record; let supersededBy; let now; let decision; let directoryKey; let keeperEnvelope;
    try {
      record = (await read(suite.query('record_access', 'record', signer, recordId))).value;
      supersededBy = (await read(suite.query('record_access', 'superseded_by', signer, recordId))).value;
      now = Number((await read(suite.api.query.timestamp.now())).toString());
      directoryKey = (await read(suite.query('key_directory', 'key_of', signer, grantee))).value;
      keeperEnvelope = (await read(suite.query('record_access', 'envelope', signer, recordId, signer.address))).value;
    } catch (error) {
      unreadable(error);
    }
    const purpose = grantedPurpose(entry, { recordId, grantSeq, grantee });
    if (!record) refuse(`no record ${recordId}`);
    if (entry.record.digest !== record.contentHash) refuse(`audit entry ${grantSeq} granted other content`);
    if (!same(entry.record.patient, record.patient)) refuse(`audit entry ${grantSeq} concerns another patient`);
    if (now - Number(entry.timestamp) > freshMs) {
      refuse(`the grant is stale: ${Math.round((now - Number(entry.timestamp)) / 1000)} s old, at most ${freshMs / 1000} s`);
    }
    if (supersededBy !== null && supersededBy !== undefined) {
      refuse(`record ${recordId} is superseded by record ${supersededBy}: request that one`);
    }
    try {
      decision = await read(suite.query('record_access', 'request_access', grantee, recordId, purpose));
    } catch (error) {
      unreadable(error);
    }
    if (!decision.value?.ok?.granted) {
      refuse(`the grantee would not be granted now: ${JSON.stringify(decision.value?.ok?.denied ?? decision.human)}`);
    }
    if (released.has(grantSeq)) refuse(`grant ${grantSeq} was already answered (release ${released.get(grantSeq)})`);
    if (!directoryKey) refuse('the grantee has published no health key in the key directory', 409);
    if (!keeperEnvelope) refuse(`no envelope of record ${recordId} is sealed to this keeper`, 409);

    const contentHash = hexToU8a(record.contentHash);
    const sealedToKeeper = hexToU8a(keeperEnvelope);
    // The info names this record: an envelope copied from another record
    // (even with its content hash copied too) does not open here.
    const deployment = { genesisHash: hexToU8a(genesisHash), recordAccess: decodeAddress(recordAccess) };
    const dataKey = await openRecordKey(sealedToKeeper, healthKey, { ...deployment, recordId, contentHash,
      recipient: decodeAddress(signer.address) });
    const recipient = { suite: directoryKey.suite, publicKey: hexToU8a(directoryKey.publicKey),
      version: directoryKey.version };
    let envelope;
    try {
      envelope = await sealReleasedKey(dataKey, recipient, { ...deployment, recordId, auditSeq: grantSeq,
        grantee: granteeId });
    } finally {
      dataKey.fill(0);
    }
    // No envelope leaves before its release is on the audit trail in a
    // finalized block. A note that is not final in time answers nothing, and
    // the grant counts as answered (the note may still land, and a second
    // one would audit a release twice): the grantee commits a new grant.
    const remember = (seq, answer) => {
      released.set(seq, answer);
      writeFileSync(`${logFile}.tmp`, JSON.stringify([...released]));
      renameSync(`${logFile}.tmp`, logFile);
    };
    const noting = suite.submit('record_access', 'note_release', signer,
      [recordId, grantee, grantSeq, u8aToHex(blake2b256(envelope))], { finalized: true });
    let noted;
    try {
      noted = await Promise.race([noting, new Promise((_, reject) => setTimeout(() => reject(new Refusal(503,
        `the release was not audited in a finalized block within ${NOTE_TIMEOUT_MS / 1000} s, so nothing is `
        + 'released: commit a new grant')), NOTE_TIMEOUT_MS).unref())]);
    } catch (error) {
      if (error instanceof Refusal) {
        remember(grantSeq, 'unconfirmed');
        noting.catch(() => {});
      }
      throw error;
    }
    const releaseSeq = auditSeqOf(noted.events);
    remember(grantSeq, releaseSeq);
    say(`released record ${recordId} to ${grantee} for grant ${grantSeq} (audit entry ${releaseSeq})`);
    return { envelope: toHex(envelope), keyVersion: directoryKey.version, releaseSeq };
  }

  const server = createServer((req, res) => {
    const answer = (status, json) => {
      res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end(JSON.stringify(json));
    };
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-origin': '*', 'access-control-allow-headers': 'content-type',
        'access-control-allow-methods': 'POST' });
      return res.end();
    }
    if (req.method === 'GET' && req.url === '/health') {
      return answer(200, { ok: true, address: signer.address, key: fingerprint(healthKey) });
    }
    if (req.method !== 'POST' || req.url !== '/release') return answer(404, { error: 'POST /release' });
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
      if (text.length > 8192) req.destroy();
    });
    req.on('end', () => {
      let admitted;
      try {
        admitted = admit(JSON.parse(text));
      } catch (error) {
        return answer(error instanceof Refusal ? error.status : 400, { error: error.message });
      }
      // Any account can sign a well-formed request for itself: a bounded queue keeps a flood from
      // holding every other grantee's release behind it.
      if (waiting >= MAX_WAITING) return answer(503, { error: `the keeper is busy (${waiting} requests waiting): retry` });
      waiting += 1;
      finalGrant(admitted).then((entry) => {
        // One release at a time: the log stays in order, and each note_release is final before the next.
        busy = busy.then(async () => {
          try {
            answer(200, await release({ ...admitted, entry }));
          } catch (error) {
            answer(error instanceof Refusal ? error.status : 400, { error: error.message });
          } finally {
            waiting -= 1;
          }
        });
      }, (error) => {
        waiting -= 1;
        answer(error instanceof Refusal ? error.status : 400, { error: error.message });
      });
    });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address();
  return {
    url: `http://${host}:${bound}`,
    address: signer.address,
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await suite.disconnect();
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: {
    manifest: { type: 'string' }, data: { type: 'string' }, host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' }, init: { type: 'boolean', default: false },
    'fresh-ms': { type: 'string', default: String(FRESH_MS) },
  } });
  try {
    if (!values.data) throw new Error('--data DIR is required (the keeper keeps its keys and release log there)');
    if (values.init) {
      const { signer, healthKey } = await keeperKeys(values.data);
      console.log(JSON.stringify({ address: signer.address, suite: healthKey.suite, key: fingerprint(healthKey) }));
      process.exit(0);
    }
    if (!values.manifest) throw new Error('--manifest deployments/<network>.json is required');
    const keeper = await startKeeper({ manifestPath: values.manifest, dataDir: values.data, host: values.host,
      port: Number(values.port), freshMs: Number(values['fresh-ms']), say: (line) => console.log(`keeper: ${line}`) });
    console.log(`keeper: ready at ${keeper.url} as ${keeper.address}`);
    const stop = async () => { await keeper.stop(); process.exit(0); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (error) {
    console.error(`error: ${error.message}`);
    process.exit(1);
  }
}
