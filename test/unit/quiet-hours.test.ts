import { describe, expect, it } from 'vitest';
import { quietWindow } from '../../src/core/quiet-hours.js';

const at = (local: string) => Date.parse(`${local}+08:00`);

describe('quietWindow', () => {
  const night = { from: '22:00', to: '08:00', except: [] };
  it.each([
    ['2026-03-02T21:59:59', undefined],
    ['2026-03-02T22:00:00', '2026-03-03T08:00:00'],
    ['2026-03-03T03:30:00', '2026-03-03T08:00:00'],
    ['2026-03-03T07:59:59', '2026-03-03T08:00:00'],
    ['2026-03-03T08:00:00', undefined],
  ])('22:00–08:00 at %s ends %s', (now, end) => {
    expect(quietWindow(night, 'Asia/Shanghai', at(now))).toEqual(
      end === undefined ? undefined : { endsAt: at(end) },
    );
  });

  it('a window within one day, in its own zone', () => {
    const lunch = { from: '12:00', to: '13:00', timeZone: 'UTC', except: [] };
    expect(quietWindow(lunch, 'Asia/Shanghai', Date.parse('2026-03-02T12:30:00Z'))).toEqual({
      endsAt: Date.parse('2026-03-02T13:00:00Z'),
    });
    expect(quietWindow(lunch, 'Asia/Shanghai', Date.parse('2026-03-02T13:30:00Z'))).toBeUndefined();
  });
});
