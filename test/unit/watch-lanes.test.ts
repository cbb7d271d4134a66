import { describe, expect, it } from 'vitest';
import { AccountSlots } from '../../src/watch/account-slots.js';
import { TroubledLane } from '../../src/watch/troubled-lane.js';

describe('TroubledLane', () => {
  it('lets troubled watches hold at most its capacity, and frees a place on leave', () => {
    const lane = new TroubledLane(() => 1);
    expect(lane.enter()).toBe(true);
    expect(lane.enter()).toBe(false);
    lane.leave();
    expect(lane.enter()).toBe(true);
  });

  it('follows the capacity as it changes (a reload changes the concurrency)', () => {
    let capacity = 1;
    const lane = new TroubledLane(() => capacity);
    expect(lane.enter()).toBe(true);
    capacity = 2;
    expect(lane.enter()).toBe(true);
    expect(lane.enter()).toBe(false);
  });

  it('a watch is troubled from a failed or overlong cycle until a good one', () => {
    const lane = new TroubledLane(() => 1);
    lane.record('a.fine_tune', true);
    expect(lane.isTroubled('a.fine_tune')).toBe(true);
    expect(lane.isTroubled('b.fine_tune')).toBe(false);
    lane.record('a.fine_tune', false);
    expect(lane.isTroubled('a.fine_tune')).toBe(false);
  });
});

describe('AccountSlots', () => {
  const never = new AbortController().signal;

  it('grants up to perAccount at once per account, others independent', async () => {
    const slots = new AccountSlots(() => 1);
    expect(await slots.acquire('a', 0, never)).toBe(true);
    expect(await slots.acquire('b', 0, never)).toBe(true);
    expect(await slots.acquire('a', 10, never)).toBe(false);
  });

  it('hands a released slot to the first waiter, in order', async () => {
    const slots = new AccountSlots(() => 1);
    await slots.acquire('a', 0, never);
    const order: string[] = [];
    const first = slots.acquire('a', 5000, never).then((ok) => order.push(`first:${ok}`));
    const second = slots.acquire('a', 5000, never).then((ok) => order.push(`second:${ok}`));
    slots.release('a');
    await first;
    expect(order).toEqual(['first:true']);
    slots.release('a');
    await second;
    expect(order).toEqual(['first:true', 'second:true']);
  });

  it('gives up waiting when the process stops', async () => {
    const slots = new AccountSlots(() => 1);
    await slots.acquire('a', 0, never);
    const stop = new AbortController();
    const waiting = slots.acquire('a', 60_000, stop.signal);
    stop.abort();
    expect(await waiting).toBe(false);
    slots.release('a');
    expect(await slots.acquire('a', 0, never)).toBe(true);
  });
});
