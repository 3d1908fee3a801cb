// The editors the window shows, and the spare one made ahead. Building a Tiptap editor (its
// schema, ~80 plugins and the ProseMirror view) took 40–100 ms of every open in the app, more
// than putting a 5,000-word text in it; so when the window has been idle a moment, one editor is
// built and mounted in a hidden holder, and the next entry opened takes it and only puts its
// document in. Without a spare (the first open, or opens in quick succession) one is built then.
import { Editor } from '@tiptap/core';
import { EditorState } from '@tiptap/pm/state';
import type { DocNode } from '../bindings';
import { createExtensions } from './extensions';
import { imageExtensions } from './imageDrop';

/**
 * Idle time (no key pressed, no editor opened) before the spare is built: after the opened text
 * is on screen, and before a person has found where to type (the build is one 40–100 ms task).
 */
const SPARE_AFTER_IDLE_MS = 400;

/** What Mod+K does in each editor (the extensions are built before the editor has an owner). */
const linkShortcuts = new WeakMap<Editor, () => void>();

let spare: Editor | null = null;
let holder: HTMLElement | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;
let listening = false;

function build(element: HTMLElement): Editor {
  const instance: Editor = new Editor({
    element,
    extensions: [
      ...createExtensions({ onLinkShortcut: () => linkShortcuts.get(instance)?.() }),
      ...imageExtensions(),
    ],
    content: null,
    // The CSP forbids runtime <style> elements; the editor's base CSS lives in app.css.
    injectCSS: false,
    editorProps: {
      attributes: {
        spellcheck: 'true',
        role: 'textbox',
        'aria-multiline': 'true',
        'aria-label': 'Text',
      },
    },
  });
  return instance;
}

/** The classes that make an editor's element styled and found (`.ProseMirror`) in the page. */
const VISIBLE_CLASSES = ['tiptap', 'ProseMirror'];

function buildSpare(): void {
  timer = null;
  if (spare !== null || typeof document === 'undefined') return;
  if (holder === null) {
    holder = document.createElement('div');
    holder.hidden = true;
    holder.dataset.spareEditor = '';
    document.body.appendChild(holder);
  }
  spare = build(holder);
  // Parked: not a `.ProseMirror` of the page until an entry takes it.
  spare.view.dom.classList.remove(...VISIBLE_CLASSES);
}

/** Builds the spare once the window has been idle for a moment (each key press waits again). */
export function prepareSpare(): void {
  if (typeof window === 'undefined' || spare !== null) return;
  if (!listening) {
    listening = true;
    window.addEventListener('keydown', () => {
      if (timer !== null) prepareSpareLater();
    }, true);
  }
  prepareSpareLater();
}

function prepareSpareLater(): void {
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(buildSpare, SPARE_AFTER_IDLE_MS);
}

export interface OpenedEditor {
  editor: Editor;
  /** Why `content` could not be shown (the editor then shows an empty text), or null. */
  contentError: Error | null;
}

/**
 * An editor inside `host` showing `content`: the spare one when there is one, else a new one.
 * Its undo history starts empty. Content the schema rejects is reported, not shown half.
 */
export function openEditor(host: HTMLElement, content: DocNode, onLinkShortcut: () => void): OpenedEditor {
  let editor = spare;
  spare = null;
  if (editor === null || editor.isDestroyed) {
    editor = build(host);
  } else {
    host.appendChild(editor.view.dom);
    editor.view.dom.classList.add(...VISIBLE_CLASSES);
  }
  linkShortcuts.set(editor, onLinkShortcut);
  let contentError: Error | null = null;
  let doc;
  try {
    doc = editor.schema.nodeFromJSON(content);
    doc.check();
  } catch (e) {
    contentError = e instanceof Error ? e : new Error(String(e));
    doc = editor.schema.topNodeType.createAndFill()!;
  }
  editor.view.updateState(EditorState.create({ doc, plugins: editor.state.plugins }));
  return { editor, contentError };
}
