// Insurance in the reward token. Insurers publish plans and watch the pool
// (held, reserved, coverage sold, free capital); capital providers fund it;
// assessors review claims with their fraud reasons and risk score and vote;
// patients enrol in open plans, pay premiums, see their policies and claims,
// and file a claim on one of their records.
import { useMemo, useState, type FormEvent } from 'react';
import { useContractQuery } from 'typink';
import type { InterfacesDataCategory } from '../contracts/types/record-access/types';
import type { InsurancePlanPlanStatus } from '../contracts/types/insurance/types';
import { useAccounts } from '../suite/accounts';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx } from '../suite/tx';
import { addressText, short, when } from '../suite/format';
import { words } from '../suite/errors';
import { fraudReasons, percent, serviceFingerprint } from '../suite/claims';
import { CATEGORIES, termsOfBits } from '../suite/vocabulary';
import { addressProblem, parseAmount, parseAmountUpTo, parseCount, parseDuration } from '../suite/validate';
import { Checkboxes } from './PatientView';
import { Verification } from './ProviderView';
import { useTokenBalance } from './Tokens';
import { useChainTime } from '../suite/chainTime';
import { maxSharesBurnedFor, minSharesFor } from '../suite/shares';

const PAGE = 10;

/** A duration in ms in the largest whole unit ("30 d", "90 s"). */
function durationText(ms: bigint): string {
  if (ms === 0n) return 'no time';
  for (const [unit, size] of [['d', 86_400_000n], ['h', 3_600_000n], ['min', 60_000n], ['s', 1_000n]] as const) {
    if (ms >= size && ms % size === 0n) return `${ms / size} ${unit}`;
  }
  return `${ms} ms`;
}

/** Ids `count-1, count-2, …` of the page `offset` pages back from the newest. */
function newestFirst(count: bigint, offset: number): bigint[] {
  const ids: bigint[] = [];
  for (let id = count - 1n - BigInt(offset * PAGE); id >= 0n && ids.length < PAGE; id -= 1n) ids.push(id);
  return ids;
}

// ---- the pool and its capital -------------------------------------------

export function PoolFigures() {
  const { contracts } = useSuite();
  const pool = useContractQuery(contracts.insurance ? { contract: contracts.insurance, fn: 'pool', args: [], watch: true } : undefined);
  const view = pool.data;
  if (!view) return <section><h2>Risk pool</h2><p>Reading the pool…</p></section>;
  const figures: [string, string, bigint | string][] = [
    ['held', 'Held', view.held],
    ['reserved', 'Reserved for claims', view.reserved],
    ['coverage', 'Coverage sold (yearly limits in force)', view.outstandingCoverage],
    ['free', 'Free capital', view.freeCapital],
    ['solvency', 'Free capital must stay at least', `${percent(view.solvencyRatioBps)} of coverage sold`],
    ['premiums', 'Premiums received', view.premiums],
    ['payouts', 'Claims paid', view.payouts],
  ];
  return (
    <section>
      <h2>Risk pool</h2>
      <dl className="figures" data-testid="pool">
        {figures.map(([id, label, value]) => (
          <div key={id}><dt>{label}</dt><dd data-testid={`pool-${id}`}>{String(value)}</dd></div>
        ))}
      </dl>
    </section>
  );
}

function Capital({ provider }: { provider: string }) {
  const { contracts } = useSuite();
  const { state, send, allow } = useSuiteTx();
  const capital = useContractQuery(contracts.insurance ? {
    contract: contracts.insurance, fn: 'capitalOf', args: [provider], watch: true,
  } : undefined);
  const pool = useContractQuery(contracts.insurance ? {
    contract: contracts.insurance, fn: 'pool', args: [], watch: true,
  } : undefined);
  const balance = useTokenBalance(provider);
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string>();

  async function act(event: FormEvent, deposit: boolean) {
    event.preventDefault();
    const parsed = parseAmountUpTo(amount, deposit ? balance : capital.data);
    setProblem(parsed.problem);
    if (parsed.amount === undefined || !pool.data) return;
    if (!deposit) {
      const maxBurned = maxSharesBurnedFor(pool.data, parsed.amount);
      await send(contracts.insurance, 'withdrawCapital', [parsed.amount, maxBurned],
        `withdraw ${parsed.amount} tokens of capital, giving up at most ${maxBurned} shares`);
      return;
    }
    const minShares = minSharesFor(pool.data, parsed.amount);
    if (await allow('insurance', parsed.amount)) {
      await send(contracts.insurance, 'depositCapital', [parsed.amount, minShares],
        `deposit ${parsed.amount} tokens of capital for at least ${minShares} shares`);
    }
  }

  return (
    <section>
      <h2>Your capital in the pool</h2>
      <p>Your capital: <strong data-testid="capital">{capital.data === undefined ? '…' : String(capital.data)}</strong> tokens.
        Your balance: <strong data-testid="capital-balance">{balance === undefined ? '…' : String(balance)}</strong> tokens.</p>
      <form className="row" onSubmit={(event) => act(event, true)} data-testid="capital-form">
        <label>Amount<input name="amount" value={amount} onChange={(event) => setAmount(event.target.value)} inputMode="numeric" /></label>
        <button type="submit" disabled={balance === undefined || !pool.data}>Deposit</button>
        <button type="button" onClick={(event) => act(event, false)} disabled={capital.data === undefined || !pool.data}>Withdraw</button>
      </form>
      {problem && <p className="bad" role="alert">{problem}</p>}
      <TxStatus state={state} testId="capital-status" />
    </section>
  );
}

