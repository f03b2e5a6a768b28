// The chain's clock: the latest block's timestamp, which is what contracts
// compare deadlines with (a dev node seals blocks only for transactions, so
// it can lag the wall clock by minutes).
import { useEffect, useState } from 'react';
import { useTypink } from 'typink';

type TimestampQuery = (callback: (ms: bigint | number) => void) => Promise<() => void>;

/** The latest block's timestamp in ms, updated at every block; undefined until known. */
export function useChainTime(): bigint | undefined {
  const { client } = useTypink();
  const [now, setNow] = useState<bigint>();
  useEffect(() => {
    if (!client) return undefined;
    let live = true;
    let unsubscribe: (() => void) | undefined;
    const query = (client as unknown as { query: { timestamp: { now: TimestampQuery } } }).query.timestamp.now;
    query((ms) => { if (live) setNow(BigInt(ms)); }).then((stop) => {
      if (live) unsubscribe = stop; else stop();
    }, () => {});
    return () => { live = false; unsubscribe?.(); };
  }, [client]);
  return now;
}
