// Words and times shown to the user: save/sync/state labels and date formatting.
// Pure functions only, so they can be unit-tested without a DOM.
import type { EntryState } from './bindings';

/** The core sends timestamps as milliseconds since the Unix epoch (src/api/types.rs). */
export function toDate(stamp: number): Date {
  return new Date(stamp);
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local wall-clock time as HH:MM (24-hour), the same on every platform and locale. */
export function formatClock(stamp: number | Date): string {
  const d = stamp instanceof Date ? stamp : toDate(stamp);
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * An entry's front-matter date for the list: "3 Mar 2025". The date part is read as written
 * (no time-zone shift: an event on the 3rd stays on the 3rd); anything unrecognised is shown raw.
 */
export function formatEntryDate(date: string | null): string {
  if (!date) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date.trim());
  if (!m) return date;
  const month = MONTHS[Number(m[2]) - 1];
  if (!month) return date;
  return `${Number(m[3])} ${month} ${m[1]}`;
}

export function stateLabel(state: EntryState): string {
  switch (state) {
    case 'published':
      return 'Published';
    case 'new':
      return 'Draft';
    case 'modified':
      return 'Edited';
    case 'queued':
      return 'Waiting to sync';
  }
}

export function stateDescription(state: EntryState): string {
  switch (state) {
    case 'published':
      return 'Published, no unpublished changes';
    case 'new':
      return 'Draft, never published';
    case 'modified':
      return 'Published, with changes not yet published';
    case 'queued':
      return 'Published on this computer; sent to the site’s server at the next sync';
  }
}

/**
 * True when the entry has no unpublished draft: published on the site, or published here and
 * waiting to be sent (wt-states). Such an entry has nothing new to publish or discard.
 */
export function isPublishedState(state: EntryState): boolean {
  return state === 'published' || state === 'queued';
}

export function syncLabel(waiting: number): string {
  if (waiting <= 0) return 'All published';
  return waiting === 1 ? '1 change waiting to sync' : `${waiting} changes waiting to sync`;
}

export function displayTitle(title: string): string {
  const t = title.trim();
  return t === '' ? 'Untitled' : t;
}
