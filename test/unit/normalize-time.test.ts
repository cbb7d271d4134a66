import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isValidTimeZone, toUtcIso } from '../../src/kinds/normalize/time.js';

describe('toUtcIso', () => {
  it.each([
    // The three vendor formats, in the default zone (Asia/Shanghai, UTC+8, no DST).
    ['2024-10-29 16:53:53', DEFAULT_TIME_ZONE, '2024-10-29T08:53:53.000Z'],
    ['2026-05-27T18:07:16', DEFAULT_TIME_ZONE, '2026-05-27T10:07:16.000Z'],
    ['2024-01-01T12:00:00.000+00:00', DEFAULT_TIME_ZONE, '2024-01-01T12:00:00.000Z'],
    ['2024-01-01T12:00:00.000Z', DEFAULT_TIME_ZONE, '2024-01-01T12:00:00.000Z'],
    ['2024-01-01 03:00:00', DEFAULT_TIME_ZONE, '2023-12-31T19:00:00.000Z'],
    // An explicit offset wins over the zone.
    ['2024-01-01T20:00:00.000+08:00', 'America/New_York', '2024-01-01T12:00:00.000Z'],
    ['2024-01-01T06:30:00-05:30', 'UTC', '2024-01-01T12:00:00.000Z'],
    ['2024-01-01T12:00:00+0100', 'UTC', '2024-01-01T11:00:00.000Z'],
    ['2024-01-01T12:00:00.5+02', 'UTC', '2024-01-01T10:00:00.500Z'],
    ['2024-01-01T12:00:00.123456z', 'UTC', '2024-01-01T12:00:00.123Z'],
    ['  2024-10-29 16:53:53 ', 'UTC', '2024-10-29T16:53:53.000Z'],
    // Zoneless times in other zones.
    ['2024-10-29 16:53:53', 'UTC', '2024-10-29T16:53:53.000Z'],
    ['2026-05-27T18:07:16', 'UTC', '2026-05-27T18:07:16.000Z'],
    ['2024-01-01 00:00:00', 'Asia/Kolkata', '2023-12-31T18:30:00.000Z'],
    ['2024-02-29 12:00:00', 'UTC', '2024-02-29T12:00:00.000Z'],
    // America/New_York: EST (-5) before 2024-03-10 02:00, EDT (-4) until 2024-11-03 02:00.
    ['2024-03-09 12:00:00', 'America/New_York', '2024-03-09T17:00:00.000Z'],
    ['2024-03-10 01:59:59', 'America/New_York', '2024-03-10T06:59:59.000Z'],
    ['2024-03-10 03:00:00', 'America/New_York', '2024-03-10T07:00:00.000Z'],
    ['2024-03-11 12:00:00', 'America/New_York', '2024-03-11T16:00:00.000Z'],
    ['2024-07-01T09:00:00', 'America/New_York', '2024-07-01T13:00:00.000Z'],
    ['2024-11-03 03:00:00', 'America/New_York', '2024-11-03T08:00:00.000Z'],
    // A skipped wall time (02:30 never happens on 2024-03-10) moves forward by the gap: 03:30 EDT.
    ['2024-03-10 02:30:00', 'America/New_York', '2024-03-10T07:30:00.000Z'],
    // A repeated wall time (01:30 happens twice on 2024-11-03) takes the earlier instant, EDT.
    ['2024-11-03 01:30:00', 'America/New_York', '2024-11-03T05:30:00.000Z'],
    // The same rule east of UTC: Berlin's 02:30 on 2024-10-27 happens in CEST first.
    ['2024-10-27 02:30:00', 'Europe/Berlin', '2024-10-27T00:30:00.000Z'],
    // Southern hemisphere: Sydney is on AEDT (+11) in January, AEST (+10) in July.
    ['2024-01-15 12:00:00', 'Australia/Sydney', '2024-01-15T01:00:00.000Z'],
    ['2024-07-15 12:00:00', 'Australia/Sydney', '2024-07-15T02:00:00.000Z'],
  ])('%s in %s is %s', (value, zone, expected) => {
    expect(toUtcIso(value, zone)).toBe(expected);
  });

  it('defaults to Asia/Shanghai', () => {
    expect(toUtcIso('2024-10-29 16:53:53')).toBe('2024-10-29T08:53:53.000Z');
  });

  it.each([
    null,
    undefined,
    '',
    '   ',
    'not a date',
    '2024-10-29',
    '2024-10-29 16:53',
    '2024/10/29 16:53:53',
    '2024-10-29X16:53:53',
    '2024-02-30 00:00:00',
    '2023-02-29 00:00:00',
    '2024-13-01 00:00:00',
    '2024-00-10 00:00:00',
    '2024-10-29 24:00:00',
    '2024-10-29 16:60:00',
    '2024-10-29 16:53:60',
    '0099-01-01 00:00:00',
    '2024-01-01T12:00:00+24:00',
    '2024-01-01T12:00:00+08:60',
    '2024-01-01T12:00:00+8:00',
    '2024-01-01T12:00:00 UTC',
    1_730_192_033_000,
    {},
    [],
  ])('%j is undefined', (value) => {
    expect(toUtcIso(value, 'UTC')).toBeUndefined();
  });

  it('is undefined for an unknown zone instead of throwing', () => {
    expect(toUtcIso('2024-10-29 16:53:53', 'Mars/Olympus_Mons')).toBeUndefined();
    expect(toUtcIso('2024-10-29 16:53:53', '')).toBeUndefined();
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Asia/Shanghai', true],
    ['UTC', true],
    ['America/New_York', true],
    ['Europe/Berlin', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    ['+25:00', false],
  ])('%j is %s', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});
