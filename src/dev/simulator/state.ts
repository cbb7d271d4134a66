import { FaultRegistry } from './faults.js';
import { ZonedFormatter } from './formats.js';
import type { ListOrder } from './job-store.js';
import { JobStore } from './job-store.js';
import type { SimCheckpoint, SimJob, SimJobKind } from './model.js';
import { Prng } from './prng.js';
import { Renderer } from './render.js';
import { RequestLog } from './request-log.js';

/** The settings a simulator's state is built from (resolved options). */
export interface SimConfig {
  apiKeys: string[];
  timeZone: string;
  importOrder: ListOrder;
  seed: number;
  now: () => Date;
}

/** Everything one simulator holds; `reset()` replaces it wholesale. */
export class SimState {
  readonly prng: Prng;
  readonly zoned: ZonedFormatter;
  readonly renderer: Renderer;
  readonly stores: Record<SimJobKind, JobStore> = {
    fine_tune: new JobStore(),
    model_import: new JobStore(),
    compression: new JobStore(),
  };
  /** Per fine-tune, sorted by step, largest first (the order the API answers in). */
  readonly checkpointsByJob = new Map<string, SimCheckpoint[]>();
  readonly checkpoints = new Map<string, SimCheckpoint>();
  readonly keys: Set<string>;
  readonly faults: FaultRegistry;
  readonly log = new RequestLog();
  private seq = 0;

  constructor(readonly config: SimConfig) {
    this.prng = new Prng(config.seed);
    // A separate stream, so injecting faults does not shift the ids of later jobs.
    this.faults = new FaultRegistry(new Prng(config.seed ^ 0x5eed));
    this.zoned = new ZonedFormatter(config.timeZone);
    this.renderer = new Renderer(this.zoned);
    this.keys = new Set(config.apiKeys);
  }

  nextSeq(): number {
    return this.seq++;
  }

  nowMs(): number {
    return this.config.now().getTime();
  }

  findJob(id: string): SimJob | undefined {
    return (
      this.stores.fine_tune.get(id) ?? this.stores.model_import.get(id) ?? this.stores.compression.get(id)
    );
  }

  taken(id: string): boolean {
    return this.findJob(id) !== undefined;
  }
}
