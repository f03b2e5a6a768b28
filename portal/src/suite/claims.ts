// What a claim carries, computed in the browser: the service fingerprint
// (never the codes in clear) and the fraud reasons in words.
import { blake2AsU8a, concatU8a, decodeAddress, u8aToHex } from 'dedot/utils';
import type { InsuranceClaimFraudReason } from '../contracts/types/insurance/types';

/** In the contract's order: a reason's bit is its index. */
const FRAUD_REASONS: { value: InsuranceClaimFraudReason; label: string }[] = [
  { value: 'DuplicateFingerprint', label: 'another claim already stated this service' },
  { value: 'AuthorNotVerified', label: 'the record\'s author is not a verified care provider' },
  { value: 'RecordNotByClaimant', label: 'the provider claims on a record another account wrote' },
  { value: 'NoPaymentConsent', label: 'the holder has not let the insurer read this kind of record for payment' },
  { value: 'OverRemainingCoverage', label: 'the amount is more than the coverage left this year' },
  { value: 'TooFrequent', label: 'more claims this period than the plan allows without review' },
  { value: 'RiskScore', label: 'the risk model scored it above the plan\'s threshold' },
];

/** The fraud reasons set in a claim's `reasons` bitmask, in words. */
export function fraudReasons(bits: number): string[] {
  return FRAUD_REASONS.filter((_, index) => (bits & (1 << index)) !== 0).map((reason) => reason.label);
}

/**
 * blake2-256(provider's public key ‖ date ‖ procedure code ‖ 32-byte salt), as
 * `submit_claim` documents it: the same service claimed twice has the same
 * fingerprint only if the same salt is used, so the holder keeps the salt.
 */
export function serviceFingerprint(provider: string, date: string, code: string,
  salt = crypto.getRandomValues(new Uint8Array(32))): { fingerprint: `0x${string}`; salt: `0x${string}` } {
  const text = (value: string) => new TextEncoder().encode(value);
  const fingerprint = blake2AsU8a(concatU8a(decodeAddress(provider), text(date), text(code), salt), 256);
  return { fingerprint: u8aToHex(fingerprint), salt: u8aToHex(salt) };
}

/** Basis points (0–10,000) as a percentage. */
export const percent = (bps: number) => `${bps / 100} %`;
