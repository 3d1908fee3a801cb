// The schema contract with the Rust core: every node and mark the editor can produce, with the
// exact attrs Tiptap puts into getJSON(). If this test changes, the core's mapping must too.
import { Editor, type JSONContent } from '@tiptap/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import everythingJson from '../../../../tests/fixtures/editor/everything.json';
import { createExtensions, findUnsupportedAttrs, isAllowedHref, normaliseHref, shouldAutoLink } from './extensions';

let editors: Editor[] = [];

function headless(content?: JSONContent, onContentError?: (e: Error) => void): Editor {
  const editor = new Editor({
    extensions: createExtensions(),
    content,
    injectCSS: false,
    enableContentCheck: true,
    onContentError: ({ error }) => {
      if (onContentError) onContentError(error);
      else throw error;
    },
  });
  editors.push(editor);
  return editor;
}

afterEach(() => {
  for (const e of editors) e.destroy();
  editors = [];
});

const text = (t: string, marks?: JSONContent['marks']): JSONContent =>
  marks ? { type: 'text', text: t, marks } : { type: 'text', text: t };

const para = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

/** A link mark exactly as getJSON() returns it (Tiptap fills target/rel/class/title). */
const link = (href: string, title: string | null = null) => ({
  type: 'link',
  attrs: { href, target: null, rel: null, class: null, title },
});

/**
 * Every node and mark the UI can produce, in the exact shape getJSON() returns. The same file is
 * converted through the Rust bridge and back by tests/editor_contract.rs.
 */
const everything = everythingJson as JSONContent;

/** Every node and mark type used anywhere in a document. */
function typesIn(doc: JSONContent): { nodes: Set<string>; marks: Set<string> } {
  const nodes = new Set<string>();
  const marks = new Set<string>();
  const walk = (n: JSONContent) => {
    if (n.type) nodes.add(n.type);
    for (const m of n.marks ?? []) marks.add(m.type);
    for (const c of n.content ?? []) walk(c);
  };
  walk(doc);
  return { nodes, marks };
}

