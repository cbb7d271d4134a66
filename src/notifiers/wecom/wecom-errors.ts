import {
  type AnswerFields,
  type BodyCodeMeaning,
  classifyChatAnswer,
  type HttpAnswer,
} from '../http/index.js';
import type { NotifyError } from '../notify-error.js';

const FIELDS: AnswerFields = { code: ['errcode'], message: ['errmsg'] };
const SERVICE = 'WeCom';

/**
 * The one place that reads WeCom's answers: HTTP 200 with `errcode` in the body. `45009` (more than
 * 20 a minute) waits a minute; `-1` (busy) retries; `93000` (the webhook URL is invalid: the robot was
 * removed) and everything else need the configuration changed: permanent.
 */
export function classifyWecom(
  channel: string,
  answer: HttpAnswer,
  secrets: readonly string[],
): NotifyError | undefined {
  return classifyChatAnswer(channel, SERVICE, answer, FIELDS, meaningOf, secrets);
}

function meaningOf(code: number): BodyCodeMeaning {
  switch (code) {
    case 45009:
      return { retryable: true, retryAfterMs: 60_000, meaning: 'more than 20 messages a minute' };
    case -1:
      return { retryable: true, meaning: 'WeCom is busy' };
    case 93000:
      return { retryable: false, meaning: 'the webhook URL is invalid: was the robot removed?' };
    case 40058:
      return { retryable: false, meaning: 'the message content is invalid or too long' };
    default:
      return { retryable: false, meaning: 'see the WeCom group robot documentation' };
  }
}
