import { describe, expect, it } from 'vitest';
import { clampWidth, dragWidth, keyWidth } from './panes';

describe('pane widths', () => {
  it('a left pane grows when dragged right, a right pane when dragged left, within limits', () => {
    expect(dragWidth(300, 300, 360, 'left', 200, 560)).toBe(360);
    expect(dragWidth(400, 900, 850, 'right', 260, 900)).toBe(450);
    expect(dragWidth(300, 300, 2000, 'left', 200, 560)).toBe(560);
    expect(dragWidth(300, 300, -50, 'left', 200, 560)).toBe(200);
  });

  it('arrow keys move the splitter the way it points, Shift in bigger steps', () => {
    expect(keyWidth(300, 'ArrowRight', false, 'left', 200, 560)).toBe(316);
    expect(keyWidth(300, 'ArrowRight', true, 'left', 200, 560)).toBe(364);
    expect(keyWidth(400, 'ArrowLeft', false, 'right', 260, 900)).toBe(416);
    expect(keyWidth(300, 'Home', false, 'left', 200, 560)).toBe(200);
    expect(keyWidth(300, 'a', false, 'left', 200, 560)).toBeNull();
  });

  it('clamps and rounds', () => {
    expect(clampWidth(250.6, 200, 560)).toBe(251);
  });
});
