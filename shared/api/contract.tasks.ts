import { z } from 'zod';

/** Request/response schemas of the task channels, merged into ./contract.ts. */

/** Made up by the window for one long call (a UUID, say): letters, digits, '-' and '_'. */
export const TaskId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'A task id is letters, digits, “-” and “_”.' });

/** The 'task.progress' event: `done` of `total` steps of the stage named by `label` (total 0: not known). */
export const TaskProgress = z.object({
  taskId: TaskId,
  /** What is being done now, for the person: “Writing the project to your library”. */
  label: z.string().max(500),
  done: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
});
export type TaskProgress = z.infer<typeof TaskProgress>;

export const taskContract = {
  /**
   * Stops the long call started with this taskId. The call itself answers with the error code
   * 'cancelled' (nothing written: the transaction is rolled back, no file is left); a call that had
   * already finished is not undone. Answers null whether or not such a call was running.
   */
  'tasks.cancel': { request: z.object({ taskId: TaskId }).strict(), response: z.null() },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
