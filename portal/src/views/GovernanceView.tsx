// A token holder: lock and unlock voting power; every proposal, a page at a
// time, with its state, tallies and each call decoded with the callee's own
// ABI (flagged when it changes code, admin roles or minters, or moves
// tokens), and a check of its description against the stored hash; vote,
// queue and execute; propose a parameter change (a provider kind's required
// attestations) from a form.
import { useMemo, useState, type FormEvent } from 'react';
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
import { decodeCall, descriptionMatches, type CallFlag, type KnownContract } from '../suite/proposals';
import { useTokenBalance } from './Tokens';

const PAGE = 10;

const FLAG_TEXT: Record<CallFlag, string> = {
  code: 'changes code', admin: 'changes an admin', minter: 'changes minters', tokens: 'moves tokens',
  roles: 'changes who may act or which contracts are trusted', governance: 'changes governance',
  unreadable: 'cannot be read',
};

/** Every contract of the suite with its address and ABI, for decoding calls. */
function useKnownContracts(): KnownContract[] {
  const { contracts, manifest } = useSuite();
  return useMemo(() => {
    const byName = {
      audit_trail: contracts.auditTrail, consent: contracts.consent, provider_verification: contracts.providers,
      record_access: contracts.records, reward_token: contracts.token, reward_pool: contracts.rewardPool,
      insurance: contracts.insurance, governance: contracts.governance, key_directory: contracts.keyDirectory,
    } as const;
    return Object.entries(byName).flatMap(([name, contract]) => contract ? [{
      name, address: manifest.contracts[name as keyof typeof byName].address,
      metadata: contract.metadata as unknown as KnownContract['metadata'],
      registry: contract.registry as unknown as KnownContract['registry'],
    }] : []);
  }, [contracts, manifest]);
}

/** A proposal's calls, decoded, and the description check. */
function ProposalDetails({ id, descriptionHash }: { id: number; descriptionHash: string }) {
  const { contracts } = useSuite();
  const known = useKnownContracts();
  const calls = useContractQuery(contracts.governance ? {
    contract: contracts.governance, fn: 'proposalCalls', args: [id],
  } : undefined);
  const [description, setDescription] = useState('');
  const decoded = (calls.data ?? []).map((call) => decodeCall(call, known));
  return (
    <div className="proposal-details" data-testid={`proposal-${id}-details`}>
      {calls.data === undefined ? <p>Reading its calls…</p> : (
        <ol>
          {decoded.map((call, index) => (
            <li key={index} data-testid={`proposal-${id}-call-${index}`} data-flags={call.flags.join(' ')}>
              <code>{call.contract}.{call.message}</code>
              ({call.args.map(([label, value]) => `${label}: ${value}`).join(', ')})
              {call.value > 0n && <> with {String(call.value)} of the chain's native token</>}
              {call.flags.map((flag) => <span key={flag} className="badge bad"> {FLAG_TEXT[flag]}</span>)}
              {call.raw && <div className="muted">input {call.raw}</div>}
            </li>
          ))}
        </ol>
      )}
      <label>Its description (published off chain)
        <input name="description" value={description} onChange={(event) => setDescription(event.target.value)} /></label>
      {description && (descriptionMatches(description, descriptionHash)
        ? <p className="good" data-testid={`proposal-${id}-description`}>This is the description the proposal was made with.</p>
        : <p className="bad" data-testid={`proposal-${id}-description`}>This text does not match the proposal's description hash {short(descriptionHash)}.</p>)}
    </div>
  );
}
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
  const [open, setOpen] = useState(false);
  if (!found) return null;
  const vote = (support: GovernanceProposalSupport) => send(governance, 'vote', [id, support], `vote ${support} on proposal ${id}`);
  return (
    <tr data-proposal={id} data-state={current}>
      <td>#{id}</td>
      <td title={found.descriptionHash}>{found.callCount} call{found.callCount === 1 ? '' : 's'} by {short(found.proposer)}
        {' '}<button type="button" onClick={() => setOpen(!open)} aria-expanded={open}>{open ? 'Hide' : 'Read'} its calls</button>
        {open && <ProposalDetails id={id} descriptionHash={found.descriptionHash} />}</td>
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
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const shown = Math.min(page, pages - 1);
  const newest = total - shown * PAGE;
  const ids = Array.from({ length: Math.min(PAGE, newest) }, (_, index) => newest - index);
  return (
    <section>
      <h2>Proposals</h2>
      {ids.length === 0 ? <p className="muted">No proposals yet.</p> : (<>
        <table data-testid="proposals">
          <thead><tr><th>#</th><th>What</th><th>State</th><th>Tally</th><th>When</th><th /></tr></thead>
          <tbody>{ids.map((id) => <ProposalRow key={id} id={id} voter={voter} />)}</tbody>
        </table>
        <p className="row" data-testid="proposal-pages">
          <button type="button" onClick={() => setPage(shown - 1)} disabled={shown === 0}>Newer</button>
          <span>page {shown + 1} of {pages} ({total} proposals)</span>
          <button type="button" onClick={() => setPage(shown + 1)} disabled={shown + 1 >= pages}>Older</button>
        </p>
      </>)}
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
