// The entry form's logic, without a DOM: which fields get which control, time zones (Europe
// first), date-times written as RFC 3339 with the offset the event's zone has on that day, tags
// as a clean list. The core validates again; this only helps people type valid values.
import type { FieldInfo, FieldValue } from './bindings';

/** Fields shown by other parts of the window, or together with another field. */
export function formFields(fields: readonly FieldInfo[]): { lead: FieldInfo | null; rest: FieldInfo[] } {
  // An image's alt text, caption, credit and focal point are shown with the image.
  const altOf = new Set(fields.flatMap((f) => [f.alt, f.caption, f.credit, f.focal]).filter((a): a is string => !!a));
  const lead = fields.find((f) => f.name === 'lead' && f.kind === 'text') ?? null;
  const rest = fields.filter((f) => f.name !== 'title' && f !== lead && !altOf.has(f.name));
  return { lead, rest };
}

/** The DOM id of a field's input, so a problem in the publish bar can focus it. */
export function fieldId(name: string): string {
  return `field-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

export function asText(value: FieldValue | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}

export function asList(value: FieldValue | null | undefined): string[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') return value.split(',').map((t) => t.trim()).filter(Boolean);
  return [];
}

/** Adds a tag unless it is already there in any letter case; trims it. */
export function addTag(tags: readonly string[], tag: string): string[] {
  const t = tag.trim().replace(/\s+/g, ' ');
  if (t === '' || tags.some((x) => x.toLocaleLowerCase() === t.toLocaleLowerCase())) return [...tags];
  return [...tags, t];
}

/** Completions for a tag being typed: known tags that start with (then contain) the text, not yet chosen. */
export function tagSuggestions(known: readonly string[], chosen: readonly string[], typed: string, limit = 8): string[] {
  const q = typed.trim().toLocaleLowerCase();
  const taken = new Set(chosen.map((c) => c.toLocaleLowerCase()));
  const free = known.filter((k) => !taken.has(k.toLocaleLowerCase()));
  if (q === '') return free.slice(0, limit);
  const starts = free.filter((k) => k.toLocaleLowerCase().startsWith(q));
  const contains = free.filter((k) => !k.toLocaleLowerCase().startsWith(q) && k.toLocaleLowerCase().includes(q));
  return [...starts, ...contains].slice(0, limit);
}

const FALLBACK_ZONES = [
  'Europe/Oslo',
  'Europe/Stockholm',
  'Europe/Helsinki',
  'Europe/Moscow',
  'Europe/Copenhagen',
  'Europe/Berlin',
  'Europe/London',
  'Atlantic/Reykjavik',
  'UTC',
];

/** IANA zone names, Europe/* first (the region's zones), then the rest alphabetically. */
export function timeZones(): string[] {
  let all: string[] = FALLBACK_ZONES;
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    if (typeof intl.supportedValuesOf === 'function') all = intl.supportedValuesOf('timeZone');
  } catch {
    // Older engines: the short list.
  }
  const europe = all.filter((z) => z.startsWith('Europe/')).sort();
  const rest = all.filter((z) => !z.startsWith('Europe/')).sort();
  if (!all.includes('UTC')) rest.unshift('UTC');
  return [...europe, ...rest];
}

/** Minutes east of UTC that `zone` has at the instant `utcMs`, or null for an unknown zone. */
export function zoneOffsetMinutes(zone: string, utcMs: number): number | null {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(utcMs));
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60000);
  } catch {
    return null;
  }
}

const WALL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/;

/** The wall-clock part of a stored date-time ("2026-12-03T10:00"), for a datetime-local input. */
export function wallClock(value: string): string {
  const m = WALL.exec(value.trim());
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}` : '';
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * A wall-clock time in `zone` as RFC 3339 with that zone's offset on that day:
 * ("2026-12-03T10:00", "Europe/Oslo") -> "2026-12-03T10:00:00+01:00". Without a known zone the
 * wall-clock time is returned as is (the core then asks for a zone).
 */
export function withZoneOffset(wall: string, zone: string | null): string {
  const m = WALL.exec(wall);
  if (!m) return wall;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}`;
  if (!zone) return local;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  // The offset at the guessed instant, then again at the instant it gives (DST changes).
  const first = zoneOffsetMinutes(zone, asUtc);
  if (first === null) return local;
  const second = zoneOffsetMinutes(zone, asUtc - first * 60000) ?? first;
  return `${local}:00${formatOffset(second)}`;
}

/** An ISO date ("2026-10-14") from whatever the field holds (a date-time keeps its day). */
export function dateOnly(value: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
  return m?.[1] ?? '';
}
