// The editor's `image` node: an inline atom with the attributes the core reads and writes
// (src/markdown/images.rs). Shown as the real picture: the web view cannot load the site's
// files, so the picture comes from the core as a data: URL (`imagePictures.load`, pictures.ts), the
// thumbnail of a just-imported image first. Until it arrives (or when the file is missing),
// the alt text is shown in its place.
//
// Where an image sits: Markdown has inline images only, so the editor does too. An image
// alone in its paragraph is shown as a block-size picture (the `image-alone` class set by
// the plugin below); inside a line of text it is shown small, as a reader's browser would
// show it in the line. See DESIGN.md, "Changes made in this project".
import { Node } from '@tiptap/core';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { knownPicture, pictureFor } from './pictures';

/** The image node's attributes, as getJSON() gives them (the IPC contract). */
export interface ImageAttrs {
  src: string;
  alt: string;
  title: string | null;
  caption: string | null;
  credit: string | null;
  /** 'figure' when written as the site's figure shortcode. */
  shortcode: string | null;
  /** The exact text the image was read from; the core reuses it while it still means these attrs. */
  source: string | null;
}

/** Attributes that change what is written; editing any of them drops `source`. */
export const IMAGE_TEXT_ATTRS = ['src', 'alt', 'title', 'caption', 'credit', 'shortcode'] as const;

const nullable = { default: null };

export const DeskImage = Node.create({
  name: 'image',
  group: 'inline',
  inline: true,
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return {
      src: { default: '' },
      alt: { default: '' },
      title: nullable,
      caption: nullable,
      credit: nullable,
      shortcode: nullable,
      source: nullable,
    };
  },

  parseHTML() {
    // Only the editor's own images: a pasted web page's <img> would be a hotlink without alt.
    return [
      {
        tag: 'img[data-desk-image]',
        // Copy and paste inside the editor goes through this HTML: every attr travels.
        getAttrs: (el: HTMLElement) => ({
          src: el.getAttribute('data-src') ?? '',
          alt: el.getAttribute('alt') ?? '',
          title: el.getAttribute('data-title'),
          caption: el.getAttribute('data-caption'),
          credit: el.getAttribute('data-credit'),
          shortcode: el.getAttribute('data-shortcode'),
          source: el.getAttribute('data-source'),
        }),
      },
    ];
  },

  renderHTML({ node }) {
    // Used for copy and getHTML() only; the editor shows the node view below. The schema's
    // other attrs travel in the JSON, never through HTML.
    const src = String(node.attrs.src ?? '');
    const picture = knownPicture(src);
    return [
      'img',
      {
        'data-desk-image': '',
        'data-src': src,
        ...(picture ? { src: picture } : {}),
        alt: String(node.attrs.alt ?? ''),
        class: 'desk-image',
        ...Object.fromEntries(
          (['title', 'caption', 'credit', 'shortcode', 'source'] as const)
            .filter((k) => node.attrs[k] !== null && node.attrs[k] !== undefined)
            .map((k) => [`data-${k}`, String(node.attrs[k])]),
        ),
      },
    ];
  },

  renderText({ node }) {
    return String(node.attrs.alt ?? '');
  },

  addNodeView() {
    return ({ node: initial }) => {
      let node: PmNode = initial;
      const dom = document.createElement('span');
      dom.className = 'desk-image';
      dom.setAttribute('data-desk-image', '');
      dom.contentEditable = 'false';
      const img = document.createElement('img');
      const label = document.createElement('span');
      label.className = 'desk-image-caption';
      dom.append(img, label);

      let wanted = '';
      const show = () => {
        const a = node.attrs as ImageAttrs;
        const src = String(a.src ?? '');
        dom.setAttribute('data-src', src);
        dom.classList.toggle('missing-alt', String(a.alt ?? '').trim() === '');
        img.alt = String(a.alt ?? '');
        img.title = a.alt ? `${a.alt}\n${src}` : src;
        const caption = [a.caption, a.credit].filter((t) => t && t.trim() !== '').join(' — ');
        label.textContent = caption;
        label.hidden = caption === '';
        if (src === wanted) return;
        wanted = src;
        const ready = knownPicture(src);
        if (ready) {
          img.src = ready;
          dom.classList.remove('loading');
          return;
        }
        img.removeAttribute('src');
        dom.classList.add('loading');
        void pictureFor(src).then((url) => {
          if (wanted !== src) return;
          dom.classList.remove('loading');
          if (url) img.src = url;
          else dom.classList.add('unavailable');
        });
      };
      show();
      return {
        dom,
        update: (updated: PmNode) => {
          if (updated.type !== node.type) return false;
          node = updated;
          show();
          return true;
        },
        ignoreMutation: () => true,
      };
    };
  },

  addProseMirrorPlugins() {
    return [imageAlonePlugin];
  },
});

/** A paragraph whose only content is one image, shown as a block-size picture. */
function isImageAlone(node: PmNode): boolean {
  return node.type.name === 'paragraph' && node.childCount === 1 && node.firstChild?.type.name === 'image';
}

/** The `image-alone` decorations of every paragraph of `doc`. */
function aloneIn(doc: PmNode): Decoration[] {
  const found: Decoration[] = [];
  doc.descendants((node, pos) => {
    if (node.type.name !== 'paragraph') return true;
    if (isImageAlone(node)) found.push(Decoration.node(pos, pos + node.nodeSize, { class: 'image-alone' }));
    return false;
  });
  return found;
}

/**
 * Marks paragraphs whose only content is one image, so it shows as a block-size picture. Kept
 * as plugin state and updated only where a transaction changed the text: a keystroke in a long
 * read re-checks one paragraph, and an unchanged set lets the view skip comparing decorations.
 */
export const imageAlonePlugin = new Plugin<DecorationSet>({
  key: new PluginKey('imageAlone'),
  state: {
    init: (_, state) => DecorationSet.create(state.doc, aloneIn(state.doc)),
    apply(tr, set) {
      if (!tr.docChanged) return set;
      let next = set.map(tr.mapping, tr.doc);
      const doc = tr.doc;
      tr.mapping.maps.forEach((stepMap, i) => {
        stepMap.forEach((_oldFrom, _oldTo, newFrom, newTo) => {
          const later = tr.mapping.slice(i + 1);
          const from = Math.max(0, later.map(newFrom, -1));
          const to = Math.min(doc.content.size, later.map(newTo, 1));
          // Every paragraph the change touches: its old mark goes, and comes back if it holds
          // one image alone.
          doc.nodesBetween(from, to, (node, pos) => {
            if (node.type.name !== 'paragraph') return true;
            const end = pos + node.nodeSize;
            next = next.remove(next.find(pos, end, () => true).filter((d) => d.from === pos && d.to === end));
            if (isImageAlone(node)) next = next.add(doc, [Decoration.node(pos, end, { class: 'image-alone' })]);
            return false;
          });
        });
      });
      return next;
    },
  },
  props: {
    decorations(state) {
      return this.getState(state);
    },
  },
});

/** Every `image-alone` decoration of `doc`, found afresh (for tests of the kept set). */
export function imageAloneAfresh(doc: PmNode): { from: number; to: number }[] {
  return aloneIn(doc).map((d) => ({ from: d.from, to: d.to }));
}
