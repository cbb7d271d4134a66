import nodemailer, { type Transporter } from 'nodemailer';

/** A pooled SMTP transport and the strings that must never leave it (credentials in every form). */
export interface SmtpTransport {
  transporter: Transporter;
  secrets: string[];
}

/**
 * Builds a pooled transport from an `smtp://` (STARTTLS when offered) or `smtps://` (TLS) URL with
 * optional `user:pass@`. Parsed here rather than by nodemailer, which ignores every other option
 * (pool, timeouts, logging off) once it is given a URL. Query parameters are not read.
 */
export function createSmtpTransport(smtpUrl: string): SmtpTransport {
  const url = new URL(smtpUrl);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const transporter = nodemailer.createTransport({
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
  const secrets = [smtpUrl, url.password, pass, Buffer.from(`\u0000${user}\u0000${pass}`).toString('base64')];
  if (pass !== '') secrets.push(Buffer.from(pass).toString('base64'));
  return { transporter, secrets };
}
