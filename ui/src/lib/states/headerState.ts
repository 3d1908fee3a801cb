// What the open entry's header says about where it stands, when that is not the editorial
// control's "Published" (wt-states): a conflict waiting for the editor's choice wins over any
// other state, then "Waiting to sync" for a publish committed here and not yet on the server.
// Pure, unit-tested without a DOM; EntryStateChip.svelte shows it.
import type { EntryState } from '../bindings';
import { CONFLICT_DESCRIPTION } from '../conflicts/conflictState';
import { stateDescription, stateLabel } from '../format';

export interface HeaderState {
  kind: 'conflict' | 'queued';
  label: string;
  description: string;
}

/** The chip to show in place of the editorial control, or null when that control is right. */
export function headerState(state: EntryState, conflict: boolean): HeaderState | null {
  if (conflict) return { kind: 'conflict', label: 'Conflict', description: CONFLICT_DESCRIPTION };
  if (state === 'queued') return { kind: 'queued', label: stateLabel(state), description: stateDescription(state) };
  return null;
}
