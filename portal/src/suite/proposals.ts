// What a proposal would do, read before anyone votes: each call decoded with
// the callee's own ABI (contract, message, arguments, value), and flagged
// when it changes code, admin roles or minters, or moves tokens. A call the
// portal cannot decode is shown as raw bytes and flagged too: a voter should
// never approve what nobody can read.
import { $ } from 'dedot';
import { blake2AsHex, hexToU8a } from 'dedot/utils';
import { addressText } from './format';

/** A call of a proposal as the chain stores it. */
export interface StoredCall {
  callee: unknown;
  selector: `0x${string}` | string;
  input: `0x${string}` | string;
  value: bigint;
}

/** A contract the portal knows: its name, address and ABI. */
export interface KnownContract {
  name: string;
  address: string;
  metadata: { spec: { messages: { label: string; selector: string; args: { label: string; type: { type: number } }[] }[] } };
  registry: { findCodec: (typeId: number) => $.AnyShape };
}

export type CallFlag = 'code' | 'admin' | 'minter' | 'tokens' | 'roles' | 'governance' | 'unreadable';

export interface DecodedCall {
  /** The callee's name, or its address when the portal does not know it. */
  contract: string;
  /** The message's label, or the raw selector. */
  message: string;
  /** Each argument's label and value as text. */
  args: [string, string][];
  value: bigint;
  flags: CallFlag[];
  /** The raw input, shown when the call could not be decoded. */
  raw?: string;
}

/**
 * Flags by (callee, message label): what a voter must look at twice. A
 * message name alone is not enough (`reinstate` moves tokens in insurance,
 * not in the registry; `set_settings` of governance changes how it votes).
 */
const FLAGGED: [RegExp, RegExp, CallFlag][] = [
  [/./, /(^|::)set_code$/, 'code'],
  [/./, /(^|::)(propose_admin|accept_admin)$/, 'admin'],
  [/^reward_token$/, /^(grant_minter|revoke_minter)$/, 'minter'],
  [/./, /(^|::)(transfer|transfer_from|approve|increase_allowance|decrease_allowance|mint_to|burn|burn_from)$/, 'tokens'],
  [/^reward_pool$/, /^(deposit|withdraw_earned|withdraw_deposit)$/, 'tokens'],
  [/^insurance$/, /^(deposit_capital|withdraw_capital|payout|enrol|pay_premium|reinstate)$/, 'tokens'],
  // who may act for a contract, or which contracts it trusts
  [/./, /^(set_crediter|set_linked_contracts|set_audit_trail|authorize_writer|revoke_writer|appoint_verifier|dismiss_verifier|set_assessor|set_quorum|set_paused)$/, 'roles'],
  [/^insurance$/, /^set_settings$/, 'roles'],
  [/^governance$/, /^set_settings$/, 'governance'],
];

/** A decoded value as short, readable text (bigints as digits, accounts as SS58). */
export function valueText(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (value && typeof value === 'object' && typeof (value as { address?: unknown }).address === 'function') {
    return addressText(value);
  }
  return JSON.stringify(value, (_key, inner) => {
    if (typeof inner === 'bigint') return inner.toString();
    if (inner && typeof inner === 'object' && typeof (inner as { address?: unknown }).address === 'function') {
      return addressText(inner);
    }
    return inner;
  }) ?? String(value);
}

/** Decodes `call` with the ABI of the known contract at its callee. */
export function decodeCall(call: StoredCall, known: KnownContract[]): DecodedCall {
  const callee = addressText(call.callee);
  const selector = String(call.selector).toLowerCase();
  const input = String(call.input);
  const contract = known.find((candidate) => candidate.address === callee);
  const unreadable = (why: string): DecodedCall => ({
    contract: contract?.name ?? callee, message: `selector ${selector}`, args: [['why', why]], value: call.value,
    flags: ['unreadable'], raw: input,
  });
  if (!contract) return unreadable('not a contract of this suite');
  const message = contract.metadata.spec.messages.find((candidate) => candidate.selector.toLowerCase() === selector);
  if (!message) return unreadable(`${contract.name} has no message with this selector`);
  let values: unknown[];
  try {
    const codec = $.Tuple(...message.args.map((arg) => contract.registry.findCodec(arg.type.type)));
    const bytes = hexToU8a(input as `0x${string}`);
    values = codec.tryDecode(bytes) as unknown[];
    if (bytes.length !== codec.tryEncode(values as never).length) return unreadable('extra bytes after the arguments');
  } catch (error) {
    return unreadable(`the arguments do not decode: ${(error as Error).message}`);
  }
  const flags = FLAGGED.filter(([callee, label]) => callee.test(contract.name) && label.test(message.label))
    .map(([, , flag]) => flag);
  if (call.value > 0n) flags.push('tokens');
  return {
    contract: contract.name,
    message: message.label,
    args: message.args.map((arg, index) => [arg.label, valueText(values[index])]),
    value: call.value,
    flags: [...new Set(flags)],
  };
}

/** Whether `text` is the description whose blake2-256 the proposal stores. */
export function descriptionMatches(text: string, descriptionHash: string): boolean {
  const wanted = descriptionHash.toLowerCase();
  return blake2AsHex(text) === wanted;
}
