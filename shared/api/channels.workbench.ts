/** Channel names of the claim workbench (issue: claim workbench). Schemas: ./contract.workbench.ts. */
export const WORKBENCH_CHANNELS = [] as const;
