// The words of a failed save: each cause names itself and what to do; the countdown line.
import { describe, expect, it } from 'vitest';
import { describeSaveProblem, retryLine } from './problem';

describe('describeSaveProblem', () => {
  it('names the cause and what to do', () => {
    expect(describeSaveProblem({ code: 'disk_full' }).headline).toContain('the disk is full');
    expect(describeSaveProblem({ code: 'disk_full' }).advice).toContain('Free some space');
    expect(describeSaveProblem({ code: 'read_only' }).advice).toContain('writable');
    expect(describeSaveProblem({ code: 'draft_gone' }).advice).toContain('Trash');
    const other = describeSaveProblem({ code: 'store' });
    expect(other.headline).toBe('Your latest changes are not saved.');
    expect(other.advice).toContain('copy your text');
  });
});

describe('retryLine', () => {
  it('counts down to the next try, and says when a try is running', () => {
    expect(retryLine(10_500, 2_000, false)).toBe('Next try in 9 s.');
    expect(retryLine(2_000, 2_000, false)).toBe('Trying again now…');
    expect(retryLine(null, 2_000, false)).toBe('');
    expect(retryLine(10_000, 2_000, true)).toBe('Trying again now…');
  });
});
