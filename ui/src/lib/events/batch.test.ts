// How the batch form shows what the core read from a pasted table.
import { describe, expect, it } from 'vitest';
import type { BatchRow, BatchTable } from '../bindings';
import { createLabel, errorText, previewRow, summary } from './batch';

const row = (partial: Partial<BatchRow>): BatchRow => ({
  line: 2,
  title: 'Youth café',
  date: '2026-12-03',
  start: '2026-12-03T10:00:00+03:00',
  end: null,
  allDay: false,
  timezone: 'Europe/Moscow',
  venue: 'Library, Murmansk',
  warnings: [],
  ...partial,
});

describe('batch preview', () => {
  it('shows each time in the event’s zone and the editor’s, with the end', () => {
    expect(previewRow(row({}), 'Europe/Helsinki')).toEqual({
      line: 2,
      title: 'Youth café',
      day: 'Thursday 3 December 2026',
      time: '10:00 Moscow time — 09:00 in Helsinki',
      venue: 'Library, Murmansk',
      warnings: [],
    });
    expect(previewRow(row({ end: '2026-12-03T12:30:00+03:00' }), 'Europe/Moscow').time).toBe('10:00–12:30 Moscow time');
    expect(previewRow(row({ allDay: true, start: '2026-12-03' }), 'Europe/Oslo').time).toBe('All day');
  });

  it('says how many rows were read and which lines need fixing', () => {
    const table: BatchTable = {
      rows: [row({}), row({ line: 3 })],
      errors: [{ line: 4, text: 'Seminar\t2027-02-01\tten', message: '“ten” is not a time.' }],
    };
    expect(summary(table)).toBe('2 events read, 1 line needs fixing');
    expect(createLabel(table)).toBe('Create 2 drafts');
    expect(errorText(table.errors[0]!)).toBe('Line 4: “ten” is not a time.');
    expect(createLabel({ rows: [], errors: table.errors })).toBeNull();
    expect(summary({ rows: [row({})], errors: [] })).toBe('1 event read');
  });
});
