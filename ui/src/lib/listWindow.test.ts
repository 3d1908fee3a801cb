import { describe, expect, it } from 'vitest';
import { OVERSCAN, listWindow, scrollToShow } from './listWindow';

describe('listWindow', () => {
  it('renders a short list whole', () => {
    expect(listWindow(120, 50, 900, 600)).toEqual({ start: 0, end: 120, before: 0, after: 0 });
  });

  it('renders only the rows in view and a margin of a long list', () => {
    const w = listWindow(10_000, 50, 5_000, 600);
    // Rows 100..112 are in view.
    expect(w.start).toBe(100 - OVERSCAN);
    expect(w.end).toBe(112 + OVERSCAN);
    expect(w.end - w.start).toBeLessThan(60);
    // The padding keeps the full height, so the scroll bar is true.
    expect(w.before + (w.end - w.start) * 50 + w.after).toBe(10_000 * 50);
  });

  it('stays inside the list at both ends and past them', () => {
    expect(listWindow(10_000, 50, 0, 600).start).toBe(0);
    const end = listWindow(10_000, 50, 10_000 * 50 - 600, 600);
    expect(end.end).toBe(10_000);
    expect(end.after).toBe(0);
    const past = listWindow(10_000, 50, 10_000 * 50 + 5_000, 600);
    expect(past.end).toBe(10_000);
    expect(past.start).toBeLessThanOrEqual(past.end);
    expect(listWindow(10_000, 50, -300, 600).start).toBe(0);
  });

  it('still renders rows before the viewport is measured', () => {
    const w = listWindow(5_000, 50, 0, 0);
    expect(w.end).toBeGreaterThan(OVERSCAN);
  });
});

describe('scrollToShow', () => {
  it('leaves a row in view alone', () => {
    expect(scrollToShow(10, 50, 8, 400, 600)).toBeNull();
  });
  it('scrolls up to a row above the view, and down to one below', () => {
    expect(scrollToShow(2, 50, 8, 400, 600)).toBe(108);
    expect(scrollToShow(30, 50, 8, 400, 600)).toBe(8 + 31 * 50 - 600);
  });
});
