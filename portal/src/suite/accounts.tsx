// Who the portal acts as: an account of an injected wallet extension
// (polkadot.js, Talisman, SubWallet: anything in window.injectedWeb3,
// connected through typink), or, on a development chain only, one of the
// dev accounts (//Alice …), marked as such.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { KeyringPair } from '@polkadot/keyring/types';
import type { InjectedSigner } from 'dedot/types';
import { useTypink } from 'typink';

export interface PortalAccount {
  address: string;
  name: string;
  /** 'dev' for a development account, else the wallet's id. */
  source: string;
  /** A development account's name (`Alice` for //Alice). */
  devName?: string;
}

/** How a transaction of the active account is signed. */
export type Signing = { from: KeyringPair } | { from: string; signer: InjectedSigner };

interface AccountsState {
  accounts: PortalAccount[];
  active?: PortalAccount;
  choose: (address: string) => void;
  /** True once the chain said it is a development chain. */
  devChain: boolean;
  signingFor: (account: PortalAccount) => Signing | undefined;
}

const AccountsContext = createContext<AccountsState | undefined>(undefined);

const CHOSEN_KEY = 'health-suite:account';

export function AccountsProvider({ children }: { children: ReactNode }) {
  const { client, accounts: walletAccounts, signer, setConnectedAccount, connectedAccount } = useTypink();
  const [devChain, setDevChain] = useState(false);
  const [devPairs, setDevPairs] = useState<KeyringPair[]>([]);
  const [chosen, setChosen] = useState<string | undefined>(() => localStorage.getItem(CHOSEN_KEY) ?? undefined);

  // Dev accounts only where the node says its chain type is Development.
  useEffect(() => {
    if (!client) return;
    let live = true;
    const rpc = (client as unknown as { rpc: { system_chainType: () => Promise<unknown> } }).rpc;
    rpc.system_chainType().then(async (chainType: unknown) => {
      const isDev = chainType === 'Development' || (chainType as { type?: string })?.type === 'Development';
      if (!live || !isDev) return;
      const { devPairs: load } = await import('./devAccounts');
      const pairs = await load();
      if (live) { setDevChain(true); setDevPairs(pairs); }
    }).catch(() => undefined);
    return () => { live = false; };
  }, [client]);

  const accounts = useMemo<PortalAccount[]>(() => [
    ...walletAccounts.map((account) => ({
      address: account.address, name: account.name ?? account.address.slice(0, 8), source: account.source,
    })),
    ...devPairs.map((pair) => ({
      address: pair.address, name: `${pair.meta.name as string} (dev)`, source: 'dev', devName: pair.meta.name as string,
    })),
  ], [walletAccounts, devPairs]);

  const active = accounts.find((account) => `${account.source}:${account.address}` === chosen);

  const choose = useCallback((key: string) => {
    setChosen(key);
    localStorage.setItem(CHOSEN_KEY, key);
    const [source, address] = key.split(':');
    if (source !== 'dev' && connectedAccount?.address !== address) {
      const account = walletAccounts.find((candidate) => candidate.source === source && candidate.address === address);
      if (account) setConnectedAccount(account);
    }
  }, [walletAccounts, connectedAccount, setConnectedAccount]);

  const signingFor = useCallback((account: PortalAccount): Signing | undefined => {
    if (account.source === 'dev') {
      const pair = devPairs.find((candidate) => candidate.address === account.address);
      return pair && { from: pair };
    }
    return signer && { from: account.address, signer };
  }, [devPairs, signer]);

  const value = useMemo(() => ({ accounts, active, choose, devChain, signingFor }),
    [accounts, active, choose, devChain, signingFor]);
  return <AccountsContext.Provider value={value}>{children}</AccountsContext.Provider>;
}

export function useAccounts(): AccountsState {
  const state = useContext(AccountsContext);
  if (!state) throw new Error('useAccounts outside AccountsProvider');
  return state;
}

export const accountKey = (account: PortalAccount) => `${account.source}:${account.address}`;
