import type { ServerResponse } from 'node:http';

/** Scripts, styles, images and fetches from this server only; no inline code, no framing, no forms elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

const PAGE_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** Writes a whole response; `page` adds the headers every page, asset and API answer carries. */
export function send(
  response: ServerResponse,
  status: number,
  body: string,
  type: string,
  extra: Record<string, string> = {},
  page = true,
): void {
  response.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    ...(page ? PAGE_HEADERS : {}),
    ...extra,
  });
  response.end(body);
}

/**
 * Answers 429 with Retry-After when the client of `request` sent too many wrong tokens (`waitMs` > 0);
 * false when it may go on.
 */
export function refusedForGuessing(response: ServerResponse, waitMs: number): boolean {
  if (waitMs <= 0) return false;
  send(response, 429, 'too many wrong tokens from this address; try later\n', TEXT, {
    'retry-after': String(Math.ceil(waitMs / 1000)),
  });
  return true;
}

export const HTML = 'text/html; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const TEXT = 'text/plain; charset=utf-8';

/** JSON with `<`, `>` and `&` escaped, so no byte of it can be read as markup whatever sniffs it. */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[<>&]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
