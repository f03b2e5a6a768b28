// Research rewards: the patient's earnings and withdrawal; a sponsor's
// deposit (approve, then deposit), what is left of it, and its withdrawal.
import { useState, type FormEvent } from 'react';
import { useContractQuery } from 'typink';
import { useSuite } from '../suite/SuiteProvider';
import { TxStatus, useSuiteTx } from '../suite/tx';
import { parseAmount, parseAmountUpTo } from '../suite/validate';
import { useTokenBalance } from './Tokens';

export function PatientRewards({ patient }: { patient: string }) {
  const { contracts } = useSuite();
  const { state, send } = useSuiteTx();
  const earned = useContractQuery(contracts.rewardPool ? {
    contract: contracts.rewardPool, fn: 'earned', args: [patient], watch: true,
  } : undefined);
  const balance = useTokenBalance(patient);
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string>();
  const owed = earned.data;

  function withdraw(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmountUpTo(amount, owed);
    setProblem(parsed.problem);
    if (parsed.amount !== undefined) send(contracts.rewardPool, 'withdrawEarned', [parsed.amount], `withdraw ${parsed.amount} tokens earned`);
  }

  return (
    <section>
      <h2>Research rewards</h2>
      <p data-testid="rewards">Earned and not withdrawn: <strong data-testid="earned">{owed === undefined ? '…' : String(owed)}</strong> tokens.
        Your balance: <strong data-testid="balance">{balance === undefined ? '…' : String(balance)}</strong> tokens.</p>
      <form className="row" onSubmit={withdraw} data-testid="withdraw-form">
        <label>Amount<input name="amount" value={amount} onChange={(event) => setAmount(event.target.value)}
          inputMode="numeric" /></label>
        <button type="submit" disabled={owed === undefined}>Withdraw</button>
      </form>
      {problem && <p className="bad" role="alert" data-testid="withdraw-problem">{problem}</p>}
      <TxStatus state={state} testId="withdraw-status" />
    </section>
  );
}

export function Sponsorship({ sponsor }: { sponsor: string }) {
  const { contracts } = useSuite();
  const { state, send, allow } = useSuiteTx();
  const sponsorship = useContractQuery(contracts.rewardPool ? {
    contract: contracts.rewardPool, fn: 'sponsorship', args: [sponsor], watch: true,
  } : undefined);
  const balance = useTokenBalance(sponsor);
  const [amount, setAmount] = useState('');
  const [rate, setRate] = useState('');
  const [problem, setProblem] = useState<string>();

  async function deposit(event: FormEvent) {
    event.preventDefault();
    const parsed = parseAmountUpTo(amount, balance);
    const perAccess = parseAmount(rate);
    const found = parsed.problem ?? (perAccess.problem && `Reward per access: ${perAccess.problem}`);
    setProblem(found);
    if (found || parsed.amount === undefined || perAccess.amount === undefined) return;
    // The pool takes the tokens with transfer_from: allow it first.
    if (await allow('reward_pool', parsed.amount)) {
      await send(contracts.rewardPool, 'deposit', [parsed.amount, perAccess.amount],
        `deposit ${parsed.amount} tokens, ${perAccess.amount} per consented research read`);
    }
  }

  const left = sponsorship.data;
  return (
    <section>
      <h2>Sponsor research rewards</h2>
      <p data-testid="sponsorship">
        {left ? <>Deposit left: <strong data-testid="deposit-left">{String(left.deposit)}</strong> tokens, paying {String(left.rate)} per
          read; {String(left.accesses)} reads rewarded.</> : 'No deposit yet.'}
        {' '}Your balance: <strong data-testid="sponsor-balance">{balance === undefined ? '…' : String(balance)}</strong> tokens.
      </p>
      <form className="row" onSubmit={deposit} data-testid="deposit-form">
        <label>Deposit<input name="amount" value={amount} onChange={(event) => setAmount(event.target.value)}
          inputMode="numeric" /></label>
        <label>Reward per consented read<input name="rate" value={rate} onChange={(event) => setRate(event.target.value)}
          inputMode="numeric" /></label>
        <button type="submit" disabled={balance === undefined}>Deposit</button>
      </form>
      {problem && <p className="bad" role="alert" data-testid="deposit-problem">{problem}</p>}
      <TxStatus state={state} testId="deposit-status" />
    </section>
  );
}
