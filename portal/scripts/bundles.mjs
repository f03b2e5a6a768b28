// Where the release bundles are (as scripts/env.sh sets it) and which
// contracts the portal talks to: the suite's recipe's own list.
export { CONTRACTS, bundlesDir } from '../../client/recipe.mjs';
