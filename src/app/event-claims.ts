/**
 * The stored form of a claim on a webhook event, shared by the memory store and the Redis scripts (which read and
 * write the same strings): `d` once final, else the JSON array `["p", leaseUntilMs, owner]` while pending, with a
 * fourth element once its step was saved: the session value it stepped from (`""`: there was none). A claim given
 * back for a retry is a pending one whose lease ended (`leaseUntilMs` 0), so its fourth element survives.
 */
export const CLAIM_DONE = 'd';

/** Event claim keys in a store shared with sessions. */
export const CLAIM_PREFIX = 'e:';

export interface PendingClaim {
  readonly leaseUntil: number;
  readonly owner: string;
  /** Set once the event's step was saved: the session value it stepped from (undefined: there was none). */
  readonly stepped?: { readonly prior: string | undefined };
}

export function encodePendingClaim(claim: PendingClaim): string {
  const head = ['p', String(claim.leaseUntil), claim.owner];
  return JSON.stringify(claim.stepped ? [...head, claim.stepped.prior ?? ''] : head);
}

/** The claim in `stored`: final, pending, or undefined when there is none (or it is not one of ours). */
export function decodeClaim(stored: string | undefined): typeof CLAIM_DONE | PendingClaim | undefined {
  if (stored === undefined) return undefined;
  if (stored === CLAIM_DONE) return CLAIM_DONE;
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch (error) {
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'p' || parsed.length < 3) return undefined;
  const [, leaseUntil, owner, prior] = parsed as unknown[];
  if (typeof owner !== 'string') return undefined;
  const claim = { leaseUntil: Number(leaseUntil), owner };
  return typeof prior === 'string' ? { ...claim, stepped: { prior: prior === '' ? undefined : prior } } : claim;
}

/** A claim was taken over by another delivery of the event (its lease lapsed meanwhile): this one stops. */
export class ClaimLostError extends Error {
  readonly code = 'CLAIM_LOST';
  constructor() {
    super('the event was claimed by another delivery while this one handled it');
    this.name = 'ClaimLostError';
  }
}
