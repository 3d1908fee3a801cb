// Images into the editor: dropped on it, pasted, or chosen with the picker. The page never
// sends a file path: a drop's paths stay in the shell (the page gets a drop number), and
// pasted or picked files travel as bytes. The core imports them (safe decode, variants,
// metadata stripped) and answers with the reference to write; the editor then asks for the
// alt text — required — and inserts an `image` node (imageNode.ts) in a paragraph of its own,
// which the core writes as plain `![alt](src)` or the site's figure shortcode. Cancelling the
// alt text inserts nothing.
import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';
import type { ImportReport, ImportedImage } from '../bindings';
import { importDroppedImages, importImageBytes, mediaThumbnail, onFilesDropped, type FilesDropped } from '../ipc';
import { rememberPicture } from './pictures';
import { altProblem, IMAGE_TYPES, imageContext, imageFiles, type ImageDropOptions } from './imageRules';

export function pointInside(rect: { left: number; right: number; top: number; bottom: number }, x: number, y: number): boolean {
  return x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom;
}

/**
 * The `image` nodes to insert for the images given alt texts (null alt: not inserted), with
 * every attribute the node has; `figure` when the site writes images as its figure shortcode.
 */
export function imageNodes(images: ImportedImage[], alts: (string | null)[], figure = false) {
  return images.flatMap((image, i) => {
    const alt = alts[i];
    if (alt === null || alt === undefined || altProblem(alt) !== null) return [];
    return [
      {
        type: 'image',
        attrs: {
          src: image.src,
          alt: alt.trim(),
          title: null,
          caption: null,
          credit: null,
          shortcode: figure ? 'figure' : null,
          source: null,
        },
      },
    ];
  });
}

/**
 * Opens the file picker for `editor` (the toolbar's button, Mod+Shift+I in its text). Always a
 * given editor, never "the last one made": the spare editor (spareEditor.ts) is made after the
 * one on screen and must never receive its pictures.
 */
export function pickImages(editor: Editor): void {
  const extension = editor.extensionManager.extensions.find((e) => e.name === ImageDrop.name);
  const options = extension?.options as ImageDropOptions | undefined;
  if (!options || !editor.isEditable || editor.isDestroyed) return;
  const input = document.createElement('input');
  input.type = 'file';
  input.multiple = true;
  input.accept = IMAGE_TYPES.join(',');
  input.addEventListener('change', () => {
    const files = imageFiles(input.files);
    if (files.length > 0) void insertFromBytes(editor, options, files, editor.state.selection.from);
  });
  input.click();
}

async function askAll(options: ImageDropOptions, report: ImportReport): Promise<(string | null)[]> {
  const alts: (string | null)[] = [];
  for (const image of report.images) {
    const smallest = image.variants.find((v) => v.format === 'jpeg') ?? image.variants[0];
    let preview: string | null = null;
    if (smallest) {
      try {
        preview = (await mediaThumbnail(smallest.path)).dataUrl;
        rememberPicture(image.src, preview);
      } catch {
        preview = null;
      }
    }
    alts.push(await options.askAlt(image, preview));
  }
  return alts;
}

async function insertReport(editor: Editor, options: ImageDropOptions, report: ImportReport, at: number) {
  for (const failure of report.failed) options.onError(failure.error.message);
  if (report.images.length === 0) return;
  const nodes = imageNodes(report.images, await askAll(options, report), report.figure);
  if (nodes.length === 0 || editor.isDestroyed) return;
  editor.chain().focus().insertContentAt(imagePlace(editor, at), nodes.map((n) => ({ type: 'paragraph', content: [n] }))).run();
}

/**
 * Where new pictures go: each in a paragraph of its own (a photo in an article is a block; a
 * figure shortcode inside a sentence would be broken HTML), after the text block at `at`, or
 * in place of it when that block is an empty paragraph.
 */
