/**
 * Stable claim numbers: a claim gets the next number of its project when it is marked, numbers are
 * never reused, and two copies that handed out the same number to different claims settle it the
 * same way whoever imports whom: the claim created earlier (ties broken by id) keeps the number,
 * the others take the next free numbers in that same order.
 */

export interface NumberedClaim {
  id: string;
  /** null for claims from before numbers existed (v1 project files, old libraries). */
  number: number | null;
  createdAt: string;
}

export interface Renumbering {
  id: string;
  from: number | null;
  to: number;
}

const byCreation = (a: NumberedClaim, b: NumberedClaim) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * Gives every claim a unique number. `nextNumber` is the project's counter (one past the highest
 * number ever handed out, deleted ones included); the answer's `nextNumber` is the counter after.
 * Claims without a number and the later claims of each collision are numbered in creation order.
 */
export function settleClaimNumbers(
  claims: readonly NumberedClaim[],
  nextNumber: number,
): { renumbered: Renumbering[]; nextNumber: number } {
  let next = Math.max(nextNumber, 1, ...claims.map((claim) => (claim.number ?? 0) + 1));
  const holders = new Map<number, NumberedClaim>();
  const needNumber: NumberedClaim[] = [];
  for (const claim of [...claims].sort(byCreation)) {
    if (claim.number === null || claim.number < 1 || holders.has(claim.number)) needNumber.push(claim);
    else holders.set(claim.number, claim);
  }
  const renumbered = needNumber.map((claim) => ({ id: claim.id, from: claim.number, to: next++ }));
  return { renumbered, nextNumber: next };
}
