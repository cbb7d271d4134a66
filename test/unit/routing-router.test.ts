import { describe, expect, it } from 'vitest';
import { defaultRoutes } from '../../src/config/default-routes.js';
import type { DigestConfig, RouteConfig } from '../../src/config/index.js';
import type { DashwatchEvent, JobEvent, JobKind, JobStatus, WatchEvent } from '../../src/core/types.js';
import { createRouter } from '../../src/delivery/index.js';
import type { ChannelConfig } from '../../src/notifiers/index.js';
import { FAILED_EVENT, WATCH_FAILING } from '../support/notify-fixtures.js';

/** A job event with the given changes applied to FAILED_EVENT and its job. */
function jobEvent(
  change: Partial<Omit<JobEvent, 'job'>> & { job?: Partial<JobEvent['job']> } = {},
): JobEvent {
  const { job, ...rest } = change;
  return { ...FAILED_EVENT, ...rest, job: { ...FAILED_EVENT.job, ...job } };
}

function transition(from: JobStatus, to: JobStatus, kind: JobKind = 'fine_tune'): JobEvent {
  return jobEvent({ type: 'transition', from, to, job: { kind, status: to, rawStatus: to } });
}

/** The channels one route (to channel `hit`) sends `event` to. */
function channelsFor(match: RouteConfig['match'], event: DashwatchEvent): string[] {
  return createRouter([{ match, channels: ['hit'], digests: [] }])(event).channels;
}
const hits = (match: RouteConfig['match'], event: DashwatchEvent) => channelsFor(match, event).length === 1;

describe('route conditions', () => {
  it('kind', () => {
    expect(hits({ kinds: ['fine_tune'] }, transition('RUNNING', 'FAILED'))).toBe(true);
    expect(hits({ kinds: ['compression'] }, transition('RUNNING', 'FAILED'))).toBe(false);
    expect(
      hits({ kinds: ['compression', 'checkpoint'] }, transition('RUNNING', 'FAILED', 'checkpoint')),
    ).toBe(true);
  });

  it('event type', () => {
    expect(hits({ types: ['transition'] }, transition('RUNNING', 'FAILED'))).toBe(true);
    expect(hits({ types: ['created', 'stuck'] }, transition('RUNNING', 'FAILED'))).toBe(false);
    expect(hits({ types: ['stuck'] }, jobEvent({ type: 'stuck', from: undefined, to: undefined }))).toBe(
      true,
    );
  });

  it('from and to status, alone and together', () => {
    const event = transition('RUNNING', 'FAILED');
    expect(hits({ to: ['FAILED'] }, event)).toBe(true);
    expect(hits({ to: ['SUCCEEDED'] }, event)).toBe(false);
    expect(hits({ from: ['RUNNING'] }, event)).toBe(true);
    expect(hits({ from: ['PENDING', 'QUEUING'] }, event)).toBe(false);
    expect(hits({ from: ['RUNNING'], to: ['FAILED', 'CANCELED'] }, event)).toBe(true);
    expect(hits({ from: ['QUEUING'], to: ['FAILED'] }, event)).toBe(false);
    // A `created` event has no `from`: a route that asks for one does not take it.
    const created = jobEvent({ type: 'created', from: undefined, to: 'RUNNING' });
    expect(hits({ from: ['RUNNING'] }, created)).toBe(false);
    expect(hits({ to: ['RUNNING'] }, created)).toBe(true);
  });

  it('model glob on model, baseModel or output', () => {
    const onModel = jobEvent({ job: { model: 'qwen3-8b', baseModel: 'llama', output: undefined } });
    const onBase = jobEvent({ job: { model: 'llama', baseModel: 'qwen3-32b', output: undefined } });
    const onOutput = jobEvent({ job: { model: 'a', baseModel: 'b', output: 'qwen3-8b-ft-202501' } });
    const none = jobEvent({ job: { model: 'qwen-plus', baseModel: 'qwen2-7b', output: 'qwen3' } });
    const bare = jobEvent({ job: { model: undefined, baseModel: undefined, output: undefined } });
    for (const event of [onModel, onBase, onOutput]) expect(hits({ models: ['qwen3-*'] }, event)).toBe(true);
    // `qwen3` has no dash: the glob is anchored, and `*` does not make the dash optional.
    expect(hits({ models: ['qwen3-*'] }, none)).toBe(false);
    expect(hits({ models: ['qwen3-*'] }, bare)).toBe(false);
    expect(hits({ models: ['qwen?-7b'] }, none)).toBe(true);
    // Regex metacharacters in a glob are literal.
    expect(hits({ models: ['qwen.plus'] }, none)).toBe(false);
    expect(hits({ models: ['nothing', 'qwen-plus'] }, none)).toBe(true);
  });

  it('account', () => {
    expect(hits({ accounts: ['prod'] }, transition('RUNNING', 'FAILED'))).toBe(true);
    expect(hits({ accounts: ['staging'] }, transition('RUNNING', 'FAILED'))).toBe(false);
    expect(hits({ accounts: ['prod'] }, WATCH_FAILING)).toBe(true);
    expect(hits({ accounts: ['staging'] }, WATCH_FAILING)).toBe(false);
  });

  it('every condition of a route must hold', () => {
    const match = { kinds: ['fine_tune'], to: ['FAILED'], accounts: ['prod'] } satisfies RouteConfig['match'];
    expect(hits(match, transition('RUNNING', 'FAILED'))).toBe(true);
    expect(hits(match, transition('RUNNING', 'SUCCEEDED'))).toBe(false);
    expect(hits(match, transition('RUNNING', 'FAILED', 'model_import'))).toBe(false);
  });

  it('watch events match only routes without status or model conditions', () => {
    const recovered: WatchEvent = { ...WATCH_FAILING, id: 'evt-watch-0002', type: 'watch_recovered' };
    for (const event of [WATCH_FAILING, recovered]) {
      expect(hits({}, event)).toBe(true);
      expect(hits({ kinds: ['fine_tune'], accounts: ['prod'] }, event)).toBe(true);
      expect(hits({ kinds: ['model_import'] }, event)).toBe(false);
      expect(hits({ from: ['RUNNING'] }, event)).toBe(false);
      expect(hits({ to: ['FAILED'] }, event)).toBe(false);
      expect(hits({ models: ['*'] }, event)).toBe(false);
    }
    expect(hits({ types: ['watch_failing'] }, WATCH_FAILING)).toBe(true);
    expect(hits({ types: ['watch_failing'] }, recovered)).toBe(false);
  });

  it('is the union of every matching route, each destination once', () => {
    const route = createRouter([
      { match: { to: ['FAILED'] }, channels: ['slack', 'mail'], digests: [] },
      { match: { kinds: ['fine_tune'] }, channels: ['slack'], digests: ['daily'] },
      { match: { kinds: ['compression'] }, channels: ['ops'], digests: ['weekly'] },
      { match: {}, channels: [], digests: ['daily'] },
    ]);
    expect(route(transition('RUNNING', 'FAILED'))).toEqual({
      channels: ['slack', 'mail'],
      digests: ['daily'],
    });
    expect(route(transition('RUNNING', 'SUCCEEDED', 'compression'))).toEqual({
      channels: ['ops'],
      digests: ['weekly', 'daily'],
    });
    expect(createRouter([])(transition('RUNNING', 'FAILED'))).toEqual({ channels: [], digests: [] });
  });
});