// ---- plans ------------------------------------------------------------------

const PLAN_DEFAULTS = {
  premium: '100', period: '30 d', periods: '12', coverageLimit: '5000', deductible: '50', copay: '20',
  waitingPeriod: '0 d', gracePeriod: '7 d', maxClaimsPerPeriod: '3', riskThreshold: '70', votingPeriod: '1 d',
  cooldown: '1 d',
};
type PlanFields = typeof PLAN_DEFAULTS;
const PLAN_LABELS: Record<keyof PlanFields, string> = {
  premium: 'Premium (tokens per period)', period: 'Period', periods: 'Periods in a term',
  coverageLimit: 'Coverage a year (tokens)', deductible: 'Deductible (tokens)', copay: 'Co-pay (%)',
  waitingPeriod: 'Waiting period', gracePeriod: 'Grace period', maxClaimsPerPeriod: 'Claims a period without review',
  riskThreshold: 'Review above risk score (%)', votingPeriod: 'Assessors vote for', cooldown: 'Cooldown before payout',
};

function PublishPlan() {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const [fields, setFields] = useState<PlanFields>(PLAN_DEFAULTS);
  const [categories, setCategories] = useState<InterfacesDataCategory[]>(['LabResults']);
  const [payProvider, setPayProvider] = useState(false);
  const [problem, setProblem] = useState<string>();

  async function publish(event: FormEvent) {
    event.preventDefault();
    const check = <T,>(field: keyof PlanFields, parsed: { problem?: string } & T) => {
      if (parsed.problem) throw new Error(`${PLAN_LABELS[field]}: ${parsed.problem}`);
      return parsed;
    };
    try {
      const amount = (field: keyof PlanFields) => check(field, parseAmount(fields[field])).amount!;
      const deductible = /^\s*0\s*$/.test(fields.deductible) ? 0n : amount('deductible');
      const duration = (field: keyof PlanFields, allowZero = false) => check(field, parseDuration(fields[field], allowZero)).ms!;
      const count = (field: keyof PlanFields, min: number, max: number) => check(field, parseCount(fields[field], min, max)).value!;
      if (categories.length === 0) throw new Error('Pick at least one kind of record the plan covers.');
      const terms = {
        premium: amount('premium'), period: duration('period'), periods: count('periods', 1, 1200),
        coverageLimit: amount('coverageLimit'), deductible, copayBps: count('copay', 0, 100) * 100,
        categories: { bits: categories.reduce((bits, category) => bits | (1 << CATEGORIES.findIndex((term) => term.value === category)), 0) },
        waitingPeriod: duration('waitingPeriod', true), gracePeriod: duration('gracePeriod', true),
        maxClaimsPerPeriod: count('maxClaimsPerPeriod', 0, 65_535), riskThreshold: count('riskThreshold', 0, 100) * 100,
        votingPeriod: duration('votingPeriod'), cooldown: duration('cooldown'), payProvider,
      };
      setProblem(undefined);
      await send(contracts.insurance, 'publishPlan', [terms],
        `publish a plan: ${terms.premium} tokens every ${fields.period}, ${terms.coverageLimit} cover a year`);
    } catch (error) {
      setProblem((error as Error).message);
    }
  }

  return (
    <section>
      <h2>Publish a plan</h2>
      <p className="muted">Terms never change once published; governance approves a plan before it takes enrolments.
        Durations take a unit: s, min, h or d.</p>
      <form className="grant" onSubmit={publish} data-testid="plan-form">
        <div className="grid">
          {(Object.keys(PLAN_DEFAULTS) as (keyof PlanFields)[]).map((field) => (
            <label key={field}>{PLAN_LABELS[field]}
              <input name={field} value={fields[field]}
                onChange={(event) => setFields((old) => ({ ...old, [field]: event.target.value }))} /></label>
          ))}
        </div>
        <Checkboxes legend="Covers records of kind" terms={CATEGORIES} picked={categories} onChange={setCategories} name="plan-category" />
        <label className="check"><input type="checkbox" name="payProvider" checked={payProvider}
          onChange={(event) => setPayProvider(event.target.checked)} />Pay a provider's claim to the provider</label>
        {problem && <p className="bad" role="alert" data-testid="plan-problem">{problem}</p>}
        <button type="submit">Publish</button>
      </form>
      <TxStatus state={state} testId="plan-status" />
    </section>
  );
}

