import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { invalidFixtures } from '../support/config-fixtures.js';

const fixtures = invalidFixtures();

function problemsOf(file: string, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    loadConfig(file, env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).source).toBe(file);
    return (error as ConfigError).problems;
  }
  throw new Error(`${file} was accepted`);
}

describe('invalid configurations', () => {
  it('has a fixture for each kind of mistake', () => {
    expect(fixtures.map((fixture) => fixture.name)).toEqual(
      expect.arrayContaining([
        'missing-api-key',
        'unknown-key',
        'bad-base-url',
        'bad-smtp-url',
        'bad-cron',
        'bad-duration',
        'unknown-region',
        'undefined-channel',
        'empty-accounts',
        'unset-variable',
        'yaml-syntax',
        'digest-unknown-channel',
        'checkpoint-without-fine-tune',
        'several-problems',
        'base-url-credentials',
        'base-url-query',
        'timer-too-long',
        'alias-bomb',
      ]),
    );
  });

  it.each(fixtures)('$name: reports exactly its problems', ({ file, expected }) => {
    expect(problemsOf(file)).toEqual(expected);
  });

  it('refuses a file over 1 MB without parsing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dashwatch-config-'));
    const file = join(dir, 'huge.yaml');
    try {
      writeFileSync(file, `accounts: []\n# ${'x'.repeat(1024 * 1024)}\n`);
      expect(problemsOf(file)).toEqual([
        expect.stringMatching(/^the file is \d+ bytes; a configuration may be at most 1 MB$/),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so when the file is not there', () => {
    expect(problemsOf('/nonexistent/dashwatch.yaml')).toEqual(['file not found']);
  });
});
