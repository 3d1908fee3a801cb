// Images into the editor: the alt text rules, the `image` node's exact JSON (the core writes it
// as `![alt](src)`), and a paste of image bytes going through the import command and the alt
// text question before anything is inserted. ipc.ts is mocked; the editor is real (headless).
import { Editor } from '@tiptap/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportReport, ImportedImage } from '../bindings';

vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return {
    ...actual,
    importImageBytes: vi.fn(),
    importDroppedImages: vi.fn(),
    mediaThumbnail: vi.fn(async (path: string) => ({ path, dataUrl: 'data:image/jpeg;base64,AAAA', width: 640, height: 360 })),
    onFilesDropped: vi.fn(async () => () => {}),
  };
});

const ipc = vi.mocked(await import('../ipc'));
const { imageExtensions, imageNodes, pointInside } = await import('./imageDrop');
const { altProblem, imageContext, imageFiles } = await import('./imageRules');
const { createExtensions } = await import('./extensions');

const imported: ImportedImage = {
  source: 'IMG_2041.jpg',
  hash: '0123456789abcdef',
  width: 640,
  height: 360,
  src: '/images/0123456789abcdef-640.jpg',
  variants: [
    { path: 'static/images/0123456789abcdef-480.jpg', src: '/images/0123456789abcdef-480.jpg', width: 480, height: 270, bytes: 1, format: 'jpeg' },
    { path: 'static/images/0123456789abcdef-640.jpg', src: '/images/0123456789abcdef-640.jpg', width: 640, height: 360, bytes: 1, format: 'jpeg' },
  ],
  reused: false,
  notes: [],
};

let editor: Editor | null = null;

beforeEach(() => {
  editor = new Editor({
    extensions: [...createExtensions(), ...imageExtensions()],
    content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Before ' }] }] },
    injectCSS: false,
    enableContentCheck: true,
  });
});

afterEach(() => {
  editor?.destroy();
  editor = null;
});

describe('alt text', () => {
  it('is required and must describe the picture', () => {
    expect(altProblem('')).toMatch(/Describe the picture/);
    expect(altProblem('   ')).toMatch(/Describe the picture/);
    expect(altProblem('IMG_2041', 'IMG_2041.jpg')).toMatch(/file’s name/);
    expect(altProblem('photo.jpeg')).toMatch(/file’s name/);
    expect(altProblem('Photo')).toMatch(/not only that it is one/);
    expect(altProblem('x'.repeat(251))).toMatch(/250/);
    expect(altProblem('Reindeer crossing the road near Kirkenes', 'IMG_2041.jpg')).toBeNull();
  });

  it('leaves out an image whose alt text was refused or cancelled', () => {
    const attrs = { src: imported.src, alt: 'Harbour at dawn', title: null, caption: null, credit: null, shortcode: null, source: null };
    expect(imageNodes([imported, imported], ['Harbour at dawn', null])).toEqual([{ type: 'image', attrs }]);
    expect(imageNodes([imported], [''])).toEqual([]);
    // A site that writes figures gets figure images.
    expect(imageNodes([imported], ['Harbour at dawn'], true)).toEqual([{ type: 'image', attrs: { ...attrs, shortcode: 'figure' } }]);
  });
});

describe('the image node', () => {
  it('comes out of getJSON exactly as the core reads it', () => {
    editor!.commands.insertContentAt(8, imageNodes([imported], ['Harbour at dawn']));
    expect(editor!.getJSON().content?.[0]?.content?.[1]).toEqual({
      type: 'image',
      attrs: {
        src: '/images/0123456789abcdef-640.jpg',
        alt: 'Harbour at dawn',
        title: null,
        caption: null,
        credit: null,
        shortcode: null,
        source: null,
      },
    });
  });

  it('does not take <img> from pasted web pages', () => {
    // As a paste parses HTML: unknown elements are dropped, not checked.
    const pasted = new Editor({
      extensions: [...createExtensions(), ...imageExtensions()],
      content: '<p>x <img src="https://tracker.example/p.gif"> y</p>',
      injectCSS: false,
    });
    expect(JSON.stringify(pasted.getJSON())).not.toContain('tracker');
    expect(JSON.stringify(pasted.getJSON())).not.toContain('image');
    pasted.destroy();
  });
});

