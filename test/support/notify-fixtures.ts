import { createLogger, type Logger } from '../../src/core/logger.js';
import type { JobEvent, JobRecord, WatchEvent } from '../../src/core/types.js';

/** A fine-tune that failed after 1h21m27s, with every field a failure message shows. */
export const FAILED_JOB: JobRecord = {
  kind: 'fine_tune',
  account: 'prod',
  id: 'ft-202410291653-a1b2',
  status: 'FAILED',
  rawStatus: 'FAILED',
  name: 'support-bot-v2',
  model: 'qwen-plus',
  baseModel: 'qwen-plus',
  createdAt: '2024-10-29T08:53:53.000Z',
  endedAt: '2024-10-29T10:15:20.000Z',
  usage: 1234567,
  error: {
    code: 'InvalidParameter',
    message: 'Training file line 42: "messages" is missing.\nFix the file and resubmit.',
  },
};

export const FAILED_EVENT: JobEvent = {
  id: 'evt-failed-0001',
  type: 'transition',
  from: 'RUNNING',
  to: 'FAILED',
  job: FAILED_JOB,
  detectedAt: '2024-10-29T10:16:00.000Z',
};

/** API text written to attack every format dashwatch renders into. */
export const EVIL_NAME = '<!channel> *x* <http://evil|click>';
export const EVIL_MESSAGE = 'bad\r\nBcc: victim@example.com\r\n<script>alert(1)</script> & `code` _i_ ~s~';

export const EVIL_EVENT: JobEvent = {
  ...FAILED_EVENT,
  id: 'evt-evil-0001',
  job: {
    ...FAILED_JOB,
    id: 'ft-evil-<b>',
    name: EVIL_NAME,
    error: { code: '<!here>', message: EVIL_MESSAGE },
  },
};

/** `count` distinct succeeded fine-tunes, ids `ft-bulk-0000` … */
export function bulkEvents(count: number): JobEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `ft-bulk-${String(i).padStart(4, '0')}`;
    return {
      id: `evt-${id}`,
      type: 'transition',
      from: 'RUNNING',
      to: 'SUCCEEDED',
      detectedAt: '2024-10-29T10:16:00.000Z',
      job: {
        ...FAILED_JOB,
        id,
        name: `bulk job ${i}`,
        status: 'SUCCEEDED',
        rawStatus: 'SUCCEEDED',
        output: `qwen-plus-ft-${id}`,
        error: undefined,
      },
    } satisfies JobEvent;
  });
}

export const WATCH_FAILING: WatchEvent = {
  id: 'evt-watch-0001',
  type: 'watch_failing',
  watch: { id: 'prod.fine_tune', account: 'prod', kind: 'fine_tune' },
  error: { code: 'Throttling', message: 'Requests rate limit exceeded', httpStatus: 429, requestId: 'req-1' },
  failures: 3,
  detectedAt: '2024-10-29T10:16:00.000Z',
};

/** A debug logger whose lines land in `lines`, to prove no secret is ever logged. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => lines.push(line) } });
  return { logger, lines };
}
