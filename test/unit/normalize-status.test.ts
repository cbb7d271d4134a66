import { describe, expect, it } from 'vitest';
import { KINDS } from '../../src/kinds/index.js';
import { normalizeStatus, STANDARD_SPELLINGS } from '../../src/kinds/normalize/status.js';

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
    expect(normalizeStatus(raw, KINDS.model_import.spellings)).toBe(expected);
  });

  it('knows SUCCESSED only where the vendor spells it so (imports)', () => {
    expect(normalizeStatus('SUCCESSED', STANDARD_SPELLINGS)).toBe('UNKNOWN');
    for (const kind of Object.values(KINDS))
      expect(normalizeStatus('SUCCEEDED', kind.spellings)).toBe('SUCCEEDED');
  });
});
