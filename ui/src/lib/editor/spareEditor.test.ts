// The spare editor: built after a moment of idle time, parked hidden and out of the page's
// `.ProseMirror` elements, then taken by the next opened entry with that entry's text, an empty
// undo history and its own Mod+K; a text the schema rejects is reported, not shown.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DocNode } from '../bindings';
import { openEditor, prepareSpare } from './spareEditor';

const text = (words: string): DocNode => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text: words }] }],
});

function host(): HTMLElement {
  const el = document.createElement('div');
  document.body.appendChild(el);
  return el;
}

const parked = () => document.querySelector<HTMLElement>('[data-spare-editor]');

afterEach(() => {
  vi.useRealTimers();
});

describe('the spare editor', () => {
  it('is built after idle time, hidden, and taken by the next entry opened', () => {
    vi.useFakeTimers();
    const first = openEditor(host(), text('The first entry'), () => {});
    expect(first.contentError).toBeNull();
    expect(first.editor.view.dom.textContent).toBe('The first entry');

    prepareSpare();
    vi.advanceTimersByTime(300);
    // A key press in the meantime: the spare waits for quiet again.
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    vi.advanceTimersByTime(300);
    expect(parked()?.childElementCount ?? 0).toBe(0);
    vi.advanceTimersByTime(150);
    const spareDom = parked()?.firstElementChild as HTMLElement | null;
    expect(spareDom).not.toBeNull();
    expect(parked()?.hidden).toBe(true);
    // Parked, it is not one of the page's editors.
    expect(document.querySelectorAll('.ProseMirror')).toHaveLength(1);

    const place = host();
    let shortcuts = 0;
    const second = openEditor(place, text('The long read'), () => (shortcuts += 1));
    expect(second.editor.view.dom).toBe(spareDom);
    expect(place.firstElementChild).toBe(spareDom);
    expect(spareDom!.classList.contains('ProseMirror')).toBe(true);
    expect(spareDom!.textContent).toBe('The long read');
    expect(second.editor.can().undo()).toBe(false);
    second.editor.commands.insertContentAt(1, 'Edited: ');
    expect(second.editor.getJSON()).toEqual(text('Edited: The long read'));
    expect(second.editor.can().undo()).toBe(true);

    // Mod+K reaches the entry that took the editor.
    second.editor.commands.keyboardShortcut('Mod-k');
    expect(shortcuts).toBe(1);

    // Used once: the next open builds anew until another spare is ready.
    const third = openEditor(host(), text('Third'), () => {});
    expect(third.editor).not.toBe(second.editor);
    first.editor.destroy();
    second.editor.destroy();
    third.editor.destroy();
  });

  it('reports a text the schema rejects and shows nothing of it', () => {
    const bad = { type: 'doc', content: [{ type: 'mystery', content: [] }] } as DocNode;
    const opened = openEditor(host(), bad, () => {});
    expect(opened.contentError?.message).toMatch(/mystery/);
    expect(opened.editor.view.dom.textContent).toBe('');
    opened.editor.destroy();
  });
});
