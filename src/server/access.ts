import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../core/loopback.js';

/** Who may read what: the token the page and `/api/*` ask for, and whether `/metrics` asks too. */
export interface AccessSettings {
  token?: string;
  metrics: 'open' | 'token';
}

const COOKIE = 'dashwatch_session';
const COOKIE_MAX_AGE_S = 30 * 86_400;

/**
 * Checks requests against the configured token: `Authorization: Bearer <token>` for scripts and
 * Prometheus, or the session cookie the login form sets for browsers. The cookie holds an HMAC of
 * the token, not the token, and stays valid until the token changes. Without a token the server is
 * on loopback (the daemon refuses anything else), and then only loopback Host names are served, so
 * a web page cannot read the API through DNS rebinding.
 */
export class Access {
  private readonly tokenDigest: Buffer | undefined;
  private readonly session: string | undefined;

  constructor(private readonly settings: AccessSettings) {
    const { token } = settings;
    this.tokenDigest = token === undefined ? undefined : digest(token);
    this.session =
      token === undefined
        ? undefined
        : createHmac('sha256', token).update('dashwatch status page session').digest('base64url');
  }

  get required(): boolean {
    return this.tokenDigest !== undefined;
  }

  /** Whether `request` may read the page and the API. */
  allowsPage(request: IncomingMessage): boolean {
    if (!this.required) return loopbackHostHeader(request);
    return this.hasBearer(request) || this.hasSession(request);
  }

  /** Whether `request` may read `/metrics`. */
  allowsMetrics(request: IncomingMessage): boolean {
    return this.settings.metrics === 'open' || this.hasBearer(request);
  }

  /** Whether a submitted token is the configured one. */
  accepts(token: string): boolean {
    return this.tokenDigest !== undefined && timingSafeEqual(digest(token), this.tokenDigest);
  }

  /** The Set-Cookie header that signs a browser in. */
  sessionCookie(): string {
    return `${COOKIE}=${this.session ?? ''}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}`;
  }

  private hasBearer(request: IncomingMessage): boolean {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
    return match?.[1] !== undefined && this.accepts(match[1]);
  }

  private hasSession(request: IncomingMessage): boolean {
    if (this.session === undefined) return false;
    for (const part of (request.headers.cookie ?? '').split(';')) {
      const [name, value] = part.trim().split('=', 2);
      // Digests of equal length, so the comparison takes the same time whatever was sent.
      if (name === COOKIE && value !== undefined && timingSafeEqual(digest(value), digest(this.session))) {
        return true;
      }
    }
    return false;
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function loopbackHostHeader(request: IncomingMessage): boolean {
  const host = request.headers.host;
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return isLoopbackHost(name);
}
