import type { z } from 'zod';

/** Request/response schemas of the workbench channels, merged into ./contract.ts. */
export const workbenchContract = {} as const satisfies Record<string, { request: z.ZodType; response: z.ZodType }>;
