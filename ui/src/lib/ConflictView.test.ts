// The conflict view rendered in jsdom: three versions side by side with changed lines marked,
// and each button hands the right resolution to the caller.
import { flushSync, mount, unmount } from 'svelte';
import { describe, expect, it, vi } from 'vitest';
import type { EntryConflict } from './bindings';
import ConflictView from './ConflictView.svelte';

const conflict: EntryConflict = {
  summary: { id: 7, path: 'content/articles/a.md', title: 'Youth forum', fields: ['date'], body: true },
  base: '---\ntitle: Youth forum\ndate: 2026-05-01\n---\nOpening.\n',
  mine: '---\ntitle: Youth forum\ndate: 2026-05-03\n---\nMy opening.\n',
  theirs: '---\ntitle: Youth forum\ndate: 2026-05-04\n---\nTheir opening.\n',
};

function render(onresolve = vi.fn()) {
  const target = document.createElement('div');
  document.body.append(target);
  const view = mount(ConflictView, { target, props: { conflict, onresolve } });
  flushSync();
  return { target, onresolve, done: () => unmount(view) };
}

describe('ConflictView', () => {
  it('shows theirs, mine and base, marking lines that differ from the base', () => {
    const { target, done } = render();
    const theirs = target.querySelector('[data-testid="conflict-theirs"]')!;
    const mine = target.querySelector('[data-testid="conflict-mine"]')!;
    expect(theirs.textContent).toContain('Their opening.');
    expect(mine.textContent).toContain('My opening.');
    expect(target.querySelector('[data-testid="conflict-base"]')!.textContent).toContain('Opening.');
    const marked = [...mine.querySelectorAll('.changed')].map((s) => s.textContent?.trim());
    expect(marked).toEqual(['date: 2026-05-03', 'My opening.']);
    expect(target.textContent).toContain('the field “date” and the same part of the text');
    done();
  });

  it('hands each choice to the caller; the combined text starts from theirs', () => {
    const { target, onresolve, done } = render();
    const edited = target.querySelector<HTMLTextAreaElement>('[data-testid="conflict-edited"]')!;
    expect(edited.value).toBe(conflict.theirs);
    target.querySelector<HTMLButtonElement>('[data-testid="conflict-keep-mine"]')!.click();
    target.querySelector<HTMLButtonElement>('[data-testid="conflict-keep-theirs"]')!.click();
    edited.value = 'combined text';
    edited.dispatchEvent(new Event('input'));
    flushSync();
    target.querySelector<HTMLButtonElement>('[data-testid="conflict-publish-edited"]')!.click();
    expect(onresolve.mock.calls.map((c) => c[0])).toEqual([
      { kind: 'keepMine' },
      { kind: 'keepTheirs' },
      { kind: 'edited', text: 'combined text' },
    ]);
    done();
  });
});
