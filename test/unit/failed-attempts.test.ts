import { describe, expect, it } from 'vitest';
import { FailedAttempts } from '../../src/server/failed-attempts.js';

describe('FailedAttempts', () => {
  it('lets an address fail `max` times in the window, then makes it wait for the oldest to age out', () => {
    let now = 1_000_000;
    const attempts = new FailedAttempts({ max: 3, windowMs: 60_000 }, () => now);
    for (const step of [0, 10_000, 20_000]) {
      expect(attempts.waitMs('10.0.0.1')).toBe(0);
      now = 1_000_000 + step;
      attempts.record('10.0.0.1');
    }
    expect(attempts.waitMs('10.0.0.1')).toBe(40_000);
    expect(attempts.waitMs('10.0.0.2')).toBe(0);
    now = 1_060_001;
    expect(attempts.waitMs('10.0.0.1')).toBe(0);
    attempts.record('10.0.0.1');
    // The failures at +10 s, +20 s and +60 s: the next try is at +70 s.
    expect(attempts.waitMs('10.0.0.1')).toBe(1_070_000 - now);
  });

  it('forgets the address that failed longest ago once it holds 10,000', () => {
    const attempts = new FailedAttempts({ max: 1, windowMs: 60_000 }, () => 5);
    for (let i = 0; i <= 10_000; i += 1) attempts.record(`a${i}`);
    expect(attempts.waitMs('a0')).toBe(0);
    expect(attempts.waitMs('a1')).toBe(60_000);
    expect(attempts.waitMs('a10000')).toBe(60_000);
  });
});
