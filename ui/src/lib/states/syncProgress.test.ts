// wt-states: a sync's progress in the publish bar. The words for a report, which report is
// shown (none before a total, none after done), the listener wiring, and the bar itself: a
// <progress> with the counts and a status line a screen reader reads.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncProgress } from '../bindings';
import PublishBar from '../../components/PublishBar.svelte';
import { formatBytes, nextTransfer, transferText } from './syncProgress';
import { SyncTransfer } from './syncTransfer.svelte';

const report = (over: Partial<SyncProgress> = {}): SyncProgress => ({
  direction: 'sending',
  objects: 3,
  total: 5,
  bytes: 12_800,
  done: false,
  ...over,
});

let app: ReturnType<typeof mount> | null = null;
afterEach(() => {
  if (app) unmount(app);
  app = null;
  document.body.innerHTML = '';
});

function bar(transfer: SyncProgress | null) {
  const target = document.body.appendChild(document.createElement('div'));
  app = mount(PublishBar, {
    target,
    props: {
      hasEntry: true,
      saveStatus: 'saved',
      saveError: null,
      savedAt: null,
      publishStatus: '',
      publishMessage: '',
      canPublish: false,
      sync: { waiting: 1, lastError: null },
      syncing: true,
      identity: null,
      onPublish: vi.fn(),
      onRetrySync: vi.fn(),
      onEditIdentity: vi.fn(),
      transfer,
    },
  });
  flushSync();
}

describe('sync progress in words', () => {
  it('says which way, how many of how many, and how much', () => {
    expect(transferText(report())).toBe('Sending changes: 3 of 5 objects, 13 KB');
    expect(transferText(report({ direction: 'receiving', objects: 40, total: 200, bytes: 1_468_006 }))).toBe(
      'Receiving changes: 40 of 200 objects, 1.4 MB',
    );
    // A push to a folder counts objects, not bytes.
    expect(transferText(report({ bytes: 0 }))).toBe('Sending changes: 3 of 5 objects');
    expect(formatBytes(900)).toBe('900 B');
  });

  it('shows nothing before the total is known, or once the transfer is done', () => {
    expect(nextTransfer(report({ objects: 0, total: 0 }))).toBeNull();
    expect(nextTransfer(report({ done: true }))).toBeNull();
    expect(nextTransfer(report())).toEqual(report());
  });

  it('follows the core’s reports until done', async () => {
    let handler: ((p: SyncProgress) => void) | null = null;
    const stop = vi.fn();
    const transfer = new SyncTransfer();
    const unwatch = transfer.watch(async (h) => {
      handler = h;
      return stop;
    });
    await Promise.resolve();
    handler!(report({ direction: 'receiving', objects: 10, total: 40 }));
    expect(transfer.current?.objects).toBe(10);
    handler!(report({ direction: 'receiving', objects: 40, total: 40 }));
    expect(transfer.current?.objects).toBe(40);
    handler!(report({ done: true, objects: 0, total: 0, bytes: 0 }));
    expect(transfer.current).toBeNull();
    unwatch();
    await Promise.resolve();
    expect(stop).toHaveBeenCalled();
  });
});

describe('the publish bar while a sync moves data', () => {
  it('shows a progress bar with the counts in a status region', () => {
    bar(report());
    const region = document.querySelector<HTMLElement>('[data-testid="sync-progress"]');
    expect(region?.getAttribute('role')).toBe('status');
    expect(region?.dataset.direction).toBe('sending');
    const progress = region?.querySelector('progress');
    expect(progress?.max).toBe(5);
    expect(progress?.value).toBe(3);
    expect(progress?.getAttribute('aria-label')).toBe('Sending changes: 3 of 5 objects, 13 KB');
    expect(region?.textContent).toContain('Sending changes: 3 of 5 objects, 13 KB');
  });

  it('shows no progress bar when nothing moves', () => {
    bar(null);
    expect(document.querySelector('[data-testid="sync-progress"]')).toBeNull();
    expect(document.querySelector('progress')).toBeNull();
  });
});
