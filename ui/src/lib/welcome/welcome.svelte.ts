// The Welcome screen's state and flows (wt-welcome): the recent sites, opening a folder or the
// demo, and cloning a site by its address with progress, cancel, a login when the server asks
// for one and a new SSH server's key to trust. Switching the window to the new site is the
// session's (`WelcomeHost`); this module never touches the open entry.
import type { CloneProgress, ErrorReport, HostKeyInfo, RecentSite, Startup } from '../bindings';
import { isErrorReport, openSite, toErrorReport } from '../ipc';
import { cancelClone, cloneSite, setLogin, trustHost } from '../syncIpc';
import { forgetRecentSite, onCloneProgress, openDemo, recentSites, suggestCloneFolder } from './welcomeIpc';

/** What the window does around a switch of site. */
export interface WelcomeHost {
  /** Saves the open entry before the core switches site; a message when it could not. */
  prepare(): Promise<string | null>;
  /** Shows the site the core has just opened. */
  adopt(startup: Startup): Promise<void>;
}

export type ClonePhase = 'idle' | 'cloning' | 'cancelling' | 'done' | 'failed' | 'cancelled';

/** How far a clone is, 0…1: receiving is the first half, indexing the second. */
export function cloneFraction(p: CloneProgress | null): number {
  if (!p || p.totalObjects === 0) return 0;
  return Math.min(1, (p.receivedObjects + p.indexedObjects) / (2 * p.totalObjects));
}

