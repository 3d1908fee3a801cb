// Dates and times typed as text, for keyboard-first event entry: "2027-03-27 18:00",
// "27.3.2027 18.00", "27/3/2027", a time alone for an end on the start's day. The system's
// date-time control is locale-bound (month first under en-US) and cannot be typed into
// reliably; a text field with one forgiving reader is faster for someone entering ten events.
// Day-first is the rule for dotted and slashed dates (the region writes dates that way).
// The result is a wall-clock reading; the zone's offset is added by fields.ts.

export type Typed =
  | { kind: 'empty' }
  | { kind: 'at'; wall: string }
  | { kind: 'day'; day: string }
  | { kind: 'error'; message: string };

const pad = (n: number) => String(n).padStart(2, '0');

function validDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days;
}

/** "2027-03-27", "27.03.2027", "27.3.2027", "27/3/2027" -> "2027-03-27"; null if not a date. */
function readDate(text: string): string | null | 'bad' {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(text);
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  return validDay(y, mo, d) ? `${y}-${pad(mo)}-${pad(d)}` : 'bad';
}

/** "18:00", "18.00", "9:30", "1800", "18" -> "18:00"; null if not a time. */
function readTime(text: string): string | null | 'bad' {
  const m = /^(\d{1,2})(?:[:.]?(\d{2}))?$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  return h <= 23 && min <= 59 ? `${pad(h)}:${pad(min)}` : 'bad';
}

const HOW = 'Write it as 2027-03-27 18:00 or 27.03.2027 18:00 (day first), or only a date for an all-day event.';

/**
 * Reads what was typed into a date-time field. `sameDay` is the day a time alone belongs to
 * (the start's day, for an end typed as "20:00").
 */
export function readTyped(raw: string, sameDay: string | null = null): Typed {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'empty' };
  // "2027-03-27T18:00", "2027-03-27 18:00", "27.3.2027, 18:00", "27.3.2027 kl. 18.00"
  const parts = text.replace(/,/g, ' ').replace(/\bkl\.?\s*/i, '').split(/[ T]+/).filter(Boolean);
  const [first = '', second = ''] = parts;
  if (parts.length === 1) {
    const day = readDate(first);
    if (day === 'bad') return { kind: 'error', message: `“${raw.trim()}” is not a day of the calendar. ${HOW}` };
    if (day) return { kind: 'day', day };
    const time = readTime(first);
    if (time && time !== 'bad' && sameDay) return { kind: 'at', wall: `${sameDay}T${time}` };
    if (time && time !== 'bad') {
      return { kind: 'error', message: `“${raw.trim()}” is a time without a date. Give the date too, for example 2027-03-27 ${time}.` };
    }
    return { kind: 'error', message: `“${raw.trim()}” is not a date this field can read. ${HOW}` };
  }
  if (parts.length === 2) {
    const day = readDate(first);
    const time = readTime(second);
    if (day === 'bad') return { kind: 'error', message: `“${first}” is not a day of the calendar. ${HOW}` };
    if (time === 'bad') return { kind: 'error', message: `“${second}” is not a time of day (00:00 to 23:59). ${HOW}` };
    if (day && time) return { kind: 'at', wall: `${day}T${time}` };
  }
  return { kind: 'error', message: `“${raw.trim()}” is not a date this field can read. ${HOW}` };
}

/** A stored value ("2027-03-27T18:00:00+01:00", "2027-03-27") as the field shows it. */
export function shown(stored: string): string {
  const v = stored.trim();
  const at = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(v);
  if (at) return `${at[1]} ${at[2]}`;
  const day = /^(\d{4}-\d{2}-\d{2})$/.exec(v);
  return day?.[1] ?? v;
}

/** The day part of a stored value, for an end typed as a time alone. */
export function dayOf(stored: string): string | null {
  return /^(\d{4}-\d{2}-\d{2})/.exec(stored.trim())?.[1] ?? null;
}
