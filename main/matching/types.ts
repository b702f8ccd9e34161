/** A document the matcher can find: an earlier check. */
export interface MatchDocument {
  id: string;
  /** What was checked (a claim's statement, a reference's claim text). */
  main: string;
  /** What else names it (a reference's title, a claim's quote). */
  extra: string;
}

/** One document found for a query, best first. */
export interface MatchResult {
  id: string;
  score: number;
  /** The words or phrases both share, as the document writes them. */
  why: string[];
}

/** How rare a term is in the corpus: higher is rarer. */
export type IdfLookup = (term: string) => number;
