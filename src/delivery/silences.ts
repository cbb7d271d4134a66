import { globToRegExp } from '../core/glob.js';
import { type DashwatchEvent, isJobEvent, isWatchEvent } from '../core/types.js';
import type { Silence, SilenceKey } from '../store/index.js';

/** The values of an event a silence's matcher can test; a key an event lacks matches nothing. */
function values(event: DashwatchEvent, key: SilenceKey): string[] {
  if (key === 'type') return [event.type];
  if (isJobEvent(event)) {
    const { job } = event;
    switch (key) {
      case 'account':
        return [job.account];
      case 'kind':
        return [job.kind];
      case 'name':
        return job.name === undefined ? [] : [job.name];
      case 'model':
        return [job.model, job.baseModel, job.output].filter((name) => name !== undefined);
      case 'id':
        return [job.id];
      case 'status':
        return [event.to ?? job.status];
    }
  }
  if (isWatchEvent(event)) {
    if (key === 'account') return [event.watch.account];
    if (key === 'kind') return [event.watch.kind];
    if (key === 'id') return [event.watch.id];
  }
  return [];
}

/** The first silence whose every matcher matches `event`, if any. */
export function silenceOf(event: DashwatchEvent, silences: readonly Silence[]): Silence | undefined {
  return silences.find((silence) =>
    Object.entries(silence.matchers).every(([key, glob]) => {
      const pattern = globToRegExp(glob);
      return values(event, key as SilenceKey).some((value) => pattern.test(value));
    }),
  );
}