describe('paste', () => {
  it('imports pasted image bytes, asks for the alt text, then inserts', async () => {
    const report: ImportReport = { images: [imported], failed: [], cancelled: false, figure: false };
    ipc.importImageBytes.mockResolvedValue(report);
    const asked: string[] = [];
    imageContext.entryKey = () => ({ draftId: 7, path: null });
    imageContext.askAlt = async (image, preview) => {
      asked.push(`${image.source} ${preview ? 'with preview' : 'no preview'}`);
      return 'Dandelions by the road';
    };
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'IMG_2041.jpg', { type: 'image/jpeg' });
    const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(event, 'clipboardData', { value: { files: [file], getData: () => '', types: ['Files'] } });
    editor!.view.dom.dispatchEvent(event);
    await vi.waitFor(() => expect(JSON.stringify(editor!.getJSON())).toContain('Dandelions by the road'));
    expect(event.defaultPrevented).toBe(true);
    // The picture goes into a paragraph of its own after the text, never into the sentence.
    const blocks = editor!.getJSON().content ?? [];
    expect(blocks.map((b) => b.content?.map((c) => c.type))).toEqual([['text'], ['image']]);
    // It is shown as the picture, as a block (alone in its paragraph).
    const shown = editor!.view.dom.querySelector('p.image-alone .desk-image img') as HTMLImageElement | null;
    expect(shown?.src).toBe('data:image/jpeg;base64,AAAA');
    expect(shown?.alt).toBe('Dandelions by the road');
    const [key, name, bytes] = ipc.importImageBytes.mock.calls[0]!;
    expect(key).toEqual({ draftId: 7, path: null });
    expect(name).toBe('IMG_2041.jpg');
    expect(Array.from(bytes)).toEqual([0xff, 0xd8, 0xff, 0xe0]);
    expect(asked).toEqual(['IMG_2041.jpg with preview']);
    expect(ipc.mediaThumbnail).toHaveBeenCalledWith('static/images/0123456789abcdef-480.jpg');
  });

  it('shows a refused file’s message and inserts nothing', async () => {
    ipc.importImageBytes.mockResolvedValue({
      images: [],
      failed: [{ file: 'x.jpg', error: { code: 'media_corrupt', message: 'x.jpg was not imported: it is not a readable JPEG image.' } }],
      cancelled: false,
      figure: false,
    });
    const errors: string[] = [];
    imageContext.entryKey = () => ({ draftId: 7, path: null });
    imageContext.onError = (m) => errors.push(m);
    const file = new File([new Uint8Array([1, 2, 3])], 'x.jpg', { type: 'image/jpeg' });
    const event = new Event('paste', { bubbles: true, cancelable: true }) as ClipboardEvent;
    Object.defineProperty(event, 'clipboardData', { value: { files: [file], getData: () => '', types: ['Files'] } });
    const before = JSON.stringify(editor!.getJSON());
    editor!.view.dom.dispatchEvent(event);
    await vi.waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toMatch(/not a readable JPEG/);
    expect(JSON.stringify(editor!.getJSON())).toBe(before);
  });
});

describe('helpers', () => {
  it('keeps only image files and knows where a drop landed', () => {
    const files = [
      new File([], 'a.jpg', { type: 'image/jpeg' }),
      new File([], 'notes.txt', { type: 'text/plain' }),
      new File([], 'b.WEBP', { type: '' }),
      new File([], 'c.svg', { type: 'image/svg+xml' }),
    ];
    expect(imageFiles(files).map((f) => f.name)).toEqual(['a.jpg', 'b.WEBP']);
    const rect = { left: 10, right: 110, top: 20, bottom: 220 };
    expect(pointInside(rect, 50, 50)).toBe(true);
    expect(pointInside(rect, 5, 50)).toBe(false);
  });
});
