// The publish bar's sync line (issue 7): how many published changes wait to be sent, and why
// the last attempt failed — the server could not be reached (offline) or it answered but did
// not take them (not sent: a login, a refusal) — in words, with what to do in the tooltip.
import type { OutboxStatus, SyncStatus } from './bindings';
import { syncLabel } from './format';

export type SyncKind = 'synced' | 'waiting' | 'offline' | 'not-sent';

/**
 * The first words of the core's messages for a server that could not be reached
 * (`PublishError::Network` and `PushFailed` in src/publish/mod.rs).
 */
const UNREACHABLE = [/^Could not reach the site's server/, /^Could not send the change to the site's server/];

export function syncKind(status: SyncStatus): SyncKind {
  if (status.waiting <= 0) return 'synced';
  const error = status.lastError?.trim();
  if (!error) return 'waiting';
  return UNREACHABLE.some((re) => re.test(error)) ? 'offline' : 'not-sent';
}

/** "All published", "2 changes waiting to sync", "Offline · 1 change waiting to sync", … */
export function syncText(status: SyncStatus): string {
  const count = syncLabel(status.waiting);
  switch (syncKind(status)) {
    case 'offline':
      return `Offline · ${count}`;
    case 'not-sent':
      return `Not sent · ${count}`;
    default:
      return count;
  }
}

/** The tooltip: the last error in full and what to do about it. */
export function syncHint(status: SyncStatus): string {
  switch (syncKind(status)) {
    case 'synced':
      return 'Everything published is on the site’s server. Sync now also brings in others’ changes.';
    case 'waiting':
      return 'Published on this computer; sent to the site’s server at the next sync (automatic, or press Sync now).';
    default:
      return `${status.lastError ?? ''} Barents Desk tries again by itself; press Sync now to try at once.`.trim();
  }
}

/**
 * The publish bar's words for a publish that was committed here but not sent. Offline, a short
 * sentence (the server's reason is in the sync line's tooltip, and the bar stays one line high);
 * any other failure (a login, a refusal) keeps the core's full message: it says what to do.
 */
export function queuedMessage(pushError: string | null): string {
  if (pushError === null || pushError.trim() === '') {
    return 'Committed on this computer; it will be sent at the next sync.';
  }
  return syncKind({ waiting: 1, lastError: pushError }) === 'offline'
    ? 'Queued: it will be sent at the next sync.'
    : pushError;
}

/** What the outbox loop reports, as the status the window shows. */
export function fromOutbox(status: OutboxStatus): SyncStatus {
  return { waiting: status.waiting, lastError: status.lastError };
}
