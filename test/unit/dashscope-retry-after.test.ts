import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../src/core/retry-after.js';

const NOW = Date.parse('2026-05-27T10:00:00Z');

describe('parseRetryAfter', () => {
  it.each<[string | string[] | undefined, number | undefined]>([
    ['1', 1000],
    ['0', 0],
    [' 30 ', 30_000],
    ['120', 120_000],
    [['2', '5'], 2000],
    ['Wed, 27 May 2026 10:00:05 GMT', 5000],
    ['Wednesday, 27-May-26 10:01:00 GMT', 60_000],
    ['Wed May 27 10:00:10 2026', 10_000],
    ['Wed, 27 May 2026 09:59:00 GMT', 0],
    [undefined, undefined],
    ['', undefined],
    ['soon', undefined],
    ['-1', undefined],
    ['1.5', undefined],
    ['1e3', undefined],
    ['2026-05-27T10:00:05Z', undefined],
    ['Wed, 99 Foo 2026 10:00:05 GMT', undefined],
    ['<html>', undefined],
  ])('%j → %s', (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});
