/**
 * Channel names of "Checked before" (library memory): earlier checks that look like the claim
 * being worked on. Schemas: ./contract.matching.ts.
 */
export const MATCHING_CHANNELS = ['matching.checkedBefore'] as const;
