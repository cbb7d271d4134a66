export { type ChatDigest, chatDigest } from './chat-digest.js';
export { type ChatMarkup, eventMarkdown, packLines, segmentsMarkdown, utf8Bytes } from './chat-markdown.js';
export { type EventView, eventView } from './event-view.js';
export { batchSummary, plainHeadline } from './headline.js';
export { kindLabel, STATUS_EMOJI, usageUnit } from './labels.js';
export type { EventField, Segment } from './segments.js';
export { groupSweeps, type JobGroup } from './sweeps.js';
export { multiLine, oneLine, shorten } from './text.js';
export { elapsedMs, formatInstant, spanText } from './time.js';
