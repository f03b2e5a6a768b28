// The contracts' refusals in plain language. A variant without a sentence
// here is still shown, split into words ("EmptyCategories" → "empty
// categories"), so a new error never shows as nothing.
import { isContractDispatchError, isContractLangError } from 'dedot/contracts';

const SENTENCES: Record<string, string> = {
  // consent
  NotPatientOrDelegate: 'Only the patient or one of their delegates can do this.',
  NotPatient: 'Only the patient can do this.',
  SelfGrant: 'A patient cannot grant consent to themselves.',
  EmptyCategories: 'Pick at least one kind of record.',
  EmptyPurposes: 'Pick at least one purpose.',
  EmptyActions: 'Pick at least one action (see or add records).',
  TooManyItems: 'Too many items were picked.',
  PolicyRefTooLong: 'The policy reference is too long.',
  ExpiryInPast: 'The consent would end in the past.',
  EmptyWindow: 'The consent\'s period is empty: it must end after it starts.',
  ConsentAlreadyActive: 'This person already holds a consent in force: update it instead.',
  NoActiveConsent: 'There is no consent in force for this person.',
  DelegateAlreadyAdded: 'This person is already a guardian.',
  UnknownDelegate: 'This person is not a guardian.',
  TooManyDelegates: 'No more guardians can be named (at most 8).',
  EmergencyAccessUnchanged: 'Emergency access is already set that way.',
  DelegateSelfGrant: 'A guardian cannot grant consent to themselves.',
  BeyondDelegation: 'A guardian cannot grant beyond the end of their own guardianship.',
  GranteeIsDelegate: 'A guardian cannot grant consent to another guardian.',
  AuditRejected: 'The audit trail refused to record this, so nothing was changed.',
  AuditUnavailable: 'The audit trail could not be reached, so nothing was changed.',
  InvalidPageSize: 'A page holds 1 to 50 entries.',
  Overflow: 'A counter would overflow.',
  NotAdmin: 'Only the suite\'s administrator (governance) can do this.',
  // record access
  UnknownRecord: 'There is no such record.',
  EmptyPointer: 'The record needs a pointer to where its content is kept.',
  PointerTooLong: 'The pointer is too long (at most 128 bytes).',
  TooManyFields: 'Too many fields (at most 256).',
  UnverifiedAuthor: 'Only a verified provider can add records.',
  NoWriteConsent: 'The patient has not consented to you adding this kind of record.',
  RecordWithheld: 'The patient has withheld this record from you.',
  AuthorNotInStanding: 'The record\'s author is no longer verified or consented.',
  GranteeNotConsented: 'The patient has not consented to that person seeing this record.',
  EnvelopeAlreadySet: 'A key is already shared with that person.',
  EnvelopeTooLong: 'The key envelope is too long (at most 1,280 bytes).',
  StrictModeEnvelope: 'Keys are released only by the patient\'s keeper here: share the record with the keeper, not directly.',
  NotKeeper: 'Only the patient\'s keeper can record a key release.',
  NoKeeper: 'The patient has no keeper, so no key can be released.',
  SelfKeeper: 'A patient cannot be their own keeper.',
  RecordSuperseded: 'A newer version of this record exists: ask for that one.',
  NotAuthorOfSuperseded: 'Only the record\'s author or the patient can write a new version of it.',
  // key directory
  KeyUnchanged: 'This is already your current health key.',
  TooManyVersions: 'No more health keys can be published for this account.',
  NoSuchVersion: 'Key versions count from 1.',
  ZeroX25519Key: 'The health key is malformed (its X25519 part is zero).',
  // provider verification
  AlreadyRegistered: 'This account has already applied or is registered.',
  NotVerifier: 'Only an accreditation authority can do this.',
  KindNotAllowed: 'That accreditation authority does not attest this kind of provider.',
  ValidityTooLong: 'An accreditation can last at most five years.',
  JurisdictionTooLong: 'The jurisdiction code is too long (at most 16 bytes).',
  ProfileRefTooLong: 'The profile reference is too long.',
  SelfAttestation: 'An authority cannot attest itself.',
  // denial reasons (request_access's outcome)
  ProviderNotVerified: 'the requester is not a verified provider',
  NoConsent: 'the patient has not consented to this',
  NotEmergencyService: 'the requester is not an emergency service',
  EmergencyAccessNotEnabled: 'the patient has not opted in to emergency access',
  CheckUnavailable: 'the consent or provider check could not be made, so access was denied',
  Withheld: 'the patient has withheld this record',
};

