/** What an import did, in the words the dialog shows (and the tests read). */
export interface ReferenceImportCounts {
  added: number;
  merged: number;
  skipped: number;
}

export function describeReferenceImport({ added, merged, skipped }: ReferenceImportCounts): string[] {
  const lines = [`${added} fact-check${added === 1 ? '' : 's'} added.`];
  if (merged > 0) lines.push(`${merged} duplicate${merged === 1 ? '' : 's'} merged.`);
  if (skipped > 0) lines.push(`${skipped} item${skipped === 1 ? '' : 's'} had no claim text and ${skipped === 1 ? 'was' : 'were'} left out.`);
  return lines;
}
