// The words and choices of the conflict state, without a DOM.
import { describe, expect, it } from 'vitest';
import type { EntryConflict, PublishOutcome } from '../bindings';
import {
  conflictHint,
  conflictOf,
  conflictPaths,
  conflictText,
  nextConflict,
  refusedForNews,
  resolvedMessage,
  reviewLabel,
} from './conflictState';

const conflict = (id: number, path: string): EntryConflict => ({
  summary: { id, path, title: `Entry ${id}`, fields: [], body: true },
  base: 'base',
  mine: 'mine',
  theirs: 'theirs',
});
const list = [conflict(1, 'content/a.md'), conflict(2, 'content/b.md'), conflict(3, 'content/c.md')];
const outcome = (pushed: boolean): PublishOutcome => ({
  key: { draftId: 5, path: 'content/a.md' },
  commit: 'abc',
  pushed,
  pushError: pushed ? null : "Could not reach the site's server: refused.",
  waiting: pushed ? 0 : 1,
});

describe('conflict words', () => {
  it('counts entries in the bar, with singular and plural', () => {
    expect(conflictText(1)).toBe('Conflict: 1 entry needs your choice');
    expect(conflictText(3)).toBe('Conflict: 3 entries need your choice');
    expect(reviewLabel(1)).toBe('Review the conflict');
    expect(reviewLabel(2)).toBe('Review the 2 conflicts');
  });

  it('says in the tooltip that nothing was overwritten and what to do', () => {
    const hint = conflictHint(2);
    expect(hint).toContain('2 entries you published were also changed on the site');
    expect(hint).toContain('nothing was overwritten');
    expect(hint).toContain('Press Review');
  });

  it('says what each resolution did, and when it is only committed here', () => {
    expect(resolvedMessage({ kind: 'keepTheirs' }, outcome(true))).toContain('the version on the site stays');
    expect(resolvedMessage({ kind: 'keepMine' }, outcome(true))).toBe('Conflict resolved: your version is published.');
    expect(resolvedMessage({ kind: 'edited', text: 'x' }, outcome(true))).toBe(
      'Conflict resolved: the combined version is published.',
    );
    expect(resolvedMessage({ kind: 'edited', text: 'x' }, outcome(false))).toContain('will be sent at the next sync');
  });
});

describe('conflict lookups', () => {
  it('finds the conflicted files and an entry’s conflict', () => {
    expect([...conflictPaths(list)]).toEqual(['content/a.md', 'content/b.md', 'content/c.md']);
    expect(conflictOf(list, 'content/b.md')?.summary.id).toBe(2);
    expect(conflictOf(list, 'content/z.md')).toBeNull();
    expect(conflictOf(list, null)).toBeNull();
  });

  it('walks through the conflicts from the open one, wrapping around', () => {
    expect(nextConflict(list, null)?.summary.id).toBe(1);
    expect(nextConflict(list, 'content/other.md')?.summary.id).toBe(1);
    expect(nextConflict(list, 'content/a.md')?.summary.id).toBe(2);
    expect(nextConflict(list, 'content/c.md')?.summary.id).toBe(1);
    expect(nextConflict([], 'content/a.md')).toBeNull();
  });

  it('tells a push the server refused for its news from other failures', () => {
    expect(
      refusedForNews(
        "The site's server refused the change: rejected (fetch first). Your change is committed on this computer and nothing is lost; sync to bring in the server's changes, then try again.",
      ),
    ).toBe(true);
    expect(refusedForNews("Could not reach the site's server: connection refused.")).toBe(false);
    expect(refusedForNews(null)).toBe(false);
  });
});
