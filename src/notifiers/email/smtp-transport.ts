import nodemailer, { type Transporter } from 'nodemailer';

/**
 * Builds a pooled transport from an `smtp://` (STARTTLS when offered) or `smtps://` (TLS) URL with
 * optional `user:pass@`. Parsed here rather than by nodemailer, which ignores every other option
 * (pool, timeouts, logging off) once it is given a URL. Query parameters are not read.
 */
export function createSmtpTransport(smtpUrl: string): Transporter {
  const url = new URL(smtpUrl);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  return nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host: url.hostname.replace(/^\[|\]$/g, ''),
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    secure: url.protocol === 'smtps:',
    ...(user === '' ? {} : { auth: { user, pass } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
  });
}
