import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createHeartbeat } from '../../src/watch/heartbeat.js';
import { createHarness, type Harness } from '../support/watch-harness.js';

let h: Harness;
let server: Server;
let pings: string[];
let url: string;

beforeEach(async () => {
  h = await createHarness('heartbeat');
  pings = [];
  server = createServer((request, response) => {
    pings.push(request.url ?? '');
    response.end('OK');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ping/5f2c-secret-uuid`;
});
afterEach(async () => {
  server.close();
  await h.close();
});

test('a good cycle pings the heartbeat; a failed one does not', async () => {
  h.sim.sim.createJobs({ kind: 'fine_tune', count: 3, status: 'SUCCEEDED' });
  const watch = h.watch('fine_tune');
  const heartbeat = createHeartbeat(url);
  expect((await h.cycle(watch, { heartbeat })).result).toBe('committed');
  expect(pings).toEqual(['/ping/5f2c-secret-uuid']);
  h.sim.sim.injectFault({ type: 'status', httpStatus: 500, count: 10 });
  expect((await h.cycle(watch, { heartbeat })).result).toBe('failed');
  expect(pings).toHaveLength(1);
  h.sim.sim.clearFaults();
  expect((await h.cycle(watch, { heartbeat })).result).toBe('committed');
  expect(pings).toHaveLength(2);
});

test('a heartbeat that fails does not fail the cycle', async () => {
  server.close();
  const watch = h.watch('fine_tune');
  expect((await h.cycle(watch, { heartbeat: createHeartbeat(url, 500) })).result).toBe('committed');
});
