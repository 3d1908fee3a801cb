// The outbox wiring: each loop report reaches the session whole (with its conflict count), `online` asks the
// core to retry at once, and stopping removes both.
import { describe, expect, it, vi } from 'vitest';
import type { OutboxStatus } from './bindings';
import { watchOutbox } from './outboxWatch';

function fakes() {
  let handler: ((s: OutboxStatus) => void) | null = null;
  const unlisten = vi.fn();
  const deps = {
    onOutbox: vi.fn(async (h: (s: OutboxStatus) => void) => {
      handler = h;
      return unlisten;
    }),
    networkBack: vi.fn(async () => undefined),
    target: new EventTarget(),
  };
  return { deps, unlisten, report: (s: OutboxStatus) => handler?.(s) };
}

describe('watchOutbox', () => {
  it('shows every report of the loop and asks for a retry when the network is back', async () => {
    const { deps, unlisten, report } = fakes();
    const seen: OutboxStatus[] = [];
    const stop = watchOutbox({ applyOutbox: (s) => void seen.push(s) }, deps);
    await Promise.resolve();

    report({ waiting: 1, failures: 2, nextAttempt: 99, lastError: 'Could not reach', conflicts: 0 });
    report({ waiting: 0, failures: 0, nextAttempt: 0, lastError: null, conflicts: 1 });
    expect(seen).toEqual([
      { waiting: 1, failures: 2, nextAttempt: 99, lastError: 'Could not reach', conflicts: 0 },
      { waiting: 0, failures: 0, nextAttempt: 0, lastError: null, conflicts: 1 },
    ]);

    deps.target.dispatchEvent(new Event('online'));
    expect(deps.networkBack).toHaveBeenCalledTimes(1);

    stop();
    await Promise.resolve();
    expect(unlisten).toHaveBeenCalledTimes(1);
    deps.target.dispatchEvent(new Event('online'));
    expect(deps.networkBack).toHaveBeenCalledTimes(1);
  });

  it('keeps going when the core cannot be told the network is back', async () => {
    const { deps } = fakes();
    deps.networkBack.mockRejectedValueOnce(new Error('no site'));
    const stop = watchOutbox({ applyOutbox: () => undefined }, deps);
    deps.target.dispatchEvent(new Event('online'));
    await Promise.resolve();
    expect(deps.networkBack).toHaveBeenCalledTimes(1);
    stop();
  });
});
