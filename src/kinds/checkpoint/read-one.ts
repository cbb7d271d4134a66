import { asObject } from '../normalize/record.js';
import type { JobsApi } from '../scan/jobs-api.js';

const SEPARATOR = ':checkpoint-';

/** The fine-tune a checkpoint id belongs to: the part before `:checkpoint-`. */
export function parentOfCheckpoint(id: string): string | undefined {
  const at = id.indexOf(SEPARATOR);
  return at > 0 ? id.slice(0, at) : undefined;
}

/**
 * A checkpoint has no detail endpoint: it is found in its fine-tune's checkpoint list (one request,
 * no paging). Null when the fine-tune is unknown or does not list it.
 */
export async function readCheckpoint(api: JobsApi, id: string, signal: AbortSignal): Promise<unknown | null> {
  const parent = parentOfCheckpoint(id);
  if (parent === undefined) return null;
  const list = await api.array(`/fine-tunes/${encodeURIComponent(parent)}/checkpoints`, signal);
  return list?.find((item) => asObject(item)?.checkpoint_id === id) ?? null;
}
