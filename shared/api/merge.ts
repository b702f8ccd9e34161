/**
 * Merging the per-feature tables of the API (channel names, contract entries, handlers) into one.
 * A name two tables both define would silently replace one of them, so it throws instead, naming
 * the channel, when the tables are merged at startup. No zod here: the preload uses it too.
 */

type UnionToIntersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
  ? I
  : never;

/** The channel-name lists as one list; `what` names the lists in the error ("channel-name lists"). */
export function mergeNames<const L extends readonly (readonly string[])[]>(
  what: string,
  ...lists: L
): readonly L[number][number][] {
  const merged: L[number][number][] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    for (const name of list) {
      if (seen.has(name)) throw new Error(`The channel “${name}” is in more than one of the ${what}.`);
      seen.add(name);
      merged.push(name);
    }
  }
  return merged;
}

/** The tables (channel → entry) as one table; `what` names the tables in the error ("API handler tables"). */
export function mergeTables<const T extends readonly object[]>(
  what: string,
  ...tables: T
): UnionToIntersection<T[number]> {
  const merged: Record<string, unknown> = {};
  for (const table of tables) {
    for (const [name, entry] of Object.entries(table)) {
      if (Object.prototype.hasOwnProperty.call(merged, name)) {
        throw new Error(`The channel “${name}” is in more than one of the ${what}.`);
      }
      merged[name] = entry;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}
