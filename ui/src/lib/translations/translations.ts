// Translations as the window shows them: which language version a translation is read beside
// (its source: the site's default language first), and the short badges the entry list gives
// each entry for its other language versions (there, missing, a draft, or older than the
// original). Pure functions over the core's TranslationInfo.
import type { EntrySummary, TranslationInfo, TranslationState } from '../bindings';

/**
 * The version an entry in `language` is translated from: the first of the site's languages
 * (the default first; the core lists `translations` in the site's order) that is not its own and has a file. Null for the original itself, or
 * when no other version exists yet.
 */
export function sourceOf(
  translations: readonly TranslationInfo[],
  language: string | null,
  siteLanguages: readonly string[],
): TranslationInfo | null {
  if (!language || siteLanguages[0] === language) return null;
  const byLanguage = new Map(translations.map((t) => [t.language, t]));
  for (const l of siteLanguages) {
    const t = byLanguage.get(l);
    if (l !== language && t && t.path !== null && t.state !== 'missing') return t;
  }
  return null;
}

export interface Badge {
  language: string;
  state: TranslationState;
  /** Shown: "RU", "+RU" (missing), "RU…" (draft), "RU!" (older). */
  text: string;
  /** Said: the tooltip and the accessible name. */
  title: string;
}

const SAID: Record<TranslationState, string> = {
  missing: 'no translation yet',
  draft: 'translation started, not published',
  current: 'translated, up to date',
  outdated: 'translated, but older than the original',
};

const MARK: Record<TranslationState, (l: string) => string> = {
  missing: (l) => `+${l}`,
  draft: (l) => `${l}…`,
  current: (l) => l,
  outdated: (l) => `${l}!`,
};

/** The entry's other language versions, in the site's order, as badges for its list row. */
export function badges(entry: Pick<EntrySummary, 'language' | 'translations'>): Badge[] {
  return entry.translations
    .filter((t) => t.language !== entry.language)
    .map((t) => {
      const l = t.language.toUpperCase();
      return { language: t.language, state: t.state, text: MARK[t.state](l), title: `${l}: ${SAID[t.state]}` };
    });
}
