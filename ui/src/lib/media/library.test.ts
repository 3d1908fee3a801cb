// The media library's search and flags.
import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../bindings';
import { filterMedia, formatBytes, formatDimensions, itemFlags, sortForReview } from './library';

const item = (partial: Partial<MediaItem>): MediaItem => ({
  path: 'static/images/a.jpg',
  name: 'a.jpg',
  files: [],
  bytes: 41608,
  width: 960,
  height: 540,
  usedBy: ['content/articles/a.md'],
  alts: [],
  captions: [],
  missingAlt: false,
  ...partial,
});

const bridge = item({
  path: 'static/images/bridge.jpg',
  name: 'bridge.jpg',
  alts: ['Steel cables of a suspension bridge'],
  captions: ['Photo: Sander Klootwijk'],
});
const sami = item({ path: 'static/images/0123456789abcdef-960.jpg', name: '0123456789abcdef-960.jpg', alts: ['Sámi film week in Inari'] });
const unused = item({ path: 'static/images/old.png', name: 'old.png', usedBy: [] });
const noAlt = item({ path: 'static/images/z.jpg', name: 'z.jpg', missingAlt: true });

describe('filterMedia', () => {
  it('finds by file name, alt text and caption, ignoring case and accents', () => {
    const all = [bridge, sami, unused, noAlt];
    expect(filterMedia(all, 'BRIDGE')).toEqual([bridge]);
    expect(filterMedia(all, 'cables suspension')).toEqual([bridge]);
    expect(filterMedia(all, 'klootwijk')).toEqual([bridge]);
    expect(filterMedia(all, 'sami inari')).toEqual([sami]);
    expect(filterMedia(all, '.png')).toEqual([unused]);
    expect(filterMedia(all, '   ')).toEqual(all);
    expect(filterMedia(all, 'reindeer')).toEqual([]);
  });
});

describe('display', () => {
  it('flags unused pictures and missing alt text, and lists them first', () => {
    expect(itemFlags(unused)).toEqual(['Unused']);
    expect(itemFlags(noAlt)).toEqual(['Missing alt text']);
    expect(itemFlags(bridge)).toEqual([]);
    expect(sortForReview([bridge, unused, noAlt]).map((i) => i.name)).toEqual(['z.jpg', 'old.png', 'bridge.jpg']);
  });

  it('gives sizes in words', () => {
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(41608)).toBe('42 KB');
    expect(formatBytes(1_340_000)).toBe('1.3 MB');
    expect(formatDimensions(bridge)).toBe('960 × 540');
    expect(formatDimensions(item({ width: null, height: null }))).toBe('');
  });
});
