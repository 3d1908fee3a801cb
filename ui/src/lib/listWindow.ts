// Which rows of a long list are in the DOM: the ones in view plus a margin above and below,
// with the height of the rest kept as padding so the scroll bar stays true. A site of 10,000
// entries would otherwise put 10,000 rows in the page and every change would touch them all.
// Pure arithmetic over a fixed row height, unit-tested without a layout engine.

export interface ListWindow {
  /** Index of the first row in the DOM. */
  start: number;
  /** One past the index of the last row in the DOM. */
  end: number;
  /** Pixels of rows above `start` and below `end`, kept as padding. */
  before: number;
  after: number;
}

/** Lists up to this many rows are rendered whole: cheap, and find-in-page sees every row. */
export const RENDER_ALL_UP_TO = 300;
/** Rows rendered beyond each edge of the view, so fast scrolling never shows a blank. */
export const OVERSCAN = 12;

/**
 * The rows to render for a list of `count` rows of `rowHeight` pixels, scrolled `scrollTop`
 * pixels past the list's top, in a viewport `viewport` pixels high.
 */
export function listWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  renderAllUpTo = RENDER_ALL_UP_TO,
): ListWindow {
  if (count <= renderAllUpTo || rowHeight <= 0) return { start: 0, end: count, before: 0, after: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(viewport, rowHeight)) / rowHeight);
  const start = Math.min(Math.max(0, first - OVERSCAN), count);
  const end = Math.min(count, Math.max(start, last + OVERSCAN));
  return { start, end, before: start * rowHeight, after: (count - end) * rowHeight };
}

/**
 * Where to scroll so row `index` is fully in view (the smallest move), or null when it is.
 * `offset` is the list's distance from the scrolling container's top.
 */
export function scrollToShow(
  index: number,
  rowHeight: number,
  offset: number,
  scrollTop: number,
  viewport: number,
): number | null {
  const top = offset + index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return null;
}
