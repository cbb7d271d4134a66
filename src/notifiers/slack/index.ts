export { SECTION_MAX } from './event-lines.js';
export { classifySlackResponse, type SlackResponse } from './slack-errors.js';
export {
  HEADER_MAX,
  MAX_BLOCKS,
  renderSlackMessages,
  type SlackBlock,
  type SlackPayload,
  type SlackRenderOptions,
} from './slack-message.js';
export { createSlackNotifier } from './slack-notifier.js';
