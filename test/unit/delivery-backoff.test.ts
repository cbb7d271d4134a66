import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/logger.js';
import { deliveryPolicy, failuresInARow } from '../../src/delivery/retry-policy.js';

const policy = deliveryPolicy({ maxRetryAfterMs: 3_600_000, logger: createLogger({ level: 'silent' }) });
const job = (data: object) => ({ data }) as Parameters<typeof policy.backoff>[3];

describe('delivery backoff', () => {
  it('grows with the failures since a part last went out, whatever failed since', () => {
    expect(failuresInARow(1, job({ channel: 'c' }))).toBe(1);
    expect(failuresInARow(7, job({ channel: 'c' }))).toBe(7);
    // A part went out during attempt 6: attempts 7, 8, 9 are the 1st, 2nd, 3rd failure of a streak.
    expect([6, 7, 8].map((made) => failuresInARow(made + 1, job({ attemptsAtProgress: 6 })))).toEqual([
      1, 2, 3,
    ]);
  });

  it('waits between half and all of 2^failures seconds, capped at 5 min', () => {
    for (let i = 0; i < 50; i += 1) {
      const afterProgress = policy.backoff(40, 'delivery', new Error('x'), job({ attemptsAtProgress: 39 }));
      expect(afterProgress).toBeGreaterThanOrEqual(1000);
      expect(afterProgress).toBeLessThanOrEqual(2000);
      const third = policy.backoff(3, 'delivery', new Error('x'), job({ channel: 'c' }));
      expect(third).toBeGreaterThanOrEqual(4000);
      expect(third).toBeLessThanOrEqual(8000);
      expect(policy.backoff(40, 'delivery', new Error('x'), job({}))).toBeLessThanOrEqual(300_000);
    }
  });
});
