import { createHmac } from 'node:crypto';

/** The key of a Standard Webhooks secret: the base64 after `whsec_`. */
export function secretKey(secret: string): Buffer {
  return Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
}

/**
 * Standard Webhooks headers for one attempt: `webhook-id` (the event's id: the same on every retry, the
 * receiver's dedup key), `webhook-timestamp` (this attempt, in seconds) and, with a secret,
 * `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`.
 */
export function webhookHeaders(
  id: string,
  body: string,
  secret: string | undefined,
  nowMs: number,
): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  const headers: Record<string, string> = { 'webhook-id': id, 'webhook-timestamp': timestamp };
  if (secret !== undefined)
    headers['webhook-signature'] = `v1,${webhookSignature(secret, id, timestamp, body)}`;
  return headers;
}

export function webhookSignature(secret: string, id: string, timestamp: string, body: string): string {
  return createHmac('sha256', secretKey(secret)).update(`${id}.${timestamp}.${body}`).digest('base64');
}
