// A researcher or sponsor: verification, the reward deposit, and research
// reads of consented records.
import { useAccounts } from '../suite/accounts';
import { MyPatients, RequestAccess, Verification } from './ProviderView';
import { Sponsorship } from './Rewards';

export function ResearchView() {
  const { active } = useAccounts();
  if (!active) return null;
  return (
    <div className="research">
      <Verification provider={active.address} defaultKind="Researcher" />
      <Sponsorship sponsor={active.address} />
      <MyPatients defaultPurpose="Research" />
      <RequestAccess defaultPurpose="Research" />
    </div>
  );
}
