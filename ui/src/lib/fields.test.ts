// The form's helpers: zone offsets across daylight saving time in the region's zones, the zone
// list, tags and their completion, and which fields the form lays out where.
import { describe, expect, it } from 'vitest';
import type { FieldInfo } from './bindings';
import { addTag, dateOnly, fieldId, formFields, tagSuggestions, timeZones, wallClock, withZoneOffset } from './fields';

const f = (name: string, kind: FieldInfo['kind'], extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name,
  label: name,
  kind,
  required: false,
  default: null,
  options: [],
  collection: null,
  after: null,
  before: null,
  alt: null,
  zone: null,
  caption: null,
  credit: null,
  focal: null,
  ...extra,
});

describe('date-times in the event zone', () => {
  it('writes the offset the zone has on that day, across DST', () => {
    expect(withZoneOffset('2026-12-03T10:00', 'Europe/Oslo')).toBe('2026-12-03T10:00:00+01:00');
    expect(withZoneOffset('2026-07-03T10:00', 'Europe/Oslo')).toBe('2026-07-03T10:00:00+02:00');
    expect(withZoneOffset('2027-02-10T12:00', 'Europe/Helsinki')).toBe('2027-02-10T12:00:00+02:00');
    expect(withZoneOffset('2026-07-01T09:30', 'Europe/Moscow')).toBe('2026-07-01T09:30:00+03:00');
    // The morning after the spring change in Stockholm (29 March 2026, 02:00 -> 03:00).
    expect(withZoneOffset('2026-03-29T04:00', 'Europe/Stockholm')).toBe('2026-03-29T04:00:00+02:00');
    expect(withZoneOffset('2026-03-28T04:00', 'Europe/Stockholm')).toBe('2026-03-28T04:00:00+01:00');
  });

  it('keeps the wall-clock time without a known zone, and reads it back', () => {
    expect(withZoneOffset('2026-12-03T10:00', null)).toBe('2026-12-03T10:00');
    expect(withZoneOffset('2026-12-03T10:00', 'Mars/Olympus')).toBe('2026-12-03T10:00');
    expect(wallClock('2026-12-03T10:00:00+01:00')).toBe('2026-12-03T10:00');
    expect(wallClock('not a time')).toBe('');
    expect(dateOnly('2026-12-03T10:00:00+01:00')).toBe('2026-12-03');
  });

  it('lists Europe first, with the Barents zones in it', () => {
    const zones = timeZones();
    const firstOther = zones.findIndex((z) => !z.startsWith('Europe/'));
    expect(firstOther).toBeGreaterThan(10);
    expect(zones.slice(0, firstOther).every((z) => z.startsWith('Europe/'))).toBe(true);
    for (const z of ['Europe/Oslo', 'Europe/Stockholm', 'Europe/Helsinki', 'Europe/Moscow']) expect(zones).toContain(z);
  });
});

describe('tags', () => {
  it('adds trimmed tags once, whatever the letter case', () => {
    expect(addTag(['youth'], '  Sámi   culture ')).toEqual(['youth', 'Sámi culture']);
    expect(addTag(['Youth'], 'youth')).toEqual(['Youth']);
    expect(addTag([], '   ')).toEqual([]);
  });

  it('suggests known tags that start with the text first, never one already chosen', () => {
    const known = ['cooperation', 'culture', 'youth', 'indigenous culture'];
    expect(tagSuggestions(known, ['youth'], 'cu')).toEqual(['culture', 'indigenous culture']);
    expect(tagSuggestions(known, ['culture'], '')).toEqual(['cooperation', 'youth', 'indigenous culture']);
  });
});

describe('form layout', () => {
  it('puts the lead on top, the alt text with its image, and leaves the title to its own input', () => {
    const fields = [f('title', 'string'), f('lead', 'text'), f('date', 'date'), f('cover', 'image', { alt: 'cover_alt' }), f('cover_alt', 'string')];
    const { lead, rest } = formFields(fields);
    expect(lead?.name).toBe('lead');
    expect(rest.map((x) => x.name)).toEqual(['date', 'cover']);
    expect(fieldId('cover alt')).toBe('field-cover_alt');
  });
});
