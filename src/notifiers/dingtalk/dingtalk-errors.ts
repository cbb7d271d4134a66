import {
  type BodyCodeMeaning,
  bodyCodeFailure,
  type HttpAnswer,
  httpFailure,
  jsonObject,
} from '../http/index.js';
import type { NotifyError } from '../notify-error.js';

/** What DingTalk answered, and the robot's rate window (the wait after `130101`). */
export interface DingtalkOutcome {
  answer: HttpAnswer;
  rateWindowMs: number;
}

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
  const failed = httpFailure(channel, SERVICE, outcome.answer, secrets);
  if (failed !== undefined) return failed;
  const body = jsonObject(outcome.answer.body);
  const code = typeof body?.errcode === 'number' ? body.errcode : undefined;
  if (code === 0) return undefined;
  const message = typeof body?.errmsg === 'string' ? body.errmsg : outcome.answer.body;
  if (code === undefined) {
    // A 200 without DingTalk's answer shape: a proxy or captive portal, not the robot.
    return bodyCodeFailure(
      channel,
      SERVICE,
      -2,
      message,
      { retryable: true, meaning: 'no errcode in the answer' },
      secrets,
    );
  }
  return bodyCodeFailure(channel, SERVICE, code, message, meaningOf(code, outcome.rateWindowMs), secrets);
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
