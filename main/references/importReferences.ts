import type { ReferenceImportResult } from '../../shared/api/contract.references';
import { cleanItem } from '../../shared/references/clean';
import { checkMapping, columnNames, rowMapper, suggestMapping } from '../../shared/references/delimited';
import { jsonReferenceItems } from '../../shared/references/detect';
import type { ColumnMapping, RawItem, ReferenceFormat } from '../../shared/references/types';
import { AppError } from '../errors';
import type { RepoContext } from '../repositories/context';
import type { Task } from '../tasks/tasks';
import { forEachRow, openReferenceFile, readJsonFile, userError, type ReferenceFile } from './referenceFile';
import { collectionNamed, finishCollection, ReferenceWriter } from './referenceStore';

export interface ReferenceImportRequest {
  path: string;
  collectionName: string;
  /** CSV/TSV: column → field; without one, the suggestion from the header (it must name the claim text). */
  mapping?: ColumnMapping | undefined;
}

/**
 * Imports a file of published fact-checks into a named collection, in one IMMEDIATE transaction:
 * a cancel (task.step throws) or a bad row rolls everything back, the collection included.
 * CSV/TSV rows are parsed and written a chunk at a time; JSON is parsed once before the
 * transaction, so the write lock is not held while a large file is read.
 */
export function importReferenceFile(ctx: RepoContext, request: ReferenceImportRequest, task: Task): ReferenceImportResult {
  const file = openReferenceFile(request.path);
  const collectionName = request.collectionName.trim();
  if (collectionName === '') throw new AppError('invalid_request', 'Name the collection.', 'collectionName');
  if (file.kind.kind === 'json') {
    task.stage(`Reading “${file.fileName}”`);
    const { format, items } = jsonReferenceItems(readJsonFile(file), file.fileName);
    const all = userError(() => [...items]);
    return writeItems(ctx, file, collectionName, format, task, all.length, (write) => {
      for (const raw of all) write(raw);
    });
  }
  const { format, delimiter } = file.kind;
  const { columns, mapping } = headerAndMapping(file, delimiter, request.mapping);
  const toItem = rowMapper(columns, mapping);
  return writeItems(ctx, file, collectionName, format, task, estimateRows(file), (write) => {
    let header = true;
    forEachRow(file.path, delimiter, (row) => {
      if (header) header = false;
      else write(toItem(row));
    });
  });
}

type Writes = (write: (raw: RawItem) => void) => void;

function writeItems(ctx: RepoContext, file: ReferenceFile, name: string, format: ReferenceFormat, task: Task, total: number, read: Writes): ReferenceImportResult {
  task.stage(`Writing “${file.fileName}” to your library`, total);
  const counts = { added: 0, merged: 0, skipped: 0 };
  const collectionId = ctx.tx(() => {
    const collection = collectionNamed(ctx, name, format, file.fileName);
    const writer = new ReferenceWriter(ctx, collection.id);
    read((raw) => {
      const item = cleanItem(raw);
      if (item) counts[writer.write(item)]++;
      else counts.skipped++;
      task.step();
    });
    // The last check, so a cancel that came during the final rows still leaves nothing behind.
    task.check();
    finishCollection(ctx, collection.id, file.fileName);
    return collection.id;
  });
  task.finish();
  return { collectionId, collectionName: name, ...counts };
}

/** The header row, and the mapping to use: the one given (checked) or the suggestion. */
function headerAndMapping(file: ReferenceFile, delimiter: ',' | '\t', given: ColumnMapping | undefined): { columns: string[]; mapping: ColumnMapping } {
  let header: string[] | null = null;
  forEachRow(
    file.path,
    delimiter,
    (row) => {
      header ??= row;
      return false;
    },
    64 * 1024,
  );
  if (header === null) throw new AppError('invalid_request', `“${file.fileName}” has no header row.`);
  const columns = columnNames(header);
  const mapping = given ?? suggestMapping(header);
  userError(() => checkMapping(columns, mapping));
  return { columns, mapping };
}

/** Rows in a CSV/TSV, from the size of its first 64 KB (for the progress bar only). */
function estimateRows(file: ReferenceFile): number {
  let rows = 0;
  const bytes = forEachRow(file.path, file.kind.kind === 'delimited' ? file.kind.delimiter : ',', () => {
    rows++;
    return false;
  }, 64 * 1024);
  return Math.max(0, Math.round((rows * file.size) / Math.max(1, bytes)) - 1);
}
