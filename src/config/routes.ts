import { z } from 'zod';
import { JOB_STATUSES, type JobKind } from '../core/types.js';
import { JOB_KINDS } from '../kinds/registry.js';

export const EVENT_TYPES = [
  'created',
  'transition',
  'removed',
  'stuck',
  'expiring',
  'watch_failing',
  'watch_recovered',
  'store_failing',
  'store_recovered',
  'store_reset',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const jobKindSchema = z.enum(JOB_KINDS as [JobKind, ...JobKind[]]);
const jobStatus = z.enum(JOB_STATUSES);

export const routeSchema = z.strictObject({
  match: z
    .strictObject({
      kinds: z.array(jobKindSchema).optional(),
      types: z.array(z.enum(EVENT_TYPES)).optional(),
      from: z.array(jobStatus).optional(),
      to: z.array(jobStatus).optional(),
      /** Globs (`*`, `?`) on the job's model, base model or output. */
      models: z.array(z.string()).optional(),
      accounts: z.array(z.string()).optional(),
    })
    .default({}),
  channels: z.array(z.string()).default([]),
  digests: z.array(z.string()).default([]),
});
export type RouteConfig = z.infer<typeof routeSchema>;