describe('schema contract', () => {
  it('has exactly the node and mark names the core maps', () => {
    const editor = headless();
    expect(Object.keys(editor.schema.nodes).sort()).toEqual(
      [
        'blockquote',
        'bulletList',
        'codeBlock',
        'doc',
        'hardBreak',
        'heading',
        'horizontalRule',
        'image',
        'listItem',
        'opaque',
        'opaqueInline',
        'orderedList',
        'paragraph',
        'question',
        'table',
        'tableCell',
        'tableHeader',
        'tableRow',
        'taskItem',
        'taskList',
        'text',
      ].sort(),
    );
    expect(Object.keys(editor.schema.marks).sort()).toEqual(['bold', 'code', 'italic', 'link', 'strike']);
  });

  it('the contract document uses every node and mark of the schema', () => {
    // Walks the schema: a node or mark added to the editor must be added to everything.json,
    // which the Rust bridge test converts to Markdown and back.
    const editor = headless();
    const used = typesIn(everything);
    const missingNodes = Object.keys(editor.schema.nodes).filter((n) => !used.nodes.has(n));
    const missingMarks = Object.keys(editor.schema.marks).filter((m) => !used.marks.has(m));
    expect(missingNodes).toEqual([]);
    expect(missingMarks).toEqual([]);
  });

  it('round-trips every node and mark unchanged through getJSON()', () => {
    const editor = headless(everything);
    expect(editor.getJSON()).toEqual(everything);
  });

  it('round-trips the same document through setContent()', () => {
    const editor = headless();
    editor.commands.setContent(everything, { emitUpdate: false });
    expect(editor.getJSON()).toEqual(everything);
  });

  it('pins the default attrs Tiptap adds when the core omits them', () => {
    const editor = headless({
      type: 'doc',
      content: [
        { type: 'heading', content: [text('h')] },
        { type: 'orderedList', content: [{ type: 'listItem', content: [para(text('o'))] }] },
        { type: 'codeBlock', content: [text('c')] },
        para(text('l', [{ type: 'link', attrs: { href: 'https://example.org' } }])),
        { type: 'opaque' },
      ],
    });
    const json = editor.getJSON();
    const [heading, ordered, code, paragraph, opaque] = json.content ?? [];
    expect(heading?.attrs).toEqual({ level: 1 });
    expect(ordered?.attrs).toEqual({ start: 1, type: null, tight: true });
    expect(code?.attrs).toEqual({ language: null });
    expect(paragraph?.attrs).toBeUndefined();
    expect(paragraph?.content?.[0]?.marks).toEqual([link('https://example.org')]);
    expect(opaque?.attrs).toEqual({ source: '', label: '' });
  });

  it('keeps opaque attrs byte for byte, including whitespace and unicode', () => {
    const source = '  {{< gallery dir="/img/Čeavččageađgi" >}}\t\n{{< /gallery >}}  ';
    const doc: JSONContent = { type: 'doc', content: [{ type: 'opaque', attrs: { source, label: 'Shortcode' } }] };
    const editor = headless(doc);
    expect(editor.getJSON()).toEqual(doc);
  });

  it('treats opaque nodes as atoms: a chip, not editable text', () => {
    const editor = headless(everything);
    const opaque = editor.schema.nodes.opaque!;
    const inline = editor.schema.nodes.opaqueInline!;
    expect(opaque.isAtom && opaque.isBlock && opaque.spec.draggable).toBe(true);
    expect(inline.isAtom && inline.isInline).toBe(true);
    const html = editor.getHTML();
    expect(html).toContain('data-opaque=""');
    expect(html).toContain('data-label="Shortcode"');
    expect(html).toContain('class="opaque-source"');
    // The chip text is escaped, never interpreted as markup.
    expect(html).toContain('<code class="opaque-source">&lt;div class="x"&gt;\n  &lt;b&gt;raw&lt;/b&gt;');
  });

  it('reports unknown nodes instead of silently emptying the document', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const errors: Error[] = [];
    headless({ type: 'doc', content: [{ type: 'footnote', content: [] }] }, (e) => errors.push(e));
    expect(errors).toHaveLength(1);
    expect(String(errors[0]?.cause)).toContain('Unknown node type: footnote');
    expect(warn).toHaveBeenCalled();
  });

  it('finds attrs the schema would silently drop', () => {
    const editor = headless();
    expect(findUnsupportedAttrs(everything, editor.schema)).toBeNull();
    const extraNodeAttr: JSONContent = {
      type: 'doc',
      content: [{ type: 'paragraph', attrs: { align: 'left' }, content: [text('x')] }],
    };
    expect(findUnsupportedAttrs(extraNodeAttr, editor.schema)).toBe('attribute "align" on "paragraph"');
    const extraMarkAttr: JSONContent = {
      type: 'doc',
      content: [para(text('x', [{ type: 'link', attrs: { href: '/a', hreflang: 'ru' } }]))],
    };
    expect(findUnsupportedAttrs(extraMarkAttr, editor.schema)).toBe('attribute "hreflang" on mark "link"');
    // This is the silent loss the check exists for:
    expect(headless(extraNodeAttr).getJSON().content?.[0]?.attrs).toBeUndefined();
  });

  it('cannot produce underline, and heading levels are limited to 2-4 in the commands', () => {
    const editor = headless({ type: 'doc', content: [para(text('x'))] });
    expect(editor.schema.marks.underline).toBeUndefined();
    editor.commands.selectAll();
    expect(editor.can().toggleHeading({ level: 1 })).toBe(false);
    expect(editor.can().toggleHeading({ level: 2 })).toBe(true);
  });

  it('does not append a trailing paragraph after a final block', () => {
    const doc: JSONContent = { type: 'doc', content: [{ type: 'horizontalRule' }] };
    const editor = headless(doc);
    editor.commands.focus('end');
    editor.commands.selectAll();
    expect(editor.getJSON()).toEqual(doc);
  });
});

