import { useState, type JSX } from 'react';
import { useTypink } from 'typink';
import { accountKey, useAccounts } from './suite/accounts';
import { useSuite } from './suite/SuiteProvider';
import { short } from './suite/format';
import { PatientView } from './views/PatientView';
import { ProviderView } from './views/ProviderView';
import { Notifications } from './views/Notifications';
import { ResearchView } from './views/ResearchView';
import { GovernanceView } from './views/GovernanceView';
import { InsurerView } from './views/Insurance';
import { HealthKeyPanel } from './views/HealthKey';

const ROLES = [
  { id: 'patient', label: 'Patient' },
  { id: 'provider', label: 'Provider' },
  { id: 'research', label: 'Researcher' },
  { id: 'insurer', label: 'Insurer / assessor' },
  { id: 'governance', label: 'Token holder' },
] as const;
const VIEWS: Record<(typeof ROLES)[number]['id'], () => JSX.Element | null> = {
  patient: PatientView, provider: ProviderView, research: ResearchView, insurer: InsurerView, governance: GovernanceView,
};
type Role = (typeof ROLES)[number]['id'];

function AccountPicker() {
  const { accounts, active, choose, devChain } = useAccounts();
  const { wallets, connectWallet, connectedWallets } = useTypink();
  const installed = wallets.filter((wallet) => wallet.installed);
  return (
    <div className="accounts">
      {installed.filter((wallet) => !connectedWallets.some((connected) => connected.id === wallet.id)).map((wallet) => (
        <button key={wallet.id} type="button" onClick={() => connectWallet(wallet.id)}>
          Connect {wallet.name}
        </button>
      ))}
      {installed.length === 0 && !devChain && <span className="muted">No wallet extension found.</span>}
      <label>
        Acting as{' '}
        <select aria-label="account" value={active ? accountKey(active) : ''}
          onChange={(event) => choose(event.target.value)}>
          <option value="" disabled>choose an account</option>
          {accounts.map((account) => (
            <option key={accountKey(account)} value={accountKey(account)}>
              {account.name} {short(account.address)}{account.source === 'dev' ? ' - development account' : ''}
            </option>
          ))}
        </select>
      </label>
      {devChain && <span className="dev-note" title="Only offered because the node says this is a development chain">
        dev accounts: development chain only</span>}
    </div>
  );
}

export function App() {
  const [role, setRole] = useState<Role>('patient');
  const View = VIEWS[role];
  const { manifest } = useSuite();
  const { active } = useAccounts();
  return (
    <div className="app">
      <header>
        <h1>Health records portal</h1>
        <span className="muted" title={manifest.url}>{manifest.network}</span>
        <AccountPicker />
      </header>
      <nav>
        {ROLES.map(({ id, label }) => (
          <button key={id} type="button" className={role === id ? 'tab active' : 'tab'} onClick={() => setRole(id)}>
            {label}
          </button>
        ))}
      </nav>
      {active ? (
        <div className="layout">
          <main><HealthKeyPanel key={accountKey(active)} /><View /></main>
          <aside><Notifications /></aside>
        </div>
      ) : <main><p>Choose an account to act as (connect a wallet extension first).</p></main>}
    </div>
  );
}
