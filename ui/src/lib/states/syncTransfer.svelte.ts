// wt-states: the transfer the publish bar shows, kept from the core's `desk://sync-progress`
// reports (see syncProgress.ts for the words). One per window.
import type { SyncProgress } from '../bindings';
import { onSyncProgress } from '../syncIpc';
import { nextTransfer } from './syncProgress';

export class SyncTransfer {
  /** The transfer in progress, or null when no sync moves data. */
  current = $state.raw<SyncProgress | null>(null);

  apply(report: SyncProgress): void {
    this.current = nextTransfer(report);
  }

  /** Starts listening; returns the function that stops it. */
  watch(listen: typeof onSyncProgress = onSyncProgress): () => void {
    const stop = listen((p) => this.apply(p));
    return () => void stop.then((s) => s());
  }
}