describe('links', () => {
  it('accepts http, https, mailto and relative references only', () => {
    for (const ok of ['https://a.org', 'http://a.org/x?y#z', 'mailto:a@b.org', '/news/', '#top', '../a/', 'page/']) {
      expect(isAllowedHref(ok), ok).toBe(true);
    }
    for (const bad of ['javascript:alert(1)', 'JavaScript:x', 'java\nscript:x', 'data:text/html,x', 'ftp://a', 'tel:123', 'vbscript:x', '']) {
      expect(isAllowedHref(bad), bad).toBe(false);
    }
  });

  it('normalises what people type', () => {
    expect(normaliseHref('  www.example.org/a ')).toBe('https://www.example.org/a');
    expect(normaliseHref('/news/')).toBe('/news/');
    expect(normaliseHref('   ')).toBe('');
  });

  it('autolinks web and e-mail addresses but no other schemes', () => {
    expect(shouldAutoLink('https://example.org')).toBe(true);
    expect(shouldAutoLink('example.org')).toBe(true);
    expect(shouldAutoLink('ftp://example.org')).toBe(false);
    expect(shouldAutoLink('localhost')).toBe(false);
    expect(shouldAutoLink('10.0.0.1')).toBe(false);
  });

  it('refuses to set a javascript: link', () => {
    const editor = headless({ type: 'doc', content: [para(text('click'))] });
    editor.commands.selectAll();
    expect(editor.commands.setLink({ href: 'javascript:alert(1)' })).toBe(false);
    expect(editor.commands.setLink({ href: 'https://barents.org' })).toBe(true);
    expect(editor.getJSON().content?.[0]?.content?.[0]?.marks).toEqual([link('https://barents.org')]);
  });
});

describe('block defaults', () => {
  it('Enter after a heading makes a paragraph, never a question', () => {
    const editor = headless({ type: 'doc', content: [{ type: 'heading', attrs: { level: 2 }, content: [text('Title')] }] });
    editor.commands.focus('end');
    editor.commands.enter();
    editor.commands.insertContent('Body');
    expect(editor.getJSON().content?.[1]?.type).toBe('paragraph');
    expect(editor.schema.topNodeType.contentMatch.defaultType?.name).toBe('paragraph');
  });

  it('toggles a paragraph into a question and back', () => {
    const editor = headless({ type: 'doc', content: [para(text('Why Kirkenes?'))] });
    editor.commands.focus('end');
    editor.commands.toggleNode('question', 'paragraph');
    expect(editor.getJSON().content?.[0]).toEqual({ type: 'question', content: [text('Why Kirkenes?')] });
    expect(editor.getHTML()).toBe('<p class="question">Why Kirkenes?</p>');
    editor.commands.toggleNode('question', 'paragraph');
    expect(editor.getJSON().content?.[0]?.type).toBe('paragraph');
  });
});

describe('tables and task lists', () => {
  it('inserts a GFM-shaped table: a header row, one paragraph per cell, the attrs the bridge reads', () => {
    const editor = headless({ type: 'doc', content: [para(text('x'))] });
    editor.commands.focus('end');
    expect(editor.commands.insertTable({ rows: 2, cols: 2, withHeaderRow: true })).toBe(true);
    const table: JSONContent | undefined = editor.getJSON().content?.find((n: JSONContent) => n.type === 'table');
    const cell = { colspan: 1, rowspan: 1, colwidth: null, align: null };
    expect(table?.content?.map((r: JSONContent) => r.content?.map((c: JSONContent) => c.type))).toEqual([
      ['tableHeader', 'tableHeader'],
      ['tableCell', 'tableCell'],
    ]);
    for (const row of (table?.content ?? []) as JSONContent[]) {
      for (const c of (row.content ?? []) as JSONContent[]) {
        expect(c.attrs).toEqual(cell);
        expect(c.content).toEqual([{ type: 'paragraph' }]);
      }
    }
    // A cell holds one paragraph only (GFM cells are one line): a list cannot go in.
    expect(editor.can().toggleBulletList()).toBe(false);
    // Alignment is kept in the document and shown through a data attribute, not a style.
    const aligned = headless({
      type: 'doc',
      content: [
        {
          type: 'table',
          content: [
            { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { ...cell, align: 'right' }, content: [para(text('n'))] }] },
          ],
        },
      ],
    });
    expect(aligned.getHTML()).toContain('data-align="right"');
    expect(aligned.getHTML()).not.toContain('text-align');
  });

  it('toggles a checklist item', () => {
    const editor = headless({ type: 'doc', content: [para(text('Book the hall'))] });
    editor.commands.focus('end');
    editor.commands.toggleTaskList();
    const list = editor.getJSON().content?.[0];
    expect(list).toEqual({
      type: 'taskList',
      attrs: { tight: true },
      content: [{ type: 'taskItem', attrs: { checked: false }, content: [para(text('Book the hall'))] }],
    });
  });
});
