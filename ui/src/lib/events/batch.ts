// What the batch form shows of a pasted table the core has read: one line per row with the
// time in the event's zone and the editor's, the bad lines with their numbers, and a
// sentence for the button.
import type { BatchLineError, BatchRow, BatchTable } from '../bindings';
import { dayTitle, timeInZones } from './calendar';

/** The zones of the Barents region, offered first. */
export const REGION_ZONES = ['Europe/Oslo', 'Europe/Stockholm', 'Europe/Helsinki', 'Europe/Moscow'] as const;

export interface PreviewLine {
  line: number;
  title: string;
  day: string;
  time: string;
  venue: string;
  warnings: string[];
}

/** A row as the preview shows it: "10:00 Moscow time — 09:00 in Helsinki", or "All day". */
export function previewRow(row: BatchRow, viewer: string | undefined): PreviewLine {
  let time = 'All day';
  if (!row.allDay) {
    time = timeInZones(row.start, row.timezone, viewer);
    if (row.end) {
      const end = timeInZones(row.end, row.timezone, undefined).replace(/ .*$/, '');
      time = time.replace(/^(\d\d:\d\d)/, `$1–${end}`);
    }
  }
  return {
    line: row.line,
    title: row.title,
    day: dayTitle(row.date),
    time,
    venue: row.venue ?? '',
    warnings: row.warnings,
  };
}

/** "Line 4: “ten” is not a time. …" */
export function errorText(e: BatchLineError): string {
  return `Line ${e.line}: ${e.message}`;
}

/** The create button's words, or null when there is nothing to create. */
export function createLabel(table: BatchTable): string | null {
  const n = table.rows.length;
  if (n === 0) return null;
  return n === 1 ? 'Create 1 draft' : `Create ${n} drafts`;
}

/** A summary: "3 events read, 1 line needs fixing". */
export function summary(table: BatchTable): string {
  const rows = table.rows.length;
  const bad = table.errors.length;
  const read = `${rows} ${rows === 1 ? 'event' : 'events'} read`;
  if (bad === 0) return read;
  return `${read}, ${bad} ${bad === 1 ? 'line needs' : 'lines need'} fixing`;
}
