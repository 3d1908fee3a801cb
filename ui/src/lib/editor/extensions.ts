// The editor's schema: which nodes and marks exist, with which attributes. The Rust core maps
// exactly these names to and from Markdown, so any change here is an IPC contract change.
// Never add a node or mark the core cannot write back; never let Tiptap parse or print Markdown.
import { Extension, Node, mergeAttributes, type AnyExtension } from '@tiptap/core';
import { TaskItem, TaskList } from '@tiptap/extension-list';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import type { Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { DeskImage } from './imageNode';

/** Link schemes the editor accepts. Relative links (`/news/x/`, `#part`, `../a.md`) are allowed too. */
export const LINK_PROTOCOLS = ['http', 'https', 'mailto'] as const;

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** True for a relative reference or an absolute URL whose scheme is http, https or mailto. */
export function isAllowedHref(href: string): boolean {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\nscript:").
  // eslint-disable-next-line no-control-regex
  const compact = href.replace(/[\u0000-\u0020\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]/g, '');
  if (compact === '') return false;
  const m = SCHEME.exec(compact);
  if (!m || !m[1]) return true;
  return (LINK_PROTOCOLS as readonly string[]).includes(m[1].toLowerCase());
}

/** Autolink only what a person would call a web or e-mail address, never other schemes. */
export function shouldAutoLink(text: string): boolean {
  if (SCHEME.test(text)) return isAllowedHref(text);
  const host = (text.includes('@') ? (text.split('@').pop() ?? '') : text).split(/[/?#:]/)[0] ?? '';
  // "localhost" or a bare IP address is rarely meant as a link in an article.
  return host.includes('.') && !/^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

export type OpaqueAttrs = { source: string; label: string };

const opaqueAttributes = {
  source: {
    default: '',
    parseHTML: (el: HTMLElement) => el.getAttribute('data-source') ?? '',
    renderHTML: (attrs: Record<string, unknown>) => ({ 'data-source': String(attrs.source ?? '') }),
  },
  label: {
    default: '',
    parseHTML: (el: HTMLElement) => el.getAttribute('data-label') ?? '',
    renderHTML: (attrs: Record<string, unknown>) => ({ 'data-label': String(attrs.label ?? '') }),
  },
};

function chipText(attrs: Record<string, unknown>): { label: string; source: string } {
  const label = String(attrs.label ?? '').trim();
  return { label: label === '' ? 'Kept as is' : label, source: String(attrs.source ?? '') };
}

/**
 * A block the editor does not model (a Hugo shortcode, raw HTML, a footnote definition...).
 * The core owns `source` byte for byte; the editor only shows it and lets it be moved or deleted.
 */
export const Opaque = Node.create({
  name: 'opaque',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,

  addAttributes() {
    return opaqueAttributes;
  },

  parseHTML() {
    return [{ tag: 'div[data-opaque]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const { label, source } = chipText(node.attrs);
    return [
      'div',
      mergeAttributes(HTMLAttributes, {
        'data-opaque': '',
        class: 'opaque opaque-block',
        title: source,
        // ProseMirror sets this on atoms too; saying it keeps the chip inert in every engine.
        contenteditable: 'false',
      }),
      ['span', { class: 'opaque-label' }, label],
      ['code', { class: 'opaque-source' }, source],
    ];
  },

  renderText({ node }) {
    return String(node.attrs.source ?? '');
  },
});

/** The inline variant: a shortcode or HTML fragment inside a paragraph. */
export const OpaqueInline = Node.create({
  name: 'opaqueInline',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return opaqueAttributes;
  },

  parseHTML() {
    return [{ tag: 'span[data-opaque-inline]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    const { label, source } = chipText(node.attrs);
    return [
      'span',
      mergeAttributes(HTMLAttributes, {
        'data-opaque-inline': '',
        class: 'opaque opaque-inline',
        title: source,
        // ProseMirror sets this on atoms too; saying it keeps the chip inert in every engine.
        contenteditable: 'false',
      }),
      ['span', { class: 'opaque-label' }, label],
      ['code', { class: 'opaque-source' }, source],
    ];
  },

  renderText({ node }) {
    return String(node.attrs.source ?? '');
  },
});

/**
 * Whether a list is tight (items without blank lines between them) or loose. Markdown renders
 * the two differently (loose items get paragraphs), so the core sends it and must get it back.
 */
export const ListTightness = Extension.create({
  name: 'listTightness',
  addGlobalAttributes() {
    return [
      {
        types: ['bulletList', 'orderedList', 'taskList'],
        attributes: {
          tight: {
            default: true,
            parseHTML: (el: HTMLElement) => el.getAttribute('data-tight') !== 'false',
            renderHTML: (attrs: Record<string, unknown>) => ({ 'data-tight': attrs.tight === false ? 'false' : 'true' }),
          },
        },
      },
    ];
  },
});

/**
 * An interview question: a block of inline text shown as `<p class="question">`. The core writes
 * it as a paragraph that is bold from end to end, and reads such a paragraph in an interview
 * back as a question. Toggled from the toolbar in interviews only.
 */
export const Question = Node.create({
  name: 'question',
  group: 'block',
  content: 'inline*',
  defining: true,

  parseHTML() {
    // A higher rule priority than paragraph's <p>, so a pasted <p class="question"> stays a
    // question. (Not a higher extension priority: the first block type of the schema is the
    // one Enter creates, and that must stay the paragraph.)
    return [{ tag: 'p.question', priority: 60 }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['p', mergeAttributes(HTMLAttributes, { class: 'question' }), 0];
  },
});

/** Column alignment of a GFM table, shown through a data attribute (the CSP forbids inline styles). */
const alignAttribute = {
  default: null,
  parseHTML: (el: HTMLElement) => {
    const v = (el.getAttribute('data-align') ?? el.getAttribute('align') ?? el.style.textAlign ?? '').toLowerCase();
    return v === 'left' || v === 'center' || v === 'right' ? v : null;
  },
  renderHTML: (attrs: Record<string, unknown>) => (attrs.align ? { 'data-align': String(attrs.align) } : {}),
};

/** A GFM table cell holds one line of inline text: one paragraph, nothing else. */
const GfmCell = TableCell.extend({
  content: 'paragraph',
  addAttributes() {
    return { ...this.parent?.(), align: alignAttribute };
  },
});

const GfmHeader = TableHeader.extend({
  content: 'paragraph',
  addAttributes() {
    return { ...this.parent?.(), align: alignAttribute };
  },
});

/**
 * The full extension list, shared by the app and by the headless schema tests.
 *
 * Attributes Tiptap 3.35 adds with defaults, so they always appear in `getJSON()`:
 * - heading: `level` (we use 2, 3, 4; a level the core sends outside that set is kept as is)
 * - orderedList: `start` (default 1) and `type` (default null; set only from pasted HTML)
 * - bulletList, orderedList: `tight` (default true; ListTightness below)
 * - codeBlock: `language` (default null)
 * - link mark: `href`, `title` (default null), and `target`, `rel`, `class`, whose defaults
 *   come from `HTMLAttributes` below and are therefore null
 * - opaque / opaqueInline: `source`, `label` (default '')
 * - taskList: `tight`; taskItem: `checked` (default false)
 * - image: `src`, `alt` (default ''), `title`, `caption`, `credit`, `shortcode`, `source` (null)
 * - tableCell, tableHeader: `colspan`, `rowspan` (default 1), `colwidth` (null), `align` (null,
 *   or left/center/right: the column's alignment, repeated on each cell of the column)
 * No other node or mark carries attrs (the textDirection core extension adds `dir` only when a
 * direction is configured, and it is not). Unknown attrs sent by the core are a content error.
 */
export function createExtensions(options: { onLinkShortcut?: () => void } = {}): AnyExtension[] {
  const shortcuts = Extension.create({
    name: 'deskShortcuts',
    addKeyboardShortcuts() {
      return {
        // Mod+K opens the link form, as in every word processor.
        'Mod-k': () => {
          if (!options.onLinkShortcut) return false;
          options.onLinkShortcut();
          return true;
        },
      };
    },
  });
  return [
    shortcuts,
    StarterKit.configure({
      heading: { levels: [2, 3, 4] },
      // Markdown has no underline, so the editor must not be able to produce one.
      underline: false,
      // A paragraph silently appended after a final block would change the entry on open.
      trailingNode: false,
      link: {
        openOnClick: false,
        autolink: true,
        linkOnPaste: true,
        defaultProtocol: 'https',
        protocols: [],
        HTMLAttributes: { target: null, rel: null, class: null },
        isAllowedUri: (url) => isAllowedHref(url),
        shouldAutoLink,
      },
    }),
    ListTightness,
    TaskList,
    TaskItem.configure({ nested: true }),
    // Column resizing would write widths Markdown cannot hold.
    Table.configure({ resizable: false, allowTableNodeSelection: true }),
    TableRow,
    GfmHeader,
    GfmCell,
    Question,
    Opaque,
    OpaqueInline,
    DeskImage,
  ];
}

/**
 * What a person types in the link form, made into an href: trimmed, and "www.example.org"
 * (which would otherwise be a relative path) gets https:// in front.
 */
export function normaliseHref(input: string): string {
  const href = input.trim();
  if (/^www\./i.test(href)) return `https://${href}`;
  return href;
}

interface JsonNodeLike {
  type?: string;
  attrs?: Record<string, unknown>;
  content?: JsonNodeLike[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
}

/**
 * ProseMirror silently drops attrs its schema does not declare, and Tiptap's content check does
 * not notice. Saving such a document would lose them, so the editor refuses it instead.
 * Returns a description of the first unsupported attr, or null when every attr is known.
 */
export function findUnsupportedAttrs(doc: JsonNodeLike, schema: Schema): string | null {
  const unknownKey = (given: Record<string, unknown> | undefined, declared: object | undefined) =>
    Object.keys(given ?? {}).find((k) => !Object.prototype.hasOwnProperty.call(declared ?? {}, k));

  const visit = (node: JsonNodeLike): string | null => {
    const type = node.type ? schema.nodes[node.type] : undefined;
    if (type) {
      const key = unknownKey(node.attrs, type.spec.attrs);
      if (key !== undefined) return `attribute "${key}" on "${node.type}"`;
    }
    for (const mark of node.marks ?? []) {
      const markType = schema.marks[mark.type];
      if (!markType) continue;
      const key = unknownKey(mark.attrs, markType.spec.attrs);
      if (key !== undefined) return `attribute "${key}" on mark "${mark.type}"`;
    }
    for (const child of node.content ?? []) {
      const found = visit(child);
      if (found) return found;
    }
    return null;
  };
  return visit(doc);
}
