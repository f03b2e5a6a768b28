// A token holder: lock and unlock voting power; proposals with their state
// and tallies; vote, queue and execute; propose a parameter change (a
// provider kind's required attestations) from a form.
import { useState, type FormEvent } from 'react';
import { blake2AsHex } from 'dedot/utils';
import { useContractQuery } from 'typink';
import type { InterfacesProviderKind } from '../contracts/types/provider-verification/types';
import type { GovernanceProposalSupport } from '../contracts/types/governance/types';
import { useAccounts } from '../suite/accounts';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx } from '../suite/tx';
import { short, when } from '../suite/format';
import { words } from '../suite/errors';
import { parseAmountUpTo } from '../suite/validate';
import { useTokenBalance } from './Tokens';

const LISTED = 10;
const KINDS: InterfacesProviderKind[] = ['Physician', 'Hospital', 'Laboratory', 'Pharmacy', 'Insurer', 'Researcher',
  'Device', 'EmergencyService'];

function VotingPower({ holder }: { holder: string }) {
  const { contracts } = useSuite();
  const { state, send, allow } = useSuiteTx();
  const balance = useTokenBalance(holder);
  const locked = useContractQuery(contracts.governance ? {
    contract: contracts.governance, fn: 'lockedOf', args: [holder], watch: true,
  } : undefined);
  const held = useContractQuery(contracts.governance ? {
    contract: contracts.governance, fn: 'heldUntil', args: [holder], watch: true,
  } : undefined);
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string>();

  async function change(event: FormEvent, lock: boolean) {
    event.preventDefault();
    const parsed = parseAmountUpTo(amount, lock ? balance : locked.data);
    setProblem(parsed.problem);
    if (parsed.amount === undefined) return;
    if (!lock) {
      await send(contracts.governance, 'unlock', [parsed.amount], `unlock ${parsed.amount} tokens`);
      return;
    }
    if (await allow('governance', parsed.amount)) await send(contracts.governance, 'lock', [parsed.amount], `lock ${parsed.amount} tokens as voting power`);
  }

  return (
    <section>
      <h2>Your voting power</h2>
      <p>Locked: <strong data-testid="locked">{String(locked.data ?? 0n)}</strong> tokens; balance{' '}
        <strong data-testid="lock-balance">{balance === undefined ? '…' : String(balance)}</strong>.
        {held.data !== undefined && held.data !== null && ` You voted: locked until ${when(held.data)}.`}</p>
      <form className="row" onSubmit={(event) => change(event, true)} data-testid="lock-form">
        <label>Amount<input name="amount" value={amount} onChange={(event) => setAmount(event.target.value)}
          inputMode="numeric" /></label>
        <button type="submit" disabled={balance === undefined}>Lock</button>
        <button type="button" onClick={(event) => change(event, false)} disabled={locked.data === undefined}>Unlock</button>
      </form>
      {problem && <p className="bad" role="alert" data-testid="lock-problem">{problem}</p>}
      <TxStatus state={state} testId="lock-status" />
    </section>
  );
}

function ProposalRow({ id, voter }: { id: number; voter: string }) {
  const { contracts } = useSuite();
  const { state: tx, send } = useSuiteTx();
  const governance = contracts.governance;
  const proposal = useContractQuery(governance ? { contract: governance, fn: 'proposal', args: [id], watch: true } : undefined);
  const state = useContractQuery(governance ? { contract: governance, fn: 'state', args: [id], watch: true } : undefined);
  const receipt = useContractQuery(governance ? {
    contract: governance, fn: 'receipt', args: [id, voter], watch: true,
  } : undefined);
  const found = proposal.data;
  const current = state.data?.isOk ? state.data.value : undefined;
  if (!found) return null;
  const vote = (support: GovernanceProposalSupport) => send(governance, 'vote', [id, support], `vote ${support} on proposal ${id}`);
  return (
    <tr data-proposal={id} data-state={current}>
      <td>#{id}</td>
      <td title={found.descriptionHash}>{found.callCount} call{found.callCount === 1 ? '' : 's'} by {short(found.proposer)}</td>
      <td><span className="badge">{current ?? '…'}</span></td>
      <td>for {String(found.tally.forVotes)} · against {String(found.tally.against)} · abstain {String(found.tally.abstain)}</td>
      <td>voting {when(found.snapshot)} to {when(found.voteEnd)}
        {found.timelock && <>; executable from {when(found.timelock.eta)}</>}</td>
      <td>
        {current === 'Active' && !receipt.data && (['For', 'Against', 'Abstain'] as const).map((support) => (
          <button key={support} type="button" onClick={() => vote(support)}>{support}</button>
        ))}
        {receipt.data && `you voted ${receipt.data}`}
        {current === 'Succeeded' && <button type="button" onClick={() => send(governance, 'queue', [id], `queue proposal ${id}`)}>Queue</button>}
        {current === 'Queued' && <button type="button" onClick={() => send(governance, 'execute', [id], `execute proposal ${id}`)}>Execute</button>}
        <TxStatus state={tx} testId={`proposal-${id}-status`} />
      </td>
    </tr>
  );
}

