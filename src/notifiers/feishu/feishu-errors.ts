import {
  type AnswerFields,
  type BodyCodeMeaning,
  classifyChatAnswer,
  type HttpAnswer,
} from '../http/index.js';
import type { NotifyError } from '../notify-error.js';

const FIELDS: AnswerFields = { code: ['code', 'StatusCode'], message: ['msg', 'StatusMessage'] };
const SERVICE = 'Feishu';

/**
 * The one place that reads Feishu's (and Lark's) answers: HTTP 200 with `code` in the body (`StatusCode`
 * in older answers). Rate limits (`9499`, `11232`) and a busy server retry; a signature or timestamp
 * out of window (`19021`), an IP not allowed (`19022`), a missing keyword (`19024`) and anything else
 * need the configuration changed: permanent.
 */
export function classifyFeishu(
  channel: string,
  answer: HttpAnswer,
  secrets: readonly string[],
): NotifyError | undefined {
  return classifyChatAnswer(channel, SERVICE, answer, FIELDS, meaningOf, secrets);
}

function meaningOf(code: number): BodyCodeMeaning {
  switch (code) {
    case 9499:
    case 11232:
      // 100 a minute and 5 a second per bot: a few seconds' wait lets the second-window pass.
      return { retryable: true, retryAfterMs: 5000, meaning: 'too many requests' };
    case 19021:
      return {
        retryable: false,
        meaning: 'signature mismatch or timestamp out of window: check the secret and this clock',
      };
    case 19022:
      return { retryable: false, meaning: 'this IP is not in the bot allow-list' };
    case 19024:
      return { retryable: false, meaning: 'the bot keyword is missing from the message' };
    default:
      return { retryable: false, meaning: 'see the Feishu custom bot documentation' };
  }
}
