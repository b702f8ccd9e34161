/**
 * Channel names of claim links ("Previously checked"): a claim marked as the same claim as an
 * earlier check (another library claim or a reference fact-check). Schemas: ./contract.claimLinks.ts.
 */
export const CLAIM_LINK_CHANNELS = ['claimLinks.list', 'claimLinks.add', 'claimLinks.remove', 'claimLinks.startFrom'] as const;