export function imagePlace(editor: Editor, at: number): number | { from: number; to: number } {
  const doc = editor.state.doc;
  const $pos = doc.resolve(Math.max(0, Math.min(at, doc.content.size)));
  if ($pos.depth === 0) return $pos.pos;
  const block = $pos.parent;
  const start = $pos.before($pos.depth);
  const end = $pos.after($pos.depth);
  if (block.type.name === 'paragraph' && block.childCount === 0) return { from: start, to: end };
  return end;
}

/** A file's bytes (FileReader where an engine lacks Blob.arrayBuffer). */
function readBytes(file: File): Promise<Uint8Array> {
  if (typeof file.arrayBuffer === 'function') return file.arrayBuffer().then((b) => new Uint8Array(b));
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(new Uint8Array(reader.result as ArrayBuffer));
    reader.onerror = () => reject(reader.error ?? new Error(`${file.name} could not be read`));
    reader.readAsArrayBuffer(file);
  });
}

async function insertFromBytes(editor: Editor, options: ImageDropOptions, files: File[], at: number) {
  const key = options.entryKey();
  if (!key) return;
  for (const file of files) {
    try {
      const bytes = await readBytes(file);
      await insertReport(editor, options, await importImageBytes(key, file.name || 'pasted image', bytes), at);
    } catch (e) {
      options.onError((e as { message?: string }).message ?? String(e));
    }
  }
}

async function insertFromDrop(editor: Editor, options: ImageDropOptions, drop: FilesDropped) {
  const view: EditorView = editor.view;
  if (!pointInside(view.dom.getBoundingClientRect(), drop.x, drop.y)) return;
  const key = options.entryKey();
  if (!key) return;
  const at = view.posAtCoords({ left: drop.x, top: drop.y })?.pos ?? editor.state.selection.from;
  try {
    await insertReport(editor, options, await importDroppedImages(key, drop.id), at);
  } catch (e) {
    options.onError((e as { message?: string }).message ?? String(e));
  }
}

/** Drop, paste and picker handling (the `image` node itself is in createExtensions). */
export const ImageDrop = Extension.create<ImageDropOptions>({
  name: 'imageDrop',

  addOptions() {
    return {
      entryKey: () => null,
      askAlt: async () => null,
      onError: () => {},
    };
  },

  onCreate() {
    const editor = this.editor;
    const options = this.options;
    const stop = onFilesDropped((drop) => {
      if (editor.isEditable) void insertFromDrop(editor, options, drop);
    });
    editor.on('destroy', () => {
      void stop.then((s) => s());
    });
  },

  addProseMirrorPlugins() {
    const editor = this.editor;
    const options = this.options;
    return [
      new Plugin({
        key: new PluginKey('imageDrop'),
        props: {
          handlePaste: (view, event) => {
            const files = imageFiles(event.clipboardData?.files);
            if (files.length === 0 || !view.editable) return false;
            event.preventDefault();
            void insertFromBytes(editor, options, files, view.state.selection.from);
            return true;
          },
          // Where the webview hands the page the dropped files themselves (no native drop).
          handleDrop: (view, event) => {
            const files = imageFiles(event.dataTransfer?.files);
            if (files.length === 0 || !view.editable) return false;
            event.preventDefault();
            const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos ?? view.state.selection.from;
            void insertFromBytes(editor, options, files, at);
            return true;
          },
        },
      }),
    ];
  },

  addKeyboardShortcuts() {
    return {
      'Mod-Shift-i': () => {
        pickImages(this.editor);
        return true;
      },
    };
  },
});


/** The drop/paste/picker extension, wired to `imageContext` (the image node is in createExtensions). */
export function imageExtensions() {
  return [
    ImageDrop.configure({
      entryKey: () => imageContext.entryKey(),
      askAlt: (image, preview) => imageContext.askAlt(image, preview),
      onError: (message) => imageContext.onError(message),
    }),
  ];
}
