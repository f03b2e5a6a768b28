// The deployed suite seen through polkadot.js, the libraries Contracts UI
// uses: the manifest written by scripts/deploy, each bundle's metadata, typed
// queries and transactions, and every contract event decoded with the ABI of
// the contract that emitted it.

import { readFileSync } from 'node:fs';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Abi, ContractPromise } from '@polkadot/api-contract';
import { Keyring } from '@polkadot/keyring';
import { compactStripLength, u8aConcat, u8aEq, u8aToHex } from '@polkadot/util';
import { blake2AsU8a, cryptoWaitReady } from '@polkadot/util-crypto';

const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

export class Suite {
  static async connect(manifestPath) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    await cryptoWaitReady();
    const provider = new WsProvider(manifest.url, false);
    await provider.connect();
    const api = await ApiPromise.create({ provider, throwOnConnect: true, noInitWarn: true });
    return new Suite(api, manifest);
  }

  /**
   * `sealer` signs the throwaway transaction that seals a block when a step
   * must wait for block time (a development key by default; the deploy
   * passes its own signer, which a chain other than a dev node has funded).
   */
  constructor(api, manifest, { sealer } = {}) {
    this.api = api;
    this.manifest = manifest;
    const keyring = new Keyring({ type: 'sr25519' });
    this.keyring = keyring;
    this.accounts = Object.fromEntries(DEV_NAMES.map((name) => [name, keyring.addFromUri(`//${name}`)]));
    this.sealer = sealer ?? this.accounts.Ferdie;
    this.names = new Map(DEV_NAMES.map((name) => [this.accounts[name].address, name]));
    this.contracts = {};
    for (const [name, entry] of Object.entries(manifest.contracts)) {
      const bundle = JSON.parse(readFileSync(entry.bundle, 'utf8'));
      const abi = new Abi(bundle, api.registry.getChainProperties());
      this.contracts[name] = new ContractPromise(api, abi, entry.address);
      this.names.set(entry.address, name);
    }
  }

  async disconnect() {
    await this.api.disconnect();
  }

  /**
   * The call a governance proposal makes for `label` on `contract` with
   * `args`: callee, selector and SCALE input encoded with the callee's own
   * ABI, no value.
   */
  proposedCall(contract, label, ...args) {
    const message = this.message(contract, label);
    const [, data] = compactStripLength(message.toU8a(args));
    if (!u8aEq(data.subarray(0, 4), message.selector.toU8a())) {
      throw new Error(`${contract}.${label}: the encoded call does not start with its selector`);
    }
    return {
      callee: this.manifest.contracts[contract].address,
      selector: u8aToHex(data.subarray(0, 4)),
      input: u8aToHex(data.subarray(4)),
      value: 0,
    };
  }

  /**
   * Seals a block stamped after block time `timestampMs` (the dev node
   * seals one per transaction): waits for the wall clock, then submits a
   * throwaway approval, so that dry runs see the later time.
   */
  async sealBlockAfter(timestampMs) {
    const wait = Number(timestampMs) + 1 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await this.tx('reward_token', 'PSP22::approve', this.sealer, this.sealer.address, 0);
  }

  /**
   * Takes `calls` through governance from creation to execution:
   * `proposer` proposes, every account of `voters` votes For once voting
   * opens, anyone queues once it ends, and `proposer` executes after the
   * timelock. `log(step, details)` hears each step. Returns the proposal's
   * id and the events of its execution.
   */
  async passProposal(calls, description, proposer, voters, log = () => {}) {
    const descriptionHash = u8aToHex(blake2AsU8a(description, 256));
    const created = await this.tx('governance', 'propose', proposer, calls, descriptionHash);
    const createdEvent = created.events.find((event) => event.event === 'ProposalCreated');
    if (!createdEvent) throw new Error('governance.propose emitted no ProposalCreated');
    const id = Number(createdEvent.fields.id);
    const proposal = (await this.query('governance', 'proposal', proposer, id)).value;
    log('proposed', { id, calls: calls.length, description, snapshot: proposal.snapshot,
      voteEnd: proposal.voteEnd, quorumBps: proposal.quorumBps });
    await this.sealBlockAfter(proposal.snapshot);
    for (const voter of voters) {
      const { value } = await this.tx('governance', 'vote', voter, id, 'For');
      log('voted', { voter: this.nameOf(voter.address), weight: value.ok });
    }
    await this.sealBlockAfter(proposal.voteEnd);
    const state = (await this.query('governance', 'state', proposer, id)).value.ok;
    log('voting ended', { state, tally: (await this.query('governance', 'proposal', proposer, id)).value.tally });
    await this.tx('governance', 'queue', proposer, id);
    const { timelock } = (await this.query('governance', 'proposal', proposer, id)).value;
    log('queued', timelock);
    await this.sealBlockAfter(timelock.eta);
    const executed = await this.submit('governance', 'execute', proposer, [id], { gasMarginPercent: 50 });
    log('executed', { state: (await this.query('governance', 'state', proposer, id)).value.ok });
    return { id, events: executed.events };
  }

  /** The account name (Alice…, or the contract's name) behind an address. */
  nameOf(address) {
    return this.names.get(address) ?? address;
  }

  message(contract, label) {
    const found = this.contracts[contract].abi.messages.find((message) => message.identifier === label);
    if (!found) throw new Error(`${contract} has no message ${label}`);
    return found;
  }

  /** Dry-runs `label` on `contract` as `caller`: value, cost, and whether it reverted. */
  async query(contract, label, caller, ...args) {
    const message = this.message(contract, label);
    const response = await this.contracts[contract].query[message.method](
      caller.address ?? caller, { gasLimit: this.#maxGas(), storageDepositLimit: null }, ...args);
    if (response.result.isErr) {
      throw new Error(`${contract}.${label} failed: ${JSON.stringify(response.result.asErr.toHuman())}`);
    }
    return Suite.#answer(response, response.output, response.result.asOk.flags);
  }

  /**
   * `query` on the state of the block `blockHash` (a finalized block, say)
   * rather than the best block.
   */
  async queryAt(blockHash, contract, label, caller, ...args) {
    const message = this.message(contract, label);
    const at = await this.api.at(blockHash);
    const response = await at.call.contractsApi.call(caller.address ?? caller,
      this.manifest.contracts[contract].address, 0, this.#maxGas(), null, message.toU8a(args));
    if (response.result.isErr) {
      throw new Error(`${contract}.${label} failed: ${JSON.stringify(response.result.asErr.toHuman())}`);
    }
    const { flags, data } = response.result.asOk;
    const type = message.returnType;
    const output = type && this.contracts[contract].abi.registry.createTypeUnsafe(
      type.lookupName || type.type, [data.toU8a(true)], { isPedantic: true });
    return Suite.#answer(response, output, flags);
  }

  #maxGas() {
    return this.api.registry.createType('WeightV2', this.api.consts.system.blockWeights.maxBlock);
  }

  /** A dry run's answer: ink! 5 wraps every value in `Result<_, LangError>`, unwrapped here. */
  static #answer(response, wrapped, flags) {
    const output = wrapped?.isOk ? wrapped.asOk : wrapped;
    return {
      value: output?.toJSON(),
      human: output?.toHuman(),
      raw: output,
      reverted: (flags.bits ?? flags).toNumber() % 2 === 1,
      gasConsumed: response.gasConsumed.toJSON(),
      gasRequired: response.gasRequired,
      storageDeposit: response.storageDeposit.toJSON(),
    };
  }

  /**
   * Submits `label` on `contract` signed by `signer` once its dry run
   * succeeds; resolves with the decoded contract events once in a block.
   */
  async tx(contract, label, signer, ...args) {
    return this.submit(contract, label, signer, args);
  }

  /**
   * `tx` with options: `gasMarginPercent` adds that share to the dry run's
   * gas estimate (a governance execution needs it: the node's dry run
   * under-states what nested calls take); `finalized` waits for the block
   * to be finalized, not only included.
   */
  async submit(contract, label, signer, args, { gasMarginPercent = 0, finalized = false } = {}) {
    const dryRun = await this.query(contract, label, signer, ...args);
    if (dryRun.reverted) {
      throw new Error(`${contract}.${label} would be refused: ${JSON.stringify(dryRun.human)}`);
    }
    const message = this.message(contract, label);
    const scale = (weight) => (BigInt(weight.toString()) * BigInt(100 + gasMarginPercent)) / 100n;
    const gasLimit = this.api.registry.createType('WeightV2', {
      refTime: scale(dryRun.gasRequired.refTime),
      proofSize: scale(dryRun.gasRequired.proofSize),
    });
    const extrinsic = this.contracts[contract].tx[message.method](
      { gasLimit, storageDepositLimit: null }, ...args);
    const events = this.decodeEvents(await signAndWait(this.api, extrinsic, signer, `${contract}.${label}`,
      { finalized }));
    return { ...dryRun, events };
  }

  /** Sends `amount` (smallest units) of the chain's own currency from `from` to `to`. */
  async transfer(from, to, amount) {
    await signAndWait(this.api, this.api.tx.balances.transferKeepAlive(to, amount), from, 'balances.transfer_keep_alive');
  }

  /** Every contract event in `records`, decoded with its emitter's ABI. */
  decodeEvents(records) {
    const decoded = [];
    for (const record of records) {
      if (!this.api.events.contracts.ContractEmitted.is(record.event)) continue;
      const emitter = record.event.data[0].toString();
      const name = this.names.get(emitter);
      const contract = this.contracts[name];
      if (!contract) continue;
      const event = contract.abi.decodeEvent(record);
      const fields = Object.fromEntries(
        event.event.args.map((arg, i) => [arg.name, this.humanize(event.args[i].toHuman())]));
      decoded.push({ contract: name, event: event.event.identifier.split('::').pop(), fields });
    }
    return decoded;
  }

  /** Replaces known addresses in a human-readable value by names. */
  humanize(value) {
    if (typeof value === 'string') return this.names.get(value) ?? value;
    if (Array.isArray(value)) return value.map((item) => this.humanize(item));
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, this.humanize(item)]));
    }
    return value;
  }
}

