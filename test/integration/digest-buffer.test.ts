import { afterEach, beforeEach, expect, test } from 'vitest';
import type { JobEvent } from '../../src/core/types.js';
import { DigestBuffer } from '../../src/store/index.js';
import { type TestRedis, testRedis } from '../support/redis.js';

let redis: TestRedis;
let buffer: DigestBuffer;
beforeEach(() => {
  redis = testRedis('digest-buffer');
  buffer = new DigestBuffer(redis.client, redis.prefix);
});
afterEach(() => redis.cleanup());

const event = (id: string): JobEvent => ({
  id,
  type: 'created',
  to: 'SUCCEEDED',
  detectedAt: new Date().toISOString(),
  job: { kind: 'fine_tune', account: 'a', id: `ft-${id}`, status: 'SUCCEEDED', rawStatus: 'SUCCEEDED' },
});

test('a released window is not sent, and its events go out with the next owner', async () => {
  await buffer.add('daily', event('e1'));
  const manual = await buffer.open('daily', 'manual-1');
  expect(manual?.events.map((e) => e.id)).toEqual(['e1']);
  // While owned, the scheduled job must wait.
  expect(await buffer.open('daily', 'scheduled-1')).toBeNull();
  await buffer.release('daily', 'manual-1');
  await buffer.add('daily', event('e2'));
  const scheduled = await buffer.open('daily', 'scheduled-1');
  expect(scheduled?.events.map((e) => e.id)).toEqual(['e1', 'e2']);
  await buffer.close('daily', 'scheduled-1');
  expect((await buffer.open('daily', 'scheduled-2'))?.events).toEqual([]);
});

test('only the owner can release a window', async () => {
  await buffer.add('daily', event('e1'));
  await buffer.open('daily', 'owner');
  await buffer.release('daily', 'someone-else');
  expect(await buffer.open('daily', 'someone-else')).toBeNull();
});
