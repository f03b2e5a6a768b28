// Every transaction the portal sends goes through `useSuiteTx`: a dry run
// first (the contract's own refusal is shown in words and nothing is
// signed), then signing, inclusion in a block, and the events the call
// caused, decoded with the ABI of whichever suite contract emitted them.
import { useCallback, useState } from 'react';
import type { Contract, GenericContractApi } from 'dedot/contracts';
import { useAccounts } from './accounts';
import { useSuite } from './SuiteProvider';
import { explainContractError, explainFailure } from './errors';
import { describeEvent } from './format';
import type { ContractName } from './manifest';

export type TxPhase = 'idle' | 'checking' | 'signing' | 'in-block' | 'done' | 'refused' | 'failed';

export interface TxState {
  phase: TxPhase;
  /** What the transaction does, in words. */
  what?: string;
  /** The outcome in words. */
  message?: string;
  events: string[];
  /** Counts the transactions this status box has shown (tests wait for the next one). */
  attempt: number;
}

/** An event the transaction caused, decoded, and in words. */
export interface SuiteEvent {
  name: string;
  data: Record<string, unknown>;
  text: string;
}

export interface TxOutcome<T> {
  ok: boolean;
  /** The dry run's return value (for messages that return one). */
  value?: T;
  events: SuiteEvent[];
}

type ArgsOf<F> = F extends (...args: infer A) => unknown
  ? (A extends [...infer Rest, unknown?] ? Rest : never) : never;

// The dry run's gas is what the call needs in this state; a margin covers
// the state moving between dry run and block, and the node's dry run
// under-stating nested calls (a governance execution); unused gas is refunded.
const GAS_MARGIN_PERCENT = 50n;
const withMargin = (amount: bigint) => amount + (amount * GAS_MARGIN_PERCENT) / 100n;

export function useSuiteTx() {
  const { active, signingFor } = useAccounts();
  const { contracts, manifest } = useSuite();
  const [state, setState] = useState<TxState>({ phase: 'idle', events: [], attempt: 0 });

  const send = useCallback(async <A extends GenericContractApi, F extends keyof A['tx'] & keyof A['query'] & string>(
    contract: Contract<A> | undefined, fn: F, args: ArgsOf<A['tx'][F]>, what: string,
  ): Promise<TxOutcome<unknown>> => {
    const fail = (phase: TxPhase, message: string) => {
      setState((old) => ({ ...old, phase, what, message, events: [] }));
      return { ok: false, events: [] };
    };
    if (!contract) return fail('failed', 'The portal is not connected to the chain yet.');
    if (!active) return fail('refused', 'Choose an account first.');
    const signing = signingFor(active);
    if (!signing) return fail('refused', `The wallet of ${active.name} is not connected.`);

    setState((old) => ({ phase: 'checking', what, events: [], attempt: old.attempt + 1 }));
    let value: unknown;
    let gasLimit;
    let storageDepositLimit: bigint | undefined;
    try {
      const query = contract.query[fn] as (...a: unknown[]) => Promise<{ data: unknown; raw: {
        gasRequired: { refTime: bigint; proofSize: bigint }; storageDeposit: { type: string; value: bigint } } }>;
      const { data, raw } = await query(...(args as unknown[]), { caller: active.address });
      const result = data as { isErr?: boolean; err?: unknown; isOk?: boolean; value?: unknown } | undefined;
      if (result && typeof result === 'object' && result.isErr) {
        return fail('refused', explainContractError(result.err));
      }
      value = result && typeof result === 'object' && result.isOk ? result.value : data;
      gasLimit = { refTime: withMargin(raw.gasRequired.refTime), proofSize: withMargin(raw.gasRequired.proofSize) };
      storageDepositLimit = raw.storageDeposit.type === 'Charge' ? withMargin(raw.storageDeposit.value) : undefined;
    } catch (error) {
      return fail('refused', explainFailure(error));
    }

    // A development key signs without a wallet's prompt: ask the person first,
    // once the dry run says the chain would take it.
    if (!('signer' in signing) && !window.confirm(
      `Sign "${what}" with the development key ${active.name}?\n\n`
      + 'Its secret is public: anyone can sign with it. Use it on a development chain only.')) {
      return fail('refused', `Not signed: you declined to sign with ${active.name}.`);
    }

    setState((old) => ({ ...old, phase: 'signing', message: `Waiting for ${active.name} to sign…` }));
    try {
      const tx = (contract.tx[fn] as (...a: unknown[]) => {
        signAndSend: (from: unknown, options: unknown, callback: (result: SubmitResult) => void) => Promise<() => void>;
      })(...(args as unknown[]), { gasLimit, storageDepositLimit });
      const events = await new Promise<SuiteEvent[]>((resolve, reject) => {
        const options = 'signer' in signing ? { signer: signing.signer } : {};
        let unsubscribe: (() => void) | undefined;
        tx.signAndSend(signing.from, options, (result) => {
          const { status, dispatchError } = result;
          if (status.type === 'Broadcasting') {
            setState((old) => ({ ...old, phase: 'in-block', message: 'Sent; waiting for a block…' }));
          }
          if (status.type === 'Invalid' || status.type === 'Drop') {
            unsubscribe?.();
            reject(new Error(`The chain did not take the transaction (${status.type}).`));
          }
          if (status.type === 'BestChainBlockIncluded' || status.type === 'Finalized') {
            unsubscribe?.();
            if (dispatchError) {
              const meta = contract.client.registry.findErrorMeta(dispatchError as never);
              reject(new Error(meta ? `${meta.pallet}.${meta.name}: ${meta.docs.join(' ')}` : 'The call failed in the block.'));
            } else {
              resolve(describeEvents(result.events, Object.values(contracts) as unknown as EventDecoder[]));
            }
          }
        }).then((unsub) => { unsubscribe = unsub; }, reject);
      });
      setState((old) => ({ ...old, phase: 'done', message: 'Done: included in a block.',
        events: events.map((event) => event.text) }));
      return { ok: true, value, events };
    } catch (error) {
      return fail('failed', explainFailure(error));
    }
  }, [active, signingFor, contracts]);

  /**
   * Lets suite contract `spender` take `amount` of the caller's tokens (PSP22
   * `approve`): the first of the two transactions of every call that pulls
   * tokens with `transfer_from`. True if it was approved.
   */
  const allow = useCallback(async (spender: ContractName, amount: bigint) => {
    const approved = await send(contracts.token, 'psp22Approve', [manifest.contracts[spender].address, amount],
      `allow ${spender.replace('_', ' ')} to take ${amount} tokens`);
    return approved.ok;
  }, [send, contracts.token, manifest]);

  return { state, send, allow };
}