/**
 * The sequence number of the audit entry a transaction appended (from the
 * audit trail's EntryAppended event), or null. A dry run's answer may name
 * another number if another entry landed first; the event is the block's.
 */
/**
 * Submits `extrinsic` signed by `signer`; resolves with the block's event
 * records once it is in a block (with `finalized`, once that block is
 * finalized), or rejects naming the dispatch error (`what: Section.Name`).
 */
export function signAndWait(api, extrinsic, signer, what, { finalized = false } = {}) {
  return new Promise((resolve, reject) => {
    extrinsic.signAndSend(signer, (result) => {
      if (result.dispatchError) {
        const error = result.dispatchError;
        const name = error.isModule
          ? (({ section, name: failure }) => `${section}.${failure}`)(api.registry.findMetaError(error.asModule))
          : error.toString();
        reject(new Error(`${what}: ${name}`));
      } else if (result.status.isFinalized || (result.status.isInBlock && !finalized)) {
        resolve(result.events);
      } else if (result.status.isInvalid || result.status.isDropped || result.status.isUsurped) {
        reject(new Error(`${what}: the transaction was ${result.status.type.toLowerCase()}`));
      }
    }).catch(reject);
  });
}

/** The number field `field` of the last `contract` event `name` among `events` (from the block), or null. */
export function eventNumber(events, contract, name, field) {
  const found = events.filter((event) => event.contract === contract && event.event === name);
  return found.length === 0 ? null : Number(String(found[found.length - 1].fields[field]).replace(/,/g, ''));
}

