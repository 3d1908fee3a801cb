// The media library's logic, without a DOM: search by file name, alt text and caption; sizes
// and dimensions in words; the order the panel shows (problems first).
import type { MediaItem } from '../bindings';

/** Folds case and accents, so "sami" finds "Sámi" and "KIRKENES" finds "Kirkenes". */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** Items whose file name, alt texts or captions contain every word of `query`. */
export function filterMedia(items: MediaItem[], query: string): MediaItem[] {
  const words = fold(query).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return items;
  return items.filter((item) => {
    const haystack = fold([item.name, item.path, ...item.alts, ...item.captions].join('\n'));
    return words.every((w) => haystack.includes(w));
  });
}

/** "41 KB", "1.3 MB": decimal units, as file managers show them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** "960 × 540", or "" when the header could not be read. */
export function formatDimensions(item: Pick<MediaItem, 'width' | 'height'>): string {
  return item.width && item.height ? `${item.width} × ${item.height}` : '';
}

/** What is worth a look about an item, in words (empty when nothing). */
export function itemFlags(item: MediaItem): string[] {
  const flags: string[] = [];
  if (item.usedBy.length === 0) flags.push('Unused');
  if (item.missingAlt) flags.push('Missing alt text');
  return flags;
}

/** Problems first (missing alt text, then unused), then by name. */
export function sortForReview(items: MediaItem[]): MediaItem[] {
  const rank = (i: MediaItem) => (i.missingAlt ? 0 : i.usedBy.length === 0 ? 1 : 2);
  return [...items].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}
