import { describe, expect, it } from 'vitest';
import { normalizeStatus } from '../../src/kinds/normalize/status.js';

describe('normalizeStatus', () => {
  it.each([
    ['PENDING', 'PENDING'],
    ['QUEUING', 'QUEUING'],
    ['RUNNING', 'RUNNING'],
    ['CANCELING', 'CANCELING'],
    ['SUCCEEDED', 'SUCCEEDED'],
    ['SUCCESSED', 'SUCCEEDED'],
    ['FAILED', 'FAILED'],
    ['CANCELED', 'CANCELED'],
    // Anything outside the API table, including near misses, is UNKNOWN.
    ['UNKNOWN', 'UNKNOWN'],
    ['CANCELLED', 'UNKNOWN'],
    ['QUEUED', 'UNKNOWN'],
    ['succeeded', 'UNKNOWN'],
    [' RUNNING', 'UNKNOWN'],
    ['', 'UNKNOWN'],
    ['constructor', 'UNKNOWN'],
    ['已完成', 'UNKNOWN'],
  ])('%j is %s', (raw, expected) => {
    expect(normalizeStatus(raw)).toBe(expected);
  });
});
