import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_CONFIG, EXAMPLE_ENV, FIXTURE_SECRETS, invalidFixtures } from '../support/config-fixtures.js';

const CLI = fileURLToPath(new URL('../../src/cli.ts', import.meta.url));
// By absolute URL, so the CLI can run in a directory without config/dashwatch.yaml (env-only mode).
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const CWD = mkdtempSync(join(tmpdir(), 'dashwatch-cli-'));
afterAll(() => rmSync(CWD, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `dashwatch <args>` with only `env` (and PATH) set. */
function dashwatch(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, CLI, ...args],
      { cwd: CWD, env: { PATH: process.env.PATH, ...env } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');
const STACK_LINE = /^\s+at /;

describe('dashwatch validate', () => {
  it.concurrent.each(invalidFixtures())('$name: one line per problem, exit 2', async ({ file, expected }) => {
    const run = await dashwatch(['validate', '--config', file]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(lines(run.stderr)).toEqual([
      `dashwatch: invalid configuration (${file}):`,
      ...expected.map((line) => `  ${line}`),
    ]);
    expect(lines(run.stderr).filter((line) => STACK_LINE.test(line))).toEqual([]);
    for (const secret of FIXTURE_SECRETS) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('accepts the example configuration with the variables it references', async () => {
    const run = await dashwatch(['validate', '--config', EXAMPLE_CONFIG], EXAMPLE_ENV);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      `configuration OK (${EXAMPLE_CONFIG})`,
      '  account prod: fine_tune, model_import, compression, checkpoint',
      '  account intl: fine_tune, checkpoint',
      '  account research: compression',
      '  channels: team-slack, team-threads, ml-email, team-dingtalk, team-feishu, team-wecom, events',
      '  digests: daily',
      '  routes (5):',
      '    types=created|transition to=SUCCEEDED|FAILED|CANCELED → team-slack, team-dingtalk, team-feishu, team-wecom',
      '    types=created|transition to=FAILED models=qwen3-* → ml-email',
      '    types=stuck accounts=prod → team-slack, ml-email',
      '    types=expiring|watch_failing|watch_recovered → team-slack',
      '    everything → events, digest:daily',
    ]);
    for (const secret of Object.values(EXAMPLE_ENV)) expect(run.stdout).not.toContain(secret);
  });

  it('falls back to env-only mode and names the missing variable', async () => {
    const run = await dashwatch(['validate']);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      'dashwatch: invalid configuration (environment):',
      '  DASHSCOPE_API_KEY: is required',
    ]);
  });

  it('start refuses a server off loopback without a token: one line, exit 2; validate says so too', async () => {
    const env = { DASHSCOPE_API_KEY: 'sk-dashwatch-FAKE-9f3c2a71', DASHWATCH_HOST: '0.0.0.0' };
    const start = await dashwatch(['start'], env);
    expect(start.code).toBe(2);
    expect(start.stdout).toBe('');
    expect(lines(start.stderr)).toEqual([
      expect.stringMatching(
        /^dashwatch start: server\.host \(DASHWATCH_HOST\) is 0\.0\.0\.0, which is not loopback: set server\.token/,
      ),
    ]);
    const validate = await dashwatch(['validate'], env);
    expect(validate.code).toBe(2);
    expect(lines(validate.stderr)[1]).toMatch(/^ {2}server\.host \(DASHWATCH_HOST\) is 0\.0\.0\.0/);
    const withToken = await dashwatch(['validate'], {
      ...env,
      DASHWATCH_HTTP_TOKEN: 'a-token-of-24-characters',
    });
    expect(withToken.code).toBe(0);
    expect(withToken.stdout).not.toContain('a-token-of-24-characters');
  });

  it('validates env-only mode', async () => {
    const run = await dashwatch(['validate'], {
      DASHSCOPE_API_KEY: 'sk-dashwatch-FAKE-9f3c2a71',
      SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T/B/X',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('configuration OK (environment)');
    expect(run.stdout).not.toContain('sk-dashwatch-FAKE-9f3c2a71');
  });
});

describe('dashwatch usage', () => {
  it('prints help for every command it lists, and exits 0', async () => {
    const main = await dashwatch(['--help']);
    expect(main.code).toBe(0);
    expect(main.stderr).toBe('');
    const commands = [...main.stdout.matchAll(/^ {2}([a-z-]+) {2,}/gm)].map((match) => match[1] ?? '');
    expect(commands).toEqual(expect.arrayContaining(['start', 'validate', 'simulator']));
    const runs = await Promise.all(
      [
        ['help'],
        ...commands.flatMap((command) => [
          [command, '--help'],
          [command, '-h'],
        ]),
      ].map((args) => dashwatch(args)),
    );
    for (const run of runs) {
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^usage: dashwatch /);
    }
  });

  it.concurrent.each([
    [['frobnicate'], 'dashwatch: unknown command "frobnicate" (see dashwatch --help)'],
    [
      ['validate', '--bogus'],
      /^dashwatch validate: Unknown option '--bogus'.*\(see dashwatch validate --help\)$/,
    ],
    [['validate', 'extra'], /^dashwatch validate: .*\(see dashwatch validate --help\)$/],
    [['validate', '--config'], /^dashwatch validate: .*--config.*\(see dashwatch validate --help\)$/],
  ])('%j is bad usage: exit 2', async (args, message) => {
    const run = await dashwatch(args);
    expect(run.code).toBe(2);
    expect(lines(run.stderr)).toEqual([
      typeof message === 'string' ? message : expect.stringMatching(message),
    ]);
  });

  it('exits 2 with the command list when no command is given', async () => {
    const run = await dashwatch([]);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^usage: dashwatch <command>/);
  });
});
