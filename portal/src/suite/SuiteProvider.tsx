// The deployment and its contracts, typed by the generated bindings.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useContract } from 'typink';
import type { AuditTrailContractApi } from '../contracts/types/audit-trail';
import type { ConsentContractApi } from '../contracts/types/consent';
import type { GovernanceContractApi } from '../contracts/types/governance';
import type { InsuranceContractApi } from '../contracts/types/insurance';
import type { KeyDirectoryContractApi } from '../contracts/types/key-directory';
import type { ProviderVerificationContractApi } from '../contracts/types/provider-verification';
import type { RecordAccessContractApi } from '../contracts/types/record-access';
import type { RewardPoolContractApi } from '../contracts/types/reward-pool';
import type { RewardTokenContractApi } from '../contracts/types/reward-token';
import type { Manifest } from './manifest';

export function useSuiteContracts() {
  const { contract: auditTrail } = useContract<AuditTrailContractApi>('audit_trail');
  const { contract: consent } = useContract<ConsentContractApi>('consent');
  const { contract: providers } = useContract<ProviderVerificationContractApi>('provider_verification');
  const { contract: records } = useContract<RecordAccessContractApi>('record_access');
  const { contract: token } = useContract<RewardTokenContractApi>('reward_token');
  const { contract: rewardPool } = useContract<RewardPoolContractApi>('reward_pool');
  const { contract: insurance } = useContract<InsuranceContractApi>('insurance');
  const { contract: governance } = useContract<GovernanceContractApi>('governance');
  const { contract: keyDirectory } = useContract<KeyDirectoryContractApi>('key_directory');
  return useMemo(() => ({
    auditTrail, consent, providers, records, token, rewardPool, insurance, governance, keyDirectory,
  }), [auditTrail, consent, providers, records, token, rewardPool, insurance, governance, keyDirectory]);
}

type SuiteContracts = ReturnType<typeof useSuiteContracts>;

interface SuiteState {
  manifest: Manifest;
  contracts: SuiteContracts;
}

const SuiteContext = createContext<SuiteState | undefined>(undefined);

export function SuiteProvider({ manifest, children }: { manifest: Manifest; children: ReactNode }) {
  const contracts = useSuiteContracts();
  const value = useMemo(() => ({ manifest, contracts }), [manifest, contracts]);
  return <SuiteContext.Provider value={value}>{children}</SuiteContext.Provider>;
}

export function useSuite(): SuiteState {
  const state = useContext(SuiteContext);
  if (!state) throw new Error('useSuite outside SuiteProvider');
  return state;
}
