import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { Heartbeat } from '../../src/watch/heartbeat.js';
import { waitUntil } from '../support/engine-process.js';
import { createHarness, type Harness } from '../support/watch-harness.js';

let h: Harness;
let server: Server;
let pings: string[];
let url: string;
/** When set, the server holds requests instead of answering. */
let hang: boolean;
let heartbeats: Heartbeat[];

beforeEach(async () => {
  h = await createHarness('heartbeat');
  pings = [];
  hang = false;
  heartbeats = [];
  server = createServer((request, response) => {
    pings.push(request.url ?? '');
    if (!hang) response.end('OK');
  }).listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/ping/5f2c-secret-uuid`;
});
afterEach(async () => {
  for (const heartbeat of heartbeats) heartbeat.stop();
  server.closeAllConnections();
  server.close();
  await h.close();
});

function heartbeatOf(timeoutMs?: number): () => void {
  const heartbeat = new Heartbeat(url, h.logger, timeoutMs);
  heartbeats.push(heartbeat);
  return () => heartbeat.ping();
}

test('a good cycle pings the heartbeat; a failed one does not', async () => {
  h.sim.sim.createJobs({ kind: 'fine_tune', count: 3, status: 'SUCCEEDED' });
  const watch = h.watch('fine_tune');
  const heartbeat = heartbeatOf();
  expect((await h.cycle(watch, { heartbeat })).result).toBe('committed');
  await waitUntil(() => pings.length === 1, 'the first ping');
  expect(pings).toEqual(['/ping/5f2c-secret-uuid']);
  h.sim.sim.injectFault({ type: 'status', httpStatus: 500, count: 10 });
  expect((await h.cycle(watch, { heartbeat })).result).toBe('failed');
  h.sim.sim.clearFaults();
  expect((await h.cycle(watch, { heartbeat })).result).toBe('committed');
  await waitUntil(() => pings.length === 2, 'the second ping');
  expect(pings).toHaveLength(2);
});

test('a heartbeat that fails does not fail the cycle', async () => {
  server.close();
  const watch = h.watch('fine_tune');
  expect((await h.cycle(watch, { heartbeat: heartbeatOf(500) })).result).toBe('committed');
});

test('a heartbeat that never answers delays no cycle and holds one request at most', async () => {
  hang = true;
  const watch = h.watch('fine_tune');
  const heartbeat = heartbeatOf(60_000);
  const started = performance.now();
  for (let i = 0; i < 3; i++) expect((await h.cycle(watch, { heartbeat })).result).toBe('committed');
  expect(performance.now() - started).toBeLessThan(5000);
  await waitUntil(() => pings.length === 1, 'the held ping');
  expect(pings).toHaveLength(1);
});
