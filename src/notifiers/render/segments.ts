/**
 * A piece of a field's value. `api` text came from DashScope (or the config) and is untrusted: each
 * channel escapes it and shows it literally (Slack: in code). Text without `api` is dashwatch's own.
 */
export interface Segment {
  text: string;
  api?: boolean;
}

/** One labelled line of an event; `block` is multi-line API text (an error message) shown under it. */
export interface EventField {
  label: string;
  value: Segment[];
  block?: string;
  /**
   * The block is the end of a log: a channel that cannot show all of it keeps its last whole lines
   * (see `lastLines`) instead of splitting it over several blocks.
   */
  tail?: boolean;
}

export const api = (text: string): Segment => ({ text, api: true });
export const own = (text: string): Segment => ({ text });
