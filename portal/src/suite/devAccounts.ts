// The well-known development accounts (//Alice …), loaded only on a
// development chain: the keyring and its Wasm crypto stay out of the
// initial bundle.
import { Keyring } from '@polkadot/keyring';
import type { KeyringPair } from '@polkadot/keyring/types';
import { cryptoWaitReady } from '@polkadot/util-crypto';

export const DEV_NAMES = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'] as const;

export async function devPairs(): Promise<KeyringPair[]> {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return DEV_NAMES.map((name) => keyring.addFromUri(`//${name}`, { name }));
}
