/** Channel names of the library search ("Search library", Ctrl+K). Schemas: ./contract.search.ts. */
export const SEARCH_CHANNELS = ['search.query', 'search.facets'] as const;
