import type { Simulator } from '../simulator/index.js';

const DAY = 86_400_000;

/** The jobs an account has before dashwatch starts: history, and a few live ones. */
export function seedAccount(sim: Simulator, now: Date) {
  const monthAgo = new Date(now.getTime() - 30 * DAY).toISOString();
  sim.createJobs({
    kind: 'fine_tune',
    count: 40,
    status: 'SUCCEEDED',
    createdAt: monthAgo,
    spacingMs: 3_600_000,
  });
  sim.createJobs({
    kind: 'model_import',
    count: 10,
    status: 'SUCCESSED',
    createdAt: monthAgo,
    spacingMs: DAY,
  });
  sim.createJobs({
    kind: 'compression',
    count: 10,
    status: 'SUCCEEDED',
    createdAt: monthAgo,
    spacingMs: DAY,
  });
  const id = (refs: { id: string }[]) => refs[0]?.id ?? '';
  const recent = new Date(now.getTime() - 20 * 60_000).toISOString();
  return {
    supportBot: id(
      sim.createJobs({
        kind: 'fine_tune',
        status: 'RUNNING',
        model: 'qwen3-14b',
        name: 'support-bot-sft',
        createdAt: recent,
      }),
    ),
    voice: id(
      sim.createJobs({
        kind: 'fine_tune',
        status: 'RUNNING',
        model: 'cosyvoice-v3-flash',
        name: 'voice-clone-v3',
        createdAt: recent,
      }),
    ),
    imported: id(
      sim.createJobs({
        kind: 'model_import',
        status: 'PENDING',
        name: '我的 LoRA 调优模型',
        createdAt: recent,
      }),
    ),
    quantized: id(
      sim.createJobs({
        kind: 'compression',
        status: 'PENDING',
        name: 'qwen3.5-flash 压缩任务',
        createdAt: recent,
      }),
    ),
  };
}

/** One step of the story: what happens in the account, and when (after the baseline). */
export interface ScenarioStep {
  atMs: number;
  say: string;
  act(): void;
}

/** Jobs of every kind moving along their real paths, a Chinese failure, a stuck job, a burst. */
export function scenario(sim: Simulator, jobs: ReturnType<typeof seedAccount>): ScenarioStep[] {
  const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
  return [
    {
      atMs: 1000,
      say: 'fine-tune support-bot-sft succeeds; the import starts; nightly-eval-sft joins the queue (stuck alert after 15 s)',
      act() {
        sim.setStatus(jobs.supportBot, 'SUCCEEDED');
        sim.setStatus(jobs.imported, 'RUNNING');
        sim.setStatus(jobs.quantized, 'QUEUING');
        sim.createJobs({
          kind: 'fine_tune',
          status: 'QUEUING',
          model: 'qwen3-32b',
          name: 'nightly-eval-sft',
        });
        sim.addCheckpoints(jobs.voice, { status: 'PENDING' });
      },
    },
    {
      atMs: 6000,
      say: 'the import fails (OSS error, in Chinese); compression runs; a checkpoint is ready and expires in 30 h',
      act() {
        sim.setStatus(jobs.imported, 'FAILED');
        sim.setStatus(jobs.quantized, 'RUNNING');
        sim.addCheckpoints(jobs.voice, { status: 'SUCCEEDED', expireAt: hours(30) });
      },
    },
    {
      atMs: 11_000,
      say: 'a burst: 25 fine-tunes are created and finish between two polls',
      act() {
        sim.createJobs({
          kind: 'fine_tune',
          count: 25,
          status: 'SUCCEEDED',
          model: 'qwen3-8b',
          name: 'sweep-lr',
        });
      },
    },
    {
      atMs: 16_000,
      say: 'compression and the voice fine-tune succeed',
      act() {
        sim.setStatus(jobs.quantized, 'SUCCEEDED');
        sim.setStatus(jobs.voice, 'SUCCEEDED');
      },
    },
  ];
}
