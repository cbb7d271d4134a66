import type { ThreadStore } from '../../core/threads.js';
import type { ChannelSender } from '../channel.js';
import { NotifyError } from '../notify-error.js';
import { isThreadOp, type SlackMessage } from './app-message.js';
import { classifySlackApiResponse, type SlackApiOk } from './slack-api-errors.js';
import { slackRequestError } from './slack-errors.js';
import { callSlackApi } from './web-api.js';

export interface SlackAppSettings {
  apiUrl: string;
  botToken: string;
  channel: string;
  secrets: readonly string[];
}

/**
 * Slack app mode's transport. A job's first event posts the thread's root; each later one replies in
 * the thread (failures broadcast to the channel) and then updates the root to the job's state now.
 * The thread and the events already posted are remembered in `threads` before the next step, so a
 * retry after a crash repeats at most the one post whose answer was lost.
 */
export function slackAppSender(
  name: string,
  settings: SlackAppSettings,
  threads: ThreadStore,
): ChannelSender<SlackMessage> {
  const call = async (method: string, body: object, signal: AbortSignal): Promise<SlackApiOk> => {
    const outcome = await callSlackApi(settings.apiUrl, method, settings.botToken, body, signal);
    if ('error' in outcome) throw slackRequestError(name, outcome.error, signal.aborted);
    const answer = classifySlackApiResponse(name, method, outcome.response, settings.secrets);
    if (answer instanceof NotifyError) throw answer;
    return answer;
  };
  return {
    async send(message, signal) {
      if (!isThreadOp(message)) {
        await call('chat.postMessage', { channel: settings.channel, ...message }, signal);
        return;
      }
      const { root, posted } = await threads.get(name, message.thread, message.eventId);
      if (root === undefined) {
        const ok = await call('chat.postMessage', { channel: settings.channel, ...message.state }, signal);
        await threads.posted(name, message.thread, message.eventId, { ts: ok.ts, channelId: ok.channel });
        return;
      }
      if (!posted) {
        for (const [index, part] of message.reply.entries()) {
          const broadcast = message.broadcast && index === 0 ? { reply_broadcast: true } : {};
          await call(
            'chat.postMessage',
            { channel: root.channelId, thread_ts: root.ts, ...part, ...broadcast },
            signal,
          );
        }
        await threads.posted(name, message.thread, message.eventId);
      }
      await call('chat.update', { channel: root.channelId, ts: root.ts, ...message.state }, signal);
    },
  };
}
