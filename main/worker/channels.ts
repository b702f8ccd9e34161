/**
 * How the thread host routes calls (./threadHost.ts). While a long call (LONG_CHANNELS, e.g. a
 * 50,000-claim import) keeps the library worker busy in one synchronous transaction, the calls
 * that only read are answered by a second worker with a read-only connection, which sees the
 * library as last committed (WAL readers never wait for the writer). Everything else waits its
 * turn in the library worker, in the order it came.
 */
import type { Channel } from '../../shared/api/channels';
import { LONG_CHANNELS } from '../../shared/api/channels.tasks';

/** Calls that never write: their handlers only read (a write on the reader would fail, read-only). */
export const READ_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'app.info',
  'settings.get',
  'projects.list',
  'projects.get',
  'reports.preview',
  'workbench.loadArticle',
  'workbench.claimHistory',
  'workbench.verdictUsage',
  'editorial.claimRecord',
  'editorial.claimantType',
  'editorial.publications',
  'projectFiles.backups',
  'search.query',
  'search.facets',
  'references.collections',
  'claimLinks.list',
  'attachments.list',
  'attachments.read',
  'matching.checkedBefore',
]);

export const LONG: ReadonlySet<unknown> = new Set<unknown>(LONG_CHANNELS);
