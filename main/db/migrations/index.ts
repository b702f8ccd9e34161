import { migration001 } from './001_initial';
import { migration002 } from './002_project_backups';
import { migration003 } from './003_editorial';
import { migration004 } from './004_indexes_integrity';
import { migration005 } from './005_history_coalescing';
import { migration006 } from './006_reference_checks';
import { migration007 } from './007_search_index';
import { migration008 } from './008_claim_links';
import { migration009 } from './009_attachments';
import { migration010 } from './010_capture_queue';
import { migration011 } from './011_capture_text_search';
import type { Migration } from './types';

/** Every migration in order. Add a file NNN_name.ts and list it here; never edit a released one. */
export const MIGRATIONS: readonly Migration[] = [migration001, migration002, migration003, migration004, migration005, migration006, migration007, migration008, migration009, migration010, migration011];
export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
export type { Migration };
