// Sync conflicts in words (issue 7): what the publish bar says when a sync met someone else's
// change to an entry this computer changed too, what a resolution did, and which entries of the
// list are held back. Pure functions, unit-tested without a DOM; the state that holds the open
// conflicts is conflicts.svelte.ts.
import type { ConflictResolution, EntryConflict, PublishOutcome } from '../bindings';

/** "Conflict: 1 entry needs your choice", "Conflict: 3 entries need your choice". */
export function conflictText(count: number): string {
  return count === 1 ? 'Conflict: 1 entry needs your choice' : `Conflict: ${count} entries need your choice`;
}

/** The publish bar's tooltip for the conflict state: what happened, what is safe, what to do. */
export function conflictHint(count: number): string {
  const which = count === 1 ? 'An entry you published was' : `${count} entries you published were`;
  return (
    `${which} also changed on the site by someone else. Both versions are kept and nothing was ` +
    'overwritten; the site shows the other version until you choose. Press Review to compare ' +
    'them side by side and publish one, or a combination.'
  );
}

/** The review button's label for screen readers. */
export function reviewLabel(count: number): string {
  return count === 1 ? 'Review the conflict' : `Review the ${count} conflicts`;
}

/** No open conflicts (the default of the entry list's `conflicted`). */
export const NO_CONFLICTS: ReadonlySet<string> = new Set();

/** The entry list's tooltip on a "Conflict" badge. */
export const CONFLICT_DESCRIPTION =
  'Held back: you and someone else changed this entry at the same time. Open it to choose a version.';

/** The files held back by the open conflicts (entry rows match them by `key.path`). */
export function conflictPaths(conflicts: readonly EntryConflict[]): ReadonlySet<string> {
  return new Set(conflicts.map((c) => c.summary.path));
}

/** The open conflict of an entry file, if any. */
export function conflictOf(conflicts: readonly EntryConflict[], path: string | null | undefined): EntryConflict | null {
  if (!path) return null;
  return conflicts.find((c) => c.summary.path === path) ?? null;
}

/**
 * The conflict "Review" should show next: the one after the open entry's in the list, so
 * pressing it again walks through all of them; the first when none of them is open.
 */
export function nextConflict(conflicts: readonly EntryConflict[], openPath: string | null | undefined): EntryConflict | null {
  if (conflicts.length === 0) return null;
  const i = conflicts.findIndex((c) => c.summary.path === openPath);
  return conflicts[(i + 1) % conflicts.length] ?? null;
}

/** The publish bar's words for the open entry while its conflict waits. */
export const HELD_BACK = 'Held back: someone else changed this entry too. Choose a version above.';

/** The publish bar's words after a resolution. */
export function resolvedMessage(resolution: ConflictResolution, outcome: PublishOutcome): string {
  if (resolution.kind === 'keepTheirs') {
    return 'Conflict resolved: the version on the site stays. Yours is kept in the conflict record and the history.';
  }
  const what = resolution.kind === 'keepMine' ? 'Your version' : 'The combined version';
  if (outcome.pushed) return `Conflict resolved: ${what.toLowerCase()} is published.`;
  return `Conflict resolved: ${what.toLowerCase()} is committed on this computer and will be sent at the next sync.`;
}

/**
 * True when the server refused a push because it has changes this computer does not (the
 * core's `PushRejected`): a sync brings them in, and shows any conflict at once.
 */
export function refusedForNews(pushError: string | null | undefined): boolean {
  return /^The site's server refused the change/.test(pushError?.trim() ?? '');
}