interface SubmitResult {
  status: { type: string };
  dispatchError?: unknown;
  events: unknown[];
}

interface EventDecoder {
  decodeEvents(records: never): { name: string; data?: unknown }[];
}

/** Each suite contract's events among `records`, in words. */
function describeEvents(records: unknown[], contracts: (EventDecoder | undefined)[]): SuiteEvent[] {
  const described: SuiteEvent[] = [];
  for (const contract of contracts) {
    if (!contract) continue;
    try {
      for (const event of contract.decodeEvents(records as never)) {
        const data = (event.data ?? {}) as Record<string, unknown>;
        described.push({ name: event.name, data, text: describeEvent(event.name, data) });
      }
    } catch {
      // an event this contract's ABI cannot decode is another contract's
    }
  }
  return described;
}

/** A transaction's progress and outcome, in words, for the page. */
export function TxStatus({ state, testId }: { state: TxState; testId: string }) {
  if (state.phase === 'idle') return null;
  const tone = state.phase === 'done' ? 'ok' : state.phase === 'refused' || state.phase === 'failed' ? 'bad' : 'busy';
  const phaseWords: Record<TxPhase, string> = {
    idle: '', checking: 'Checking with the contract…', signing: 'Signing…', 'in-block': 'In progress…',
    done: 'Succeeded', refused: 'Refused', failed: 'Failed',
  };
  return (
    <div className={`tx tx-${tone}`} role="status" data-testid={testId} data-phase={state.phase}
      data-attempt={state.attempt}>
      <strong>{phaseWords[state.phase]}</strong>{state.what ? `: ${state.what}` : ''}
      {state.message && <div className="tx-message">{state.message}</div>}
      {state.events.length > 0 && (
        <ul className="tx-events">{state.events.map((event, index) => <li key={index}>{event}</li>)}</ul>
      )}
    </div>
  );
}
