import {
  type AnswerFields,
  type BodyCodeMeaning,
  classifyChatAnswer,
  type HttpAnswer,
} from '../http/index.js';
import type { NotifyError } from '../notify-error.js';

/** What DingTalk answered, and the robot's rate window (the wait after `130101`). */
export interface DingtalkOutcome {
  answer: HttpAnswer;
  rateWindowMs: number;
}

const FIELDS: AnswerFields = { code: ['errcode'], message: ['errmsg'] };
const SERVICE = 'DingTalk';

/**
 * The one place that reads DingTalk's answers. It answers HTTP 200 with `errcode` in the body:
 * `130101` (more than 20 messages a minute) waits out the window; `-1` (system busy) retries;
 * everything else — a bad signature, a missing keyword, an IP not allowed, a wrong token, a disabled
 * robot, a message too long — needs the configuration changed, so it is permanent.
 */
export function classifyDingtalk(
  channel: string,
  outcome: DingtalkOutcome,
  secrets: readonly string[],
): NotifyError | undefined {
  return classifyChatAnswer(
    channel,
    SERVICE,
    outcome.answer,
    FIELDS,
    (code) => meaningOf(code, outcome.rateWindowMs),
    secrets,
  );
}

function meaningOf(code: number, rateWindowMs: number): BodyCodeMeaning {
  switch (code) {
    case 130101:
      return { retryable: true, retryAfterMs: rateWindowMs, meaning: 'more than 20 messages a minute' };
    case -1:
      return { retryable: true, meaning: 'DingTalk is busy' };
    case 310000:
      return {
        retryable: false,
        meaning:
          'the robot security setting refused it: check the signing secret, the keyword, the IP allow-list and this clock',
      };
    case 300001:
      return { retryable: false, meaning: 'the access_token is invalid' };
    case 400013:
      return { retryable: false, meaning: 'the robot is disabled' };
    case 460101:
      return { retryable: false, meaning: 'the message is too long' };
    default:
      return { retryable: false, meaning: 'see the DingTalk robot documentation' };
  }
}
