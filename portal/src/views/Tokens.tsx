// Token amounts the views share: the active account's reward-token
// balance, watched block by block.
import { usePSP22Balance } from 'typink';
import { useSuite } from '../suite/SuiteProvider';

export function useTokenBalance(address: string | undefined): bigint | undefined {
  const { manifest } = useSuite();
  const { data } = usePSP22Balance({ contractAddress: manifest.contracts.reward_token.address, address, watch: true });
  return data;
}
