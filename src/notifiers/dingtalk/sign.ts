import { createHmac } from 'node:crypto';

/**
 * The robot URL with DingTalk's signature: `timestamp` (milliseconds) and `sign` = base64 of
 * HMAC-SHA256 keyed with the secret over `timestamp + "\n" + secret`, both as query parameters.
 * DingTalk refuses a timestamp more than about an hour from its clock (errcode 310000).
 */
export function signedUrl(webhookUrl: string, secret: string, nowMs: number): string {
  const timestamp = String(nowMs);
  const url = new URL(webhookUrl);
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('sign', dingtalkSign(timestamp, secret));
  return url.toString();
}

export function dingtalkSign(timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}
