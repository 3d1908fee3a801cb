// How far indexing has come (wt-start): the core's `desk://index-progress` events while a site
// is indexed — its first opening (before the list can show) and the index update after start.
// The window shows it only while such work runs (`IndexProgressBar`'s `active`), so a run that
// failed midway never leaves a bar standing.
import type { IndexProgress } from '../bindings';
import { onIndexProgress } from '../ipc';

export class IndexProgressState {
  /** The last report, or null when none is running or it reached its total. */
  progress = $state.raw<IndexProgress | null>(null);

  update(p: IndexProgress): void {
    this.progress = p.total > 0 && p.done < p.total ? p : null;
  }

  /** Listens to the core's reports; resolves to the function that stops listening. */
  watch(): Promise<() => void> {
    return onIndexProgress((p) => this.update(p));
  }
}

const COUNT = new Intl.NumberFormat('en-US');

/** "Indexing 3,200 of 10,000 entries". */
export function progressText(p: IndexProgress): string {
  return `Indexing ${COUNT.format(p.done)} of ${COUNT.format(p.total)} entries`;
}
