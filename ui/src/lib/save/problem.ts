// Words for a failed autosave: a headline that names the cause (full disk, read-only folder,
// draft in the trash, the store failing) and what to do, from the core's ErrorReport code.
// The core's own sentence (which names the folder) is shown under it. Pure, unit-tested.
import type { ErrorReport } from '../bindings';

export interface SaveProblem {
  code: string;
  /** The core's sentence: what happened, to which file, what to do. */
  message: string;
  /** Failed saves in a row. */
  failures: number;
  /** When the next automatic try starts (ms since the epoch), or null. */
  retryAt: number | null;
}

export interface SaveProblemText {
  headline: string;
  /** What to do, in one sentence, for causes the user can fix. */
  advice: string;
}

export function describeSaveProblem(report: Pick<ErrorReport, 'code'>): SaveProblemText {
  switch (report.code) {
    case 'disk_full':
      return {
        headline: 'Your latest changes are not saved: the disk is full.',
        advice: 'Free some space on this computer (empty the bin, delete large files); saving resumes by itself.',
      };
    case 'read_only':
      return {
        headline: 'Your latest changes are not saved: Barents Desk may not write to its data folder.',
        advice: 'Make the folder writable again (or reconnect the drive it is on); saving resumes by itself.',
      };
    case 'draft_gone':
      return {
        headline: 'Your latest changes are not saved: this draft was moved to the trash.',
        advice: 'Restore it from the Trash, or copy your text into a new entry.',
      };
    default:
      return {
        headline: 'Your latest changes are not saved.',
        advice: 'Barents Desk keeps trying. If this goes on, copy your text somewhere safe and restart the app.',
      };
  }
}

/** "Trying again now…", "Next try in 8 s", or '' when no automatic try is planned. */
export function retryLine(retryAt: number | null, now: number, saving: boolean): string {
  if (saving) return 'Trying again now…';
  if (retryAt === null) return '';
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  return seconds === 0 ? 'Trying again now…' : `Next try in ${seconds} s.`;
}
