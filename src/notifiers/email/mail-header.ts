import { oneLine, shorten } from '../render/index.js';

const SUBJECT_MAX = 200;

/**
 * A mail header value built from API text: no CR, LF or other control character survives, so no
 * header can be injected; overly long values are shortened with a visible ellipsis (the body has all).
 */
export function headerValue(text: string, max = SUBJECT_MAX): string {
  return shorten(oneLine(text), max);
}
