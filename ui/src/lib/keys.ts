// Entry identity on the UI side. A key gains a draft id on the first save of a published entry
// and a path on the first publish of a new one, so "same entry" means either part matches.
import type { EntryKey } from './bindings';

export function sameEntry(a: EntryKey | null | undefined, b: EntryKey | null | undefined): boolean {
  if (!a || !b) return false;
  if (a.draftId !== null && a.draftId === b.draftId) return true;
  return a.path !== null && a.path === b.path;
}

export function keysEqual(a: EntryKey, b: EntryKey): boolean {
  return a.draftId === b.draftId && a.path === b.path;
}
