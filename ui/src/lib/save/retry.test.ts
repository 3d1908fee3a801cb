// What the window may say about a failing save, and when it tries again: after a failure the
// status is "error" (never "saved", not even while retrying or typing) until a save succeeds;
// retries back off (2 s, 4 s, 8 s, then every 15 s); typing does not hammer a failing disk;
// "try again now" (flush) saves at once; the first success clears the error.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type AutosaveSnapshot } from '../autosave';

/** A save that fails while `failing` is true, recording when it was called. */
function flakySave() {
  const state = { failing: true, calls: [] as number[] };
  const save = vi.fn(async () => {
    state.calls.push(Date.now());
    if (state.failing) throw { code: 'disk_full', message: 'The disk is full.' };
  });
  return { save, state };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2026-11-29T10:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('a failing save', () => {
  it('retries with growing pauses, capped', async () => {
    const { save, state } = flakySave();
    const saver = new Autosaver({ save });
    expect([1, 2, 3, 4, 5, 9].map((n) => saver.retryDelay(n))).toEqual([2000, 4000, 8000, 15000, 15000, 15000]);
    const start = Date.now();
    saver.touch();
    await vi.advanceTimersByTimeAsync(600 + 2000 + 4000 + 8000 + 15000 + 15000);
    const offsets = state.calls.map((t) => t - start);
    expect(offsets).toEqual([600, 2600, 6600, 14600, 29600, 44600]);
    expect(saver.failures).toBe(6);
    expect(saver.snapshot().retryAt).toBe(start + 44600 + 15000);
  });

  it('never reports "saved" between the first failure and the first success, even while typing', async () => {
    const { save, state } = flakySave();
    const snapshots: AutosaveSnapshot[] = [];
    const saver = new Autosaver({ save, onChange: (s) => snapshots.push(s) });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(saver.status).toBe('error');
    const firstFailure = snapshots.length;

    // The writer keeps typing; retries keep failing.
    for (let i = 0; i < 30; i++) {
      saver.touch();
      await vi.advanceTimersByTimeAsync(500);
    }
    const during = snapshots.slice(firstFailure);
    expect(during.length).toBeGreaterThan(30);
    expect(during.every((s) => s.status === 'error')).toBe(true);
    expect(during.every((s) => (s.error as { code: string }).code === 'disk_full')).toBe(true);
    expect(saver.dirty).toBe(true);

    // Space returns: the next retry stores the text and the error goes away.
    state.failing = false;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(saver.status).toBe('saved');
    expect(saver.error).toBeNull();
    expect(saver.failures).toBe(0);
    expect(saver.dirty).toBe(false);
    expect(snapshots.at(-1)).toMatchObject({ status: 'saved', error: null, failures: 0, retryAt: null });
  });

  it('typing while saves fail waits for the planned retry instead of saving on every pause', async () => {
    const { save, state } = flakySave();
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(state.calls).toHaveLength(1);
    // 1.9 s of typing with pauses: the retry is due 2 s after the failure.
    for (let i = 0; i < 19; i++) {
      saver.touch();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(state.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(state.calls).toHaveLength(2);
  });

  it('"try again now" saves at once and, when it works, clears the error', async () => {
    const { save, state } = flakySave();
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(await saver.flush()).toBe(false);
    expect(state.calls).toHaveLength(2);
    expect(saver.status).toBe('error');
    state.failing = false;
    expect(await saver.flush()).toBe(true);
    expect(saver.status).toBe('saved');
    expect(saver.error).toBeNull();
    // No retry is left planned after the success.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.calls).toHaveLength(3);
  });

  it('a change made while a failing save runs is kept for the retry', async () => {
    let reject!: (e: unknown) => void;
    const calls: number[] = [];
    const save = vi.fn(() => {
      calls.push(Date.now());
      return calls.length === 1
        ? new Promise<void>((_, rej) => {
            reject = rej;
          })
        : Promise.resolve();
    });
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    saver.touch();
    await vi.advanceTimersByTimeAsync(1500);
    reject({ code: 'read_only', message: 'The folder is read-only.' });
    await vi.advanceTimersByTimeAsync(0);
    expect(saver.status).toBe('error');
    expect(saver.dirty).toBe(true);
    // The backoff, not the debounce of the change made meanwhile, decides the retry.
    await vi.advanceTimersByTimeAsync(1999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
    expect(saver.status).toBe('saved');
  });

  it('opening another entry forgets the failure count', async () => {
    const { save } = flakySave();
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(saver.failures).toBe(1);
    saver.reset();
    expect(saver.snapshot()).toEqual({ status: 'idle', error: null, dirty: false, failures: 0, retryAt: null });
  });
});
