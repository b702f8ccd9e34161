import type { CORE_CHANNELS } from '../../shared/api/channels';
import type { EDITORIAL_CHANNELS } from '../../shared/api/channels.editorial';
import type { LIBRARY_BACKUP_CHANNELS } from '../../shared/api/channels.libraryBackups';
import type { PROJECT_FILE_CHANNELS } from '../../shared/api/channels.projectFiles';
import type { REPORT_CHANNELS } from '../../shared/api/channels.reports';
import type { TASK_CHANNELS } from '../../shared/api/channels.tasks';
import type { WORKBENCH_CHANNELS } from '../../shared/api/channels.workbench';
import type { Handlers } from './registry';

type Pick2<K extends string> = Pick<Handlers, Extract<keyof Handlers, K>>;
export type ReportHandlers = Pick2<(typeof REPORT_CHANNELS)[number]>;
export type ProjectFileHandlers = Pick2<(typeof PROJECT_FILE_CHANNELS)[number]>;
export type WorkbenchHandlers = Pick2<(typeof WORKBENCH_CHANNELS)[number]>;
export type EditorialHandlers = Pick2<(typeof EDITORIAL_CHANNELS)[number]>;
export type LibraryBackupHandlers = Pick2<(typeof LIBRARY_BACKUP_CHANNELS)[number]>;
export type TaskHandlers = Pick2<(typeof TASK_CHANNELS)[number]>;
export type CoreHandlers = Pick2<(typeof CORE_CHANNELS)[number]>;
