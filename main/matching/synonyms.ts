/**
 * Words that mean the same (WordNet synonym sets, "mum" and "mother", "kid" and "child"), as
 * analyzer terms: a query word the candidate does not use counts as covered, at a lower weight,
 * when the candidate uses a synonym. The table (main/matching/data/wordnet-synonyms.json, written
 * by scripts/build-matcher-synonyms.mjs, already stemmed) is read on the first match, not at start.
 */
export type SynonymLookup = (term: string) => ReadonlySet<string> | undefined;

let table: Map<string, Set<string>> | null = null;

function build(): Map<string, Set<string>> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start
  const { groups } = require('./data/wordnet-synonyms.json') as { groups: string[] };
  const synonyms = new Map<string, Set<string>>();
  for (const group of groups) {
    const terms = group.split(' ');
    for (const term of terms) {
      let set = synonyms.get(term);
      if (!set) synonyms.set(term, (set = new Set()));
      for (const other of terms) if (other !== term) set.add(other);
    }
  }
  return synonyms;
}

export const synonymsOf: SynonymLookup = (term) => (table ??= build()).get(term);
