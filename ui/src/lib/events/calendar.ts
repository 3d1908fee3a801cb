// The calendar's logic, without a DOM: month grids (Monday first), which events fall on which
// day, the agenda's grouping, and an instant shown in the event's zone and the editor's.
// Days are calendar dates ("2027-03-28"), computed in UTC arithmetic so that a daylight-saving
// change in the computer's zone can never skip or repeat a day of the grid.
import type { EventListing } from '../bindings';

export type Day = string;

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function dayOf(date: Date): Day {
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function utc(day: Day): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

export function addDays(day: Day, n: number): Day {
  const date = utc(day);
  date.setUTCDate(date.getUTCDate() + n);
  return dayOf(date);
}

/** Today in a zone (the editor's), as a calendar date. */
export function todayIn(zone: string | undefined, now: Date = new Date()): Day {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '01';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The month `n` months after `year`-`month` (month 1–12). */
export function addMonths(year: number, month: number, n: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + n;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The weeks shown for a month: whole weeks, Monday to Sunday, from the week of the 1st to
 * the week of the last day (4 to 6 weeks).
 */
export function monthGrid(year: number, month: number): Day[][] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const last = new Date(Date.UTC(year, month, 0));
  // getUTCDay: 0 = Sunday; Monday first.
  const lead = (first.getUTCDay() + 6) % 7;
  const trail = 6 - ((last.getUTCDay() + 6) % 7);
  const start = addDays(dayOf(first), -lead);
  const count = lead + last.getUTCDate() + trail;
  const weeks: Day[][] = [];
  for (let i = 0; i < count; i += 7) {
    weeks.push(Array.from({ length: 7 }, (_, j) => addDays(start, i + j)));
  }
  return weeks;
}

export function isInMonth(day: Day, year: number, month: number): boolean {
  return day.startsWith(`${year}-${pad(month)}-`);
}

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

export function monthTitle(year: number, month: number): string {
  return `${MONTH_NAMES[month - 1] ?? ''} ${year}`;
}

/** "Wednesday 10 February 2027". */
export function dayTitle(day: Day): string {
  const date = utc(day);
  const weekday = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][date.getUTCDay()];
  return `${weekday} ${date.getUTCDate()} ${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** The events on each day (an event spanning days is on each of them), in the list's order. */
export function eventsByDay(events: EventListing[], days: Day[]): Map<Day, EventListing[]> {
  const out = new Map<Day, EventListing[]>(days.map((d) => [d, []]));
  for (const e of events) {
    for (const day of days) {
      if (day >= e.firstDay && day <= e.lastDay) out.get(day)?.push(e);
    }
  }
  return out;
}

/** The agenda: days that have events, in order, each with its events. */
export function agenda(events: EventListing[]): { day: Day; events: EventListing[] }[] {
  const groups = new Map<Day, EventListing[]>();
  for (const e of events) {
    const list = groups.get(e.firstDay) ?? [];
    list.push(e);
    groups.set(e.firstDay, list);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, events: list }));
}

/** Only drafts can be moved by dragging: a published event changes through its draft. */
export function canMove(e: EventListing): boolean {
  return e.state !== 'published' && e.state !== 'queued' && !e.recurring;
}

/** "Helsinki" from "Europe/Helsinki", "Ho Chi Minh" from "Asia/Ho_Chi_Minh". */
export function zoneCity(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

function clock(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

function dateIn(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/**
 * An instant in the event's zone and, when the clock there reads differently, in the
 * editor's: "10:00 Moscow time — 09:00 in Helsinki". A different date is named.
 */
export function timeInZones(instant: string, eventZone: string, viewerZone: string | undefined): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const own = `${clock(at, eventZone)} ${zoneCity(eventZone)} time`;
  if (!viewerZone || viewerZone === eventZone) return own;
  const there = clock(at, viewerZone);
  if (there === clock(at, eventZone) && dateIn(at, viewerZone) === dateIn(at, eventZone)) return own;
  const otherDay = dateIn(at, viewerZone) !== dateIn(at, eventZone) ? ` (${dayTitle(dateIn(at, viewerZone))})` : '';
  return `${own} — ${there} in ${zoneCity(viewerZone)}${otherDay}`;
}

/** The editor's zone as the system names it (IANA), if the engine knows it. */
export function viewerZone(): string | undefined {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
  } catch {
    return undefined;
  }
}

export function stateWord(state: EventListing['state']): string {
  if (state === 'queued') return 'Waiting to sync';
  return state === 'published' ? 'Published' : state === 'new' ? 'Draft' : 'Unpublished changes';
}