function PlanRow({ id, me, enrolling }: { id: bigint; me: string; enrolling: boolean }) {
  const { contracts } = useSuite();
  const { state, send, allow } = useSuiteTx();
  const balance = useTokenBalance(me);
  const [problem, setProblem] = useState<string>();
  const plan = useContractQuery(contracts.insurance ? { contract: contracts.insurance, fn: 'plan', args: [id], watch: true } : undefined);
  const found = plan.data;
  if (!found || (enrolling && found.status !== 'Open')) return null;
  const { terms } = found;
  const mine = addressText(found.insurer) === me;
  const setStatus = (status: InsurancePlanPlanStatus) => send(contracts.insurance, 'setPlanStatus', [id, status],
    `mark plan #${id} ${status.toLowerCase()}`);

  async function enrol() {
    if (balance === undefined || balance < terms.premium) {
      setProblem(`The first premium is ${terms.premium} tokens; you have ${balance ?? 'an unknown number of'}.`);
      return;
    }
    setProblem(undefined);
    if (await allow('insurance', terms.premium)) await send(contracts.insurance, 'enrol', [id], `enrol in plan #${id}`);
  }

  return (
    <li data-testid={`plan-${id}`} data-status={found.status}>
      <strong>Plan #{String(id)}</strong> by <span title={addressText(found.insurer)}>{mine ? 'you' : short(found.insurer)}</span>:{' '}
      {String(terms.premium)} tokens every {durationText(terms.period)} for {terms.periods} periods; covers{' '}
      {termsOfBits(CATEGORIES, terms.categories.bits).map((term) => term.label.toLowerCase()).join(', ')} up to{' '}
      {String(terms.coverageLimit)} a year; deductible {String(terms.deductible)}, co-pay {percent(terms.copayBps)};
      claims {terms.waitingPeriod === 0n ? 'from the block after enrolment' : `${durationText(terms.waitingPeriod)} after enrolment`}.{' '}
      <span className={`badge badge-${found.status.toLowerCase()}`}>{found.status === 'Proposed' ? 'awaiting approval' : found.status.toLowerCase()}</span>
      {!enrolling && <span className="muted"> {found.assessors} assessors, quorum {found.quorum}.</span>}
      {mine && !enrolling && (
        <span className="row">
          {found.status === 'Open' && <button type="button" onClick={() => setStatus('Paused')}>Pause</button>}
          {found.status === 'Paused' && <button type="button" onClick={() => setStatus('Open')}>Reopen</button>}
          {found.status !== 'Closed' && <button type="button" onClick={() => setStatus('Closed')}>Close for good</button>}
        </span>
      )}
      {enrolling && <button type="button" onClick={enrol} disabled={balance === undefined}>Enrol</button>}
      {problem && <p className="bad" role="alert">{problem}</p>}
      <TxStatus state={state} testId={`plan-${id}-status`} />
    </li>
  );
}

/** The latest plans, a page at a time: all of them for insurers, the open ones to enrol in for patients. */
function Plans({ me, enrolling }: { me: string; enrolling: boolean }) {
  const { contracts } = useSuite();
  const [offset, setOffset] = useState(0);
  const count = useContractQuery(contracts.insurance ? { contract: contracts.insurance, fn: 'planCount', args: [], watch: true } : undefined);
  const ids = useMemo(() => newestFirst(count.data ?? 0n, offset), [count.data, offset]);
  return (
    <section>
      <h2>{enrolling ? 'Plans you can enrol in' : 'Plans'}</h2>
      {ids.length === 0 ? <p className="muted">No plans published yet.</p> : (
        <ul className="plans" data-testid={enrolling ? 'open-plans' : 'plans'}>
          {ids.map((id) => <PlanRow key={String(id)} id={id} me={me} enrolling={enrolling} />)}
        </ul>
      )}
      <Pager offset={offset} setOffset={setOffset} more={ids.length === PAGE && ids[ids.length - 1] > 0n} />
    </section>
  );
}

