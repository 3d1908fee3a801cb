// Word and character counts and reading time of a document, as the status bar shows them.
import { describe, expect, it } from 'vitest';
import type { DocNode } from './bindings';
import { READING_WPM, blockTexts, countWords, statsLabel, textStats } from './textStats';

const t = (text: string): DocNode => ({ type: 'text', text });
const p = (...content: DocNode[]): DocNode => ({ type: 'paragraph', content });

describe('text stats', () => {
  it('counts words in the site languages, with hyphens and apostrophes inside words', () => {
    expect(countWords('Kárášjohka and Troms-Finnmark don’t differ — much.')).toBe(6);
    expect(countWords('Сотрудничество в Мурманске')).toBe(3);
    expect(countWords(' , . — ')).toBe(0);
  });

  it('counts text and headings but not chips or code', () => {
    const doc: DocNode = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [t('Three demands')] },
        p(t('Hello '), { type: 'opaqueInline', attrs: { source: '{{< ref "x" >}}', label: 'Shortcode' } }, t(' world')),
        { type: 'opaque', attrs: { source: '<div>lots of words here</div>', label: 'HTML' } },
        { type: 'codeBlock', attrs: { language: null }, content: [t('let a = b;')] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('Alta'), { type: 'hardBreak' }, t('Vardø'))] }] },
      ],
    };
    expect(blockTexts(doc)).toEqual(['Three demands', 'Hello  world', 'Alta Vardø']);
    const s = textStats(doc, ['A title']);
    expect(s.words).toBe(8);
    expect(s.characters).toBe('A title'.length + 'Three demands'.length + 'Hello  world'.length + 'Alta Vardø'.length);
    expect(s.minutes).toBe(1);
  });

  it('counts combined characters once and rounds reading time', () => {
    const combined = 'a\u0301'; // á as a + combining accent: one character to a reader
    expect(textStats({ type: 'doc', content: [p(t(combined))] }).characters).toBe(1);
    // Emoji with a skin tone, a flag, a family joined by ZWJ, a heart with its selector: one each.
    const emoji = 'Go \u{1F44D}\u{1F3FD} \u{1F1F3}\u{1F1F4} \u{1F468}\u200D\u{1F469}\u200D\u{1F467} \u2764\uFE0F';
    expect(textStats({ type: 'doc', content: [p(t(emoji))] }).characters).toBe('Go '.length + 1 + 1 + 1 + 1 + 1 + 1 + 1);
    // Plain Sámi and Russian text (NFC) is one character per letter.
    expect(textStats({ type: 'doc', content: [p(t('Čáhcesuolu Мурманск'))] }).characters).toBe(19);
    const long = Array.from({ length: READING_WPM * 5 }, () => 'ord').join(' ');
    expect(textStats({ type: 'doc', content: [p(t(long))] }).minutes).toBe(5);
    expect(textStats({ type: 'doc', content: [p()] })).toEqual({ words: 0, characters: 0, minutes: 0 });
  });

  it('says it in words', () => {
    expect(statsLabel({ words: 1, characters: 1, minutes: 0 })).toBe('1 word · 1 character');
    expect(statsLabel({ words: 1234, characters: 7012, minutes: 6 })).toBe('1\u202f234 words · 7\u202f012 characters · 6 min read');
  });
});
