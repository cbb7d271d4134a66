/** Where a conversation about one job lives: its first message in a chat. */
export interface ThreadRoot {
  /** The message's id in the chat (Slack: `ts`). */
  ts: string;
  /** The chat's own id for the channel the root is in (Slack answers `C0…` for `#ml-jobs`). */
  channelId: string;
}

/**
 * What a channel remembers of its conversations, shared by every process and kept across restarts
 * (Redis, see store/thread-store.ts): the root message of each job's thread, and which events were
 * already posted to it, so that a retried batch does not post them twice.
 */
export interface ThreadStore {
  /** The root of `thread` in `channel`, if any, and whether `eventId` was already posted there. */
  get(channel: string, thread: string, eventId: string): Promise<{ root?: ThreadRoot; posted: boolean }>;
  /** Records that `eventId` was posted to `thread`; `root` when that post began the thread. */
  posted(channel: string, thread: string, eventId: string, root?: ThreadRoot): Promise<void>;
}
