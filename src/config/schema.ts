import { z } from 'zod';
import { WATCH_DEFAULTS } from '../core/defaults.js';
import { REGIONS } from '../dashscope/regions.js';
import { JOB_KINDS } from '../kinds/registry.js';
import { channelSchema } from '../notifiers/index.js';
import { isValidCron } from './cron.js';
import { crossReferenceProblems } from './cross-references.js';
import { defaultRoutes } from './default-routes.js';
import { duration, httpUrl, locale, timeZone, unlessMissing } from './fields.js';
import { redisSchema } from './redis-schema.js';
import { jobKindSchema, routeSchema } from './routes.js';

const regionIds = Object.keys(REGIONS) as [string, ...string[]];

export const accountSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
    apiKey: z.string().min(1, 'is empty'),
    region: z
      .enum(regionIds, { error: unlessMissing(`unknown region (one of: ${regionIds.join(', ')})`) })
      .optional(),
    baseUrl: httpUrl({ query: false })
      .refine(
        (value) =>
          !URL.canParse(value) || ['', '/api/v1'].includes(new URL(value).pathname.replace(/\/+$/, '')),
        {
          message: 'must be an origin, optionally followed by /api/v1',
        },
      )
      .optional(),
    workspace: z.string().min(1).optional(),
    kinds: z
      .array(jobKindSchema)
      .min(1)
      .default([...JOB_KINDS]),
    interval: duration(1000).optional(),
    timeZone: timeZone.optional(),
    /** Link to the account's console, shown in messages. */
    consoleUrl: httpUrl().optional(),
  })
  .refine((account) => !(account.region && account.baseUrl), {
    message: 'set region or baseUrl, not both',
    path: ['baseUrl'],
  });

export const digestSchema = z.strictObject({
  /** Any channel. */
  channel: z.string(),
  cron: z.string().refine(isValidCron, { message: 'not a valid cron expression (e.g. "0 9 * * *")' }),
  timeZone: timeZone.optional(),
  sendEmpty: z.boolean().default(false),
});

// Stuck thresholds and the expiry window are compared with elapsed time, never set as timers.
const stuckSchema = z
  .strictObject({
    PENDING: duration(0, Number.POSITIVE_INFINITY),
    QUEUING: duration(0, Number.POSITIVE_INFINITY),
    RUNNING: duration(0, Number.POSITIVE_INFINITY),
    CANCELING: duration(0, Number.POSITIVE_INFINITY),
  })
  .partial();

const configObject = z.strictObject({
  timeZone: timeZone.default('Asia/Shanghai'),
  /** The language of every message (a channel's own `locale` wins). */
  locale: locale.default('en'),
  redis: redisSchema,
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      /** 0 turns the HTTP server off. */
      port: z.number().int().min(0).max(65535).default(9464),
      /** Asked of the status page and `/api/*`; required when `host` is not loopback (server-access.ts). */
      token: z.string().min(16, 'at least 16 characters').optional(),
      /** `/metrics` open to whoever reaches the port, or behind the token. */
      metrics: z.enum(['open', 'token']).default('open'),
    })
    .prefault({}),
  polling: z
    .strictObject({
      interval: duration(1000).default(WATCH_DEFAULTS.intervalMs),
      fullScanEvery: duration(1000).default(WATCH_DEFAULTS.fullScanEveryMs),
      checkpointModels: z.array(z.string()).default([...WATCH_DEFAULTS.checkpointModels]),
      requestTimeout: duration(100).default(WATCH_DEFAULTS.requestTimeoutMs),
      concurrency: z.number().int().min(1).max(64).default(WATCH_DEFAULTS.concurrency),
      /** The most list pages (of 100 jobs) one cycle reads; a longer list fails the watch, saying so. */
      maxPagesPerCycle: z.number().int().min(10).max(100_000).default(WATCH_DEFAULTS.maxPagesPerCycle),
      /** A cycle still running after this long is aborted and counts as failed. */
      cycleTimeout: duration(10_000).default(WATCH_DEFAULTS.cycleTimeoutMs),
      notifyExisting: z.boolean().default(WATCH_DEFAULTS.notifyExisting),
    })
    .prefault({}),
  thresholds: z
    .strictObject({
      stuck: stuckSchema.default({}),
      expiringWithin: duration(0, Number.POSITIVE_INFINITY).default(WATCH_DEFAULTS.expiringWithinMs),
      failingAfter: z.number().int().min(1).default(WATCH_DEFAULTS.failingAfter),
    })
    .prefault({}),
  delivery: z
    .strictObject({
      /** How long one message may take, connecting included; past it the send is retried. */
      sendTimeout: duration(1000).default(30_000),
      /** The longest a receiver's Retry-After is honoured; a longer ask waits this long. */
      maxRetryAfter: duration(1000).default(3_600_000),
      /** How long reading a failed fine-tune's log may take, retries included, before it goes without. */
      failureLogTimeout: duration(100, 60_000).default(5000),
    })
    .prefault({}),
  /** How many of a failed fine-tune's last log lines its notification carries; 0 reads no log. */
  failureLogLines: z.number().int().min(0).max(1000).default(20),
  heartbeatUrl: httpUrl().optional(),
  accounts: z.array(accountSchema).min(1, 'at least one account is needed'),
  channels: z.record(z.string(), channelSchema).default({}),
  /** Absent: the default routes for the channels and digests defined (see default-routes.ts). */
  routes: z.array(routeSchema).optional(),
  digests: z.record(z.string(), digestSchema).default({}),
});

export const configSchema = configObject
  .superRefine(
    (config, ctx) => {
      for (const problem of crossReferenceProblems(config)) ctx.addIssue({ code: 'custom', ...problem });
    },
    // Also when some key is wrong, so that every problem is reported at once; the check reads the
    // value defensively for that reason.
    { when: () => true },
  )
  .transform((config) => ({
    ...config,
    routes: config.routes ?? defaultRoutes(config.channels, config.digests),
  }));

/** The validated configuration: the schema is its only source. */
export type Config = z.infer<typeof configSchema>;
export type AccountConfig = z.infer<typeof accountSchema>;
export type DigestConfig = z.infer<typeof digestSchema>;
