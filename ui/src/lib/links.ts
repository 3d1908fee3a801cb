// Internal links: the address Hugo gives each entry, and the check that a link to this site
// points at an entry that exists. Pure functions; the link dialog uses them as one types.
import type { EntrySummary } from './bindings';

export interface EntryLink {
  url: string;
  title: string;
}

/**
 * The address of an entry file as Hugo publishes it with default permalinks:
 * `content/articles/youth-forum-lulea.md` -> `/articles/youth-forum-lulea/`,
 * `content/news/kirkenes/index.md` -> `/news/kirkenes/`,
 * `content/articles/a.ru.md` -> `/ru/articles/a/` (the language-suffix layout). Hugo lower-cases
 * paths by default, so the address is lower case.
 */
export function entryUrl(path: string): string {
  let p = path.replace(/\\/g, '/').replace(/^\/+/, '');
  p = p.replace(/^content\//, '');
  let language = '';
  const suffix = /\.([a-z]{2,3}(?:-[a-z0-9]+)?)\.(md|markdown)$/i.exec(p);
  if (suffix?.[1]) {
    language = suffix[1].toLowerCase();
    p = p.slice(0, suffix.index);
  } else {
    p = p.replace(/\.(md|markdown)$/i, '');
  }
  p = p.replace(/(^|\/)_?index$/, '');
  const url = `/${language ? `${language}/` : ''}${p}`.replace(/\/+$/, '');
  return `${url.toLowerCase()}/`;
}

/** The published entries, as link targets (drafts have no address yet), sorted by address. */
export function entryLinks(entries: readonly EntrySummary[]): EntryLink[] {
  const out: EntryLink[] = [];
  for (const e of entries) {
    if (e.key.path !== null) out.push({ url: entryUrl(e.key.path), title: e.title });
  }
  // Addresses are compared as written (code units): the order only has to be stable, and a
  // locale-aware sort of 10,000 addresses costs a typist's frames at every autosave.
  return out.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * `entryLinks`, remembered: an autosave that changes an entry's time or state but no address
 * or title gives back the same array, so nothing that depends on the links runs again.
 */
export class EntryLinks {
  #entries: readonly EntrySummary[] | null = null;
  #links: EntryLink[] = [];

  get(entries: readonly EntrySummary[]): EntryLink[] {
    const before = this.#entries;
    this.#entries = entries;
    if (before !== null && sameTargets(before, entries)) return this.#links;
    this.#links = entryLinks(entries);
    return this.#links;
  }
}

function sameTargets(a: readonly EntrySummary[], b: readonly EntrySummary[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y && (x.key.path !== y.key.path || x.title !== y.title)) return false;
  }
  return true;
}

/** The addresses of `links` as a set, made once per links array (checks run per link). */
const knownUrls = new WeakMap<readonly EntryLink[], Set<string>>();
function urlsOf(links: readonly EntryLink[]): Set<string> {
  let set = knownUrls.get(links);
  if (set === undefined) {
    set = new Set(links.map((l) => l.url));
    knownUrls.set(links, set);
  }
  return set;
}

/** A path on this site with a file extension (`/images/a.jpg`, `/events.ics`) is a file, not a page. */
function isFile(path: string): boolean {
  return /\.[a-z0-9]{1,5}$/i.test(path);
}

/**
 * Null when `href` is fine; otherwise a sentence saying which internal address has no entry.
 * Only site-absolute paths are checked (`/articles/x/`); external, relative, anchor-only and
 * file links are left alone. A language prefix (`/ru/…`) may be present or not.
 */
export function checkInternalLink(href: string, links: readonly EntryLink[]): string | null {
  const trimmed = href.trim();
  if (!trimmed.startsWith('/') || trimmed.startsWith('//')) return null;
  let path = trimmed.replace(/[?#].*$/, '');
  try {
    path = decodeURI(path);
  } catch {
    // A malformed escape: compare as typed.
  }
  if (path === '/' || isFile(path)) return null;
  const want = `${path.replace(/\/+$/, '')}/`.toLowerCase();
  const known = urlsOf(links);
  const withoutLanguage = want.replace(/^\/[a-z]{2,3}(?:-[a-z0-9]+)?\//, '/');
  if (known.has(want) || known.has(withoutLanguage)) return null;
  // A section page (`/articles/`) exists when any entry lives below it.
  if ([...known].some((u) => u.startsWith(want))) return null;
  return `No entry on this site has the address ${want}. Check it, or choose one from the list.`;
}

/** The internal link addresses in a document that point at no entry (each once, in order). */
export function brokenInternalLinks(doc: DocNodeLike, links: readonly EntryLink[]): string[] {
  const out: string[] = [];
  const walk = (node: DocNodeLike) => {
    for (const mark of node.marks ?? []) {
      const href = mark.type === 'link' ? mark.attrs?.href : undefined;
      if (typeof href === 'string' && !out.includes(href) && checkInternalLink(href, links) !== null) out.push(href);
    }
    for (const child of node.content ?? []) walk(child);
  };
  walk(doc);
  return out;
}

interface DocNodeLike {
  marks?: { type: string; attrs?: { [key in string]?: unknown } }[];
  content?: DocNodeLike[];
}
