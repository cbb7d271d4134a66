import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { emptyDir, runCli } from '../support/cli-process.js';

// Fault 12: configurations that cannot work are refused before anything starts — exit 2, the file
// named, one line per problem, no stack trace, no secret.
const cwd = emptyDir();
afterAll(() => cwd.remove());
const KEY = 'sk-validate-SECRET-77aa01';

function file(name: string, text: string): string {
  const path = join(cwd.dir, name);
  writeFileSync(path, text);
  return path;
}

const base = (overrides: Record<string, unknown> = {}, account: Record<string, unknown> = {}) =>
  stringify({ accounts: [{ name: 'prod', apiKey: KEY, ...account }], ...overrides });

it.concurrent.each([
  {
    name: 'credentials in a base URL',
    text: base({}, { baseUrl: 'https://user:pw@dashscope.example.com' }),
    says: /baseUrl: must not contain credentials/,
  },
  {
    name: 'a query in a base URL',
    text: base({}, { baseUrl: 'https://dashscope.example.com/?token=abc' }),
    says: /baseUrl: .*query/,
  },
  {
    name: 'a request timeout of 100 years',
    text: base({ polling: { requestTimeout: '36500d' } }),
    says: /polling\.requestTimeout: must be at most 24d20h31m24s/,
  },
  {
    name: 'a group wait of 100 years',
    text: base({
      channels: {
        team: { type: 'slack', webhookUrl: 'https://hooks.slack.com/services/T/B/x', groupWait: '36500d' },
      },
    }),
    says: /channels\.team\.groupWait: must be at most 24d20h31m24s/,
  },
  {
    name: 'an interval under a second',
    text: base({ polling: { interval: '100ms' } }),
    says: /polling\.interval: must be at least 1s/,
  },
  {
    name: 'a file over 1 MB',
    text: `${base()}\n# ${'x'.repeat(1_100_000)}\n`,
    says: /the file is \d+ bytes; a configuration may be at most 1 MB/,
  },
  {
    name: 'an alias bomb',
    text: [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]',
      '',
    ].join('\n'),
    says: /YAML aliases expand too far/,
  },
])('$name: exit 2, the file named, one clear line', async ({ name, text, says }) => {
  const path = file(`${name.replace(/\W+/g, '-')}.yaml`, text);
  const run = await runCli(['validate', '--config', path], {}, cwd.dir);
  expect(run.code).toBe(2);
  const lines = run.stderr.split('\n').filter((line) => line !== '');
  expect(lines[0]).toBe(`dashwatch: invalid configuration (${path}):`);
  expect(lines.slice(1).some((line) => says.test(line))).toBe(true);
  expect(lines.length).toBeLessThanOrEqual(3);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout + run.stderr).not.toContain(KEY);
});
