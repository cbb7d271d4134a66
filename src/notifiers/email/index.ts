export { type DigestRenderOptions, type DigestReport, renderDigest } from './digest-render.js';
export { createEmailNotifier, type EmailNotifier } from './email-notifier.js';
export { type EventMailOptions, type MailContent, renderEventMail } from './event-mail.js';
export { headerValue } from './mail-header.js';
export { classifySmtpError } from './smtp-errors.js';
