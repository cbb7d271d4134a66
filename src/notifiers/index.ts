export {
  createEmailNotifier,
  type DigestRenderOptions,
  type DigestReport,
  type EmailNotifier,
  type MailContent,
  renderDigest,
  renderEventMail,
} from './email/index.js';
export type { Notifier, NotifierDeps, NotifierFactory } from './notifier.js';
export { NotifyError, type NotifyErrorInit } from './notify-error.js';
export { createNotifier } from './registry.js';
export { createSlackNotifier, renderSlackMessages, type SlackPayload } from './slack/index.js';
