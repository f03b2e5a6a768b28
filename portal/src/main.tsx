import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  JsonRpcApi, NetworkType, TypinkProvider, polkadotjs, subwallet, talisman,
  type ContractDeployment, type NetworkInfo,
} from 'typink';
import { App } from './App';
import { AccountsProvider } from './suite/accounts';
import { DataPlaneProvider } from './suite/dataPlane';
import { KnownPatientsProvider } from './suite/patients';
import { CONTRACT_NAMES, loadSuiteFiles, type SuiteFiles } from './suite/manifest';
import { SuiteProvider } from './suite/SuiteProvider';
import './styles.css';

function Root() {
  const [files, setFiles] = useState<SuiteFiles>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => { loadSuiteFiles().then(setFiles, (error: Error) => setFailure(error.message)); }, []);

  if (failure) {
    return <main className="boot"><h1>Health records portal</h1><p className="bad" role="alert">
      Cannot read the deployment: {failure}</p></main>;
  }
  if (!files) return <main className="boot"><h1>Health records portal</h1><p>Reading the deployment…</p></main>;

  const { manifest, metadata } = files;
  const network: NetworkInfo = {
    id: manifest.network,
    name: manifest.network,
    logo: '',
    providers: [manifest.url],
    symbol: 'UNIT',
    decimals: 12,
    type: NetworkType.DEVNET,
    jsonRpcApi: JsonRpcApi.LEGACY,
  };
  const deployments: ContractDeployment[] = CONTRACT_NAMES.map((name) => ({
    id: name, network: network.id, metadata: metadata[name] as ContractDeployment['metadata'],
    address: manifest.contracts[name].address,
  }));
  return (
    <TypinkProvider appName="Health records portal" supportedNetworks={[network]} defaultNetworkId={network.id}
      deployments={deployments} wallets={[polkadotjs, talisman, subwallet]} cacheMetadata={false}>
      <SuiteProvider manifest={manifest}>
        <AccountsProvider>
          <DataPlaneProvider>
            <KnownPatientsProvider>
              <App />
            </KnownPatientsProvider>
          </DataPlaneProvider>
        </AccountsProvider>
      </SuiteProvider>
    </TypinkProvider>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<StrictMode><Root /></StrictMode>);
