import { describe, expect, it } from 'vitest';
import { DashScopeConfigError, REGIONS, resolveBaseUrl } from '../../src/dashscope/index.js';

describe('resolveBaseUrl', () => {
  it.each([
    [{}, 'https://dashscope.aliyuncs.com/api/v1'],
    [{ region: 'cn-beijing' }, 'https://dashscope.aliyuncs.com/api/v1'],
    [{ region: 'ap-southeast-1' }, 'https://dashscope-intl.aliyuncs.com/api/v1'],
    [{ region: 'us-east-1' }, 'https://dashscope-us.aliyuncs.com/api/v1'],
    [{ region: 'cn-hongkong' }, 'https://cn-hongkong.dashscope.aliyuncs.com/api/v1'],
    [
      { baseUrl: 'https://ws-1.cn-beijing.maas.aliyuncs.com' },
      'https://ws-1.cn-beijing.maas.aliyuncs.com/api/v1',
    ],
    [
      { baseUrl: 'https://ws-1.cn-beijing.maas.aliyuncs.com/' },
      'https://ws-1.cn-beijing.maas.aliyuncs.com/api/v1',
    ],
    [{ baseUrl: 'https://dashscope.aliyuncs.com/api/v1' }, 'https://dashscope.aliyuncs.com/api/v1'],
    [{ baseUrl: 'https://dashscope.aliyuncs.com/api/v1/' }, 'https://dashscope.aliyuncs.com/api/v1'],
    [{ baseUrl: '  http://127.0.0.1:8080  ' }, 'http://127.0.0.1:8080/api/v1'],
    [{ baseUrl: 'HTTP://LOCALHOST:80/' }, 'http://localhost/api/v1'],
    [{ baseUrl: 'http://127.0.0.1:9/', region: 'no-such-region' }, 'http://127.0.0.1:9/api/v1'],
  ])('%j → %s', (options, expected) => {
    expect(resolveBaseUrl(options)).toBe(expected);
  });

  it.each([
    [{ region: 'eu-central-1' }, /unknown DashScope region "eu-central-1"/],
    [{ region: '' }, /unknown DashScope region/],
    [{ region: 'toString' }, /unknown DashScope region/],
    [{ baseUrl: 'not a url' }, /not a valid URL/],
    [{ baseUrl: '' }, /not a valid URL/],
    [{ baseUrl: 'ftp://dashscope.aliyuncs.com' }, /http or https/],
    [{ baseUrl: 'https://user:secret@dashscope.aliyuncs.com' }, /credentials/],
    [{ baseUrl: 'https://dashscope.aliyuncs.com?x=1' }, /query or fragment/],
    [{ baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1' }, /must be an origin/],
    [{ baseUrl: 'https://dashscope.aliyuncs.com/api/v2' }, /must be an origin/],
  ])('rejects %j', (options, message) => {
    expect(() => resolveBaseUrl(options)).toThrow(DashScopeConfigError);
    expect(() => resolveBaseUrl(options)).toThrow(message);
  });

  it('never echoes URL credentials in its error', () => {
    expect(() => resolveBaseUrl({ baseUrl: 'https://u:hunter2@example.com' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });

  it('lists the four documented regions', () => {
    expect(Object.keys(REGIONS).sort()).toEqual(['ap-southeast-1', 'cn-beijing', 'cn-hongkong', 'us-east-1']);
  });
});