/** `1.2 MB` */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} kB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MB`;
}

/** The progress in words. */
export function cloneProgressText(phase: ClonePhase, p: CloneProgress | null): string {
  if (phase === 'cancelling') return 'Cancelling…';
  if (!p || p.totalObjects === 0) return phase === 'done' ? 'Cloned.' : 'Connecting…';
  const size = formatBytes(p.receivedBytes);
  if (phase === 'done') return `Cloned: ${p.totalObjects} objects (${size}).`;
  if (p.receivedObjects < p.totalObjects) return `Receiving objects: ${p.receivedObjects} of ${p.totalObjects} (${size})`;
  return `Unpacking: ${p.indexedObjects} of ${p.totalObjects} objects (${size})`;
}

export class WelcomeFlow {
  recent = $state.raw<RecentSite[]>([]);
  recentError = $state<string | null>(null);

  path = $state('');
  openError = $state<string | null>(null);
  /** 'folder', 'demo' or a recent site's path while it opens. */
  opening = $state<string | null>(null);

  url = $state('');
  dest = $state('');
  /** The destination was typed by the person: suggestions stop replacing it. */
  destEdited = $state(false);
  phase = $state<ClonePhase>('idle');
  progress = $state.raw<CloneProgress | null>(null);
  /** Progress events heard for the running clone (the end-to-end test reads it). */
  progressEvents = $state(0);
  cloneError = $state.raw<ErrorReport | null>(null);
  /** The server asked for a login (`auth_required`, `auth_failed`). */
  loginNeeded = $state(false);
  /** A new SSH server's key, to show and trust (`unknown_host`). */
  hostKey = $state.raw<HostKeyInfo | null>(null);

  readonly #host: WelcomeHost;
  readonly #suggestDelay: number;
  #suggestTimer: ReturnType<typeof setTimeout> | null = null;
  #suggestRequest = 0;

  constructor(host: WelcomeHost, options: { suggestDelayMs?: number } = {}) {
    this.#host = host;
    this.#suggestDelay = options.suggestDelayMs ?? 250;
  }

  get busy(): boolean {
    return this.opening !== null || this.phase === 'cloning' || this.phase === 'cancelling';
  }

  /** The screen is shown again: a finished clone and old errors are not news any more. */
  shown(): void {
    this.openError = null;
    if (this.phase === 'done') {
      this.url = '';
      this.dest = '';
      this.destEdited = false;
      this.#resetClone();
    }
  }

  async loadRecent(): Promise<void> {
    try {
      this.recent = await recentSites();
      this.recentError = null;
    } catch (e) {
      this.recentError = `The recent sites could not be listed: ${toErrorReport(e).message}`;
    }
  }

  async removeRecent(path: string): Promise<void> {
    try {
      this.recent = await forgetRecentSite(path);
      this.recentError = null;
    } catch (e) {
      this.recentError = toErrorReport(e).message;
    }
  }

  /** Opens the folder typed in the path field. */
  async openFolder(): Promise<boolean> {
    const path = this.path.trim();
    if (path === '') {
      this.openError = 'Type the path of a site folder first (the folder of its git clone), for example /home/me/barents-site.';
      return false;
    }
    return this.#switch('folder', () => openSite(path), (m) => (this.openError = m));
  }

  async openRecent(site: RecentSite): Promise<boolean> {
    return this.#switch(site.path, () => openSite(site.path), (m) => (this.recentError = m));
  }

  async openDemo(): Promise<boolean> {
    return this.#switch('demo', () => openDemo(), (m) => (this.openError = m));
  }

  async #switch(what: string, load: () => Promise<Startup>, fail: (message: string) => void): Promise<boolean> {
    if (this.busy) return false;
    this.openError = null;
    this.recentError = null;
    this.opening = what;
    try {
      const unsaved = await this.#host.prepare();
      if (unsaved !== null) {
        fail(unsaved);
        return false;
      }
      await this.#host.adopt(await load());
      return true;
    } catch (e) {
      fail(toErrorReport(e).message);
      // A site that failed to open may be the one that moved: show it as missing now.
      void this.loadRecent();
      return false;
    } finally {
      this.opening = null;
    }
  }

  /** The address changed: suggest a folder named after it, unless one was typed. */
  urlChanged(url: string): void {
    this.url = url;
    if (this.phase === 'failed' || this.phase === 'cancelled') this.#resetClone();
    if (this.destEdited) return;
    if (this.#suggestTimer !== null) clearTimeout(this.#suggestTimer);
    const request = ++this.#suggestRequest;
    if (url.trim() === '') {
      this.dest = '';
      return;
    }
    this.#suggestTimer = setTimeout(() => {
      this.#suggestTimer = null;
      suggestCloneFolder(url.trim())
        .then((folder) => {
          if (request === this.#suggestRequest && !this.destEdited) this.dest = folder;
        })
        // No suggestion (no home folder): the person types one; the clone says if it is missing.
        .catch(() => undefined);
    }, this.#suggestDelay);
  }

  destChanged(dest: string): void {
    this.dest = dest;
    this.destEdited = dest.trim() !== '';
  }

  /** Clones the address into the folder and opens it; every failure ends in words. */
  async clone(): Promise<boolean> {
    if (this.busy) return false;
    const url = this.url.trim();
    const dest = this.dest.trim();
    this.#resetClone();
    if (url === '') {
      this.#fail({ code: 'bad_url', message: "Paste the address of the site's repository first, like https://github.com/organisation/site.git." });
      return false;
    }
    if (dest === '') {
      this.#fail({ code: 'validation', message: 'Type the folder to clone into (a full path).' });
      return false;
    }
    const unsaved = await this.#host.prepare();
    if (unsaved !== null) {
      this.#fail({ code: 'unsaved', message: unsaved });
      return false;
    }
    this.phase = 'cloning';
    const stop = await onCloneProgress((p) => {
      if (this.phase === 'cloning' || this.phase === 'cancelling') {
        this.progress = p;
        this.progressEvents += 1;
      }
    });
    let startup: Startup;
    try {
      startup = await cloneSite(url, dest);
    } catch (e) {
      const report = isErrorReport(e) ? e : toErrorReport(e);
      if (report.code === 'cancelled') {
        this.phase = 'cancelled';
        this.progress = null;
      } else {
        this.#fail(report);
      }
      return false;
    } finally {
      stop();
    }
    this.phase = 'done';
    if (this.progress) {
      const p = this.progress;
      this.progress = { ...p, receivedObjects: p.totalObjects, indexedObjects: p.totalObjects };
    }
    await this.#host.adopt(startup);
    void this.loadRecent();
    return true;
  }

  async cancel(): Promise<void> {
    if (this.phase !== 'cloning') return;
    this.phase = 'cancelling';
    try {
      await cancelClone();
    } catch (e) {
      this.phase = 'cloning';
      this.cloneError = toErrorReport(e);
    }
  }

  /** Keeps the login in the system's keychain (the core's), then clones again. */
  async signInAndClone(username: string, password: string): Promise<boolean> {
    if (username.trim() === '' || password === '') {
      this.cloneError = { code: 'validation', message: 'Enter your user name and your password or access token.' };
      return false;
    }
    try {
      await setLogin({ url: this.url.trim(), username: username.trim(), password });
    } catch (e) {
      this.cloneError = toErrorReport(e);
      return false;
    }
    return this.clone();
  }

  async trustAndClone(): Promise<boolean> {
    const key = this.hostKey;
    if (!key) return false;
    try {
      await trustHost(key);
    } catch (e) {
      this.cloneError = toErrorReport(e);
      return false;
    }
    return this.clone();
  }

  #fail(report: ErrorReport): void {
    this.phase = 'failed';
    this.cloneError = report;
    this.loginNeeded = report.code === 'auth_required' || report.code === 'auth_failed';
    this.hostKey = report.code === 'unknown_host' ? (report.hostKey ?? null) : null;
  }

  #resetClone(): void {
    this.phase = 'idle';
    this.progress = null;
    this.progressEvents = 0;
    this.cloneError = null;
    this.loginNeeded = false;
    this.hostKey = null;
  }

  dispose(): void {
    if (this.#suggestTimer !== null) clearTimeout(this.#suggestTimer);
  }
}
