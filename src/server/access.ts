import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from '../core/loopback.js';
import { FailedAttempts } from './failed-attempts.js';

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
 * a web page cannot read the API through DNS rebinding. Wrong tokens are counted per client address
 * (`FailedAttempts`): past the limit, requests presenting one wait.
 */
export class Access {
  private readonly tokenDigest: Buffer | undefined;
  private readonly session: string | undefined;

  constructor(
    private readonly settings: AccessSettings,
    private readonly attempts = new FailedAttempts(),
  ) {
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

  /** Whether `/metrics` asks for the token. */
  get metricsNeedToken(): boolean {
    return this.settings.metrics === 'token';
  }

  /** Whether `request` may read `/metrics`. */
  allowsMetrics(request: IncomingMessage): boolean {
    return !this.metricsNeedToken || this.hasBearer(request);
  }

  /**
   * How long the client of `request`, which presents a token (a Bearer header, or the login form:
   * `login`), must wait before it may: 0 unless it sent too many wrong ones.
   */
  tokenWaitMs(request: IncomingMessage, login: boolean): number {
    const presents = login || bearerOf(request) !== undefined;
    return this.required && presents ? this.attempts.waitMs(clientAddress(request)) : 0;
  }

  /** The Set-Cookie header that signs a browser in. */
  sessionCookie(): string {
    return `${COOKIE}=${this.session ?? ''}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${COOKIE_MAX_AGE_S}`;
  }

  /** Whether `token`, sent with `request`, is the configured one; a wrong one counts against its sender. */
  acceptsFrom(request: IncomingMessage, token: string): boolean {
    if (this.tokenDigest !== undefined && timingSafeEqual(digest(token), this.tokenDigest)) return true;
    this.attempts.record(clientAddress(request));
    return false;
  }

  /** A Bearer token that is the configured one (another scheme is not a guess, and is not counted). */
  private hasBearer(request: IncomingMessage): boolean {
    const token = bearerOf(request);
    return token !== undefined && this.required && this.acceptsFrom(request, token);
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

/** The token of an `Authorization: Bearer …` header (empty when the header names none). */
function bearerOf(request: IncomingMessage): string | undefined {
  const match = /^Bearer(?:\s+(\S*))?\s*$/i.exec(request.headers.authorization ?? '');
  return match === null ? undefined : (match[1] ?? '');
}

function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
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
