# Sourced by the scripts: one place for paths, the contract list and step timing.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$HOME/.cargo/bin:$PATH"
# Build caches live outside the clone so a fresh clone (CI) reuses them.
export HEALTH_SUITE_CACHE="${HEALTH_SUITE_CACHE:-$HOME/.cache/health-suite}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HEALTH_SUITE_CACHE/target}"
# Release bundles are copied here: ink_e2e's debug builds overwrite target/ink/.
export HEALTH_SUITE_BUNDLES="${HEALTH_SUITE_BUNDLES:-$CARGO_TARGET_DIR/release-bundles}"
# Node.js 22 for the storage node (Helia 7 needs it), installed by scripts/setup.
HEALTH_SUITE_NODE22_VERSION=22.23.5
export HEALTH_SUITE_NODE22="${HEALTH_SUITE_NODE22:-$HEALTH_SUITE_CACHE/node-$HEALTH_SUITE_NODE22_VERSION/bin/node}"
# Contracts in deployment order.
CONTRACTS=(audit_trail consent provider_verification record_access reward_token reward_pool insurance governance key_directory zk_verifier)
# Code the suite uploads and never instantiates: a contract delegate-calls
# it over its own storage (insurance runs its rarer messages in
# insurance_extension, so both stay under the 64 KiB code limit). Built and
# size-checked with the contracts.
LIBRARIES=(insurance_extension)
MAX_WASM_BYTES=65536
# Contracts that misbehave on purpose, for the drink stories only: built
# with the bundles, never deployed (paths under contracts/).
TESTING_CONTRACTS=(testing/hostile_callee)

_step_started=0
step() { _step_started=$(date +%s); echo; echo "==> $*"; }
step_done() { echo "    ($(( $(date +%s) - _step_started ))s)"; }

require_tool() {
  command -v "$1" >/dev/null 2>&1 || { echo "error: $1 is not installed; run scripts/setup first" >&2; exit 1; }
}
