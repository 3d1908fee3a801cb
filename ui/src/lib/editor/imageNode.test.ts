// Images read from existing Markdown, in the real (headless) editor: shown as the picture the
// core answers for their src, block-size when alone in a paragraph and small inside a line;
// their alt text and caption edited through the details panel, which drops the kept source
// text so the core writes the changed image anew.
import { Editor, type JSONContent } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createExtensions } from './extensions';
import ImageDetails from './ImageDetails.svelte';
import type { ImageAttrs } from './imageNode';
import { forgetPictures, imagePictures } from './pictures';

const image = (attrs: Partial<ImageAttrs>): JSONContent => ({
  type: 'image',
  attrs: { src: '', alt: '', title: null, caption: null, credit: null, shortcode: null, source: null, ...attrs },
});

/** As the core sends an entry with a reference-style image in a line and a figure alone. */
const fromCore: JSONContent = {
  type: 'doc',
  content: [
    {
      type: 'paragraph',
      content: [
        { type: 'text', text: 'A reindeer ' },
        image({ src: '/images/reindeer.jpg', alt: 'Reindeer', title: 'The herd', source: '![Reindeer][herd]' }),
        { type: 'text', text: ' in a line.' },
      ],
    },
    {
      type: 'paragraph',
      content: [image({ src: 'bridge.jpg', alt: 'The bridge', caption: 'Pasvik river', shortcode: 'figure' })],
    },
  ],
};

let editor: Editor | null = null;

afterEach(() => {
  editor?.destroy();
  editor = null;
  forgetPictures();
});

function open(content: JSONContent): Editor {
  const element = document.createElement('div');
  document.body.append(element);
  editor = new Editor({ element, extensions: createExtensions(), content, injectCSS: false, enableContentCheck: true });
  return editor;
}

describe('images from existing Markdown', () => {
  it('keep every attribute through the HTML that copy and paste use', () => {
    const first = open(fromCore);
    const html = first.getHTML();
    first.destroy();
    const again = open({ type: 'doc', content: [{ type: 'paragraph' }] });
    again.commands.setContent(html, { emitUpdate: false });
    expect(again.getJSON()).toEqual(fromCore);
  });

  it('are shown as the pictures the core answers, inline or as a block', async () => {
    const asked: string[] = [];
    imagePictures.load = vi.fn(async (src: string) => {
      asked.push(src);
      return src === 'bridge.jpg' ? 'data:image/jpeg;base64,QlJJREdF' : null;
    });
    const ed = open(fromCore);
    expect(ed.getJSON()).toEqual(fromCore);
    await vi.waitFor(() => expect(ed.view.dom.querySelector('.unavailable')).not.toBeNull());
    expect(asked.sort()).toEqual(['/images/reindeer.jpg', 'bridge.jpg']);
    const [inLine, alone] = [...ed.view.dom.querySelectorAll<HTMLElement>('p')];
    // The picture in a line of text is not in an image-alone paragraph; its alt text stands in.
    expect(inLine?.classList.contains('image-alone')).toBe(false);
    expect(inLine?.querySelector<HTMLImageElement>('.desk-image img')?.alt).toBe('Reindeer');
    expect(inLine?.querySelector('.desk-image')?.classList.contains('unavailable')).toBe(true);
    // The figure alone in its paragraph: the real picture, its caption under it.
    expect(alone?.classList.contains('image-alone')).toBe(true);
    await vi.waitFor(() => expect(alone?.querySelector<HTMLImageElement>('.desk-image img')?.src).toBe('data:image/jpeg;base64,QlJJREdF'));
    expect(alone?.querySelector('.desk-image-caption')?.textContent).toBe('Pasvik river');
  });

  it('edits the alt text and caption of the selected picture, dropping its kept source', () => {
    imagePictures.load = async () => null;
    const ed = open(fromCore);
    ed.view.dispatch(ed.state.tr.setSelection(NodeSelection.create(ed.state.doc, 12)));
    const selected = (ed.state.selection as NodeSelection).node;
    expect(selected.attrs.source).toBe('![Reindeer][herd]');

    const target = document.createElement('div');
    document.body.append(target);
    const show = () => mount(ImageDetails, { target, props: { editor: ed, attrs: (ed.state.selection as NodeSelection).node.attrs as ImageAttrs } });
    let panel = show();
    flushSync();
    let alt = target.querySelector<HTMLInputElement>('[data-testid="image-alt"]')!;
    expect(alt.value).toBe('Reindeer');
    expect(target.textContent).not.toContain('Describe the picture');
    alt.value = '';
    alt.dispatchEvent(new Event('input', { bubbles: true }));
    // The editor shows the panel again with the node's new attrs (Editor.svelte re-derives them).
    unmount(panel);
    panel = show();
    flushSync();
    expect(target.textContent).toContain('Describe the picture');
    alt = target.querySelector<HTMLInputElement>('[data-testid="image-alt"]')!;
    alt.value = 'Reindeer herd crossing the road near Karasjok';
    alt.dispatchEvent(new Event('input', { bubbles: true }));
    const inLine: JSONContent | undefined = ed.getJSON().content?.[0]?.content?.[1];
    expect(inLine?.attrs).toEqual({
      src: '/images/reindeer.jpg',
      alt: 'Reindeer herd crossing the road near Karasjok',
      title: 'The herd',
      caption: null,
      credit: null,
      shortcode: null,
      source: null,
    });
    // Adding a caption makes it a figure (Markdown has no place for a caption).
    target.querySelector<HTMLButtonElement>('[data-testid="image-add-caption"]')!.click();
    expect((ed.getJSON().content?.[0]?.content?.[1] as JSONContent | undefined)?.attrs?.shortcode).toBe('figure');
    unmount(panel);
  });
});

describe('pictures alone in their paragraph', () => {
  it('stay marked through 300 random edits exactly as a fresh look at the text finds them', async () => {
    const { imageAlonePlugin, imageAloneAfresh } = await import('./imageNode');
    const ed = open({ type: 'doc', content: [...(fromCore.content ?? []), ...(fromCore.content ?? [])] });
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const kept = () =>
      (imageAlonePlugin.getState(ed.state)?.find() ?? []).map((d) => ({ from: d.from, to: d.to })).sort((a, b) => a.from - b.from);
    let alone = 0;
    for (let i = 0; i < 300; i++) {
      const size = ed.state.doc.content.size;
      const at = 1 + rand(Math.max(1, size - 1));
      const edit = rand(6);
      const chain = ed.chain().setTextSelection(Math.min(at, size - 1));
      if (edit === 0) chain.insertContent('Vardø ');
      else if (edit === 1) chain.insertContent({ type: 'paragraph', content: [image({ src: `p${i}.jpg`, alt: `Picture ${i}` })] });
      else if (edit === 2) chain.insertContent(image({ src: `q${i}.jpg`, alt: `Inline ${i}` }));
      else if (edit === 3) chain.splitBlock();
      else if (edit === 4) chain.joinBackward();
      else chain.deleteRange({ from: Math.min(at, size - 1), to: Math.min(at + 1 + rand(12), size - 1) });
      chain.run();
      expect(kept(), `after edit ${i} (${edit} at ${at})`).toEqual(imageAloneAfresh(ed.state.doc));
      alone += kept().length;
    }
    // The walk did meet pictures alone (not only an empty set that trivially matches).
    expect(alone).toBeGreaterThan(30);
  });
});
