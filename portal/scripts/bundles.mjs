// Where the release bundles are (as scripts/env.sh sets it) and which
// contracts the portal talks to.
import os from 'node:os';
import path from 'node:path';

export const CONTRACTS = [
  'audit_trail', 'consent', 'provider_verification', 'record_access',
  'reward_token', 'reward_pool', 'insurance', 'governance', 'key_directory',
];

export function bundlesDir() {
  const cache = process.env.HEALTH_SUITE_CACHE ?? path.join(os.homedir(), '.cache', 'health-suite');
  const target = process.env.CARGO_TARGET_DIR ?? path.join(cache, 'target');
  return process.env.HEALTH_SUITE_BUNDLES ?? path.join(target, 'release-bundles');
}
