import { formatDuration } from '../../core/duration.js';
import type { Words } from './words.js';

const numbers = new Intl.NumberFormat('en-US');

/** English: status words are the API's own spellings, as operators search for them. */
export const EN: Words = {
  status: {
    PENDING: 'PENDING',
    QUEUING: 'QUEUING',
    RUNNING: 'RUNNING',
    CANCELING: 'CANCELING',
    SUCCEEDED: 'SUCCEEDED',
    FAILED: 'FAILED',
    CANCELED: 'CANCELED',
    UNKNOWN: 'UNKNOWN',
  },
  verb: (key) => key,
  kind: (_kind, label) => label,
  usageUnit: (unit) => unit,
  label: {
    jobId: 'Job ID',
    change: 'Change',
    status: 'Status',
    lastStatus: 'Last status',
    stuck: 'Stuck',
    account: 'Account',
    model: 'Model',
    outputModel: 'Output model',
    fineTune: 'Fine-tune',
    duration: 'Duration',
    elapsed: 'Elapsed',
    usage: 'Usage',
    expires: 'Expires',
    error: 'Error',
    watchId: 'Watch ID',
    failures: 'Failures',
    lastError: 'Last error',
    deployment: 'Deployment',
    since: 'Since',
    lastSeenIntact: 'Last seen intact',
    what: 'What',
    log: 'Log',
  },
  duration: formatDuration,
  number: (value) => numbers.format(value),
  soFar: (span) => `${span} so far`,
  forDuration: (span) => ` for ${span}`,
  noLongerListed: ' (no longer listed)',
  apiSays: ' (API says ',
  expired: ' (expired)',
  inDuration: (span) => ` (in ${span})`,
  failedPolls: (count) => `${count} consecutive failed polls`,
  recoveredAfter: (count) => `recovered after ${count} failed polls`,
  requestId: ' request id ',
  logTail: (shown, total) => `last ${shown} of ${total} lines`,
  logUnreadable: (reason) => `could not be read (${reason}); run: dashwatch logs <job id>`,
  watchOf: (label) => `${label} watch`,
  batch: (count, watch, failed) =>
    `${count} ${watch ? 'updates' : 'job updates'}${failed > 0 ? ` (${failed} FAILED)` : ''}`,
  partOf: (part, parts) => ` · part ${part} of ${parts}`,
  openConsole: 'Open the DashScope console',
  silenced: '🔕 silenced',
  digest: {
    title: (name) => `${name} digest`,
    headline: (finished, failed, live, problems) => {
      const parts: string[] = [];
      if (finished > 0) parts.push(`${finished} finished`);
      if (failed > 0) parts.push(`${failed} failed`);
      if (live > 0) parts.push(`${live} live`);
      if (problems > 0) parts.push(`${problems} ${problems === 1 ? 'watch problem' : 'watch problems'}`);
      return parts.length > 0 ? parts.join(', ') : 'no job activity';
    },
    counts: 'Counts',
    noCounts: 'no jobs counted',
    failed: 'Failed',
    finished: 'Finished',
    live: 'Still live',
    problems: 'Watch problems',
    andMore: (count) => `…and ${count} more`,
    kind: 'Kind',
    status: 'Status',
    jobs: 'Jobs',
  },
};
