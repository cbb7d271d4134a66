import { z } from 'zod';
import { pacingFields, unlessMissing } from '../../config/fields.js';
import { defineChannel } from '../channel.js';
import { wordsFor } from '../render/index.js';
import { renderDigest } from './digest-render.js';
import { type MailContent, renderEventMail } from './event-mail.js';
import { headerValue } from './mail-header.js';
import { classifySmtpError } from './smtp-errors.js';
import { smtpSecrets } from './smtp-secrets.js';

export { type DigestRenderOptions, renderDigest } from './digest-render.js';
export { type EventMailOptions, type MailContent, renderEventMail } from './event-mail.js';
export { headerValue } from './mail-header.js';
export { classifySmtpError } from './smtp-errors.js';

/** How a mail failed: nodemailer's error, and whether we stopped waiting ourselves. */
interface SmtpFailure {
  error: unknown;
  aborted: boolean;
}

function classifyFailure(channel: string, failure: SmtpFailure, secrets: readonly string[]) {
  return classifySmtpError(channel, failure.error, secrets, failure.aborted);
}

export const emailChannelSchema = z.strictObject({
  type: z.literal('email'),
  smtpUrl: z.url({ protocol: /^smtps?$/, error: unlessMissing('must be an smtp:// or smtps:// URL') }),
  from: z.string().min(3),
  to: z.array(z.email()).min(1),
  // No pause between mails by default; more events than fit one mail wait for the next.
  ...pacingFields({ minInterval: 0, maxJobsPerMessage: 100, maxJobsPerMessageLimit: 500 }),
  subjectPrefix: z.string().default('[dashwatch]'),
});
export type EmailChannelConfig = z.infer<typeof emailChannelSchema>;

/**
 * Mail through any SMTP server, over a pooled transport: one mail (text + HTML) per batch. The SMTP
 * password appears in no error and no log line. An abort stops waiting but cannot recall a mail the
 * server may already have accepted.
 */
export const email = defineChannel({
  type: 'email',
  schema: emailChannelSchema,
  env: {
    name: 'email',
    vars: { smtpUrl: 'SMTP_URL', from: 'EMAIL_FROM', to: 'EMAIL_TO' },
    when: ['smtpUrl', 'to'],
    lists: ['to'],
    defaults: { from: 'dashwatch <dashwatch@localhost>' },
  },
  secretKeys: ['smtpUrl'],
  secretValues: (config) => smtpSecrets(config.smtpUrl),
  defaultRouting: 'mail',
  destination: (config) => `${config.smtpUrl} ${config.to.join(',')}`,
  classify: classifyFailure,
  renderEvents: (batch, config, ctx) => [
    renderEventMail(batch, { subjectPrefix: config.subjectPrefix, words: wordsFor(ctx.locale) }),
  ],
  renderDigest: (report, config, ctx) => [
    renderDigest(report, { subjectPrefix: config.subjectPrefix, words: wordsFor(ctx.locale) }),
  ],
  async open(name, config, { logger }) {
    // Loaded here, not at the top: only processes that send mail carry the SMTP library.
    const { createSmtpTransport } = await import('./smtp-transport.js');
    const transport = createSmtpTransport(config.smtpUrl);
    const { transporter } = transport;
    const secrets = smtpSecrets(config.smtpUrl);
    return {
      async send(mail: MailContent, signal: AbortSignal) {
        const fail = (error: unknown) => classifyFailure(name, { error, aborted: signal.aborted }, secrets);
        if (signal.aborted) throw fail(signal.reason);
        let onAbort: (() => void) | undefined;
        const aborted = new Promise<never>((_, reject) => {
          onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
        });
        try {
          await Promise.race([
            transporter.sendMail({
              from: config.from,
              to: config.to,
              subject: headerValue(mail.subject),
              text: mail.text,
              html: mail.html,
            }),
            aborted,
          ]);
        } catch (error) {
          // Given up on: its connection (hung, or mid-transaction) is cut, and the next mail gets a fresh one.
          if (signal.aborted) transport.destroyConnections();
          throw fail(error);
        } finally {
          if (onAbort) signal.removeEventListener('abort', onAbort);
        }
        logger.debug({ recipients: config.to.length }, 'mail sent');
      },
      async close() {
        transporter.close();
        transport.destroyConnections();
      },
    };
  },
});
