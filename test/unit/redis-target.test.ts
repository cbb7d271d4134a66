import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfigText } from '../../src/config/index.js';
import { secretsOf } from '../../src/config/secrets.js';
import { describeRedisTarget, parseRedisUrl } from '../../src/core/redis-target.js';

const ACCOUNT = 'accounts:\n  - name: prod\n    apiKey: sk-test\n';

function problemsOf(text: string): readonly string[] {
  try {
    parseConfigText(text, {}, 'test.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('the configuration was accepted');
}

describe('Redis URLs', () => {
  it.each([
    ['redis://:pw@10.0.0.1:6379/2', { mode: 'single', url: 'redis://:pw@10.0.0.1:6379/2' }],
    [
      'redis+sentinel://:s%40cret@10.0.0.1:26379,10.0.0.2:26380/mymaster/3',
      {
        mode: 'sentinel',
        sentinels: [
          { host: '10.0.0.1', port: 26379 },
          { host: '10.0.0.2', port: 26380 },
        ],
        name: 'mymaster',
        db: 3,
        tls: false,
        password: 's@cret',
      },
    ],
    [
      'rediss+sentinel://app:pw@sentinel.example.com:26379/prod',
      {
        mode: 'sentinel',
        sentinels: [{ host: 'sentinel.example.com', port: 26379 }],
        name: 'prod',
        db: 0,
        tls: true,
        username: 'app',
        password: 'pw',
      },
    ],
    [
      'rediss+cluster://app:pw@[::1]:7000,node-2:7001',
      {
        mode: 'cluster',
        nodes: [
          { host: '::1', port: 7000 },
          { host: 'node-2', port: 7001 },
        ],
        tls: true,
        username: 'app',
        password: 'pw',
      },
    ],
  ])('%s', (url, target) => {
    expect(parseRedisUrl(url)).toEqual(target);
  });

  it.each([
    ['http://127.0.0.1:6379', /must be a redis/],
    ['redis+sentinel://127.0.0.1:26379', /master name/],
    ['redis+sentinel://127.0.0.1:26379/m/x', /master name/],
    ['redis+cluster://127.0.0.1:7000/0', /names no database/],
    ['redis+cluster://127.0.0.1', /not host:port/],
    ['redis+cluster://127.0.0.1:70000', /not host:port/],
  ])('refuses %s', (url, message) => {
    expect(parseRedisUrl(url)).toMatch(message);
  });

  it('describes a target without its password', () => {
    const target = parseRedisUrl('redis+sentinel://:hunter2@h:26379/m');
    expect(typeof target).toBe('object');
    if (typeof target === 'string') return;
    expect(describeRedisTarget(target)).toBe('master "m" of the sentinels at h:26379');
  });
});

describe('the redis section', () => {
  it('takes sentinels, a master name and both passwords, and keeps the passwords secret', () => {
    const config = parseConfigText(
      `${ACCOUNT}redis:\n  sentinels: [{ host: 10.0.0.1, port: 26379 }]\n  name: mymaster\n  password: red-pass\n  sentinelPassword: sen-pass\n  replicaWait: 0\n`,
      {},
      'test.yaml',
    );
    expect(config.redis.target).toEqual({
      mode: 'sentinel',
      sentinels: [{ host: '10.0.0.1', port: 26379 }],
      name: 'mymaster',
      db: 0,
      tls: false,
      password: 'red-pass',
      sentinelPassword: 'sen-pass',
    });
    expect(config.redis.replicaWait).toBe(0);
    expect(secretsOf(config)).toEqual(expect.arrayContaining(['red-pass', 'sen-pass']));
  });

  it('takes cluster nodes with TLS', () => {
    const config = parseConfigText(
      `${ACCOUNT}redis:\n  cluster: [{ host: node-1, port: 7000 }]\n  tls: true\n`,
      {},
      'test.yaml',
    );
    expect(config.redis.target).toEqual({
      mode: 'cluster',
      nodes: [{ host: 'node-1', port: 7000 }],
      tls: true,
    });
  });

  it.each([
    [
      'url and cluster',
      'redis:\n  url: redis://h:1\n  cluster: [{ host: h, port: 7000 }]\n',
      'redis.url: set one of url, sentinels or cluster',
    ],
    [
      'sentinels without a name',
      'redis:\n  sentinels: [{ host: h, port: 26379 }]\n',
      'redis.name: the master name is needed with sentinels',
    ],
    [
      'a password beside a URL',
      'redis:\n  password: x\n',
      'redis.password: only with sentinels or cluster (a URL carries it)',
    ],
    [
      'a db for a cluster',
      'redis:\n  cluster: [{ host: h, port: 7000 }]\n  db: 1\n',
      'redis.db: not for a cluster',
    ],
    [
      'a bad sentinel URL',
      'redis:\n  url: redis+sentinel://h:26379\n',
      expect.stringMatching(/^redis\.url: a sentinel URL ends with/),
    ],
  ])('refuses %s', (_case, section, problem) => {
    expect(problemsOf(`${ACCOUNT}${section}`)).toEqual([problem]);
  });
});
