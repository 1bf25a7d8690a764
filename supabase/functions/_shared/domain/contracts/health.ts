/**
 * The `health` function's contract (no sign-in: it says nothing about anyone's data).
 *   GET  /health   → healthReport (200 when healthy, 503 when degraded)
 *   POST /health   → healthReport (the same, for callers that can only POST)
 */
import * as z from "zod/mini";

export const checkStatuses = ["up", "down"] as const;

const timedCheck = z.object({
  status: z.enum(checkStatuses),
  latencyMs: z.number(),
  error: z.optional(z.string()),
});

export const healthReport = z.object({
  status: z.enum(["healthy", "degraded"]),
  timestamp: z.string(),
  checks: z.object({
    database: timedCheck,
    storage: timedCheck,
    aiServices: z.object({
      status: z.enum(checkStatuses),
      /** Which AI providers are live, decided by which keys are set; `local` always is. */
      providers: z.record(z.string(), z.enum(["configured", "not configured"])),
    }),
  }),
});
export type HealthReport = z.infer<typeof healthReport>;
