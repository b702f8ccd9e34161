import type { Migration } from './types';

/**
 * Page captures waiting for the network (issue 13): "Capture page" on a source while the computer
 * is offline queues the source here, with the reason, and "Capture now" retries. One row per
 * source; it goes when the capture succeeds, or with the source. Not published and not carried in
 * project files: a queue is this library's to-do list, not evidence.
 */
export const migration010: Migration = {
  version: 10,
  name: 'capture_queue',
  sql: `
    CREATE TABLE capture_queue (
      source_id TEXT PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
      url TEXT NOT NULL,
      queued_at TEXT NOT NULL,
      reason TEXT NOT NULL DEFAULT ''
    ) STRICT;
  `,
};
