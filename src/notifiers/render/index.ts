export { type EventView, eventView } from './event-view.js';
export { batchSummary, plainHeadline } from './headline.js';
export { kindLabel, STATUS_EMOJI, usageUnit } from './labels.js';
export type { EventField, Segment } from './segments.js';
export { multiLine, oneLine, shorten } from './text.js';
export { elapsedMs, formatInstant, spanText } from './time.js';
