/** Describes recorded changes of a claim (and its sources) in words, for the claim's history. */
import { CLAIM_STATUS_LABELS, type Change, type ClaimStatus } from '../../shared/domain';
import { preview } from './claimView';

const SOURCE_FIELD_NAMES: Record<string, string> = {
  url: 'URL',
  title: 'title',
  publisher: 'publisher',
  publishedDate: 'date',
  accessedDate: 'accessed date',
  archivedUrl: 'archived URL',
  excerpt: 'excerpt',
  note: 'note',
};

const quoted = (value: unknown) =>
  typeof value === 'string' && value !== '' ? `“${preview(value, 60)}”` : 'empty';

/** One line per changed field. `verdictLabel` names a verdict id (deleted ones included). */
export function describeChange(change: Change, verdictLabel: (id: string | null) => string): string[] {
  const fields = change.fields;
  if (change.entityType === 'source') {
    const title = (fields.title?.after ?? fields.title?.before) as string | undefined;
    const name = title ? ` “${preview(title, 50)}”` : '';
    if (change.op === 'create') return [`Source added${name}`];
    if (change.op === 'delete') return [`Source removed${name}`];
    const changed = Object.keys(fields).filter((key) => key !== 'position');
    if (changed.length === 0) return ['Sources reordered'];
    return changed.map((key) => {
      const after = fields[key]!.after;
      if (key === 'url' || key === 'title' || key === 'publisher')
        return `Source ${SOURCE_FIELD_NAMES[key]}: ${quoted(after)}`;
      return `Source ${SOURCE_FIELD_NAMES[key] ?? key} edited`;
    });
  }
  if (change.op === 'create')
    return [`Marked: ${quoted((fields.anchor?.after as { exact?: string } | undefined)?.exact ?? '')}`];
  if (change.op === 'delete') return ['Deleted'];
  const lines: string[] = [];
  for (const [key, { before, after }] of Object.entries(fields)) {
    switch (key) {
      case 'verdictId':
        lines.push(
          `Verdict: ${verdictLabel((before as string | null) ?? null)} → ${verdictLabel((after as string | null) ?? null)}`,
        );
        break;
      case 'status':
        lines.push(
          `Status: ${CLAIM_STATUS_LABELS[before as ClaimStatus] ?? String(before)} → ${CLAIM_STATUS_LABELS[after as ClaimStatus] ?? String(after)}`,
        );
        break;
      case 'rationale':
        lines.push(after ? 'Rationale edited' : 'Rationale cleared');
        break;
      case 'statement':
        lines.push(`Claim restated: ${quoted(after)}`);
        break;
      case 'claimant':
        lines.push(`Claimant: ${quoted(before)} → ${quoted(after)}`);
        break;
      case 'claimDate':
        lines.push(`Claim date: ${(before as string) || 'none'} → ${(after as string) || 'none'}`);
        break;
      case 'tags':
        lines.push(`Tags: ${((after as string[] | undefined) ?? []).join(', ') || 'none'}`);
        break;
      case 'anchor':
        lines.push(`Span: ${quoted((after as { exact?: string } | undefined)?.exact ?? '')}`);
        break;
      case 'anchorState':
        lines.push(
          after === 'orphaned' ? 'Lost its place when the article text changed' : 'Found its place again',
        );
        break;
      default:
        lines.push(`${key} changed`);
    }
  }
  return lines;
}
