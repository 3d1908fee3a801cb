// Pane widths: what a drag or an arrow key on a splitter makes of a width, and the limits.
// The widths are remembered by the core (window_layout / save_pane_widths); this only computes.

/** Which side of its splitter the pane is on: the entry list is left, the preview right. */
export type Side = 'left' | 'right';

export const LIMITS = {
  sidebar: { min: 200, max: 560, initial: 300 },
  preview: { min: 260, max: 900, initial: null as number | null },
} as const;

export function clampWidth(px: number, min: number, max: number): number {
  return Math.round(Math.min(max, Math.max(min, px)));
}

/** The width after dragging the splitter from `startX` to `x` (a left pane grows to the right). */
export function dragWidth(start: number, startX: number, x: number, side: Side, min: number, max: number): number {
  const delta = side === 'left' ? x - startX : startX - x;
  return clampWidth(start + delta, min, max);
}

/** The width after an arrow key on a focused splitter (Shift: bigger steps); null for other keys. */
export function keyWidth(width: number, key: string, shift: boolean, side: Side, min: number, max: number): number | null {
  const step = shift ? 64 : 16;
  const grow = side === 'left' ? 'ArrowRight' : 'ArrowLeft';
  const shrink = side === 'left' ? 'ArrowLeft' : 'ArrowRight';
  if (key === grow) return clampWidth(width + step, min, max);
  if (key === shrink) return clampWidth(width - step, min, max);
  if (key === 'Home') return min;
  if (key === 'End') return max;
  return null;
}
