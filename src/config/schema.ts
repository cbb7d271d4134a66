import { z } from 'zod';
import { formatDuration, parseDuration } from '../core/duration.js';
import { JOB_KINDS, JOB_STATUSES } from '../core/types.js';
import { REGIONS } from '../dashscope/regions.js';
import { isValidTimeZone } from '../kinds/normalize/time.js';
import { isValidCron } from './cron.js';
import { crossReferenceProblems } from './cross-references.js';
import { defaultRoutes } from './default-routes.js';

/** `30s`, `5m`, `2h` → milliseconds. */
export const duration = (min = 0) =>
  z.union([z.string(), z.number()]).transform((value, ctx) => {
    const ms = parseDuration(value);
    if (ms === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `not a duration: "${value}" (use e.g. 500ms, 30s, 5m, 2h, 1d)`,
      });
      return z.NEVER;
    }
    if (ms < min) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${formatDuration(min)}` });
      return z.NEVER;
    }
    return ms;
  });

/** A schema's own message, except for a missing value: that one reads "is required" (see issues.ts). */
const unlessMissing = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? undefined : message;

const timeZone = z
  .string()
  .refine(isValidTimeZone, { message: 'not an IANA time zone (e.g. Asia/Shanghai)' });
const httpUrl = z.url({ protocol: /^https?$/, error: unlessMissing('must be an http(s) URL') });
const smtpUrl = z.url({ protocol: /^smtps?$/, error: unlessMissing('must be an smtp:// or smtps:// URL') });
const jobKind = z.enum(JOB_KINDS);
const jobStatus = z.enum(JOB_STATUSES);
const regionIds = Object.keys(REGIONS) as [string, ...string[]];
export const EVENT_TYPES = [
  'created',
  'transition',
  'removed',
  'stuck',
  'expiring',
  'watch_failing',
  'watch_recovered',
] as const;

export const accountSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
    apiKey: z.string().min(1, 'is empty'),
    region: z
      .enum(regionIds, { error: unlessMissing(`unknown region (one of: ${regionIds.join(', ')})`) })
      .optional(),
    baseUrl: httpUrl.optional(),
    workspace: z.string().min(1).optional(),
    kinds: z
      .array(jobKind)
      .min(1)
      .default([...JOB_KINDS]),
    interval: duration(1000).optional(),
    timeZone: timeZone.optional(),
    /** Link to the account's console, shown in messages. */
    consoleUrl: httpUrl.optional(),
  })
  .refine((account) => !(account.region && account.baseUrl), {
    message: 'set region or baseUrl, not both',
    path: ['baseUrl'],
  });

const channelCommon = {
  /** Events for this channel arriving within this window go out as one message (0 = off). */
  groupWait: duration().default(10_000),
};

export const slackChannelSchema = z.strictObject({
  type: z.literal('slack'),
  webhookUrl: httpUrl,
  ...channelCommon,
  /** Slack allows about one message per second per webhook. */
  minInterval: duration().default(1000),
  maxJobsPerMessage: z.number().int().min(1).max(40).default(20),
  consoleUrl: httpUrl.optional(),
});

export const emailChannelSchema = z.strictObject({
  type: z.literal('email'),
  smtpUrl,
  from: z.string().min(3),
  to: z.array(z.email()).min(1),
  ...channelCommon,
  /** Pause between two mails to this channel, shared by every process (0 = none). */
  minInterval: duration().default(0),
  /** Events per mail; more wait for the next one. */
  maxJobsPerMessage: z.number().int().min(1).max(500).default(100),
  subjectPrefix: z.string().default('[dashwatch]'),
});

export const channelSchema = z.discriminatedUnion('type', [slackChannelSchema, emailChannelSchema], {
  // The issue is reported on `type` with the channel as input: absent `type` is a missing key.
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const type = (issue.input as { type?: unknown } | undefined)?.type;
    return type === undefined ? 'is required' : 'unknown channel type (slack or email)';
  },
});

export const routeSchema = z.strictObject({
  match: z
    .strictObject({
      kinds: z.array(jobKind).optional(),
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

export const digestSchema = z.strictObject({
  /** An email channel. */
  channel: z.string(),
  cron: z.string().refine(isValidCron, { message: 'not a valid cron expression (e.g. "0 9 * * *")' }),
  timeZone: timeZone.optional(),
  sendEmpty: z.boolean().default(false),
});

const stuckSchema = z
  .strictObject({
    PENDING: duration(),
    QUEUING: duration(),
    RUNNING: duration(),
    CANCELING: duration(),
  })
  .partial();

const configObject = z.strictObject({
  timeZone: timeZone.default('Asia/Shanghai'),
  redis: z
    .strictObject({
      url: z
        .url({ protocol: /^rediss?$/, error: unlessMissing('must be a redis:// or rediss:// URL') })
        .default('redis://127.0.0.1:6379'),
      prefix: z.string().min(1).default('dashwatch'),
    })
    .default({ url: 'redis://127.0.0.1:6379', prefix: 'dashwatch' }),
  server: z
    .strictObject({
      host: z.string().default('127.0.0.1'),
      /** 0 turns the HTTP server off. */
      port: z.number().int().min(0).max(65535).default(9464),
    })
    .default({ host: '127.0.0.1', port: 9464 }),
  polling: z
    .strictObject({
      interval: duration(1000).default(60_000),
      fullScanEvery: duration(1000).default(3_600_000),
      checkpointModels: z.array(z.string()).default(['cosyvoice-v3-flash']),
      requestTimeout: duration(100).default(30_000),
      concurrency: z.number().int().min(1).max(64).default(4),
      notifyExisting: z.boolean().default(false),
    })
    .prefault({}),
  thresholds: z
    .strictObject({
      stuck: stuckSchema.default({}),
      expiringWithin: duration().default(48 * 3_600_000),
      failingAfter: z.number().int().min(1).default(3),
    })
    .prefault({}),
  heartbeatUrl: httpUrl.optional(),
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
export type ChannelConfig = z.infer<typeof channelSchema>;
export type SlackChannelConfig = z.infer<typeof slackChannelSchema>;
export type EmailChannelConfig = z.infer<typeof emailChannelSchema>;
export type RouteConfig = z.infer<typeof routeSchema>;
export type DigestConfig = z.infer<typeof digestSchema>;
export type EventType = (typeof EVENT_TYPES)[number];
