// The cover/portrait field of the entry form in jsdom: the thumbnail comes from the core for
// the typed path, the focal point is set by clicking the thumbnail (and moved with the arrow
// keys), stored as "x% y%"; caption and credit are plain optional fields beside the alt text.
import { createRawSnippet, flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FieldInfo, FieldValue } from '../lib/bindings';
import { imagePictures } from '../lib/editor/pictures';
import { formatFocal, parseFocal } from '../lib/focal';
import ImageField from './ImageField.svelte';

const info = (name: string, label: string, kind: FieldInfo['kind'] = 'string', extra: Partial<FieldInfo> = {}): FieldInfo => ({
  name,
  label,
  kind,
  required: false,
  default: null,
  options: [],
  collection: null,
  after: null,
  before: null,
  alt: null,
  zone: null,
  caption: null,
  credit: null,
  focal: null,
  ...extra,
});

const cover = info('cover', 'Cover image', 'image', { alt: 'cover_alt', caption: 'cover_caption', credit: 'cover_credit', focal: 'cover_focal' });
const named = {
  alt: info('cover_alt', 'Cover image description (alt text)'),
  caption: info('cover_caption', 'Caption'),
  credit: info('cover_credit', 'Credit'),
  focal: info('cover_focal', 'Focal point'),
};

let cleanup: (() => void) | null = null;
afterEach(() => {
  cleanup?.();
  cleanup = null;
});

function render(fields: Record<string, FieldValue | null>) {
  const target = document.createElement('div');
  document.body.append(target);
  const onText = vi.fn();
  const problems = createRawSnippet((name: () => string) => ({ render: () => `<span data-problems="${name()}"></span>` }));
  const view = mount(ImageField, {
    target,
    props: { field: cover, named, fields, invalid: () => false, describedBy: () => undefined, problems, onText },
  });
  cleanup = () => {
    unmount(view);
    target.remove();
  };
  return { target, onText };
}

describe('focal point text', () => {
  it('reads and writes CSS percentages as the core does', () => {
    expect(parseFocal('40% 30%')).toEqual([40, 30]);
    expect(parseFocal(' 12.5%   7% ')).toEqual([12.5, 7]);
    for (const bad of ['', '0.4,0.3', '40 30', '101% 1%', '40%']) expect(parseFocal(bad)).toBeNull();
    expect(formatFocal(40.4, 29.6)).toBe('40% 30%');
    expect(formatFocal(-5, 140)).toBe('0% 100%');
  });
});

describe('ImageField', () => {
  it('shows the thumbnail of the path, sets the focal point by a click and the arrow keys', async () => {
    imagePictures.load = vi.fn(async (src: string) => (src === '/images/harbour.jpg' ? 'data:image/jpeg;base64,SEFSQk9VUg==' : null));
    const { target, onText } = render({ cover: '/images/harbour.jpg', cover_alt: 'Harbour at dawn', cover_focal: '50% 50%' });
    await vi.waitFor(() => expect(target.querySelector('[data-testid="thumb-cover"] img')).not.toBeNull());
    const thumb = target.querySelector<HTMLElement>('[data-testid="thumb-cover"]')!;
    expect(thumb.querySelector('img')!.getAttribute('src')).toBe('data:image/jpeg;base64,SEFSQk9VUg==');
    expect(thumb.querySelector('img')!.alt).toBe('Harbour at dawn');
    // The marker sits on the stored point.
    const marker = target.querySelector<HTMLElement>('[data-testid="focal-cover"]')!;
    expect([marker.style.left, marker.style.top]).toEqual(['50%', '50%']);
    // A click at (80, 45) on a 200×150 thumbnail: 40% from the left, 30% from the top.
    thumb.getBoundingClientRect = () => ({ left: 0, top: 0, width: 200, height: 150, right: 200, bottom: 150, x: 0, y: 0, toJSON: () => ({}) });
    thumb.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: 80, clientY: 45 }));
    expect(onText).toHaveBeenLastCalledWith(named.focal, '40% 30%');
    thumb.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, key: 'ArrowRight' }));
    expect(onText).toHaveBeenLastCalledWith(named.focal, '55% 50%');
    // Caption and credit are there, optional, beside the alt text.
    const caption = target.querySelector<HTMLInputElement>('[data-testid="field-cover_caption"]')!;
    caption.value = 'Kirkenes harbour in January';
    caption.dispatchEvent(new Event('input', { bubbles: true }));
    expect(onText).toHaveBeenLastCalledWith(named.caption, 'Kirkenes harbour in January');
    expect(target.querySelector('[data-testid="field-cover_credit"]')).not.toBeNull();
  });

  it('says so when the path names no picture of the site', async () => {
    imagePictures.load = vi.fn(async () => null);
    const { target } = render({ cover: '/images/typo.jpg', cover_alt: '' });
    await vi.waitFor(() => expect(target.querySelector('[data-testid="thumb-missing-cover"]')).not.toBeNull());
    flushSync();
    expect(target.querySelector('[data-testid="thumb-cover"]')).toBeNull();
  });
});
