import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus } from '../../src/dashscope/index.js';

const OPTS = { baseDelayMs: 500, maxDelayMs: 30_000 };

describe('backoffDelay', () => {
  it.each([
    [0, 500],
    [1, 1000],
    [2, 2000],
    [5, 16_000],
    [6, 30_000],
    [20, 30_000],
    [1000, 30_000],
  ])('attempt %i: ceiling %i', (attempt, ceiling) => {
    expect(backoffDelay(attempt, OPTS, () => 0)).toBe(0);
    expect(backoffDelay(attempt, OPTS, () => 0.5)).toBe(Math.floor(ceiling / 2));
    expect(backoffDelay(attempt, OPTS, () => 0.999999)).toBeLessThan(ceiling);
    expect(backoffDelay(attempt, OPTS, () => 0.999999)).toBeGreaterThanOrEqual(ceiling - 1);
  });

  it('stays within [0, ceiling) for random jitter', () => {
    for (let attempt = 0; attempt < 12; attempt++) {
      const ceiling = Math.min(30_000, 500 * 2 ** attempt);
      for (let i = 0; i < 200; i++) {
        const delay = backoffDelay(attempt, OPTS);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(ceiling);
      }
    }
  });

  it('clamps a misbehaving random source', () => {
    expect(backoffDelay(2, OPTS, () => 7)).toBe(2000);
    expect(backoffDelay(2, OPTS, () => -1)).toBe(0);
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [599, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [200, false],
  ])('%i → %s', (status, expected) => {
    expect(isRetryableStatus(status)).toBe(expected);
  });
});
