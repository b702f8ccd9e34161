/**
 * The merge of evidence files, pure. Attachments are immutable (a file is added or removed, never
 * edited), so the merge is their union: by id, ours first, and one per (source, SHA-256), since the
 * same bytes on the same source are one attachment (the library's UNIQUE (source_id, sha256)),
 * whichever copy added it first, the same whoever imports whom. Evidence of sources the merge
 * removed goes with them.
 */
import type { ProjectPayload } from './format';

type Attachment = ProjectPayload['attachments'][number];

export function mergeAttachments(
  yours: readonly Attachment[],
  theirs: readonly Attachment[],
  keptSourceIds: ReadonlySet<string>,
): Attachment[] {
  const byPair = new Map<string, Attachment>();
  const order: string[] = [];
  for (const attachment of [...yours, ...theirs]) {
    if (!keptSourceIds.has(attachment.sourceId)) continue;
    const pair = `${attachment.sourceId} ${attachment.sha256}`;
    const held = byPair.get(pair);
    if (!held) order.push(pair);
    if (
      !held ||
      attachment.addedAt < held.addedAt ||
      (attachment.addedAt === held.addedAt && attachment.id < held.id)
    )
      byPair.set(pair, attachment);
  }
  return order.map((pair) => byPair.get(pair)!);
}
