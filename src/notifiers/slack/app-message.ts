import { type DashwatchEvent, isJobEvent, type JobEvent } from '../../core/types.js';
import { renderSlackMessages, type SlackPayload, type SlackRenderOptions } from './slack-message.js';

/**
 * One job event in app mode: the job's thread is found (or begun) when it is sent, so the message
 * carries both what a reply says and what the root shows.
 */
export interface SlackThreadOp {
  /** The job, `account/kind/id`: one thread per job per channel. */
  thread: string;
  eventId: string;
  /** The job as it is now: the root message, posted first and then updated in place. */
  state: SlackPayload;
  /** The change, as replies in the thread (more than one only for an event too long for one message). */
  reply: SlackPayload[];
  /** Also shown in the channel (`reply_broadcast`): failures must not hide in a thread. */
  broadcast: boolean;
}

/** What the Slack channel type sends: a message (webhook, or app mode's summaries) or a thread step. */
export type SlackMessage = SlackPayload | SlackThreadOp;

export function isThreadOp(message: SlackMessage): message is SlackThreadOp {
  return 'thread' in message;
}

/**
 * A batch in app mode: each job event a step in its job's thread, each other event (a watch or Redis
 * problem) a message of its own; a burst of more than `burst` jobs is summed up in one message (or as
 * few as the limits allow) instead of flooding threads.
 */
export function renderSlackApp(
  batch: readonly DashwatchEvent[],
  options: SlackRenderOptions & { burst: number },
): SlackMessage[] {
  const jobs = new Set(batch.filter(isJobEvent).map(threadOf));
  if (jobs.size > options.burst) return renderSlackMessages(batch, options);
  return batch.flatMap((event): SlackMessage[] => {
    if (!isJobEvent(event)) return renderSlackMessages([event], options);
    const parts = renderSlackMessages([event], { ...options, maxJobsPerMessage: 1 });
    const [state] = parts;
    if (state === undefined) return [];
    return [
      {
        thread: threadOf(event),
        eventId: event.id,
        state,
        reply: parts,
        broadcast: event.job.status === 'FAILED' && event.type !== 'removed',
      },
    ];
  });
}

function threadOf(event: JobEvent): string {
  return `${event.job.account}/${event.job.kind}/${event.job.id}`;
}
