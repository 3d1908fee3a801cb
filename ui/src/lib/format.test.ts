// Words and times shown to the user.
import { describe, expect, it } from 'vitest';
import { displayTitle, formatClock, formatEntryDate, stateLabel, syncLabel, toDate } from './format';

describe('format', () => {
  it('reads timestamps as milliseconds, as the core sends them', () => {
    const ms = new Date(2025, 2, 3, 14, 2, 30).getTime();
    expect(toDate(ms).getTime()).toBe(ms);
  });

  it('shows the save time as HH:MM', () => {
    expect(formatClock(new Date(2025, 2, 3, 14, 2, 59))).toBe('14:02');
    expect(formatClock(new Date(2025, 2, 3, 9, 5).getTime())).toBe('09:05');
  });

  it('formats entry dates without shifting the day', () => {
    expect(formatEntryDate('2025-03-03')).toBe('3 Mar 2025');
    expect(formatEntryDate('2024-12-31T23:30:00+03:00')).toBe('31 Dec 2024');
    expect(formatEntryDate('soon')).toBe('soon');
    expect(formatEntryDate(null)).toBe('');
  });

  it('names states and sync counts in words', () => {
    expect(stateLabel('published')).toBe('Published');
    expect(stateLabel('new')).toBe('Draft');
    expect(stateLabel('modified')).toBe('Edited');
    expect(syncLabel(0)).toBe('All published');
    expect(syncLabel(1)).toBe('1 change waiting to sync');
    expect(syncLabel(3)).toBe('3 changes waiting to sync');
    expect(displayTitle('  ')).toBe('Untitled');
    expect(displayTitle(' Kirkenes ')).toBe('Kirkenes');
  });
});
