import { connect, type Socket } from 'node:net';
import nodemailer, { type Transporter } from 'nodemailer';

/** A pooled SMTP transport whose sockets dashwatch can cut: nodemailer's own close spares busy ones. */
export interface SmtpTransport {
  readonly transporter: Transporter;
  /** Destroys every open connection, busy or idle: a hung server must not hold the process. */
  destroyConnections(): void;
}

/**
 * Builds a pooled transport from an `smtp://` (STARTTLS when offered) or `smtps://` (TLS) URL with
 * optional `user:pass@`. Parsed here rather than by nodemailer, which ignores every other option
 * (pool, timeouts, logging off) once it is given a URL. Query parameters are not read. Sockets are
 * opened here (nodemailer's `getSocket`; it still does TLS itself) so each one can be destroyed.
 */
export function createSmtpTransport(smtpUrl: string): SmtpTransport {
  const url = new URL(smtpUrl);
  const user = decodeURIComponent(url.username);
  const pass = decodeURIComponent(url.password);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const secure = url.protocol === 'smtps:';
  const port = url.port === '' ? (secure ? 465 : 587) : Number(url.port);
  const sockets = new Set<Socket>();
  const getSocket = (
    _options: unknown,
    callback: (error: Error | null, socket?: { connection: Socket }) => void,
  ) => {
    const socket = connect({ host, port });
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    const onError = (error: Error) => callback(error);
    socket.once('error', onError);
    socket.once('connect', () => {
      socket.off('error', onError);
      callback(null, { connection: socket });
    });
  };
  const transporter = nodemailer.createTransport({
    pool: true,
    maxConnections: 2,
    host,
    port,
    secure,
    ...(user === '' ? {} : { auth: { user, pass } }),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    logger: false,
    debug: false,
    getSocket,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    transporter,
    destroyConnections() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
