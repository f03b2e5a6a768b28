// A grantee's request to a keeper, and its answer. The grantee signs the
// request with its signing account (sr25519, as `signRaw` of a wallet does),
// so a keeper releases a key only to the account the audited grant names;
// another signer replaying the request is refused.

import { toHex, utf8 } from './bytes.js';

/** What a grantee asks the keeper to release. */
export interface ReleaseRequest {
  /** The chain's genesis hash, 0x-hex. */
  genesisHash: string;
  /** The record-access contract's address (SS58). */
  recordAccess: string;
  recordId: number;
  /** The audit sequence number `request_access` answered in its grant. */
  grantSeq: number;
  /** The grantee's address (SS58): who signs, and who the grant names. */
  grantee: string;
}

/** What the keeper answers a release. */
export interface ReleaseAnswer {
  /** The data key re-sealed to the grantee's directory key, 0x-hex (see envelope.ts). */
  envelope: string;
  /** The grantee's key version it is sealed to. */
  keyVersion: number;
  /** The audit sequence number of the `KeyReleased` entry. */
  releaseSeq: number;
}

export class ReleaseRefusedError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
    this.name = 'ReleaseRefusedError';
  }
}

/** The exact bytes a grantee signs for `request` (domain-separated). */
export function releaseMessage(request: ReleaseRequest): Uint8Array {
  const { genesisHash, recordAccess, recordId, grantSeq, grantee } = request;
  return utf8(`health-suite/keeper-release/v1:${JSON.stringify({ genesisHash, recordAccess, recordId, grantSeq, grantee })}`);
}

/**
 * Asks the keeper at `keeperUrl` to release the key `request` names;
 * `sign(message)` signs with the grantee's account. Throws
 * ReleaseRefusedError with the keeper's reason when it refuses.
 */
export async function requestRelease(keeperUrl: string, request: ReleaseRequest,
  sign: (message: Uint8Array) => Promise<Uint8Array> | Uint8Array): Promise<ReleaseAnswer> {
  const signature = toHex(await sign(releaseMessage(request)));
  let response: Response;
  try {
    response = await fetch(`${keeperUrl.replace(/\/$/, '')}/release`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ request, signature }),
    });
  } catch (error) {
    throw new ReleaseRefusedError(0, `the keeper at ${keeperUrl} cannot be reached: ${(error as Error).message}`);
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) throw new ReleaseRefusedError(response.status, String(answer.error ?? `status ${response.status}`));
  return answer as ReleaseAnswer;
}
