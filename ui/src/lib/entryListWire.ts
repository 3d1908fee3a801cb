// The entry list as the core sends it (wt-start): compact rows (see src/api/start_types.rs)
// expanded into the EntrySummary rows the rest of the window works with. Mirrors
// `EntryList::expand` in Rust; the core's test checks that expansion gives the summaries back.
import type { EditorialInfo, EntryList, EntryState, EntrySummary, TranslationInfo, TranslationState } from './bindings';

const STATES: Record<string, EntryState> = { p: 'published', n: 'new', m: 'modified', q: 'queued' };
const TRANSLATIONS: Record<string, TranslationState> = { m: 'missing', d: 'draft', c: 'current', o: 'outdated' };

/** The editorial state of a published entry without a draft (what an absent `e` means). */
const PUBLISHED: EditorialInfo = { state: 'published', by: null, at: null };

export function expandEntryList(list: EntryList): EntrySummary[] {
  // (group, language) -> the path of the first row of that group in that language.
  const paths = new Map<string, string>();
  for (const r of list.rows) {
    if (r.g === undefined || r.l === undefined || r.p === undefined) continue;
    const key = `${r.g}/${r.l}`;
    if (!paths.has(key)) paths.set(key, r.p);
  }
  return list.rows.map((r) => {
    let translations: TranslationInfo[] = [];
    if (r.tf) translations = r.tf;
    else if (r.x) {
      translations = [...r.x].map((letter, i) => {
        const state = TRANSLATIONS[letter] ?? 'missing';
        const path = state === 'missing' || r.g === undefined ? null : (paths.get(`${r.g}/${i}`) ?? null);
        return { language: list.languages[i] ?? '', path, state };
      });
    }
    return {
      key: { draftId: r.d ?? null, path: r.p ?? null },
      collection: list.collections[r.c] ?? '',
      language: r.l === undefined ? null : (list.languages[r.l] ?? null),
      title: r.t,
      date: r.a ?? null,
      state: STATES[r.s] ?? 'published',
      savedAt: r.v ?? null,
      translations,
      editorial: r.e ?? PUBLISHED,
    };
  });
}