function Proposals({ voter }: { voter: string }) {
  const { contracts } = useSuite();
  const count = useContractQuery(contracts.governance ? {
    contract: contracts.governance, fn: 'proposalCount', watch: true,
  } : undefined);
  const total = count.data ?? 0;
  const ids = Array.from({ length: Math.min(total, LISTED) }, (_, index) => total - index);
  return (
    <section>
      <h2>Proposals</h2>
      {ids.length === 0 ? <p className="muted">No proposals yet.</p> : (
        <table data-testid="proposals">
          <thead><tr><th>#</th><th>What</th><th>State</th><th>Tally</th><th>When</th><th /></tr></thead>
          <tbody>{ids.map((id) => <ProposalRow key={id} id={id} voter={voter} />)}</tbody>
        </table>
      )}
      <p className="muted">On a development chain blocks are sealed when transactions arrive: a proposal's state
        moves on with the next block after its times pass.</p>
    </section>
  );
}

function ProposeRequirement() {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [kind, setKind] = useState<InterfacesProviderKind>('Laboratory');
  const [required, setRequired] = useState('2');
  const [description, setDescription] = useState('');
  const current = useContractQuery(contracts.providers ? {
    contract: contracts.providers, fn: 'requiredAttestations', args: [kind], watch: true,
  } : undefined);
  const [problem, setProblem] = useState<string>();

  function propose(event: FormEvent) {
    event.preventDefault();
    const count = Number(required);
    const found = !Number.isInteger(count) || count < 1 || count > 7 ? 'Attestations required: a whole number from 1 to 7.'
      : !description.trim() ? 'Describe the proposal.' : undefined;
    setProblem(found);
    if (found || !contracts.providers) return;
    // The call's bytes as the registry's own ABI encodes them: selector, then SCALE arguments.
    const data = (contracts.providers.tx.setRequiredAttestations(kind, count) as unknown as {
      call: { palletCall: { params: { data: `0x${string}` } } } }).call.palletCall.params.data;
    const call = {
      callee: contracts.providers.address, selector: `0x${data.slice(2, 10)}` as `0x${string}`,
      input: `0x${data.slice(10)}` as `0x${string}`, value: 0n,
    };
    send(contracts.governance, 'propose', [[call], blake2AsHex(description.trim())],
      `propose: ${words(kind)} providers need ${count} attestation${count === 1 ? '' : 's'}`);
  }

  return (
    <section>
      <h2>Propose a change</h2>
      <form className="row" onSubmit={propose} data-testid="propose-form">
        <label>Provider kind<select name="kind" value={kind} onChange={(event) => setKind(event.target.value as InterfacesProviderKind)}>
          {KINDS.map((option) => <option key={option} value={option}>{words(option)}</option>)}
        </select></label>
        <label>Attestations required (now <span data-testid="required-now">{current.data ?? '…'}</span>)
          <input name="required" value={required} onChange={(event) => setRequired(event.target.value)} inputMode="numeric" /></label>
        <label>Description<input name="description" value={description} onChange={(event) => setDescription(event.target.value)} /></label>
        <button type="submit">Propose</button>
      </form>
      {problem && <p className="bad" role="alert" data-testid="propose-problem">{problem}</p>}
      <TxStatus state={state} testId="propose-status" />
    </section>
  );
}

export function GovernanceView() {
  const { active } = useAccounts();
  if (!active) return null;
  return (
    <div className="governance">
      <VotingPower holder={active.address} />
      <Proposals voter={active.address} />
      <ProposeRequirement />
    </div>
  );
}