export function auditSeqOf(events) {
  return eventNumber(events, 'audit_trail', 'EntryAppended', 'seq');
}

/** One event as a line a person can read. */
export function describeEvent({ contract, event, fields }) {
  const parts = Object.entries(fields).map(([key, value]) =>
    `${key}: ${typeof value === 'object' ? JSON.stringify(value) : value}`);
  return `${contract} · ${event} { ${parts.join(', ')} }`;
}

/**
 * Counts failed expectations: each prints "ok" or "FAIL" with what it
 * checked, and the script exits non-zero if any failed.
 */
export class Expectations {
  constructor() {
    this.failures = 0;
  }

  that(condition, what) {
    console.log(`    ${condition ? 'ok  ' : 'FAIL'} ${what}`);
    if (!condition) this.failures += 1;
    return condition;
  }
}

/** blake2-256, as the contracts hash. */
export function blake2(...parts) {
  return blake2AsU8a(u8aConcat(...parts), 256);
}

/**
 * Re-computes the audit trail's hash chain off chain from `entry(seq)` reads,
 * with polkadot.js's own SCALE encoding and blake2 (independent of the
 * contract's Rust): hash = blake2_256(SCALE((seq, writer, record, timestamp,
 * block, prev_hash))), prev_hash of entry 1 all zeros. Returns the head it
 * arrives at and the first entry whose stored hash or link differs, if any.
 */
export async function recomputeAuditChain(suite, caller) {
  const head = await suite.query('audit_trail', 'head', caller);
  let previous = new Uint8Array(32);
  for (let seq = 1; seq <= head.value.seq; seq += 1) {
    const read = await suite.query('audit_trail', 'entry', caller, seq);
    // Fields by `get`: a codec's own `.hash` is the hash of its whole
    // encoding, so polkadot.js names the entry's `hash` field `hash_`.
    const entry = read.raw.unwrap();
    const field = (name) => entry.get(name).toU8a();
    const hash = blake2(field('seq'), field('writer'), field('record'), field('timestamp'), field('block'), previous);
    if (!u8aEq(field('prevHash'), previous) || !u8aEq(field('hash_'), hash)) {
      return { seq: head.value.seq, computed: u8aToHex(hash), stored: head.value.hash, brokenAt: seq };
    }
    previous = hash;
  }
  return { seq: head.value.seq, computed: u8aToHex(previous), stored: head.value.hash, brokenAt: null };
}
