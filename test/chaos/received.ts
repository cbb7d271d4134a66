import type { ReceivedMail, SinkRequest, SlackApiCall, SlackPost } from '../../src/dev/sinks/index.js';

/** `jobId>STATUS`: one notification about one job reaching one status. */
export type NotificationKey = string;

export const notificationKey = (jobId: string, status: string): NotificationKey => `${jobId}>${status}`;

// Both formats show `Job ID: …` and then `Change: A → B` (a transition) or `Status: S` (a new job).
const EVENT = /Job ID: (\S+)\n\s*(?:Change: \S+ → (\S+)|Status: (\S+))/g;

function keysIn(text: string): NotificationKey[] {
  return [...text.matchAll(EVENT)].map((m) => notificationKey(m[1] ?? '', m[2] ?? m[3] ?? ''));
}

/** The notifications in Slack posts: the mrkdwn of their sections, without the markup. */
export function slackKeys(posts: readonly SlackPost[]): NotificationKey[] {
  return posts.flatMap((post) => {
    const blocks = (post.body as { blocks?: { type: string; text?: { text: string } }[] }).blocks ?? [];
    const text = blocks
      .filter((block) => block.type === 'section')
      .map((block) => block.text?.text ?? '')
      .join('\n');
    return keysIn(text.replace(/[*`]/g, ''));
  });
}

/**
 * The notifications in Slack app mode: each new message (a thread's root, a reply, a burst's summary)
 * once; root updates repeat what a reply already said and are not counted.
 */
export function slackApiKeys(calls: readonly SlackApiCall[]): NotificationKey[] {
  return slackKeys(
    calls
      .filter((call) => call.method === 'chat.postMessage')
      .map((call) => ({ body: call.body, receivedAt: call.receivedAt })),
  );
}

/** The notifications in DingTalk markdown posts, without the markup (bold, list dashes, escapes). */
export function dingtalkKeys(posts: readonly SinkRequest[]): NotificationKey[] {
  return posts.flatMap((post) => {
    const text = (post.json as { markdown?: { text?: string } } | undefined)?.markdown?.text ?? '';
    return keysIn(text.replace(/[*\\]/g, '').replace(/^- /gm, ''));
  });
}

/** The notifications in webhook deliveries: one event each, read from its JSON. */
export function webhookKeys(posts: readonly SinkRequest[]): NotificationKey[] {
  return posts.flatMap((post) => {
    const body = post.json as {
      data?: { event?: string; to?: string; job?: { id?: string; status?: string } };
    };
    const { data } = body;
    if (data?.job?.id === undefined || (data.event !== 'created' && data.event !== 'transition')) return [];
    return [notificationKey(data.job.id, data.to ?? data.job.status ?? '')];
  });
}

/** The notifications in mails' plain-text parts. */
export function mailKeys(mails: readonly ReceivedMail[]): NotificationKey[] {
  return mails.flatMap((mail) => keysIn(mail.text));
}

export interface Tally {
  expected: number;
  received: number;
  lost: NotificationKey[];
  duplicated: NotificationKey[];
  /** Received but never expected: a change that did not happen. */
  unexpected: NotificationKey[];
}

export function tally(expected: ReadonlySet<NotificationKey>, received: readonly NotificationKey[]): Tally {
  const counts = new Map<NotificationKey, number>();
  for (const key of received) counts.set(key, (counts.get(key) ?? 0) + 1);
  return {
    expected: expected.size,
    received: received.length,
    lost: [...expected].filter((key) => !counts.has(key)),
    duplicated: [...counts].filter(([, n]) => n > 1).map(([key]) => key),
    unexpected: [...counts.keys()].filter((key) => !expected.has(key)),
  };
}

/**
 * Messages that repeat a notification an earlier message carried: a process killed after the
 * receiver accepted a message and before recording it sends that message again (the documented
 * post-then-crash window), so each kill may leave at most one such message per channel.
 */
export function repeatedMessages(messages: readonly (readonly NotificationKey[])[]): number {
  const seen = new Set<NotificationKey>();
  let repeated = 0;
  for (const keys of messages) {
    if (keys.some((key) => seen.has(key))) repeated += 1;
    for (const key of keys) seen.add(key);
  }
  return repeated;
}
