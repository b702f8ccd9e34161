/** Channel names of reference fact-checks (library memory). Schemas: ./contract.references.ts. */
export const REFERENCE_CHANNELS = [
  'references.inspect',
  'references.import',
  'references.collections',
  'references.deleteCollection',
] as const;
