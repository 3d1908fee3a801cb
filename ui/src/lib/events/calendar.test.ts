// The calendar's logic in the time zones of the region: month grids keep whole, unbroken weeks
// across the daylight-saving changes (the computer's zone set to Oslo for the whole file),
// multi-day events fill each of their days, and times read in two zones.
(globalThis as unknown as { process: { env: Record<string, string | undefined> } }).process.env.TZ = 'Europe/Oslo';

import { describe, expect, it } from 'vitest';
import type { EventListing } from '../bindings';
import { addDays, addMonths, agenda, canMove, eventsByDay, monthGrid, timeInZones, todayIn } from './calendar';

function event(partial: Partial<EventListing>): EventListing {
  return {
    key: { draftId: null, path: 'content/events/x.md' },
    collection: 'events',
    title: 'X',
    state: 'published',
    start: '2027-03-28T10:00:00+02:00',
    end: null,
    timezone: 'Europe/Oslo',
    allDay: false,
    firstDay: '2027-03-28',
    lastDay: '2027-03-28',
    whenText: '',
    place: null,
    onlineLink: null,
    recurring: false,
    ...partial,
  };
}

function consecutive(days: string[]) {
  for (let i = 1; i < days.length; i += 1) expect(days[i]).toBe(addDays(days[i - 1]!, 1));
}

describe('monthGrid', () => {
  it('keeps whole Monday-first weeks across the spring change (28 March 2027)', () => {
    const weeks = monthGrid(2027, 3);
    expect(weeks.map((w) => w.length)).toEqual([7, 7, 7, 7, 7]);
    expect(weeks[0]![0]).toBe('2027-03-01'); // a Monday
    const days = weeks.flat();
    consecutive(days);
    // The week of the change: Monday 22 to Sunday 28, each day once.
    expect(weeks[3]).toEqual(['2027-03-22', '2027-03-23', '2027-03-24', '2027-03-25', '2027-03-26', '2027-03-27', '2027-03-28']);
    expect(new Set(days).size).toBe(days.length);
    expect(weeks[4]![6]).toBe('2027-04-04');
  });

  it('keeps whole weeks across the autumn change (25 October 2026) and pads with other months', () => {
    const weeks = monthGrid(2026, 10);
    expect(weeks[0]![0]).toBe('2026-09-28');
    expect(weeks[weeks.length - 1]![6]).toBe('2026-11-01');
    consecutive(weeks.flat());
    expect(weeks.find((w) => w.includes('2026-10-25'))).toEqual([
      '2026-10-19', '2026-10-20', '2026-10-21', '2026-10-22', '2026-10-23', '2026-10-24', '2026-10-25',
    ]);
  });

  it('has four weeks for a February that starts on a Monday, six for a long month', () => {
    expect(monthGrid(2027, 2)).toHaveLength(4);
    expect(monthGrid(2026, 8)).toHaveLength(6);
  });

  it('steps months across years', () => {
    expect(addMonths(2026, 12, 1)).toEqual({ year: 2027, month: 1 });
    expect(addMonths(2027, 1, -1)).toEqual({ year: 2026, month: 12 });
  });
});

describe('events on days', () => {
  it('puts a multi-day event on each of its days, and the agenda under its first', () => {
    const days = monthGrid(2027, 3).flat();
    const summit = event({ title: 'Summit', firstDay: '2027-03-27', lastDay: '2027-03-29' });
    const talk = event({ title: 'Talk', firstDay: '2027-03-28', lastDay: '2027-03-28' });
    const byDay = eventsByDay([summit, talk], days);
    expect(byDay.get('2027-03-26')).toEqual([]);
    expect(byDay.get('2027-03-27')?.map((e) => e.title)).toEqual(['Summit']);
    expect(byDay.get('2027-03-28')?.map((e) => e.title)).toEqual(['Summit', 'Talk']);
    expect(byDay.get('2027-03-29')?.map((e) => e.title)).toEqual(['Summit']);
    expect(agenda([talk, summit]).map((g) => g.day)).toEqual(['2027-03-27', '2027-03-28']);
  });

  it('lets only drafts that do not repeat be dragged', () => {
    expect(canMove(event({ state: 'new' }))).toBe(true);
    expect(canMove(event({ state: 'modified' }))).toBe(true);
    expect(canMove(event({ state: 'published' }))).toBe(false);
    expect(canMove(event({ state: 'new', recurring: true }))).toBe(false);
  });
});

describe('timeInZones', () => {
  it('shows the event’s zone and the editor’s when the clocks differ', () => {
    expect(timeInZones('2026-12-03T10:00:00+03:00', 'Europe/Moscow', 'Europe/Helsinki')).toBe(
      '10:00 Moscow time — 09:00 in Helsinki',
    );
    // After the spring change Helsinki is at +3 too: one time only.
    expect(timeInZones('2027-04-01T10:00:00+03:00', 'Europe/Moscow', 'Europe/Helsinki')).toBe('10:00 Moscow time');
    expect(timeInZones('2027-03-27T12:00:00+01:00', 'Europe/Oslo', 'Europe/Oslo')).toBe('12:00 Oslo time');
  });

  it('names the other day when the editor’s clock is past midnight', () => {
    expect(timeInZones('2027-01-10T23:30:00+01:00', 'Europe/Stockholm', 'Europe/Moscow')).toBe(
      '23:30 Stockholm time — 01:30 in Moscow (Monday 11 January 2027)',
    );
  });

  it('reads today in a zone', () => {
    const now = new Date('2026-12-31T23:30:00Z');
    expect(todayIn('Europe/Helsinki', now)).toBe('2027-01-01');
    expect(todayIn('Atlantic/Reykjavik', now)).toBe('2026-12-31');
  });
});
