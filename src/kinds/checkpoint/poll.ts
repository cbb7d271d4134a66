import { isTerminal, type JobRecord } from '../../core/types.js';
import type { TrackedJob } from '../../store/index.js';
import type { PollContext, PollResult } from '../kind.js';
import { normalizeItems } from '../normalize/items.js';
import { normalizeContext } from '../scan/list-reader.js';
import { PeerNotReadyError } from '../scan/peer-not-ready-error.js';
import { fullScanDue, META_FULL_AT, META_TOTAL } from '../scan/scan-plan.js';

/** Fine-tunes whose checkpoints are still followed, kept between cycles. */
const META_OPEN = 'openParents';
/** Checkpoints live 15 days; a fine-tune older than this has none left to follow. */
const CHECKPOINT_LIFETIME_MS = 16 * 24 * 60 * 60 * 1000;

/**
 * Checkpoints have no list of their own: they are read per fine-tune, for fine-tunes of models that
 * emit them, while the fine-tune is live and until every one of its checkpoints has settled.
 */
export async function pollCheckpoints(ctx: PollContext): Promise<PollResult> {
  const full = fullScanDue(ctx);
  const fineTunes = await ctx.peer('fine_tune', full ? 'all' : 'hot');
  // A baseline taken before the fine-tunes are known would miss their checkpoints and announce
  // them as new later: wait for the fine-tune watch's own baseline.
  if (fineTunes === undefined) throw new PeerNotReadyError('fine_tune');
  const parents = new Set<string>(JSON.parse(ctx.state.notes[META_OPEN] ?? '[]') as string[]);
  for (const [id, entry] of fineTunes) {
    if (emitsCheckpoints(ctx, entry) && (!isTerminal(entry.status) || (full && recent(ctx, entry))))
      parents.add(id);
  }
  const records: JobRecord[] = [];
  const notFound: string[] = [];
  const stillOpen: string[] = [];
  for (const parent of [...parents].sort()) {
    const raw = await ctx.api.array(`/fine-tunes/${encodeURIComponent(parent)}/checkpoints`, ctx.signal);
    if (raw === null) {
      notFound.push(...hotCheckpointsOf(ctx, parent));
      continue;
    }
    const found = normalizeItems(ctx.kind, raw, normalizeContext(ctx), ctx.logger).records;
    records.push(...found);
    const parentEntry = fineTunes.get(parent);
    const parentLive = parentEntry !== undefined && !isTerminal(parentEntry.status);
    if (parentLive || found.some((checkpoint) => !isTerminal(checkpoint.status))) stillOpen.push(parent);
  }
  return {
    records,
    complete: false,
    notFound,
    notes: {
      [META_OPEN]: JSON.stringify(stillOpen),
      [META_TOTAL]: String(records.length),
      [META_FULL_AT]: full ? ctx.now.toISOString() : (ctx.state.notes[META_FULL_AT] ?? ctx.now.toISOString()),
    },
    pages: parents.size,
    fullScan: full,
  };
}

function emitsCheckpoints(ctx: PollContext, entry: TrackedJob): boolean {
  return entry.model !== undefined && ctx.settings.checkpointModels.includes(entry.model);
}

function recent(ctx: PollContext, entry: TrackedJob): boolean {
  return (
    entry.createdAt === undefined || ctx.now.getTime() - Date.parse(entry.createdAt) < CHECKPOINT_LIFETIME_MS
  );
}

function hotCheckpointsOf(ctx: PollContext, parent: string): string[] {
  return [...ctx.state.hot].filter(([, entry]) => entry.parentId === parent).map(([id]) => id);
}
