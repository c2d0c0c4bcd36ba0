import { z } from 'zod';

/** Body of every 4xx and 5xx response. Validation errors also set `issues`. */
export const ErrorResponse = z.object({
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;
