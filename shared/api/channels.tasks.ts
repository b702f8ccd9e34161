/**
 * Channel names of long work (issue 10, "Off the main thread"). Schemas: ./contract.tasks.ts.
 * A long call (projectFiles.inspect/apply/export, reports.export) takes an optional `taskId` the
 * window made up; while it runs, main sends 'task.progress' events with that id, and
 * 'tasks.cancel' with it stops the call, which then answers with the error code 'cancelled' and
 * leaves nothing half-written.
 */
export const TASK_CHANNELS = ['tasks.cancel'] as const;

/** The calls that take a taskId: they report progress and can be cancelled. */
export const LONG_CHANNELS = ['projectFiles.inspect', 'projectFiles.apply', 'projectFiles.export', 'reports.export', 'references.inspect', 'references.import'] as const;
