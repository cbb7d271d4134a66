export { buildChannels, closeChannels } from './channels.js';
export { digestDeps, sendDigestNow } from './digest-deps.js';
export { type DigestDeps, type DigestOutcome, sendDigest } from './digest-send.js';
export { DIGEST_QUEUE, type DigestJobData } from './digest-worker.js';
export type { LogTailReader } from './failure-log.js';
export { DELIVER_QUEUE, type FlushJobData } from './flush-jobs.js';
export {
  type DeliveryHooks,
  type NotifyPipeline,
  type PipelineExtras,
  startNotifyPipeline,
} from './pipeline.js';
export { createRouter, type Destinations } from './router.js';
