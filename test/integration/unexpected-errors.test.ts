import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, test } from 'vitest';
import { killAll, spawnTsx } from '../support/engine-process.js';

const CHILD = fileURLToPath(new URL('../support/fault-child.ts', import.meta.url));

afterEach(killAll);

describe('an error nothing caught', () => {
  test.each([
    { fault: 'rejection', what: 'a promise rejected with no handler' },
    { fault: 'exception', what: 'a throw in a timer' },
  ])('$what: one fatal line, a graceful stop, exit 1', async ({ fault }) => {
    const child = spawnTsx([CHILD, fault]);
    await child.ready();
    const exit = await child.exited;
    expect(exit).toEqual({ code: 1, signal: null });
    const fatal = child.logs.filter((line) => line.level === 60);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatchObject({
      msg: 'unexpected error; stopping',
      fault: fault === 'rejection' ? 'unhandledRejection' : 'uncaughtException',
      err: { message: 'nobody caught this' },
    });
    // Stopped through the daemon's own stop, after the fatal line; nothing on stderr (no bare trace).
    expect(child.logs.map((line) => line.msg)).toEqual(['unexpected error; stopping', 'stopped']);
    expect(child.stderr()).toBe('');
  });
});
