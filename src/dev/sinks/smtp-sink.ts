import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { type AddressObject, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitForCount } from './wait-for.js';

/** One mail the sink accepted, parsed. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** The message exactly as sent (headers and MIME parts). */
  raw: string;
  receivedAt: string;
}

/** A local SMTP server that keeps what it receives (tests and `dashwatch demo`). No TLS; any login. */
export interface SmtpSink {
  /** `smtp://user:pass@127.0.0.1:port`; the password is random, to prove it never leaks. */
  readonly url: string;
  readonly received: ReceivedMail[];
  /** Rejects the next `count` messages at end of DATA with `code` (451: retry later; 550: refused). */
  failNext(count: number, code?: number, message?: string): void;
  /** From now on, rejects each message with chance `rate` (after any `failNext`); `undefined` stops it. */
  failRate(options: { rate: number; code?: number } | undefined): void;
  /** Messages rejected so far, by `failNext` or at random. */
  readonly failures: number;
  /** Calls `listener` for each accepted mail; returns the unsubscribe function. */
  onMail(listener: (mail: ReceivedMail) => void): () => void;
  waitFor(count: number, timeoutMs: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(options: { port?: number } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const listeners = new Set<(mail: ReceivedMail) => void>();
  const failures: { code: number; message: string }[] = [];
  let random: { rate: number; code?: number } | undefined;
  let rejected = 0;

  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    logger: false,
    closeTimeout: 1000,
    onAuth: (_auth, _session, callback) => callback(null, { user: 'sink' }),
    onData: (stream, _session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const failure = failures.shift() ?? randomFailure(random);
        if (failure !== undefined) {
          rejected += 1;
          callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            const mail: ReceivedMail = {
              from: parsed.from?.text ?? '',
              to: addresses(parsed.to),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              raw,
              receivedAt: new Date().toISOString(),
            };
            received.push(mail);
            for (const listener of listeners) listener(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  const pass = randomBytes(12).toString('hex');

  const onMail = (listener: (mail: ReceivedMail) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  return {
    url: `smtp://dashwatch:${pass}@127.0.0.1:${port}`,
    received,
    failNext: (count, code = 451, message) => {
      for (let i = 0; i < count; i += 1) failures.push({ code, message: message ?? failureText(code) });
    },
    failRate: (options) => {
      random = options;
    },
    get failures() {
      return rejected;
    },
    onMail,
    waitFor: (count, timeoutMs) => waitForCount(received, count, timeoutMs, onMail, 'mails'),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function failureText(code: number): string {
  return code >= 500 ? 'Message refused by sink' : 'Try again later (sink)';
}

function randomFailure(
  options: { rate: number; code?: number } | undefined,
): { code: number; message: string } | undefined {
  if (options === undefined || Math.random() >= options.rate) return undefined;
  const code = options.code ?? 451;
  return { code, message: failureText(code) };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  const list = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return list.flatMap((object) => object.value.map((entry) => entry.address ?? '')).filter((a) => a !== '');
}
