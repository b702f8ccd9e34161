import { cleanItem } from '../../shared/references/clean';
import { checkMapping, columnNames, rowMapper, suggestMapping } from '../../shared/references/delimited';
import { jsonReferenceItems } from '../../shared/references/detect';
import type { ColumnMapping, RawItem } from '../../shared/references/types';
import { forEachRow, openReferenceFile, readJsonFile, userError } from '../references/referenceFile';
import type { MatchDocument } from './types';

/**
 * The matcher's corpus from a file of published fact-checks in any format the reference import
 * reads (ClaimReview JSON-LD, fact-check API JSON, CSV or TSV with a header, the CheckThat! TSV),
 * through the same parsers and cleaning. A document's id is the item's own id, else its URL, else
 * its place in the file ("#12"), so a run names what the file names.
 */
export function readMatchCorpus(filePath: string, mapping?: ColumnMapping): MatchDocument[] {
  const file = openReferenceFile(filePath);
  const documents: MatchDocument[] = [];
  let position = 0;
  const add = (raw: RawItem) => {
    position++;
    const item = cleanItem(raw);
    if (!item) return;
    documents.push({ id: item.externalId || item.url || `#${position}`, main: item.claimText, extra: item.title });
  };
  if (file.kind.kind === 'json') {
    const { items } = jsonReferenceItems(readJsonFile(file), file.fileName);
    userError(() => {
      for (const raw of items) add(raw);
    });
    return documents;
  }
  let toItem: ((row: string[]) => RawItem) | null = null;
  forEachRow(file.path, file.kind.delimiter, (row) => {
    if (toItem) return add(toItem(row));
    const columns = columnNames(row);
    const chosen = mapping ?? suggestMapping(row);
    userError(() => checkMapping(columns, chosen));
    toItem = rowMapper(columns, chosen);
  });
  return documents;
}
