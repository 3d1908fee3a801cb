// wt-states: the publish bar's progress while a sync moves data (issue 7: "progress bars for
// long work"). The core reports each fetch and push (`desk://sync-progress`: objects, total,
// bytes, then `done`); these pure functions say it in words, and `SyncTransfer` keeps the
// transfer to show (none before the total is known and after `done`).
import type { SyncProgress } from '../bindings';

/** "12 KB", "1.4 MB": bytes as a person reads them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Sending changes: 3 of 5 objects, 12 KB", "Receiving changes: 40 of 200 objects, 1.4 MB". */
export function transferText(p: SyncProgress): string {
  const verb = p.direction === 'sending' ? 'Sending changes' : 'Receiving changes';
  const size = p.bytes > 0 ? `, ${formatBytes(p.bytes)}` : '';
  return `${verb}: ${p.objects} of ${p.total} objects${size}`;
}

/** The report to show after `next` arrives: null once done, or while nothing is counted yet. */
export function nextTransfer(next: SyncProgress): SyncProgress | null {
  if (next.done || next.total <= 0) return null;
  return next;
}
