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
      ]),
    );
  });

  it.each(fixtures)('$name: reports exactly its problems', ({ file, expected }) => {
    expect(problemsOf(file)).toEqual(expected);
  });

  it('says so when the file is not there', () => {
    expect(problemsOf('/nonexistent/dashwatch.yaml')).toEqual(['file not found']);
  });
});
