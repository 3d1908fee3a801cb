// The toolbar: Undo and Redo follow the editor's history (off for a newly opened text, Undo
// after typing, Redo after an undo, both off when read-only); the picture tool opens the picker.
import { Editor } from '@tiptap/core';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
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

describe('the picture tool', () => {
  it('opens the file picker for images from the toolbar, with its shortcut in the title', async () => {
    const { imageExtensions } = await import('./imageDrop');
    const element = document.createElement('div');
    document.body.append(element);
    const ed = new Editor({
      element,
      extensions: [...createExtensions(), ...imageExtensions()],
      content: { type: 'doc', content: [{ type: 'paragraph' }] },
      injectCSS: false,
    });
    editor = ed;
    const target = document.createElement('div');
    document.body.append(target);
    shown = mount(Toolbar, { target, props: { editor: ed, revision: 0 } });
    flushSync();
    const opened: HTMLInputElement[] = [];
    const click = vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
      opened.push(this);
    });
    const tool = target.querySelector<HTMLButtonElement>('[data-testid="toolbar-image"]')!;
    expect(tool.getAttribute('aria-label')).toBe('Insert picture…');
    expect(tool.title).toMatch(/^Insert picture… \(.*Shift.*I\)$/);
    tool.click();
    expect(click).toHaveBeenCalledOnce();
    expect(opened[0]?.type).toBe('file');
    expect(opened[0]?.accept).toContain('image/jpeg');
    expect(opened[0]?.multiple).toBe(true);
  });
});
