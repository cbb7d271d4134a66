import { describe, expect, it } from 'vitest';
import { configFromEnv } from '../../src/config/env-config.js';
import { parseConfigText, serverAccessProblem } from '../../src/config/index.js';
import { isLoopbackHost } from '../../src/core/loopback.js';

const TOKEN = 'a-token-of-24-characters';

function serverOf(server: string) {
  const yaml = `accounts: [{ name: prod, apiKey: sk-x }]\nserver: ${server}\n`;
  return parseConfigText(yaml, {}, 'test').server;
}

describe('server access', () => {
  it.each([
    ['localhost', true],
    ['127.0.0.1', true],
    ['127.8.9.10', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.20', false],
    ['dashwatch.internal', false],
    ['1::1', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it.each([
    ['{ host: 127.0.0.1 }', undefined],
    ['{ host: 0.0.0.0, port: 0 }', undefined],
    [`{ host: 0.0.0.0, token: ${TOKEN} }`, undefined],
    [`{ host: 127.0.0.1, metrics: token, token: ${TOKEN} }`, undefined],
    [
      '{ host: 0.0.0.0 }',
      /^server\.host \(DASHWATCH_HOST\) is 0\.0\.0\.0, which is not loopback: set server\.token/,
    ],
    ['{ host: "::" }', /is ::, which is not loopback/],
    ['{ metrics: token }', /^server\.metrics \(DASHWATCH_METRICS\) is token, but no server\.token/],
  ])('%s: %s', (server, problem) => {
    const found = serverAccessProblem(serverOf(server));
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
    expect(found ?? '').not.toContain('\n');
  });

  it('refuses a short token, and takes host, token and metrics from the environment', () => {
    expect(() => serverOf('{ token: short }')).toThrow(/server\.token: at least 16 characters/);
    expect(
      configFromEnv({
        DASHSCOPE_API_KEY: 'sk-x',
        DASHWATCH_HOST: '0.0.0.0',
        DASHWATCH_HTTP_TOKEN: TOKEN,
        DASHWATCH_METRICS: 'token',
      }).server,
    ).toEqual({ host: '0.0.0.0', token: TOKEN, metrics: 'token' });
  });
});
