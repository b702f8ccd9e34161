import { z } from 'zod';

/** Request/response schemas of the file channels, merged into ./contract.ts. */

/** A path the app itself wrote in this session (main refuses any other). */
const FileRequest = z.object({ path: z.string().min(1).max(4_096) }).strict();

export const fileContract = {
  /** Shows the file selected in the system's file manager. */
  'files.showInFolder': { request: FileRequest, response: z.null() },
  /** Opens the file with the program the system uses for its kind; never runs a program. */
  'files.open': { request: FileRequest, response: z.null() },
} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
