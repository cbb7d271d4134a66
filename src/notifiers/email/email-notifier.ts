import type { EmailChannelConfig } from '../../config/schema.js';
import type { DashwatchEvent } from '../../core/types.js';
import type { Notifier, NotifierDeps, SendProgress } from '../notifier.js';
import { type MailContent, renderEventMail } from './event-mail.js';
import { headerValue } from './mail-header.js';
import { classifySmtpError } from './smtp-errors.js';
import { createSmtpTransport } from './smtp-transport.js';

/** An email channel: one mail per batch, and `sendMail` for mails rendered elsewhere (the digest). */
export interface EmailNotifier extends Notifier {
  readonly type: 'email';
  /** Sends a rendered mail through the channel's pooled transport; throws `NotifyError`. */
  sendMail(mail: MailContent, signal: AbortSignal): Promise<void>;
  close(): Promise<void>;
}

/**
 * An SMTP channel over a pooled transport. The SMTP password appears in no error and no log line.
 * An abort stops waiting but cannot recall a mail the server may already have accepted.
 */
export function createEmailNotifier(
  name: string,
  config: EmailChannelConfig,
  deps: NotifierDeps,
): EmailNotifier {
  const logger = deps.logger.child({ channel: name, channelType: 'email' });
  const { transporter, secrets } = createSmtpTransport(config.smtpUrl);

  const sendMail = async (mail: MailContent, signal: AbortSignal): Promise<void> => {
    if (signal.aborted) throw classifySmtpError(name, signal.reason, secrets, true);
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
      throw classifySmtpError(name, error, secrets, signal.aborted);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
    logger.debug({ recipients: config.to.length }, 'mail sent');
  };

  return {
    type: 'email',
    name,
    async send(
      batch: readonly DashwatchEvent[],
      signal: AbortSignal,
      progress?: SendProgress,
    ): Promise<void> {
      // One mail per batch: a retry after it was accepted must not send it again.
      if (batch.length === 0 || (progress?.alreadySent ?? 0) > 0) return;
      await progress?.beforeMessage();
      await sendMail(renderEventMail(batch, { subjectPrefix: config.subjectPrefix }), signal);
      await progress?.messageSent();
    },
    sendMail,
    async close(): Promise<void> {
      transporter.close();
    },
  };
}
