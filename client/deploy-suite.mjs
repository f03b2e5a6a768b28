// Deploys, wires and hands the suite over to governance with polkadot.js,
// following the recipe (client/recipe.mjs), signed by one key that never
// appears on a command line or in the output. The deploy (client/deploy.mjs)
// imports this once the npm packages are installed.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Abi } from '@polkadot/api-contract';
import { Keyring } from '@polkadot/keyring';
import { randomAsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { Suite, signAndWait } from './suite.mjs';
import { DEV_PHRASE, KEEPER_FUNDS, LIBRARIES, SUITE, WIRING } from './recipe.mjs';
import { takeOver } from './takeover.mjs';

/** One-line reason for a failed extrinsic or RPC call. */
function reason(error) {
  const text = String(error?.message ?? error).split('\n')[0];
  if (text.includes('(is the deploying account funded')) return text;
  if (/Inability to pay|InsufficientBalance|FundsUnavailable|NotEnoughFunds|balance too low/i.test(text)) {
    return `${text} (is the deploying account funded on this chain?)`;
  }
  return text;
}

/** Submits `extrinsic` signed by `signer`; resolves with the block's events. */
function submit(api, extrinsic, signer, what) {
  return signAndWait(api, extrinsic, signer, what).catch((error) => {
    throw new Error(error.message.startsWith(`${what}:`) ? error.message : `${what}: ${reason(error)}`);
  });
}

/**
 * Dry-runs the constructor `new` of the bundle of `name` with `args`; throws
 * with the contract's own error if it would refuse them. Returns what the
 * real instantiation sends.
 */
async function dryRunInstantiate(api, signer, bundlePath, name, args) {
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  const abi = new Abi(bundle, api.registry.getChainProperties());
  const constructor = abi.constructors.find((found) => found.method === 'new');
  if (!constructor) throw new Error(`${name} has no constructor new`);
  // Bytes given as hex are taken as they are; given as a Uint8Array, they
  // must carry their SCALE length, as the constructor's `toU8a` does.
  const code = bundle.source.wasm;
  const data = constructor.toU8a(args);
  const salt = randomAsHex(32);
  const dryRun = await api.call.contractsApi.instantiate(
    signer.address, 0, null, null, { Upload: code }, data, salt);
  if (dryRun.result.isErr) {
    const error = dryRun.result.asErr;
    const text = error.isModule
      ? (({ section, name: failure }) => `${section}.${failure}`)(api.registry.findMetaError(error.asModule))
      : error.toString();
    throw new Error(`instantiating ${name}: ${reason(text)}`);
  }
  // ReturnFlags is a struct { bits } in node 0.42's metadata; bit 0 is revert.
  const { flags, data: returned } = dryRun.result.asOk.result;
  if (((flags.bits ?? flags).toNumber() & 1) === 1) {
    let refusal = 'its arguments';
    try {
      const type = constructor.returnType;
      refusal = JSON.stringify(abi.registry.createTypeUnsafe(type.lookupName || type.type, [returned]).toHuman());
    } catch {
      // an undecodable answer keeps the generic reason
    }
    throw new Error(`instantiating ${name}: the constructor refused ${refusal}`);
  }
  return { bundle, code, data, salt, gasRequired: dryRun.gasRequired };
}

/** Instantiates the bundle of `name` with `args`: its address and code hash. */
async function instantiate(api, signer, bundlePath, name, args) {
  const { bundle, code, data, salt, gasRequired } = await dryRunInstantiate(api, signer, bundlePath, name, args);
  const gasLimit = api.registry.createType('WeightV2', {
    refTime: gasRequired.refTime.toBn().muln(3).divn(2),
    proofSize: gasRequired.proofSize.toBn().muln(3).divn(2),
  });
  const extrinsic = api.tx.contracts.instantiateWithCode(0, gasLimit, null, code, data, salt);
  const events = await submit(api, extrinsic, signer, `instantiating ${name}`);
  const instantiated = events.find(({ event }) => api.events.contracts.Instantiated.is(event));
  if (!instantiated) throw new Error(`instantiating ${name}: no Instantiated event`);
  return { address: instantiated.event.data[1].toString(), codeHash: bundle.source.hash };
}

/**
 * Uploads the bundle of the library `name` (code no one instantiates) and
 * checks that the chain holds it; resolves with its code hash. Code the chain
 * already holds is not charged again.
 */
async function uploadLibrary(api, signer, bundlePath, name) {
  const bundle = JSON.parse(readFileSync(bundlePath, 'utf8'));
  // node 0.42's pallet-contracts: upload_code(code, storage_deposit_limit, determinism)
  const extrinsic = api.tx.contracts.uploadCode(bundle.source.wasm, null, 'Enforced');
  await submit(api, extrinsic, signer, `uploading ${name}`);
  const stored = await api.query.contracts.codeInfoOf(bundle.source.hash);
  if (stored.isNone) throw new Error(`uploading ${name}: the chain holds no code ${bundle.source.hash}`);
  return bundle.source.hash;
}

/**
 * Deploys, wires and hands over the suite as `signer`, following the recipe;
 * resolves with the manifest. `plan`: { url, network, bundles,
 * governanceSettings (as the constructor takes them), keeper (the default
 * keeper's account) }; `say(line)` hears each step.
 */
export async function deploySuite(api, signer, plan, say) {
  const addresses = { deployer: signer.address, keeper: plan.keeper };
  const at = (name) => {
    if (!addresses[name]) throw new Error(`${name} is not deployed yet`);
    return addresses[name];
  };
  // Governance's settings are checked by its own constructor, in a dry run,
  // before anything is paid for (the token's address does not matter to it).
  await dryRunInstantiate(api, signer, join(plan.bundles, 'governance.contract'), 'governance',
    [signer.address, plan.governanceSettings]);
  const libraries = {};
  for (const name of LIBRARIES) {
    const started = Date.now();
    const bundle = join(plan.bundles, `${name}.contract`);
    const codeHash = await uploadLibrary(api, signer, bundle, name);
    libraries[name] = { code_hash: codeHash, bundle };
    say(`${name.padEnd(22)} code ${codeHash}  (uploaded, ${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
  const code = (name) => {
    if (!libraries[name]) throw new Error(`${name} is not uploaded`);
    return libraries[name].code_hash;
  };
  const contracts = {};
  for (const [name, argumentsOf] of SUITE) {
    const started = Date.now();
    const bundle = join(plan.bundles, `${name}.contract`);
    const args = argumentsOf(at, plan.governanceSettings, code);
    const { address, codeHash } = await instantiate(api, signer, bundle, name, args);
    addresses[name] = address;
    contracts[name] = { address, code_hash: codeHash, bundle, constructor: 'new', constructor_args: args };
    say(`${name.padEnd(22)} ${address}  (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  }
  const manifest = {
    network: plan.network,
    url: plan.url,
    deployer: signer.address,
    admin: signer.address,
    deployed_at: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
    contracts,
    libraries,
    wiring: [],
  };
  const suite = new Suite(api, manifest, { sealer: signer });
  // The keeper signs and pays for note_release; the deployer funds it.
  const decimals = api.registry.chainDecimals[0] ?? 12;
  const funds = KEEPER_FUNDS * 10n ** BigInt(decimals);
  await submit(api, api.tx.balances.transferKeepAlive(plan.keeper, funds), signer, 'funding the keeper');
  say(`funded the keeper ${plan.keeper} with ${funds} (smallest units)`);
  for (const { contract, message, args: argumentsOf } of WIRING) {
    const args = argumentsOf(at);
    await suite.tx(contract, message, signer, ...args);
    manifest.wiring.push({ contract, message, args });
    say(`${contract}.${message}(${args.map((arg) => JSON.stringify(arg)).join(', ')})`);
  }
  await takeOver(suite, signer, say);
  manifest.admin = contracts.governance.address;
  manifest.chain = (await api.rpc.system.chain()).toString();
  return manifest;
}

/**
 * Connects to `plan.url` and deploys the suite signed by the account of
 * `secret` (a secret URI); with `plan.refuseDevelopmentAccounts`, a
 * development account is refused whatever spelling its secret has. Throws an
 * error with a one-line message.
 */
export async function deployWithSecret(secret, plan, say) {
  await cryptoWaitReady();
  let signer;
  try {
    signer = new Keyring({ type: 'sr25519', ss58Format: 42 }).addFromUri(secret);
  } catch {
    throw new Error('the secret is not a secret URI (expected a mnemonic phrase, a 0x seed or //Name)');
  }
  if (plan.refuseDevelopmentAccounts && isDevelopmentAccount(signer)) {
    throw new Error('--url refuses a development account (its secret is public): use an account of your own, '
      + 'funded on that chain');
  }
  say(`deploying ${SUITE.length} contracts in dependency order, after the code they delegate-call `
    + `(${LIBRARIES.join(', ')}), as ${signer.address}`);
  // Reconnects if the connection drops: on a real chain the takeover waits
  // out a proposal's delay, voting period and timelock.
  const api = await ApiPromise.create({ provider: new WsProvider(plan.url, 2_500), throwOnConnect: true,
    noInitWarn: true });
  try {
    return await deploySuite(api, signer, plan, say);
  } catch (error) {
    throw new Error(reason(error));
  } finally {
    await api.disconnect();
  }
}

/** The development chains' accounts, whose secrets are public. */
const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'];

/** Whether `signer` is one of the development accounts, however its secret was written. */
function isDevelopmentAccount(signer) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const uris = [DEV_PHRASE, ...DEV_NAMES.flatMap((name) => [`//${name}`, `//${name}//stash`])];
  return uris.some((uri) => keyring.addFromUri(uri).address === signer.address);
}
