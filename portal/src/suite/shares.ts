// Slippage bounds for the risk pool's capital messages. Shares are bought at
// the price of what the pool holds and sold at the price of its free
// capital (see insurance's pool.rs); the page reads the pool, computes what
// the call should mint or burn now, and lets the price move by at most
// SLIPPAGE_BPS before the chain refuses the call (TooFewShares,
// TooManySharesBurned) rather than letting another transaction in the same
// block take the difference.

/** The pool figures the bounds need (insurance's `PoolView`). */
export interface PoolPrices {
  held: bigint;
  freeCapital: bigint;
  totalShares: bigint;
}

/** How far the price may move between reading it and the block: 1 %. */
export const SLIPPAGE_BPS = 100n;
/** Shares the first deposit locks with the pool (insurance's LOCKED_SHARES). */
export const LOCKED_SHARES = 1_000n;

/** The fewest shares a deposit of `amount` should accept now. */
export function minSharesFor(pool: PoolPrices, amount: bigint): bigint {
  const expected = pool.totalShares === 0n
    ? (amount > LOCKED_SHARES ? amount - LOCKED_SHARES : 0n)
    : (pool.held === 0n ? 0n : (amount * pool.totalShares) / pool.held);
  return (expected * (10_000n - SLIPPAGE_BPS)) / 10_000n;
}

/** The most shares a withdrawal of `amount` should give up now. */
export function maxSharesBurnedFor(pool: PoolPrices, amount: bigint): bigint {
  if (pool.freeCapital === 0n) return 0n;
  const numerator = amount * pool.totalShares;
  const expected = (numerator + pool.freeCapital - 1n) / pool.freeCapital;
  return (expected * (10_000n + SLIPPAGE_BPS) + 9_999n) / 10_000n;
}
