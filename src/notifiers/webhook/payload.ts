import {
  type DashwatchEvent,
  isJobEvent,
  isSystemEvent,
  isTerminal,
  type JobEvent,
} from '../../core/types.js';
import type { DigestReport } from '../digest-report.js';

/** The version of the payload schema (docs/webhook.md): a breaking change gets a new one. */
export const WEBHOOK_SCHEMA = 'dashwatch.webhook.v1';

/** One request: the event's id (the `webhook-id`) and its JSON body, rendered once, sent as is. */
export interface WebhookMessage {
  id: string;
  body: string;
}

/** The envelope every request carries (Standard Webhooks style: `type`, `timestamp`, `data`). */
export interface WebhookEnvelope {
  schema: typeof WEBHOOK_SCHEMA;
  id: string;
  type: string;
  /** ISO 8601 UTC: when dashwatch detected it. */
  timestamp: string;
  data: Record<string, unknown>;
}

/** `job.succeeded`, `job.stuck`, `watch.failing`, `dashwatch.store_reset`, … (see docs/webhook.md). */
export function eventType(event: DashwatchEvent): string {
  if (isJobEvent(event)) return `job.${jobOutcome(event)}`;
  if (isSystemEvent(event)) return `dashwatch.${event.type}`;
  return event.type === 'watch_failing' ? 'watch.failing' : 'watch.recovered';
}

function jobOutcome(event: JobEvent): string {
  switch (event.type) {
    case 'transition':
      return (event.to ?? event.job.status).toLowerCase();
    case 'created':
      return isTerminal(event.job.status) ? event.job.status.toLowerCase() : 'created';
    default:
      return event.type;
  }
}

/** One event as one request; the body is deterministic, so a retry sends the same bytes. */
export function eventMessage(event: DashwatchEvent): WebhookMessage {
  const { id, detectedAt, ...rest } = event;
  const data: Record<string, unknown> = { event: event.type, ...withoutType(rest) };
  return message({ schema: WEBHOOK_SCHEMA, id, type: eventType(event), timestamp: detectedAt, data });
}

/** A digest as one request of type `digest`. */
export function digestMessage(report: DigestReport): WebhookMessage {
  const id = `digest-${report.name}-${Date.parse(report.windowEnd)}`;
  return message({
    schema: WEBHOOK_SCHEMA,
    id,
    type: 'digest',
    timestamp: report.windowEnd,
    data: { ...report },
  });
}

function withoutType(rest: Record<string, unknown>): Record<string, unknown> {
  const { type: _type, ...data } = rest;
  return data;
}

function message(envelope: WebhookEnvelope): WebhookMessage {
  return { id: envelope.id, body: JSON.stringify(envelope) };
}
