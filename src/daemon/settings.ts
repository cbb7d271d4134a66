import type { Config } from '../config/index.js';
import { DEFAULT_POLLER_SETTINGS } from '../kinds/scan/poll-context.js';
import { DEFAULT_DIFF_SETTINGS } from '../store/index.js';
import type { CycleSettings } from '../watch/index.js';

/** The watch loop's knobs, from the configuration. */
export function cycleSettingsOf(config: Config): CycleSettings {
  return {
    poller: {
      ...DEFAULT_POLLER_SETTINGS,
      fullScanEveryMs: config.polling.fullScanEvery,
      checkpointModels: config.polling.checkpointModels,
      maxPagesPerCycle: config.polling.maxPagesPerCycle,
    },
    diff: {
      stuckAfterMs: { ...DEFAULT_DIFF_SETTINGS.stuckAfterMs, ...config.thresholds.stuck },
      expiringWithinMs: config.thresholds.expiringWithin,
      notifyExisting: config.polling.notifyExisting,
    },
    failingAfter: config.thresholds.failingAfter,
  };
}