/** "EmptyCategories" → "Empty categories". */
export function words(variant: string): string {
  const spaced = variant.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

// Variants whose data says more than their name.
const WITH_DATA: Record<string, (value: unknown) => string> = {
  ProposalNot: (state) => `The proposal is ${found(state)}: it cannot do that now.`,
  BelowThreshold: (value) => {
    const [have, need] = value as [bigint, bigint];
    return `Proposing needs ${need} locked tokens; you have ${have}.`;
  },
  TimelockRunning: (eta) => `The timelock runs until ${new Date(Number(eta)).toLocaleString('en-GB')}.`,
  CallFailed: (value) => {
    const [index, fault] = value as [number, string];
    return `Call ${index + 1} of the proposal failed (${words(fault).toLowerCase()}); nothing of it was kept.`;
  },
  VoteLive: (value) => `You voted on a proposal still open until ${
    new Date(Number((value as { until: bigint }).until)).toLocaleString('en-GB')}: unlock after that.`,
  UnknownSuite: (suite) => `Health-key suite ${String(suite)} is not known (1 = X25519, 2 = X-Wing).`,
  WrongKeyLength: (value) => {
    const [suite, expected, found] = value as [number, number, number];
    return `A suite ${suite} health key has ${expected} bytes; this one has ${found}.`;
  },
  MlKemCoefficientOutOfRange: () => 'The health key is malformed (its ML-KEM part is out of range).',
  InsufficientLocked: (value) => `You have only ${(value as { locked: bigint }).locked} tokens locked.`,
};

Object.assign(SENTENCES, {
  InsufficientBalance: 'Your token balance is too low.',
  InsufficientAllowance: 'The contract was not allowed to take that many of your tokens.',
  InsufficientDeposit: 'What is left of the deposit is too low.',
  InsufficientEarnings: 'You have not earned that much.',
  ZeroAmount: 'Enter an amount above zero.',
  ZeroRate: 'Enter a reward per access above zero.',
  AlreadyVoted: 'You have already voted on this.',
  NoVotingPower: 'You had no tokens locked at the proposal\'s snapshot.',
  UnknownProposal: 'There is no such proposal.',
  OnlyByProposal: 'Only a governance proposal can do this.',
  NotAllowedToCancel: 'Only the proposer (while pending) or the guardian can cancel.',
});

/** A contract error variant (a string, or `{ type, value }`) in words. */
export function explainContractError(error: unknown): string {
  if (typeof error === 'string') return SENTENCES[error] ?? `${words(error)}.`;
  const { type, value } = (error ?? {}) as { type?: string; value?: unknown };
  if (!type) return `The contract refused: ${String(error)}`;
  if (WITH_DATA[type]) return WITH_DATA[type](value);
  // A wrapper (Token, Power, Settings, TokenRefused) explains what it wraps.
  if (value !== undefined && (typeof value === 'string' || (typeof value === 'object' && value !== null && 'type' in value))) {
    return explainContractError(value);
  }
  return SENTENCES[type] ?? `${words(type)}.`;
}

/** Why request_access denied, in words. */
export function explainDenial(reason: string): string {
  return SENTENCES[reason] ?? words(reason).toLowerCase();
}

/** Any failure of a query or transaction in words (never a stack trace). */
export function explainFailure(error: unknown): string {
  if (error instanceof Error && isContractLangError(error)) {
    return 'The contract does not understand this call (its interface differs from the portal\'s).';
  }
  if (error instanceof Error && isContractDispatchError(error)) {
    const module = error.moduleError;
    if (module?.name === 'ContractTrapped') return 'The contract stopped with an error (it trapped); nothing was changed.';
    if (module?.name === 'OutOfGas') return 'The call ran out of gas; nothing was changed.';
    if (module) return `${module.pallet}.${module.name}: ${module.docs.join(' ')}`;
  }
  if (error instanceof Error) {
    if (/Cancelled|Rejected|denied/i.test(error.message)) return 'You declined to sign; nothing was sent.';
    return error.message;
  }
  return String(error);
}

Object.assign(SENTENCES, {
  NotVerifiedInsurer: 'Only a verified insurer may publish a plan.',
  NotPlanInsurer: 'Only the plan\'s insurer may do that.',
  UnknownPlan: 'There is no such plan.',
  UnknownPolicy: 'There is no such policy.',
  UnknownClaim: 'There is no such claim.',
  NotHolder: 'Only the policy holder may do that.',
  CategoryNotCovered: 'The plan does not cover records of that kind.',
  RecordNotHolders: 'That record is not the policy holder\'s.',
  RecordBeforeCover: 'That record was added before the cover began.',
  BelowDeductible: 'The amount is not more than the deductible: nothing would be paid.',
  ExceedsCoverageLimit: 'The amount is more than the plan\'s yearly coverage limit.',
  NotAssessor: 'You are not an assessor of this claim\'s plan.',
  ConflictOfInterest: 'You have a part in this claim (claimant, holder, insurer or author), so you may not vote.',
  WouldBreakSolvency: 'The pool would hold too little free capital for the cover it has sold.',
  PoolShort: 'The pool\'s free capital cannot cover this payout.',
  InsufficientCapital: 'You have less capital in the pool than that.',
});

const found = (value: unknown) => words(String((value as { found?: unknown }).found ?? value)).toLowerCase();
Object.assign(WITH_DATA, {
  PlanNot: (value: unknown) => `The plan is ${found(value)}: it cannot do that now.`,
  PolicyNot: (value: unknown) => `The policy is ${found(value)}: it cannot do that now.`,
  ClaimNot: (value: unknown) => `The claim is ${found(value)}: it cannot do that now.`,
  WaitingPeriod: (value: unknown) => `The waiting period runs until ${
    new Date(Number((value as { until: bigint }).until)).toLocaleString('en-GB')}.`,
  CooldownRunning: (value: unknown) => `The claim's cooldown runs until ${
    new Date(Number((value as { ends: bigint }).ends)).toLocaleString('en-GB')}: no payout yet.`,
  OpenClaimExists: (value: unknown) => `Claim #${(value as { claim: bigint }).claim} on this policy is still open.`,
  VotingOpen: (value: unknown) => `Voting runs until ${
    new Date(Number((value as { ends: bigint }).ends)).toLocaleString('en-GB')}.`,
});
