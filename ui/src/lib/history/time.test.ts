// The words the history and trash use for times, ages and kinds.
import { describe, expect, it } from 'vitest';
import { editorialLine, formatAge, formatWhen, keptUntil } from './time';

const at = (y: number, mo: number, d: number, h = 12, mi = 0) => new Date(y, mo - 1, d, h, mi).getTime();

describe('times', () => {
  const now = at(2026, 11, 29, 10, 30);

  it('says today, yesterday, or the date', () => {
    expect(formatWhen(at(2026, 11, 29, 9, 5), now)).toBe('today 09:05');
    expect(formatWhen(at(2026, 11, 28, 23, 59), now)).toBe('yesterday 23:59');
    expect(formatWhen(at(2026, 11, 27, 8, 0), now)).toBe('27 Nov 2026, 08:00');
    expect(formatWhen(at(2025, 1, 3, 14, 15), now)).toBe('3 Jan 2025, 14:15');
  });

  it('gives ages in the largest whole unit', () => {
    expect(formatAge(now - 20_000, now)).toBe('just now');
    expect(formatAge(now - 60_000, now)).toBe('1 minute ago');
    expect(formatAge(now - 59 * 60_000, now)).toBe('59 minutes ago');
    expect(formatAge(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(formatAge(now - 26 * 3_600_000, now)).toBe('1 day ago');
    expect(formatAge(now - 12 * 86_400_000, now)).toBe('12 days ago');
    // A clock that went backwards is not "in the future".
    expect(formatAge(now + 5000, now)).toBe('just now');
  });

  it('says until when a trashed draft is kept and how many days are left', () => {
    const trashed = at(2026, 11, 29, 10, 0);
    const purge = trashed + 30 * 86_400_000;
    expect(keptUntil(purge, now)).toBe('kept until 29 Dec 2026 (30 days left)');
    expect(keptUntil(purge, purge - 86_400_000 + 1)).toBe('kept until 29 Dec 2026 (1 day left)');
    expect(keptUntil(purge, purge + 1)).toBe('kept until 29 Dec 2026 (deleted today)');
  });

  it('says who set an editorial state and when, as far as known', () => {
    expect(editorialLine('Draft', null, null, now)).toBe('Draft');
    expect(editorialLine('In review', 'Ingrid Mäkelä', at(2026, 11, 29, 9, 0), now)).toBe(
      'In review, set by Ingrid Mäkelä today 09:00',
    );
    expect(editorialLine('Ready', null, at(2026, 11, 28, 9, 0), now)).toBe('Ready, set yesterday 09:00');
  });
});
