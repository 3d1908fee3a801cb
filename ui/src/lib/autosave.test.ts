// The autosave scheduler's promises: a change is stored within a second, saves never overlap,
// a failed save keeps the change pending and retries, and flush() stores everything now.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Autosaver, type AutosaveSnapshot } from './autosave';

/** A save function whose calls stay pending until the test resolves or rejects them. */
function controlledSave() {
  const calls: { resolve: () => void; reject: (e: unknown) => void; startedAt: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const save = vi.fn(
    () =>
      new Promise<void>((resolve, reject) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        const done = () => (inFlight -= 1);
        calls.push({
          resolve: () => {
            done();
            resolve();
          },
          reject: (e) => {
            done();
            reject(e);
          },
          startedAt: Date.now(),
        });
      }),
  );
  return { save, calls, maxInFlight: () => maxInFlight };
}

/** Lets promise callbacks run without advancing the fake clock. */
const settle = () => vi.advanceTimersByTimeAsync(0);

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date('2025-03-03T10:00:00Z'));
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Autosaver', () => {
  it('saves 600 ms after the last change', async () => {
    const { save } = controlledSave();
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(599);
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('restarts the quiet period on each change, but never waits more than 1 s', async () => {
    const { save, calls } = controlledSave();
    const saver = new Autosaver({ save });
    const start = Date.now();
    // A keystroke every 200 ms: the debounce alone would never fire.
    for (let i = 0; i < 10; i++) {
      saver.touch();
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(save).toHaveBeenCalled();
    expect(calls[0]!.startedAt - start).toBeLessThanOrEqual(1000);
  });

  it('stores every change within 1 s while typing continuously', async () => {
    const { save, calls } = controlledSave();
    const saver = new Autosaver({ save });
    let lastUnsaved: number | null = null;
    let worst = 0;
    for (let t = 0; t < 5000; t += 100) {
      saver.touch();
      lastUnsaved ??= Date.now();
      const before = calls.length;
      await vi.advanceTimersByTimeAsync(100);
      if (calls.length > before) {
        worst = Math.max(worst, calls.at(-1)!.startedAt - lastUnsaved);
        lastUnsaved = null;
        calls.at(-1)!.resolve();
        await settle();
      }
    }
    expect(calls.length).toBeGreaterThanOrEqual(4);
    expect(worst).toBeLessThanOrEqual(1000);
  });

  it('never runs two saves at once, and saves again after changes made during a save', async () => {
    const { save, calls, maxInFlight } = controlledSave();
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(1);

    // The user keeps typing while the first save is slow.
    saver.touch();
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(1);
    expect(saver.status).toBe('saving');

    calls[0]!.resolve();
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve();
    await settle();
    expect(maxInFlight()).toBe(1);
    expect(saver.status).toBe('saved');
    expect(saver.dirty).toBe(false);
  });

  it('keeps a change made during a save on its own timer when its deadline has not passed', async () => {
    const { save, calls } = controlledSave();
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    saver.touch();
    await vi.advanceTimersByTimeAsync(100);
    calls[0]!.resolve();
    await settle();
    expect(calls).toHaveLength(1);
    expect(saver.status).toBe('saving');
    await vi.advanceTimersByTimeAsync(500);
    expect(calls).toHaveLength(2);
  });

  it('reports a failure, keeps the change unsaved and retries on the next change', async () => {
    const { save, calls } = controlledSave();
    const snapshots: AutosaveSnapshot[] = [];
    const saver = new Autosaver({ save, retryMs: null, onChange: (s) => snapshots.push(s) });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    calls[0]!.reject({ code: 'io', message: 'disk full' });
    await settle();
    expect(saver.status).toBe('error');
    expect(saver.error).toEqual({ code: 'io', message: 'disk full' });
    expect(saver.dirty).toBe(true);
    expect(snapshots.at(-1)).toEqual({
      status: 'error',
      error: { code: 'io', message: 'disk full' },
      dirty: true,
      failures: 1,
      retryAt: null,
    });

    // No automatic retry when retryMs is null...
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toHaveLength(1);

    // ...but the next change retries.
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    expect(calls).toHaveLength(2);
    calls[1]!.resolve();
    await settle();
    expect(saver.status).toBe('saved');
    expect(saver.error).toBeNull();
  });

  it('retries a failed save by itself after retryMs', async () => {
    const { save, calls } = controlledSave();
    const saver = new Autosaver({ save, retryMs: 5000 });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    calls[0]!.reject(new Error('busy'));
    await settle();
    await vi.advanceTimersByTimeAsync(4999);
    expect(calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toHaveLength(2);
  });

  it('flush() saves at once and resolves when stored', async () => {
    const { save, calls } = controlledSave();
    const saver = new Autosaver({ save });
    saver.touch();
    const flushed = saver.flush();
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve();
    await expect(flushed).resolves.toBe(true);
    // The debounce timer was cancelled: no second save.
    await vi.advanceTimersByTimeAsync(2000);
    expect(calls).toHaveLength(1);
  });

  it('flush() waits for the save in flight, then saves what changed meanwhile', async () => {
    const { save, calls, maxInFlight } = controlledSave();
    const saver = new Autosaver({ save });
    saver.touch();
    await vi.advanceTimersByTimeAsync(600);
    saver.touch();
    let done = false;
    const flushed = saver.flush().then((ok) => {
      done = true;
      return ok;
    });
    await settle();
    expect(calls).toHaveLength(1);
    calls[0]!.resolve();
    await settle();
    expect(calls).toHaveLength(2);
    expect(done).toBe(false);
    calls[1]!.resolve();
    await expect(flushed).resolves.toBe(true);
    expect(maxInFlight()).toBe(1);
  });

  it('flush() with nothing pending resolves at once without saving', async () => {
    const { save } = controlledSave();
    const saver = new Autosaver({ save });
    await expect(saver.flush()).resolves.toBe(true);
    expect(save).not.toHaveBeenCalled();
  });

  it('flush() resolves false when the save fails, and a later flush retries', async () => {
    const { save, calls } = controlledSave();
    const saver = new Autosaver({ save, retryMs: null });
    saver.touch();
    const first = saver.flush();
    await settle();
    calls[0]!.reject(new Error('no space'));
    await expect(first).resolves.toBe(false);
    const second = saver.flush();
    await settle();
    expect(calls).toHaveLength(2);
    calls[1]!.resolve();
    await expect(second).resolves.toBe(true);
  });

  it('reset() forgets pending changes and status', async () => {
    const { save } = controlledSave();
    const saver = new Autosaver({ save });
    saver.touch();
    saver.reset();
    await vi.advanceTimersByTimeAsync(2000);
    expect(save).not.toHaveBeenCalled();
    expect(saver.status).toBe('idle');
  });
});
