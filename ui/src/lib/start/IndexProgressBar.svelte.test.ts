// The indexing progress in jsdom: the core's reports (through the mocked event) become a
// <progress> bar and "Indexing 3,200 of 10,000 entries"; it goes at the total, and while no
// indexing work runs.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IndexProgress } from '../bindings';

let handler: ((p: IndexProgress) => void) | null = null;
vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return {
    ...actual,
    onIndexProgress: vi.fn(async (h: (p: IndexProgress) => void) => {
      handler = h;
      return () => (handler = null);
    }),
  };
});

const { IndexProgressState, progressText } = await import('./indexProgress.svelte');
const { default: IndexProgressBar } = await import('./IndexProgressBar.svelte');

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

describe('indexing progress', () => {
  it('says the counts with thousands separators', () => {
    expect(progressText({ done: 3200, total: 10000 })).toBe('Indexing 3,200 of 10,000 entries');
  });

  it('shows the reports as they come and goes at the total', async () => {
    const state = new IndexProgressState();
    const stop = await state.watch();
    const props = $state({ progress: null as IndexProgress | null, active: true });
    app = mount(IndexProgressBar, {
      target: document.body,
      props: {
        get progress() {
          return state.progress;
        },
        get active() {
          return props.active;
        },
      },
    });
    expect(document.querySelector('[data-testid="index-progress"]')).toBeNull();

    handler?.({ done: 0, total: 10000 });
    flushSync();
    const status = document.querySelector('[data-testid="index-progress"]');
    expect(status?.getAttribute('role')).toBe('status');
    const bar = document.querySelector('progress');
    expect(bar?.getAttribute('aria-label')).toBe('Search index progress');
    expect(bar?.max).toBe(10000);
    expect(bar?.value).toBe(0);

    handler?.({ done: 3200, total: 10000 });
    flushSync();
    expect(document.querySelector('progress')?.value).toBe(3200);
    expect(status?.textContent).toContain('Indexing 3,200 of 10,000 entries');

    // No indexing work running (a failed run stopped midway): no bar.
    props.active = false;
    flushSync();
    expect(document.querySelector('[data-testid="index-progress"]')).toBeNull();
    props.active = true;
    flushSync();
    expect(document.querySelector('[data-testid="index-progress"]')).not.toBeNull();

    handler?.({ done: 10000, total: 10000 });
    flushSync();
    expect(document.querySelector('[data-testid="index-progress"]')).toBeNull();
    stop();
    expect(handler).toBeNull();
  });
});
