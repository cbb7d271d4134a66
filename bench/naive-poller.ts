import type { Logger } from '../src/core/logger.js';
import type { JobKind, JobRecord, JobStatus } from '../src/core/types.js';
import type { DashScopeClient } from '../src/dashscope/index.js';
import { KINDS, normalizeItems } from '../src/kinds/index.js';

const LIST_KINDS = ['fine_tune', 'model_import', 'compression'] as const;
const PAGE_SIZE = 100;

export interface NaiveCycle {
  requests: number;
  pages: number;
  /** Jobs whose status differs from the previous cycle's (new ones included, from the second cycle on). */
  changes: number;
}

/**
 * The poller dashwatch is compared with: every page of every list at `page_size` 100 each cycle, the
 * checkpoints of every fine-tune of a checkpoint-emitting model, and a diff against the previous
 * cycle kept in memory (no Redis: nothing survives a restart, which flatters it).
 */
export class NaivePoller {
  private previous = new Map<string, JobStatus>();
  private first = true;

  constructor(
    private readonly client: DashScopeClient,
    private readonly checkpointModels: readonly string[],
    private readonly logger: Logger,
    private readonly ctx = { account: 'naive', timeZone: 'Asia/Shanghai' },
  ) {}

  async cycle(signal: AbortSignal): Promise<NaiveCycle> {
    const before = this.client.requestCount;
    const current = new Map<string, JobStatus>();
    let pages = 0;
    const keep = (kind: JobKind, records: readonly JobRecord[]) => {
      for (const record of records) current.set(`${kind}:${record.id}`, record.status);
    };
    const parents: string[] = [];
    for (const kind of LIST_KINDS) {
      for (let pageNo = 1; ; pageNo++) {
        const list = KINDS[kind].list;
        const { output } = await this.client.list(list, { page_no: pageNo, page_size: PAGE_SIZE }, signal);
        pages++;
        const items = output[list.itemsKey];
        const raw = Array.isArray(items) ? items : [];
        const records = normalizeItems(KINDS[kind], raw, this.ctx, this.logger).records;
        keep(kind, records);
        if (kind === 'fine_tune') {
          for (const r of records) if (r.model && this.checkpointModels.includes(r.model)) parents.push(r.id);
        }
        if (raw.length < PAGE_SIZE || pageNo * PAGE_SIZE >= output.total) break;
      }
    }
    for (const parent of parents) {
      const { output } = await this.client.array(
        `/fine-tunes/${encodeURIComponent(parent)}/checkpoints`,
        signal,
      );
      pages++;
      keep('checkpoint', normalizeItems(KINDS.checkpoint, output, this.ctx, this.logger).records);
    }
    let changes = 0;
    if (!this.first) {
      for (const [key, status] of current) if (this.previous.get(key) !== status) changes++;
    }
    this.first = false;
    this.previous = current;
    return { requests: this.client.requestCount - before, pages, changes };
  }
}
