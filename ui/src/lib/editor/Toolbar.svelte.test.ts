// The toolbar: Undo and Redo follow the editor's history (off for a newly opened text, Undo
// after typing, Redo after an undo, both off when read-only); the picture tool opens the picker.
import { Editor, type AnyExtension, type JSONContent } from '@tiptap/core';
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

/**
 * A real editor holding `content` and the toolbar on it, re-read on every transaction as
 * Editor.svelte does; `props` can be changed afterwards (disabled).
 */
function showToolbar(
  content: JSONContent,
  extensions: AnyExtension[] = createExtensions(),
  extra: { disabled?: boolean; questions?: boolean } = {},
) {
  const element = document.createElement('div');
  document.body.append(element);
  const ed = new Editor({ element, extensions, content, injectCSS: false });
  editor = ed;
  const target = document.createElement('div');
  document.body.append(target);
  const props = $state({ editor: ed, revision: 0, ...extra });
  ed.on('transaction', () => (props.revision += 1));
  shown = mount(Toolbar, { target, props });
  flushSync();
  return { ed, target, props };
}

describe('undo and redo in the toolbar', () => {
  it('follow the history of the text', () => {
    const { ed, target, props } = showToolbar(
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Vardø' }] }] },
      createExtensions(),
      { disabled: false },
    );
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
    const { target } = showToolbar({ type: 'doc', content: [{ type: 'paragraph' }] }, [
      ...createExtensions(),
      ...imageExtensions(),
    ]);
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

describe('the tools’ pressed states', () => {
  // Each tool and the Tiptap question it answers; the toolbar reads them from the caret once
  // per transaction, and must say what `editor.isActive` says at every caret position.
  const asks: Record<string, [string, Record<string, unknown>?]> = {
    paragraph: ['paragraph'],
    h2: ['heading', { level: 2 }],
    h3: ['heading', { level: 3 }],
    h4: ['heading', { level: 4 }],
    question: ['question'],
    bold: ['bold'],
    italic: ['italic'],
    strike: ['strike'],
    code: ['code'],
    link: ['link'],
    'bullet-list': ['bulletList'],
    'ordered-list': ['orderedList'],
    'task-list': ['taskList'],
    blockquote: ['blockquote'],
    'code-block': ['codeBlock'],
    table: ['table'],
  };
  const text = (t: string, marks?: { type: string; attrs?: Record<string, unknown> }[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
  const para = (...content: object[]) => ({ type: 'paragraph', content });
  const doc = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 3 }, content: [text('Tana bru')] },
      para(text('Plain '), text('bold', [{ type: 'bold' }]), text(' and '), text('linked', [{ type: 'link', attrs: { href: '/about/' } }, { type: 'italic' }]), text(' '), text('code', [{ type: 'code' }])),
      { type: 'question', content: [text('Why Kirkenes?')] },
      { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one '), text('gone', [{ type: 'strike' }]))] }] },
      { type: 'orderedList', attrs: { start: 1 }, content: [{ type: 'listItem', content: [para(text('first'))] }] },
      { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [para(text('done'))] }] },
      { type: 'blockquote', content: [para(text('Quoted '), text('words', [{ type: 'bold' }]))] },
      { type: 'codeBlock', attrs: { language: null }, content: [text('let x = 1;')] },
      { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, align: null }, content: [para(text('Town'))] }] }, { type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, align: null }, content: [para(text('Vadsø'))] }] }] },
    ],
  };

  it('match editor.isActive at every caret position, with stored marks and for ranges', () => {
    const { ed, target } = showToolbar(doc, createExtensions(), { questions: true });
    const check = (where: string) => {
      flushSync();
      for (const [id, [name, attrs]] of Object.entries(asks)) {
        const button = target.querySelector(`[data-testid="toolbar-${id}"]`);
        expect(button, id).not.toBeNull();
        expect(button!.getAttribute('aria-pressed'), `${id} ${where}`).toBe(String(ed.isActive(name, attrs)));
      }
    };
    let pressedSomewhere = 0;
    ed.state.doc.descendants((node, pos) => {
      if (!node.isTextblock) return true;
      for (let at = pos + 1; at <= pos + 1 + node.content.size; at++) {
        ed.commands.setTextSelection(at);
        check(`at ${at}`);
        pressedSomewhere += target.querySelectorAll('[aria-pressed="true"]').length;
      }
      return false;
    });
    expect(pressedSomewhere).toBeGreaterThan(100);
    // Stored marks: bold switched on at a collapsed caret before typing.
    ed.commands.setTextSelection(3);
    ed.commands.toggleBold();
    check('with bold stored');
    expect(target.querySelector('[data-testid="toolbar-bold"]')!.getAttribute('aria-pressed')).toBe('true');
    // A range half bold: Tiptap's answer for ranges.
    ed.commands.setTextSelection({ from: 12, to: 20 });
    check('for a range');
  });
});