function Pager({ offset, setOffset, more }: { offset: number; setOffset: (offset: number) => void; more: boolean }) {
  if (offset === 0 && !more) return null;
  return (
    <div className="row">
      <button type="button" disabled={offset === 0} onClick={() => setOffset(offset - 1)}>Newer</button>
      <button type="button" disabled={!more} onClick={() => setOffset(offset + 1)}>Older</button>
    </div>
  );
}

// ---- claims -----------------------------------------------------------------

/** One claim: what was claimed, why it went to review, the risk score, the vote, and what may be done now. */
function ClaimRow({ id, me, now }: { id: bigint; me: string; now: bigint | undefined }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const claim = useContractQuery(contracts.insurance ? { contract: contracts.insurance, fn: 'claim', args: [id], watch: true } : undefined);
  const found = claim.data;
  const policy = useContractQuery(contracts.insurance && found ? {
    contract: contracts.insurance, fn: 'policy', args: [found.policy],
  } : undefined);
  const plan = policy.data?.[0].plan;
  const assessor = useContractQuery(contracts.insurance && plan !== undefined ? {
    contract: contracts.insurance, fn: 'isAssessor', args: [plan, me], watch: true,
  } : undefined);
  if (!found || now === undefined) return null;
  const reasons = fraudReasons(found.reasons.bits);
  const { review } = found;
  const underReview = found.status === 'UnderReview';
  const payable = (found.status === 'AutoApproved' || found.status === 'Approved') && now >= found.cooldownEnds;
  return (
    <li data-testid={`claim-${id}`} data-status={found.status}>
      <strong>Claim #{String(id)}</strong> on policy #{String(found.policy)} for record #{String(found.record)}:{' '}
      {String(found.amount)} tokens claimed by <span title={addressText(found.claimant)}>{short(found.claimant)}</span>,
      pays {String(found.payout)} to <span title={addressText(found.payee)}>{short(found.payee)}</span>.{' '}
      <span className={`badge badge-claim-${found.status.toLowerCase()}`} data-testid={`claim-${id}-state`}>{words(found.status)}</span>
      {reasons.length > 0 && <div data-testid={`claim-${id}-reasons`}>Sent to review: {reasons.join('; ')}.</div>}
      <div>Risk score: {found.risk ? `${percent(found.risk.score)} (model ${found.risk.model.slice(0, 10)}…)` : 'not scored yet'}.
        {found.provenField !== undefined && ` Field ${found.provenField} of the record proven.`}</div>
      {review.round > 0 && (
        <div data-testid={`claim-${id}-review`}>Review round {review.round}: {review.approve} to approve, {review.reject} to
          reject of {review.eligible} assessors; voting {now < review.ends ? 'ends' : 'ended'} {when(review.ends)}.</div>
      )}
      {(found.status === 'AutoApproved' || found.status === 'Approved') && !payable && (
        <div>Payable after {when(found.cooldownEnds)}.</div>
      )}
      <div className="row">
        {underReview && assessor.data === true && now < review.ends && <>
          <button type="button" onClick={() => send(contracts.insurance, 'vote', [id, true], `vote to approve claim #${id}`)}>Approve</button>
          <button type="button" onClick={() => send(contracts.insurance, 'vote', [id, false], `vote to reject claim #${id}`)}>Reject</button>
        </>}
        {underReview && now >= review.ends && (
          <button type="button" onClick={() => send(contracts.insurance, 'closeReview', [id], `close the review of claim #${id}`)}>Close review</button>
        )}
        {payable && <button type="button" onClick={() => send(contracts.insurance, 'payout', [id], `pay claim #${id}`)}>Pay out</button>}
      </div>
      <TxStatus state={state} testId={`claim-${id}-status`} />
    </li>
  );
}

