// The deployment the portal talks to: the manifest that scripts/deploy wrote
// (deployments/<network>.json) and each contract's metadata, both read at
// start from suite/ beside index.html, so one static build serves any chain.

export const CONTRACT_NAMES = [
  'audit_trail', 'consent', 'provider_verification', 'record_access',
  'reward_token', 'reward_pool', 'insurance', 'governance', 'key_directory', 'zk_verifier',
] as const;
export type ContractName = (typeof CONTRACT_NAMES)[number];

export interface Manifest {
  network: string;
  url: string;
  deployer: string;
  admin?: string;
  contracts: Record<ContractName, { address: string; code_hash: string }>;
  /** The data plane's services: the storage node's and the keeper's URLs, and the keeper's account. */
  services?: { storage?: string; keeper?: string; keeper_account?: string };
}

export interface SuiteFiles {
  manifest: Manifest;
  metadata: Record<ContractName, object>;
}

async function fetchJson(path: string): Promise<unknown> {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return response.json();
}

function isManifest(value: unknown): value is Manifest {
  const candidate = value as Partial<Manifest> | null;
  return typeof candidate?.url === 'string' && typeof candidate.network === 'string'
    && CONTRACT_NAMES.every((name) => typeof candidate.contracts?.[name]?.address === 'string');
}

/** Reads the manifest and every contract's metadata from `base`. */
export async function loadSuiteFiles(base = './suite/'): Promise<SuiteFiles> {
  const manifest = await fetchJson(`${base}manifest.json`);
  if (!isManifest(manifest)) {
    throw new Error(`${base}manifest.json is not a deployment manifest of the whole suite (scripts/deploy writes one)`);
  }
  const entries = await Promise.all(CONTRACT_NAMES.map(
    async (name) => [name, await fetchJson(`${base}metadata/${name}.json`)] as const));
  return { manifest, metadata: Object.fromEntries(entries) as Record<ContractName, object> };
}
