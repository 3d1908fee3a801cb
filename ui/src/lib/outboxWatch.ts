// The window's side of the outbox (issue 7): the shell's loop retries what waits every few
// seconds and reports it (`desk://outbox`); the window shows each report, and when the system
// says the network is back (the `online` event) it asks the core to try at the next tick rather
// than at the end of its backoff (up to 10 minutes after long offline spells). Each report goes
// to the session whole: its conflict count tells the window when a retry met a conflict.
import type { OutboxStatus } from './bindings';
import { networkBack, onOutbox } from './syncIpc';

export interface OutboxDeps {
  onOutbox: (handler: (status: OutboxStatus) => void) => Promise<() => void>;
  networkBack: () => Promise<void>;
  /** Where `online` is heard (the window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
}

/** Starts listening; returns the function that stops it. */
export function watchOutbox(
  sink: { applyOutbox: (status: OutboxStatus) => void | Promise<void> },
  deps: OutboxDeps = { onOutbox, networkBack, target: window },
): () => void {
  const unlisten = deps.onOutbox((status) => void sink.applyOutbox(status));
  const online = () => {
    // Nothing to tell anyone if it fails: the loop's backoff still runs.
    deps.networkBack().catch(() => undefined);
  };
  deps.target.addEventListener('online', online);
  return () => {
    deps.target.removeEventListener('online', online);
    void unlisten.then((stop) => stop());
  };
}