/** The latest claims of every plan, newest first: assessors vote on those under review. */
function ClaimsToReview({ me }: { me: string }) {
  const { contracts } = useSuite();
  const now = useChainTime();
  const [offset, setOffset] = useState(0);
  const count = useContractQuery(contracts.insurance ? { contract: contracts.insurance, fn: 'claimCount', args: [], watch: true } : undefined);
  const ids = useMemo(() => newestFirst(count.data ?? 0n, offset), [count.data, offset]);
  return (
    <section>
      <h2>Claims</h2>
      <p className="muted">Assessors of a claim's plan vote while it is under review; anyone closes a review after its
        voting period and pays an approved claim after its cooldown.</p>
      {ids.length === 0 ? <p className="muted">No claims yet.</p> : (
        <ul className="claims" data-testid="claims">{ids.map((id) => <ClaimRow key={String(id)} id={id} me={me} now={now} />)}</ul>
      )}
      <Pager offset={offset} setOffset={setOffset} more={ids.length === PAGE && ids[ids.length - 1] > 0n} />
    </section>
  );
}

// ---- the patient's policies -----------------------------------------------

function PolicyRow({ id, me, now }: { id: bigint; me: string; now: bigint | undefined }) {
  const { contracts } = useSuite();
  const { state, send, allow } = useSuiteTx();
  const balance = useTokenBalance(me);
  const [problem, setProblem] = useState<string>();
  const policy = useContractQuery(contracts.insurance ? { contract: contracts.insurance, fn: 'policy', args: [id], watch: true } : undefined);
  const [found, status] = policy.data ?? [];
  const plan = useContractQuery(contracts.insurance && found ? {
    contract: contracts.insurance, fn: 'plan', args: [found.plan],
  } : undefined);
  const claims = useContractQuery(contracts.insurance ? {
    contract: contracts.insurance, fn: 'claimsOf', args: [id, 0, 50], watch: true,
  } : undefined);
  if (!found || !status) return null;
  const terms = plan.data?.terms;
  const claimIds = claims.data?.isOk ? [...claims.data.value.items].reverse() : [];

  async function payPremium() {
    if (!terms) return;
    if (balance === undefined || balance < terms.premium) {
      setProblem(`A premium is ${terms.premium} tokens; you have ${balance ?? 'an unknown number of'}.`);
      return;
    }
    setProblem(undefined);
    if (await allow('insurance', terms.premium)) await send(contracts.insurance, 'payPremium', [id], `pay a premium on policy #${id}`);
  }

  return (
    <li data-testid={`policy-${id}`} data-status={status}>
      <strong>Policy #{String(id)}</strong> under plan #{String(found.plan)}:{' '}
      <span className={`badge badge-${status.toLowerCase()}`}>{words(status)}</span>{' '}
      {found.paidPeriods}{terms ? ` of ${terms.periods}` : ''} periods paid since {when(found.start)}; claims from{' '}
      {when(found.claimsFrom)}; {String(found.coverageUsed)}{terms ? ` of ${terms.coverageLimit}` : ''} cover used this year.
      <span className="row">
        {(status === 'Active' || status === 'InGrace') && terms && found.paidPeriods < terms.periods && (
          <button type="button" onClick={payPremium} disabled={balance === undefined}>Pay premium</button>
        )}
        {(status === 'Active' || status === 'InGrace' || status === 'Lapsed') && (
          <button type="button" onClick={() => send(contracts.insurance, 'cancel', [id], `cancel policy #${id}`)}>Cancel</button>
        )}
      </span>
      {problem && <p className="bad" role="alert">{problem}</p>}
      <TxStatus state={state} testId={`policy-${id}-status`} />
      {claimIds.length > 0 && <ul className="claims">{claimIds.map((claim) => <ClaimRow key={String(claim)} id={claim} me={me} now={now} />)}</ul>}
    </li>
  );
}

function usePolicies(holder: string) {
  const { contracts } = useSuite();
  const query = useContractQuery(contracts.insurance ? {
    contract: contracts.insurance, fn: 'policiesOf', args: [holder, 0, 50], watch: true,
  } : undefined);
  return useMemo(() => (query.data?.isOk ? [...query.data.value.items].reverse() : []), [query.data]);
}

