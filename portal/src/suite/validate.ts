// Checks the page makes before anything is signed. What only the contract
// can know (a consent already in force, an empty category set) is left to
// its dry run, whose refusal the page shows.
import { decodeAddress } from 'dedot/utils';

export function addressProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return 'Enter an address.';
  try {
    return decodeAddress(trimmed).length === 32 ? undefined : 'That is not an account address.';
  } catch {
    return 'That is not an account address (SS58, like 5Grw…).';
  }
}

/** Milliseconds since the epoch of a date picked in the page (local time). */
export function dateToMs(value: string): number | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isFinite(ms) ? ms : undefined;
}

export function periodProblem(fromMs: number | undefined, untilMs: number | undefined, now = Date.now()): string | undefined {
  if (untilMs === undefined) return 'Pick when it ends.';
  if (untilMs <= now) return 'The end of the period is in the past.';
  if (fromMs !== undefined && fromMs >= untilMs) return 'The period must end after it starts.';
  return undefined;
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

/** A whole token amount typed in the page, or why it is not one (`max`: what the account has). */
export function parseAmount(text: string, max?: bigint): { amount?: bigint; problem?: string } {
  const trimmed = text.trim().replace(/[_,\s]/g, '');
  if (!/^\d+$/.test(trimmed)) return { problem: 'Enter a whole number of tokens.' };
  const amount = BigInt(trimmed);
  if (amount === 0n) return { problem: 'Enter an amount above zero.' };
  if (max !== undefined && amount > max) return { problem: `That is more than the ${max} you have.` };
  return { amount };
}

const UNIT_MS: Record<string, number> = {
  s: 1_000, sec: 1_000, second: 1_000, seconds: 1_000,
  min: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
};

/** A duration typed as "30 d", "12 hours", "90 s" (the chain's clock is in ms), or why it is not one. */
export function parseDuration(text: string, allowZero = false): { ms?: bigint; problem?: string } {
  const match = /^\s*(\d+)\s*([a-z]+)\s*$/i.exec(text);
  const unit = match && UNIT_MS[match[2].toLowerCase()];
  if (!match || !unit) return { problem: 'Give a number and a unit: s, min, h or d (for example "30 d").' };
  const ms = BigInt(match[1]) * BigInt(unit);
  if (ms === 0n && !allowZero) return { problem: 'A duration of zero is not allowed here.' };
  return { ms };
}

/** A whole number typed in the page, within `[min, max]`, or why it is not one. */
export function parseCount(text: string, min: number, max: number): { value?: number; problem?: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { problem: 'Enter a whole number.' };
  const value = Number(trimmed);
  if (value < min || value > max) return { problem: `Enter a number from ${min} to ${max}.` };
  return { value };
}

/** Like `parseAmount` with a ceiling that is still being read (`undefined`): refuses until it is known. */
export function parseAmountUpTo(text: string, max: bigint | undefined): { amount?: bigint; problem?: string } {
  if (max === undefined) return { problem: 'Still reading what you have; try again in a moment.' };
  return parseAmount(text, max);
}