describe('default routes', () => {
  const slack: ChannelConfig = {
    type: 'slack',
    webhookUrl: 'https://hooks.slack.com/services/T/B/x',
    apiUrl: 'https://slack.com/api',
    burst: 5,
    groupWait: 0,
    minInterval: 1000,
    maxJobsPerMessage: 20,
  };
  const mail: ChannelConfig = {
    type: 'email',
    smtpUrl: 'smtp://127.0.0.1:25',
    from: 'dw@example.com',
    to: ['team@example.com'],
    groupWait: 0,
    minInterval: 0,
    maxJobsPerMessage: 100,
    subjectPrefix: '[dashwatch]',
  };
  const daily: DigestConfig = { channel: 'mail', cron: '0 9 * * *', sendEmpty: false };
  const route = createRouter(defaultRoutes({ slack, mail }, { daily }));
  const where = (event: DashwatchEvent) => {
    const { channels, digests } = route(event);
    return [...channels.sort(), ...digests.map((d) => `digest:${d}`)];
  };

  it.each([
    ['RUNNING → SUCCEEDED', transition('RUNNING', 'SUCCEEDED'), ['slack', 'digest:daily']],
    ['RUNNING → CANCELED', transition('RUNNING', 'CANCELED'), ['slack', 'digest:daily']],
    ['RUNNING → FAILED', transition('RUNNING', 'FAILED'), ['mail', 'slack', 'digest:daily']],
    [
      'born FAILED',
      jobEvent({ type: 'created', from: undefined, to: 'FAILED' }),
      ['mail', 'slack', 'digest:daily'],
    ],
    [
      'born SUCCEEDED',
      jobEvent({ type: 'created', from: undefined, to: 'SUCCEEDED' }),
      ['slack', 'digest:daily'],
    ],
    ['PENDING → RUNNING', transition('PENDING', 'RUNNING'), ['digest:daily']],
    ['RUNNING → CANCELING', transition('RUNNING', 'CANCELING'), ['digest:daily']],
    ['created RUNNING', jobEvent({ type: 'created', from: undefined, to: 'RUNNING' }), ['digest:daily']],
    ['removed', jobEvent({ type: 'removed', from: 'FAILED', to: undefined }), ['digest:daily']],
    ['stuck', jobEvent({ type: 'stuck', from: undefined, to: undefined }), ['mail', 'slack', 'digest:daily']],
    ['expiring', jobEvent({ type: 'expiring', from: undefined, to: undefined }), ['slack', 'digest:daily']],
    ['watch_failing', WATCH_FAILING, ['mail', 'slack', 'digest:daily']],
    [
      'watch_recovered',
      { ...WATCH_FAILING, type: 'watch_recovered' } as WatchEvent,
      ['slack', 'digest:daily'],
    ],
  ] satisfies [string, DashwatchEvent, string[]][])('%s → %j', (_name, event, expected) => {
    expect(where(event)).toEqual(expected);
  });

  it('route only to the channel types configured', () => {
    const slackOnly = createRouter(defaultRoutes({ slack }, {}));
    expect(slackOnly(transition('RUNNING', 'FAILED'))).toEqual({ channels: ['slack'], digests: [] });
    const mailOnly = createRouter(defaultRoutes({ mail }, {}));
    expect(mailOnly(transition('RUNNING', 'SUCCEEDED'))).toEqual({ channels: [], digests: [] });
    expect(mailOnly(transition('RUNNING', 'FAILED'))).toEqual({ channels: ['mail'], digests: [] });
    expect(defaultRoutes({}, {})).toEqual([]);
  });
});
