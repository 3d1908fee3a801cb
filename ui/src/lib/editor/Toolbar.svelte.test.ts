// The toolbar's Undo and Redo follow the editor's history: off for a newly opened text, Undo
// after typing, Redo after an undo, both off when the entry is read-only.
import { Editor } from '@tiptap/core';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { createExtensions } from './extensions';
import Toolbar from './Toolbar.svelte';

let editor: Editor | null = null;
let shown: ReturnType<typeof mount> | null = null;

afterEach(() => {
  if (shown) unmount(shown);
  shown = null;
  editor?.destroy();
  editor = null;
});

describe('undo and redo in the toolbar', () => {
  it('follow the history of the text', () => {
    const element = document.createElement('div');
    document.body.append(element);
    const ed = new Editor({
      element,
      extensions: createExtensions(),
      content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Vardø' }] }] },
      injectCSS: false,
    });
    editor = ed;
    const target = document.createElement('div');
    document.body.append(target);
    const props = $state({ editor: ed, revision: 0, disabled: false });
    ed.on('transaction', () => (props.revision += 1));
    shown = mount(Toolbar, { target, props });
    flushSync();
    const undo = () => target.querySelector<HTMLButtonElement>('[data-testid="toolbar-undo"]')!;
    const redo = () => target.querySelector<HTMLButtonElement>('[data-testid="toolbar-redo"]')!;
    expect(undo().disabled).toBe(true);
    expect(redo().disabled).toBe(true);

    ed.commands.insertContentAt(ed.state.doc.content.size - 1, ' harbour');
    flushSync();
    expect(undo().disabled).toBe(false);
    expect(redo().disabled).toBe(true);

    ed.commands.undo();
    flushSync();
    expect(ed.getText()).toBe('Vardø');
    expect(undo().disabled).toBe(true);
    expect(redo().disabled).toBe(false);

    props.disabled = true;
    ed.setEditable(false);
    flushSync();
    expect(undo().disabled).toBe(true);
    expect(redo().disabled).toBe(true);
  });
});
