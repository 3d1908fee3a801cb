// Words for the times and kinds the history, trash and editorial views show: "today 14:05",
// "3 days ago", "kept until 28 Dec 2026", "Autosave". Pure functions, unit-tested without a DOM;
// `now` is passed in so tests do not depend on the clock.
import type { EditorialState, RevisionKind } from '../bindings';
import { formatClock } from '../format';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = 24 * 60 * 60 * 1000;

function startOfDay(d: Date): number {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/** "3 Mar 2026" in local time. */
export function formatDay(stamp: number): string {
  const d = new Date(stamp);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

/** "today 14:05", "yesterday 09:12", or "3 Mar 2026, 14:05" (local time). */
export function formatWhen(stamp: number, now: number = Date.now()): string {
  const day = startOfDay(new Date(stamp));
  const today = startOfDay(new Date(now));
  if (day === today) return `today ${formatClock(stamp)}`;
  // The day before today's midnight, whatever length daylight saving gave it.
  if (day === startOfDay(new Date(today - 1))) return `yesterday ${formatClock(stamp)}`;
  return `${formatDay(stamp)}, ${formatClock(stamp)}`;
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
export function formatAge(stamp: number, now: number = Date.now()): string {
  const ms = Math.max(0, now - stamp);
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** How long a trashed draft still has: "kept until 28 Dec 2026 (29 days left)". */
export function keptUntil(purgeAt: number, now: number = Date.now()): string {
  const days = Math.max(0, Math.ceil((purgeAt - now) / DAY));
  const left = days === 0 ? 'deleted today' : days === 1 ? '1 day left' : `${days} days left`;
  return `kept until ${formatDay(purgeAt)} (${left})`;
}

export const KIND_LABELS: Record<RevisionKind, string> = {
  autosave: 'Autosave',
  publish: 'Published',
  restore: 'Restored',
};

export const KIND_HINTS: Record<RevisionKind, string> = {
  autosave: 'Kept as you typed',
  publish: 'The text as it was published',
  restore: 'An older version brought back',
};

/** The editorial states a person can choose (published comes from publishing). */
export const SETTABLE: { value: EditorialState; label: string }[] = [
  { value: 'draft', label: 'Draft' },
  { value: 'inReview', label: 'In review' },
  { value: 'ready', label: 'Ready' },
];

/** "In review, set by Ingrid Mäkelä today 14:05" (who and when, as far as known). */
export function editorialLine(label: string, by: string | null, at: number | null, now: number = Date.now()): string {
  if (by === null && at === null) return label;
  const who = by ? ` by ${by}` : '';
  const when = at !== null ? ` ${formatWhen(at, now)}` : '';
  return `${label}, set${who}${when}`;
}
