/**
 * The report files written in this session, so "Mark as published" can record exactly what went
 * out: the SHA-256 of the bytes written and the claims the report included. Kept in memory only:
 * a file exported last week may have been edited since, and cannot be vouched for.
 */
export interface ExportRecord {
  id: string;
  projectId: string;
  format: string;
  fileName: string;
  sha256: string;
  claimIds: string[];
  exportedAt: string;
}

const KEEP = 50;

export class ExportLog {
  private readonly records = new Map<string, ExportRecord>();

  remember(record: ExportRecord): void {
    this.records.set(record.id, record);
    while (this.records.size > KEEP) this.records.delete(this.records.keys().next().value as string);
  }

  find(id: string): ExportRecord | undefined {
    return this.records.get(id);
  }
}
