// The data plane in the page: the active account's health key (made here,
// kept in this browser, backed up under a generated recovery code), where
// the deployment binds its ciphertexts, its storage node and keeper, and a
// signature for the keeper. The cryptography is dataplane/'s own source,
// the one implementation Node uses too, loaded on demand so the first page
// stays small.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { decodeAddress } from 'dedot/utils';
import { useContractQuery, useTypink } from 'typink';
import type { Deployment, HealthKey } from '@health-suite/dataplane';
import { useAccounts, type PortalAccount } from './accounts';
import { useSuite } from './SuiteProvider';

/** The data plane's library, loaded the first time it is needed. */
export const dataPlane = () => import('@health-suite/dataplane');

/**
 * none: this browser holds no key for the account, and the directory names
 * none; elsewhere: the directory names a key this browser does not hold
 * (restore its backup); unpublished: this browser holds one the directory
 * does not (yet) name; published: the directory's current key is this one;
 * superseded: the directory names another key than this browser's.
 */
export type KeyStatus = 'loading' | 'none' | 'elsewhere' | 'unpublished' | 'published' | 'superseded';

export interface PublishedKey {
  suite: number;
  publicKey: string;
  version: number;
}

interface DataPlaneState {
  account?: PortalAccount;
  key?: HealthKey;
  status: KeyStatus;
  published?: PublishedKey;
  /** The key is a development account's, derived from its public name: it protects nothing. */
  isDevelopmentKey: boolean;
  /** Keeps `key` in this browser as the health key of the account whose slot it was made for (`slot`). */
  keep: (key: HealthKey, slot: string) => boolean;
  /** This account's place in this browser's storage (chain and account), once both are known. */
  slot?: string;
  deployment?: Deployment;
  /** The record-access contract's address (SS58), as a keeper request names it. */
  recordAccessAddress: string;
  storage?: string;
  keeper?: string;
  /** Signs `message` with the active account (the wallet's signRaw), after the person agrees. */
  sign: (message: Uint8Array, what: string) => Promise<Uint8Array>;
}

const DataPlaneContext = createContext<DataPlaneState | undefined>(undefined);
const STORE = 'health-suite:health-key:v1';

const toHex = (bytes: Uint8Array) => `0x${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}` as const;
const fromHex = (hex: string) => new Uint8Array((hex.slice(2).match(/../g) ?? []).map((pair) => parseInt(pair, 16)));

function stored(slot: string): HealthKey | undefined {
  try {
    const json = JSON.parse(localStorage.getItem(slot) ?? 'null');
    if (!json || typeof json.privateKey !== 'string') return undefined;
    return { suite: json.suite, privateKey: fromHex(json.privateKey), publicKey: fromHex(json.publicKey) } as HealthKey;
  } catch {
    return undefined;
  }
}

export function DataPlaneProvider({ children }: { children: ReactNode }) {
  const { active, devChain, signingFor } = useAccounts();
  const { manifest, contracts } = useSuite();
  const { client } = useTypink();
  const genesis = (client as unknown as { genesisHash?: string } | undefined)?.genesisHash;
  const slot = active && genesis ? `${STORE}:${genesis}:${active.address}` : undefined;
  const [key, setKey] = useState<HealthKey>();
  const [loaded, setLoaded] = useState<string>();

  // The key of this account in this browser; a development account on a
  // development chain gets its deterministic key (anyone can compute it).
  useEffect(() => {
    let live = true;
    setKey(undefined);
    setLoaded(undefined);
    if (!slot || !active) return;
    const kept = stored(slot);
    const derive = !kept && devChain && active.devName
      ? dataPlane().then((lib) => lib.developmentHealthKey(active.devName as string)) : Promise.resolve(kept);
    derive.then((found) => { if (live) { setKey(found); setLoaded(slot); } }, () => { if (live) setLoaded(slot); });
    return () => { live = false; };
  }, [slot, active, devChain]);

  const directory = useContractQuery(contracts.keyDirectory && active ? {
    contract: contracts.keyDirectory, fn: 'keyOf', args: [active.address], watch: true,
  } : undefined);
  const current = directory.data as { suite: number; publicKey: string; version: number } | undefined;
  const published = current ? { suite: current.suite, publicKey: current.publicKey, version: current.version } : undefined;

  const status: KeyStatus = !slot || loaded !== slot || directory.isLoading ? 'loading'
    : !key ? (published ? 'elsewhere' : 'none')
      : !published ? 'unpublished'
        : published.publicKey === toHex(key.publicKey) ? 'published' : 'superseded';

  // A key made or restored for one account is never kept for another chosen meanwhile.
  const currentSlot = useRef(slot);
  currentSlot.current = slot;
  const keep = useCallback((next: HealthKey, forSlot: string) => {
    if (!forSlot || forSlot !== currentSlot.current) return false;
    localStorage.setItem(forSlot, JSON.stringify({
      suite: next.suite, privateKey: toHex(next.privateKey), publicKey: toHex(next.publicKey),
    }));
    setKey(next);
    return true;
  }, []);

  const sign = useCallback(async (message: Uint8Array, what: string): Promise<Uint8Array> => {
    if (!active) throw new Error('Choose an account first.');
    const signing = signingFor(active);
    if (!signing) throw new Error(`The wallet of ${active.name} is not connected.`);
    if ('signer' in signing) {
      if (!signing.signer.signRaw) throw new Error('This wallet cannot sign a message.');
      const { signature } = await signing.signer.signRaw({ address: active.address, data: toHex(message), type: 'bytes' });
      return fromHex(signature);
    }
    if (!window.confirm(`Sign "${what}" with the development key ${active.name}?\n\n`
      + 'Its secret is public: anyone can sign with it. Use it on a development chain only.')) {
      throw new Error(`Not signed: you declined to sign with ${active.name}.`);
    }
    return signing.from.sign(message);
  }, [active, signingFor]);

  const deployment = useMemo<Deployment | undefined>(() => (genesis ? {
    genesisHash: fromHex(genesis), recordAccess: decodeAddress(manifest.contracts.record_access.address),
  } : undefined), [genesis, manifest]);

  const value = useMemo<DataPlaneState>(() => ({
    account: active, key, status, published,
    isDevelopmentKey: Boolean(active?.devName && devChain && key && !stored(slot ?? '')),
    keep, slot, deployment, recordAccessAddress: manifest.contracts.record_access.address, storage: manifest.services?.storage, keeper: manifest.services?.keeper, sign,
  }), [active, key, status, published?.publicKey, published?.version, devChain, slot, keep, deployment, manifest, sign]);
  return <DataPlaneContext.Provider value={value}>{children}</DataPlaneContext.Provider>;
}

export function useDataPlane(): DataPlaneState {
  const state = useContext(DataPlaneContext);
  if (!state) throw new Error('useDataPlane outside DataPlaneProvider');
  return state;
}

export { fromHex, toHex };