function FileClaim({ holder }: { holder: string }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const policies = usePolicies(holder);
  const [policy, setPolicy] = useState('');
  const [category, setCategory] = useState<InterfacesDataCategory>('LabResults');
  const [record, setRecord] = useState('');
  const [amount, setAmount] = useState('');
  const [provider, setProvider] = useState('');
  const [date, setDate] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string>();
  const [kept, setKept] = useState<string>();
  const records = useContractQuery(contracts.records ? {
    contract: contracts.records, fn: 'recordsOf', args: [holder, category, 0, 50], watch: true,
  } : undefined);
  const recordList = records.data?.isOk ? records.data.value.items : [];
  const chosen = recordList.find((item) => String(item.id) === record);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const by = provider.trim() || (chosen ? addressText(chosen.author) : '');
    const parsed = parseAmount(amount);
    const found = (policy === '' ? 'Pick the policy to claim on.' : undefined)
      ?? (chosen ? undefined : 'Pick the record of the service.')
      ?? parsed.problem
      ?? addressProblem(by)
      ?? (date ? undefined : 'Give the date of the service.')
      ?? (code.trim() ? undefined : 'Give the procedure or test code (it never leaves the page in clear).');
    setProblem(found);
    if (found || parsed.amount === undefined || !chosen) return;
    const { fingerprint, salt } = serviceFingerprint(by, date, code.trim());
    const outcome = await send(contracts.insurance, 'submitClaim',
      [BigInt(policy), chosen.id, parsed.amount, fingerprint, undefined],
      `claim ${parsed.amount} tokens on policy #${policy} for record #${chosen.id}`);
    if (outcome.ok) setKept(`Fingerprint ${fingerprint}, salt ${salt}: keep the salt to show which service this was.`);
  }

  return (
    <section>
      <h2>File a claim</h2>
      <form className="grant" onSubmit={submit} data-testid="claim-form">
        <div className="row">
          <label>Policy<select name="policy" value={policy} onChange={(event) => setPolicy(event.target.value)}>
            <option value="">choose</option>
            {policies.map((id) => <option key={String(id)} value={String(id)}>#{String(id)}</option>)}
          </select></label>
          <label>Kind of record<select value={category} onChange={(event) => { setCategory(event.target.value as InterfacesDataCategory); setRecord(''); }}>
            {CATEGORIES.map((term) => <option key={term.value} value={term.value}>{term.label}</option>)}
          </select></label>
          <label>Record<select name="record" value={record} onChange={(event) => setRecord(event.target.value)}>
            <option value="">choose</option>
            {recordList.map((item) => <option key={String(item.id)} value={String(item.id)}>
              #{String(item.id)} by {short(item.author)}, {when(item.createdAt)}</option>)}
          </select></label>
        </div>
        <div className="row">
          <label>Amount<input name="amount" value={amount} onChange={(event) => setAmount(event.target.value)} inputMode="numeric" /></label>
          <label>Provider (empty: the record's author)<input name="provider" value={provider}
            onChange={(event) => setProvider(event.target.value)} placeholder="5…" /></label>
          <label>Date of service<input type="date" name="date" value={date} onChange={(event) => setDate(event.target.value)} /></label>
          <label>Procedure or test code<input name="code" value={code} onChange={(event) => setCode(event.target.value)}
            placeholder="LOINC:4548-4" /></label>
        </div>
        {problem && <p className="bad" role="alert" data-testid="claim-problem">{problem}</p>}
        <button type="submit">Submit claim</button>
      </form>
      <TxStatus state={state} testId="claim-status" />
      {kept && <p className="muted mono" data-testid="claim-salt">{kept}</p>}
    </section>
  );
}

function Policies({ holder }: { holder: string }) {
  const policies = usePolicies(holder);
  const now = useChainTime();
  return (
    <section>
      <h2>Your policies and claims</h2>
      {policies.length === 0 ? <p className="muted">You hold no policy.</p> : (
        <ul className="policies" data-testid="policies">{policies.map((id) => <PolicyRow key={String(id)} id={id} me={holder} now={now} />)}</ul>
      )}
    </section>
  );
}

/** The patient's insurance: plans to enrol in, policies with their claims, and a claim form. */
export function PatientInsurance({ patient }: { patient: string }) {
  return (
    <div className="insurance" data-testid="patient-insurance">
      <Policies holder={patient} />
      <FileClaim holder={patient} />
      <Plans me={patient} enrolling />
    </div>
  );
}

/** Insurers, capital providers and assessors. */
export function InsurerView() {
  const { active } = useAccounts();
  if (!active) return null;
  return (
    <div className="insurer">
      <Verification provider={active.address} defaultKind="Insurer" />
      <PoolFigures />
      <Capital provider={active.address} />
      <ClaimsToReview me={active.address} />
      <Plans me={active.address} enrolling={false} />
      <PublishPlan />
    </div>
  );
}
