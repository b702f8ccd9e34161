import type { ReferenceInspection } from '../../shared/api/contract.references';
import { cleanItem, cut } from '../../shared/references/clean';
import { columnNames, isCheckThatHeader, rowMapper, suggestMapping } from '../../shared/references/delimited';
import { jsonReferenceItems } from '../../shared/references/detect';
import type { ReferenceItem } from '../../shared/references/types';
import { AppError } from '../errors';
import type { Task } from '../tasks/tasks';
import { forEachRow, openReferenceFile, readJsonFile, userError, type ReferenceFile } from './referenceFile';

const SAMPLE_SIZE = 5;
/** Sample cells are cut this short: they are a preview, not the data. */
const SAMPLE_CELL_CHARS = 300;
/** CSV/TSV up to this size are counted row by row; larger ones are estimated from the first megabyte. */
const EXACT_COUNT_BYTES = 32 * 1024 * 1024;

/** What a file holds, for the import dialog: its format, columns, a sample and a count. Writes nothing. */
export function inspectReferenceFile(filePath: string, task: Task): ReferenceInspection {
  const file = openReferenceFile(filePath);
  task.stage(`Reading “${file.fileName}”`);
  const inspection = file.kind.kind === 'json' ? inspectJson(file) : inspectDelimited(file, file.kind.format, file.kind.delimiter, task);
  task.finish();
  return inspection;
}

function inspectJson(file: ReferenceFile): ReferenceInspection {
  const { format, items } = jsonReferenceItems(readJsonFile(file), file.fileName);
  const sample: ReferenceItem[] = [];
  let itemCount = 0;
  userError(() => {
    for (const raw of items) {
      itemCount++;
      if (sample.length < SAMPLE_SIZE) {
        const item = cleanItem(raw);
        if (item) sample.push(item);
      }
    }
  });
  return { path: file.path, fileName: file.fileName, format, columns: [], suggestedMapping: {}, needsMapping: false, sampleRows: [], sample, itemCount, countIsEstimate: false };
}

function inspectDelimited(file: ReferenceFile, format: 'csv' | 'tsv', delimiter: ',' | '\t', task: Task): ReferenceInspection {
  let header: string[] | null = null;
  const sampleRows: string[][] = [];
  let rows = 0;
  const exact = file.size <= EXACT_COUNT_BYTES;
  // A large file is read up to the end of its first megabyte, and its rows counted from there.
  const bytesRead = forEachRow(file.path, delimiter, (row) => {
    if (header === null) {
      header = row;
      return true;
    }
    rows++;
    if (sampleRows.length < SAMPLE_SIZE) sampleRows.push(row);
    task.step();
    return exact;
  });
  if (header === null) throw new AppError('invalid_request', `“${file.fileName}” has no header row.`);
  const columns = columnNames(header);
  const suggestedMapping = suggestMapping(header);
  const toItem = rowMapper(columns, suggestedMapping);
  const hasClaimColumn = Object.values(suggestedMapping).includes('claimText');
  const sample = hasClaimColumn ? sampleRows.map((row) => cleanItem(toItem(row))).filter((item): item is ReferenceItem => item !== null) : [];
  return {
    path: file.path,
    fileName: file.fileName,
    format,
    columns,
    suggestedMapping,
    needsMapping: !isCheckThatHeader(header),
    sampleRows: sampleRows.map((row) => row.map((cell) => cut(cell, SAMPLE_CELL_CHARS))),
    sample,
    itemCount: exact ? rows : Math.round((rows * file.size) / Math.max(1, bytesRead)),
    countIsEstimate: !exact,
  };
}
