/** Channel names of the claim workbench (issue: claim workbench). Schemas: ./contract.workbench.ts. */
export const WORKBENCH_CHANNELS = [
  'workbench.loadArticle',
  'workbench.deleteClaims',
  'workbench.deleteArticle',
  'workbench.restore',
  'workbench.setAnchors',
  'workbench.claimHistory',
  'workbench.verdictUsage',
] as const;
