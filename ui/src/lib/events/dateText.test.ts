import { describe, expect, it } from 'vitest';
import { dayOf, readTyped, shown } from './dateText';

describe('readTyped', () => {
  it('reads ISO and day-first dates with a time', () => {
    expect(readTyped('2027-03-27 18:00')).toEqual({ kind: 'at', wall: '2027-03-27T18:00' });
    expect(readTyped('2027-03-27T18:00')).toEqual({ kind: 'at', wall: '2027-03-27T18:00' });
    expect(readTyped(' 27.3.2027   18.00 ')).toEqual({ kind: 'at', wall: '2027-03-27T18:00' });
    expect(readTyped('27/03/2027, 9:05')).toEqual({ kind: 'at', wall: '2027-03-27T09:05' });
    expect(readTyped('27.3.2027 kl. 1800')).toEqual({ kind: 'at', wall: '2027-03-27T18:00' });
  });

  it('reads a date alone as a day (all day)', () => {
    expect(readTyped('2027-03-27')).toEqual({ kind: 'day', day: '2027-03-27' });
    expect(readTyped('1.4.2027')).toEqual({ kind: 'day', day: '2027-04-01' });
  });

  it('puts a time alone on the given day, and asks for a date without one', () => {
    expect(readTyped('20:00', '2027-03-27')).toEqual({ kind: 'at', wall: '2027-03-27T20:00' });
    const alone = readTyped('20:00');
    expect(alone.kind).toBe('error');
    expect(alone.kind === 'error' && alone.message).toContain('without a date');
  });

  it('refuses impossible days and times with a message saying how to write them', () => {
    for (const bad of ['2027-02-29 10:00', '31.4.2027', '2027-03-27 24:00', '2027-03-27 10:60', 'tomorrow', '3/27/2027']) {
      const r = readTyped(bad);
      expect(r.kind, bad).toBe('error');
      expect(r.kind === 'error' && r.message, bad).toMatch(/2027-03-27 18:00/);
    }
    expect(readTyped('2028-02-29')).toEqual({ kind: 'day', day: '2028-02-29' });
  });

  it('reads nothing as empty', () => {
    expect(readTyped('   ')).toEqual({ kind: 'empty' });
  });
});

describe('shown and dayOf', () => {
  it('shows stored values as they are typed', () => {
    expect(shown('2027-03-27T18:00:00+01:00')).toBe('2027-03-27 18:00');
    expect(shown('2027-03-27')).toBe('2027-03-27');
    expect(shown('something else')).toBe('something else');
    expect(dayOf('2027-03-27T18:00:00+01:00')).toBe('2027-03-27');
    expect(dayOf('')).toBeNull();
  });
});
