import { describe, expect, it } from 'vitest';
import type { TranslationInfo } from '../bindings';
import { badges, sourceOf } from './translations';

const t = (language: string, state: TranslationInfo['state'], path: string | null = `a.${language}.md`): TranslationInfo => ({
  language,
  state,
  path: state === 'missing' ? null : path,
});

describe('sourceOf', () => {
  const site = ['en', 'ru', 'se'];

  it('reads a translation beside the original in the default language', () => {
    expect(sourceOf([t('en', 'current'), t('ru', 'draft')], 'ru', site)?.language).toBe('en');
  });

  it('falls back to another version when the default one is missing', () => {
    expect(sourceOf([t('en', 'missing'), t('ru', 'current'), t('se', 'draft')], 'se', site)?.language).toBe('ru');
  });

  it('gives the original no source, and nothing when there is none', () => {
    expect(sourceOf([t('en', 'current'), t('ru', 'current')], 'en', site)).toBeNull();
    expect(sourceOf([t('en', 'missing'), t('ru', 'draft')], 'ru', site)).toBeNull();
    expect(sourceOf([], null, site)).toBeNull();
  });
});

describe('badges', () => {
  it('lists the other languages with what state they are in', () => {
    const out = badges({
      language: 'en',
      translations: [t('en', 'current'), t('ru', 'outdated'), t('se', 'missing'), t('fi', 'draft')],
    });
    expect(out.map((b) => b.text)).toEqual(['RU!', '+SE', 'FI…']);
    expect(out[0]?.title).toBe('RU: translated, but older than the original');
    expect(out[1]?.title).toBe('SE: no translation yet');
  });

  it('shows nothing for a site with one language', () => {
    expect(badges({ language: null, translations: [] })).toEqual([]);
  });
});
