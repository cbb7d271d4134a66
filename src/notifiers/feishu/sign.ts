import { createHmac } from 'node:crypto';

/**
 * Feishu's bot signature: base64 of HMAC-SHA256 keyed with `timestamp + "\n" + secret` over an empty
 * message; `timestamp` is in seconds. Both go in the JSON body; Feishu refuses a timestamp more than an
 * hour from its clock (code 19021).
 */
export function feishuSign(timestampSeconds: string, secret: string): string {
  return createHmac('sha256', `${timestampSeconds}\n${secret}`).update('').digest('base64');
}
