// The app's state and the flows between IPC calls: open site/entry, autosave, publish, sync,
// identity, close. Components read these runes and call these methods; only ipc.ts talks to Rust.
// Never hold the editor document in deep reactive state: it is large and only the editor owns it.
import { Autosaver, type SaveStatus } from './autosave';
import type {
  DocNode,
  DraftInput,
  FieldValue,
  EntryKey,
  EntryState,
  EntrySummary,
  Identity,
  Problem,
  SiteInfo,
  Startup,
  SyncStatus,
} from './bindings';
import * as ipc from './ipc';
import { toErrorReport } from './ipc';
import { keysEqual, sameEntry } from './keys';
import { firstBlocking } from './events/quickEntry';
import { publishSet } from './syncIpc';
import { queuedMessage } from './syncState';
// wt-ui (issue 4): revisions, trash, editorial states, save failures
import type { SaveProblem } from './save/problem';
import type { EditorialState, EntryDoc, TrashItem } from './bindings';
// wt-conflicts (issue 7): sync conflicts shown and resolved in the window
import type { ConflictResolution, OutboxStatus } from './bindings';
import { Conflicts } from './conflicts/conflicts.svelte';
import { HELD_BACK, refusedForNews, resolvedMessage } from './conflicts/conflictState';
import { fromOutbox } from './syncState';
// wt-states: "waiting to sync" is a state of its own
import { isPublishedState } from './format';

export type PublishStatus = '' | 'publishing' | 'published' | 'queued' | 'error' | 'conflict';
export type SaveAndNext = { kind: 'next' } | { kind: 'refused'; field: string } | { kind: 'failed' };

export interface OpenEntry {
  /** Changes on every open, never on a save: the editor is rebuilt only when this changes. */
  serial: number;
  key: EntryKey;
  collection: string;
  state: EntryState;
  /** The body as loaded; the live body is only read from the editor when saving. */
  initialBody: DocNode;
  savedAt: number | null;
}

/** Typing pause after which a save's new saved time reaches the entry list. */
const ROW_UPDATE_IDLE_MS = 1500;

export class Session {
  loading = $state(true);
  site = $state.raw<SiteInfo | null>(null);
  identity = $state.raw<Identity | null>(null);
  sync = $state.raw<SyncStatus>({ waiting: 0, lastError: null });
  entries = $state.raw<EntrySummary[]>([]);
  current = $state.raw<OpenEntry | null>(null);
  title = $state('');
  /** The entry's front matter fields as the form holds them (`null` removes a key). */
  fields = $state<Record<string, FieldValue | null>>({});
  /** Set when the editor could not show the stored body: then nothing is ever saved over it. */
  readOnlyReason = $state<string | null>(null);

  saveStatus = $state<SaveStatus>('idle');
  saveError = $state<string | null>(null);
  savedAt = $state<number | null>(null);
  /** Set from a failed save until a save succeeds (wt-ui: the window's save-failure message). */
  saveProblem = $state.raw<SaveProblem | null>(null);

  publishStatus = $state<PublishStatus>('');
  publishMessage = $state('');
  syncing = $state(false);
  openingSite = $state(false);

  error = $state<string | null>(null);
  identityDialogOpen = $state(false);

  readonly autosaver: Autosaver;

  /**
   * The open entry's body as the editor last reported it: read when a save or a check needs it,
   * not on every keystroke (the editor hands over its immutable document, converted on demand).
   */
  #body: (() => DocNode) | null = null;
  #serial = 0;
  #publishing: Promise<unknown> | null = null;
  #publishAfterIdentity = false;
  #listRequest = 0;
  #closeRefused = false;

  constructor(options: { debounceMs?: number; maxWaitMs?: number; retryMs?: number | null } = {}) {
    this.autosaver = new Autosaver({
      ...options,
      save: () => this.#store(),
      onChange: (s) => {
        this.saveStatus = s.status;
        this.saveError = s.error === null ? null : toErrorReport(s.error).message;
        this.saveProblem = s.error === null ? null : { ...toErrorReport(s.error), failures: s.failures, retryAt: s.retryAt };
      },
    });
  }

  get canPublish(): boolean {
    const cur = this.current;
    if (!cur || this.publishStatus === 'publishing') return false;
    // wt-conflicts: an entry held back by a conflict is published by resolving it.
    if (this.conflicts.of(cur.key.path)) return false;
    // An untouched published entry has nothing to commit.
    return !isPublishedState(cur.state) || this.saveStatus === 'saving' || this.saveStatus === 'error';
  }

  async init(): Promise<void> {
    this.loading = true;
    const request = ++this.#siteRequest;
    try {
      // wt-welcome: no last site (or it is gone): the Welcome screen asks which site.
      const opening = await ipc.startup();
      this.#noteStore(opening.storeNotice);
      // wt-start: another site was chosen while the start was on its way; that one stays.
      if (request !== this.#siteRequest) return;
      if (opening.startup) {
        this.#applyStartup(opening.startup);
        await this.refreshEntries();
        this.#listed(request);
      } else {
        this.welcomeNotice = opening.notice;
        this.welcomeOpen = true;
      }
    } catch (e) {
      this.showError(toErrorReport(e).message);
    } finally {
      this.loading = false;
    }
  }

  async refreshEntries(): Promise<void> {
    const request = ++this.#listRequest;
    this.listing = true;
    try {
      const entries = await ipc.listEntries();
      // A slower, older answer must not overwrite a newer one.
      if (request === this.#listRequest) {
        this.entries = entries;
        this.#followRowState(entries);
      }
    } catch (e) {
      this.showError(toErrorReport(e).message);
    } finally {
      if (request === this.#listRequest) this.listing = false;
    }
  }

  async openSite(path: string): Promise<boolean> {
    const trimmed = path.trim();
    if (trimmed === '') {
      this.showError('Type the path of a site folder first, for example /home/me/barents-site.');
      return false;
    }
    if (!(await this.#leaveCurrent())) return false;
    this.openingSite = true;
    const request = ++this.#siteRequest;
    try {
      const startup = await ipc.openSite(trimmed);
      this.#close();
      this.#applyStartup(startup);
      this.entries = [];
      this.error = null;
      await this.refreshEntries();
      this.#listed(request);
      return true;
    } catch (e) {
      this.showError(toErrorReport(e).message);
      return false;
    } finally {
      this.openingSite = false;
    }
  }

  async openEntry(key: EntryKey): Promise<void> {
    if (this.current && sameEntry(this.current.key, key)) return;
    if (!(await this.#leaveCurrent())) return;
    try {
      const doc = await ipc.openEntry(key);
      this.#show(doc.key, doc.collection, doc.title, doc.body, doc.state, doc.savedAt);
      this.fields = { ...doc.fields };
      this.#afterOpen();
    } catch (e) {
      this.showError(toErrorReport(e).message);
    }
  }

  async newEntry(collection: string): Promise<boolean> {
    if (!(await this.#leaveCurrent())) return false;
    try {
      const doc = await ipc.newEntry(collection, '');
      this.#show(doc.key, doc.collection, doc.title, doc.body, doc.state, doc.savedAt);
      this.fields = { ...doc.fields };
      this.#afterOpen();
      await this.refreshEntries();
      return true;
    } catch (e) {
      this.showError(toErrorReport(e).message);
      return false;
    }
  }

  titleChanged(): void {
    this.#edited();
  }

  bodyChanged(body: DocNode | (() => DocNode)): void {
    this.#body = typeof body === 'function' ? body : () => body;
    this.#edited();
  }

  /** The editor could not load the stored body; keep the stored text untouched. */
  contentUnreadable(detail: string): void {
    this.readOnlyReason = detail;
    this.autosaver.reset();
    this.showError(
      'This entry contains something the editor cannot show yet, so it is open read-only and ' +
        `nothing in it will be changed. Details: ${detail}`,
    );
  }

  /** Mod+S: store now. */
  async saveNow(): Promise<boolean> {
    if (!this.current) return true;
    return this.autosaver.flush();
  }

  async publish(): Promise<void> {
    const cur = this.current;
    if (!cur || !this.canPublish) return;
    if (!this.identity) {
      this.#publishAfterIdentity = true;
      this.identityDialogOpen = true;
      return;
    }
    this.publishStatus = 'publishing';
    this.publishMessage = 'Publishing…';
    const serial = cur.serial;
    try {
      if (!(await this.autosaver.flush())) {
        this.publishStatus = 'error';
        this.publishMessage = 'Not published: your latest changes are not saved yet.';
        return;
      }
      const key = this.current?.key ?? cur.key;
      // Saves that start while the publish runs wait for it, then use the key it returns.
      const request = ipc.publish(key);
      this.#publishing = request;
      const out = await request;
      if (this.current && this.current.serial === serial) {
        this.current = { ...this.current, key: out.key, state: out.pushed ? 'published' : 'queued' };
      }
      this.sync = {
        waiting: out.waiting,
        lastError: out.pushed ? null : (out.pushError ?? this.sync.lastError),
      };
      if (out.pushed) {
        this.publishStatus = 'published';
        this.publishMessage = 'Published';
      } else {
        this.publishStatus = 'queued';
        // Offline: a short sentence (the reason is in the sync line); otherwise the core's, which
        // says the change is committed here and what to do.
        this.publishMessage = queuedMessage(out.pushError);
        // wt-conflicts: the server has news; sync now, so a conflict shows at once.
        if (refusedForNews(out.pushError)) void this.retrySync();
      }
      void this.refreshEntries();
    } catch (e) {
      const report = toErrorReport(e);
      if (report.code === 'identity_missing') {
        this.publishStatus = '';
        this.publishMessage = '';
        this.identity = null;
        this.#publishAfterIdentity = true;
        this.identityDialogOpen = true;
      } else {
        this.publishStatus = 'error';
        this.publishMessage = `Not published: ${report.message}`;
        if (report.problems && report.problems.length > 0) {
          // Refused for problems at the fields: they are listed in the bar, no banner needed.
          this.problems = report.problems;
        } else {
          this.showError(report.message);
        }
      }
    } finally {
      this.#publishing = null;
    }
  }

  editIdentity(): void {
    this.#publishAfterIdentity = false;
    this.identityDialogOpen = true;
  }

  /** Resolves to an error message for the dialog, or null when saved (and the dialog closed). */
  async saveIdentity(identity: Identity): Promise<string | null> {
    try {
      this.identity = await ipc.setIdentity(identity);
    } catch (e) {
      return toErrorReport(e).message;
    }
    this.identityDialogOpen = false;
    if (this.#publishAfterIdentity) {
      this.#publishAfterIdentity = false;
      void this.publish();
    }
    if (this.#batchAfterIdentity) {
      this.#batchAfterIdentity = false;
      void this.publishBatch();
    }
    return null;
  }

  cancelIdentity(): void {
    this.identityDialogOpen = false;
    this.#publishAfterIdentity = false;
    this.#batchAfterIdentity = false;
  }

  /** "Sync now": send what waits and bring in the server's changes (a failure is shown in the bar). */
  async retrySync(): Promise<void> {
    if (this.syncing) return;
    this.syncing = true;
    try {
      const status = await ipc.syncNow();
      // wt-conflicts: learn of conflicts before saying a queued publish went out.
      await this.refreshConflicts();
      this.applySync(status);
      // The server's changes may have changed entries of the list.
      void this.refreshEntries();
    } catch (e) {
      this.showError(toErrorReport(e).message);
    } finally {
      this.syncing = false;
    }
  }

  /**
   * A new sync status (from "Sync now" or the outbox loop). When nothing waits any more, a
   * publish that was queued has reached the server: the bar says so instead of "will be sent".
   */
  applySync(status: SyncStatus): void {
    // wt-states: what waits changed, so some rows go from "Waiting to sync" to "Published".
    const moved = status.waiting !== this.sync.waiting;
    this.sync = status;
    if (moved) void this.refreshEntries();
    if (status.waiting > 0) return;
    if (this.#noteHeldBack()) {
      // wt-conflicts: the open entry did not go out; the bar says why.
    } else if (this.publishStatus === 'queued') {
      this.publishStatus = 'published';
      this.publishMessage = 'Published: sent to the site’s server.';
    }
    if (this.batchStatus === 'queued') {
      this.batchStatus = 'published';
      this.batchMessage = 'Published: sent to the site’s server.';
    }
  }

  /**
   * The window wants to close: store what is pending, then let it close. If the store fails,
   * refuse once and say so; a second close request closes anyway.
   */
  async closeRequested(): Promise<void> {
    const saved = await this.autosaver.flush();
    if (!saved && !this.#closeRefused) {
      this.#closeRefused = true;
      this.showError(
        `Your latest changes could not be saved (${this.saveError ?? 'unknown error'}). ` +
          'They are still in the editor. Close the window again to quit without them.',
      );
      return;
    }
    try {
      await ipc.confirmClose();
    } catch (e) {
      this.showError(toErrorReport(e).message);
    }
  }

  showError(message: string): void {
    this.error = message;
  }

  dismissError(): void {
    this.error = null;
  }

  // ---- wt-welcome: the Welcome screen ----
  welcomeOpen = $state(false);
  /** Why the last site could not be opened again (shown on the Welcome screen). */
  welcomeNotice = $state<string | null>(null);

  showWelcome(): void {
    this.welcomeOpen = true;
  }

  /** Back to the open site; there is none on a first start, so then the screen stays. */
  closeWelcome(): boolean {
    if (!this.site) return false;
    this.welcomeOpen = false;
    this.welcomeNotice = null;
    return true;
  }

  /** Saves the open entry before the core switches site; a message when it could not. */
  async prepareSwitch(): Promise<string | null> {
    if (!this.current || (await this.autosaver.flush())) return null;
    return (
      `Your latest changes could not be saved (${this.saveError ?? 'unknown error'}). ` +
      'They are still in the editor: go back to it and try again in a moment.'
    );
  }

  /** Shows the site the core has just opened (from the Welcome screen) and closes the screen. */
  async adoptSite(startup: Startup): Promise<void> {
    const request = ++this.#siteRequest;
    this.#close();
    this.#applyStartup(startup);
    this.entries = [];
    this.error = null;
    this.welcomeOpen = false;
    this.welcomeNotice = null;
    await this.refreshEntries();
    this.#listed(request);
  }

  // ---- wt-start: the window's start ----

  /**
   * The root of the site whose entry list has been shown, set once the first list of a site
   * arrived: work that is not needed to show the list (the index update, completions) waits
   * for it, so it does not compete with the list for the core.
   */
  listedRoot = $state<string | null>(null);
  /** True while the entry list is asked for (a site never indexed is indexed first, with progress). */
  listing = $state(false);
  /** Counts site changes (start, open, Welcome screen): an answer for an older one is dropped. */
  #siteRequest = 0;
  #knownFor: string | null = null;

  #listed(request: number): void {
    if (request !== this.#siteRequest || !this.site) return;
    const site = this.site;
    this.listedRoot = site.root;
    if (this.#knownFor !== site.root) {
      this.#knownFor = site.root;
      void this.loadKnownValues(site);
    }
  }

  #applyStartup(startup: Startup): void {
    this.site = startup.site;
    this.identity = startup.identity;
    this.sync = startup.sync;
    this.#noteStore(startup.storeNotice);
  }

  async #leaveCurrent(): Promise<boolean> {
    if (!this.current) return true;
    if (await this.autosaver.flush()) return true;
    this.showError(
      `Your latest changes could not be saved (${this.saveError ?? 'unknown error'}). ` +
        'They are still in the editor; try again in a moment.',
    );
    return false;
  }

  #show(
    key: EntryKey,
    collection: string,
    title: string,
    body: DocNode,
    state: EntryState,
    savedAt: number | null,
  ): void {
    this.autosaver.reset();
    this.#body = () => body;
    this.#closeRefused = false;
    this.readOnlyReason = null;
    this.publishStatus = '';
    this.publishMessage = '';
    this.savedAt = savedAt;
    this.title = title;
    this.current = { serial: ++this.#serial, key, collection, state, initialBody: body, savedAt };
  }

  #close(): void {
    this.autosaver.reset();
    this.#body = null;
    this.current = null;
    this.title = '';
    this.fields = {};
    this.problems = [];
    this.previewHtml = '';
    this.readOnlyReason = null;
    this.publishStatus = '';
    this.publishMessage = '';
  }

  #edited(): void {
    if (!this.current || this.readOnlyReason !== null) return;
    this.#untouchedCopy = null;
    this.#closeRefused = false;
    if (this.publishStatus !== 'publishing') {
      this.publishStatus = '';
      this.publishMessage = '';
    }
    this.autosaver.touch();
    this.#scheduleChecks();
  }

  /** The autosaver's save: reads the latest title and body at the moment it runs. */
  async #store(): Promise<void> {
    if (this.#publishing) await this.#publishing.catch(() => undefined);
    const cur = this.current;
    if (!cur || this.#body === null || this.readOnlyReason !== null) return;
    const title = this.title;
    const ack = await ipc.saveDraft({
      key: cur.key,
      collection: cur.collection,
      title,
      fields: $state.snapshot(this.fields),
      body: this.#body(),
    });
    const now = this.current;
    if (!now || now.serial !== cur.serial) return;
    const state: EntryState = isPublishedState(now.state) ? 'modified' : now.state;
    this.current = { ...now, key: ack.key, state, savedAt: ack.savedAt };
    this.savedAt = ack.savedAt;

    const row = this.entries.find((e) => sameEntry(e.key, cur.key));
    const needsRefetch =
      !row || row.title !== title || row.state !== state || !keysEqual(row.key, ack.key);
    if (row && needsRefetch) this.#updateRow(row.key, { key: ack.key, title, state, savedAt: ack.savedAt });
    else if (row) this.#updateRowWhenIdle(row.key, ack.savedAt);
    if (needsRefetch) void this.refreshEntries();
  }

  /** Replaces one row of the list (a new array: the list and what derives from it follow). */
  #updateRow(key: EntryKey, patch: Partial<EntrySummary>): void {
    this.entries = this.entries.map((e) => (sameEntry(e.key, key) ? { ...e, ...patch } : e));
  }

  #rowTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * A save that changed nothing the row shows but its saved time (which only the "recently
   * edited" order reads) reaches the list when typing pauses: replacing a row makes everything
   * derived from a 10,000-entry list look again, and a key pressed meanwhile waited for it.
   */
  #updateRowWhenIdle(key: EntryKey, savedAt: number): void {
    if (this.#rowTimer !== null) clearTimeout(this.#rowTimer);
    this.#rowTimer = setTimeout(() => {
      this.#rowTimer = null;
      this.#updateRow(key, { savedAt });
    }, ROW_UPDATE_IDLE_MS);
  }

  // ---- wt-editor: the form's fields, live validation, preview, translations ----

  /** What publishing would find wrong now, field by field (the core's validate_draft). */
  problems = $state.raw<Problem[]>([]);
  /** Values fields already have across the site (tags, authors), for completion. */
  knownValues = $state.raw<Record<string, string[]>>({});
  /** Whether the preview pane is shown, and the sanitised HTML it shows. */
  previewOpen = $state(false);
  previewHtml = $state('');
  #checkTimer: ReturnType<typeof setTimeout> | null = null;
  #checkRequest = 0;

  titleInput(title: string): void {
    this.title = title;
    this.titleChanged();
  }

  fieldChanged(name: string, value: FieldValue | null): void {
    this.fields = { ...this.fields, [name]: value };
    this.#edited();
  }

  togglePreview(): void {
    this.previewOpen = !this.previewOpen;
    if (this.previewOpen) void this.#runChecks();
  }

  /** Starts (or opens) the translation of the open entry into `language`. */
  async addTranslation(language: string): Promise<boolean> {
    const cur = this.current;
    if (!cur) return false;
    if (!(await this.#leaveCurrent())) return false;
    try {
      const doc = await ipc.addTranslation(cur.key, language);
      this.#show(doc.key, doc.collection, doc.title, doc.body, doc.state, doc.savedAt);
      this.fields = { ...doc.fields };
      this.#afterOpen();
      await this.refreshEntries();
      return true;
    } catch (e) {
      this.showError(toErrorReport(e).message);
      return false;
    }
  }

  async loadKnownValues(site: SiteInfo): Promise<void> {
    const names = new Set<string>();
    for (const c of site.collections) {
      for (const f of c.fields) {
        if (f.kind === 'list' || (f.kind === 'string' && ['author', 'organiser', 'organisation', 'city', 'country', 'venue', 'role'].includes(f.name))) {
          names.add(f.name);
        }
      }
    }
    const out: Record<string, string[]> = {};
    const request = this.#siteRequest;
    for (const name of names) {
      try {
        out[name] = await ipc.fieldValues(name);
      } catch {
        // Completion is a convenience; the form works without it.
        out[name] = [];
      }
    }
    // wt-start: a slower answer for a site left meanwhile is not this site's.
    if (request === this.#siteRequest) this.knownValues = out;
  }

  #afterOpen(): void {
    this.problems = [];
    this.previewHtml = '';
    void this.#runChecks();
  }

  #scheduleChecks(): void {
    if (this.#checkTimer !== null) clearTimeout(this.#checkTimer);
    this.#checkTimer = setTimeout(() => {
      this.#checkTimer = null;
      void this.#runChecks();
    }, 350);
  }

  #draftInput(): DraftInput | null {
    const cur = this.current;
    if (!cur || this.#body === null) return null;
    return {
      key: cur.key,
      collection: cur.collection,
      title: this.title,
      fields: $state.snapshot(this.fields),
      body: this.#body(),
    };
  }

  /** Validation (and the preview, when shown) for the draft as it is now; older answers are dropped. */
  async #runChecks(): Promise<void> {
    const input = this.#draftInput();
    if (!input) return;
    const request = ++this.#checkRequest;
    const serial = this.current?.serial;
    const fresh = () => request === this.#checkRequest && this.current?.serial === serial;
    try {
      const problems = await ipc.validateDraft(input);
      if (fresh()) this.problems = problems;
    } catch {
      // Validation is advice while typing; a publish checks again and says what is wrong.
    }
    if (this.previewOpen) {
      try {
        const html = await ipc.preview(input);
        if (fresh()) this.previewHtml = html;
      } catch (e) {
        if (fresh()) this.previewHtml = `<p>The preview could not be made: ${escapeHtml(toErrorReport(e).message)}</p>`;
      }
    }
  }
  // ---- wt-editor: keyboard-first entry of many events (save and next, publish together) ----

  /** Events saved with "save and next" since the last batch publish, oldest first. */
  quickBatch = $state.raw<EntryKey[]>([]);
  batchStatus = $state<PublishStatus>('');
  batchMessage = $state('');
  #batchAfterIdentity = false;
  /** The serial of a copy made by "save and next" that nobody has typed in yet. */
  #untouchedCopy: number | null = null;

  /**
   * Ctrl+Enter on an event: store it, check it, and when nothing is wrong start a new event
   * like it (same fields, empty text). Refused with the field to focus when a problem blocks.
   */
  async saveAndNext(order: readonly string[]): Promise<SaveAndNext> {
    const cur = this.current;
    if (!cur || this.readOnlyReason !== null) return { kind: 'failed' };
    if (!(await this.autosaver.flush())) {
      this.showError(`This event could not be saved (${this.saveError ?? 'unknown error'}). It is still in the form; try again.`);
      return { kind: 'failed' };
    }
    const input = this.#draftInput();
    if (!input) return { kind: 'failed' };
    try {
      const problems = await ipc.validateDraft(input);
      this.problems = problems;
      const field = firstBlocking(problems, order);
      if (field !== null) return { kind: 'refused', field };
      const key = this.current?.key ?? cur.key;
      if (!this.quickBatch.some((k) => sameEntry(k, key))) this.quickBatch = [...this.quickBatch, key];
      const doc = await ipc.duplicateEvent(key, null, false);
      this.#show(doc.key, doc.collection, doc.title, doc.body, doc.state, doc.savedAt);
      this.fields = { ...doc.fields };
      this.#untouchedCopy = this.current?.serial ?? null;
      this.#afterOpen();
      this.batchStatus = '';
      this.batchMessage = '';
      await this.refreshEntries();
      return { kind: 'next' };
    } catch (e) {
      this.showError(toErrorReport(e).message);
      return { kind: 'failed' };
    }
  }

  /**
   * Publishes the events entered in a row as one commit: the batch, and the open event when
   * someone typed in it. An untouched copy left by the last "save and next" goes to the trash
   * (nothing was typed in it), so it does not linger as a stray draft.
   */
  async publishBatch(): Promise<void> {
    if (this.batchStatus === 'publishing') return;
    const cur = this.current;
    if (!this.identity) {
      this.#batchAfterIdentity = true;
      this.identityDialogOpen = true;
      return;
    }
    this.batchStatus = 'publishing';
    this.batchMessage = 'Publishing…';
    try {
      if (!(await this.autosaver.flush())) {
        this.batchStatus = 'error';
        this.batchMessage = 'Not published: the open event is not saved yet.';
        return;
      }
      const keys = [...this.quickBatch];
      const untouched = cur !== null && this.#untouchedCopy === cur.serial;
      const open = this.current?.key ?? null;
      if (open && !untouched && !isPublishedState(this.current?.state ?? 'published') && !keys.some((k) => sameEntry(k, open))) keys.push(open);
      if (keys.length === 0) {
        this.batchStatus = '';
        this.batchMessage = '';
        return;
      }
      const out = await publishSet({ entries: keys, message: null, review: false });
      this.sync = { waiting: out.waiting, lastError: out.pushed ? null : (out.pushError ?? this.sync.lastError) };
      this.quickBatch = [];
      this.batchStatus = out.pushed ? 'published' : 'queued';
      this.batchMessage = out.pushed
        ? `Published ${keys.length} events in one change.`
        : (out.pushError ?? `Committed ${keys.length} events on this computer; they will be sent at the next sync.`);
      if (untouched && open) {
        const last = out.keys[out.keys.length - 1];
        await ipc.trashDraft(open).catch(() => undefined);
        this.#close();
        if (last) await this.openEntry(last);
      } else if (open && this.current) {
        const i = keys.findIndex((k) => sameEntry(k, open));
        const now = i >= 0 ? out.keys[i] : undefined;
        if (now) this.current = { ...this.current, key: now, state: out.pushed ? 'published' : 'queued' };
      }
      await this.refreshEntries();
    } catch (e) {
      const report = toErrorReport(e);
      this.batchStatus = 'error';
      this.batchMessage = `Not published: ${report.message}`;
      if (report.problems && report.problems.length > 0) this.problems = report.problems;
    }
  }

  clearBatch(): void {
    this.quickBatch = [];
    this.batchStatus = '';
    this.batchMessage = '';
  }

  // ---- wt-ui: revisions, the trash and editorial states (issue 4) ----

  /**
   * Stores what is pending, then shows the entry `load` returns in place of the open one.
   * Refuses (and says why) when the pending text cannot be stored: it stays in the editor.
   */
  async #replaceWith(what: string, load: () => Promise<EntryDoc>): Promise<boolean> {
    if (!(await this.autosaver.flush())) {
      this.showError(
        `Not ${what}: your latest changes could not be saved (${this.saveError ?? 'unknown error'}). ` +
          'They are still in the editor; try again once saving works.',
      );
      return false;
    }
    try {
      const doc = await load();
      this.#show(doc.key, doc.collection, doc.title, doc.body, doc.state, doc.savedAt);
      this.fields = { ...doc.fields };
      this.#afterOpen();
      await this.refreshEntries();
      return true;
    } catch (e) {
      this.showError(toErrorReport(e).message);
      return false;
    }
  }

  /** Makes a revision the open entry's text again; the text it replaces stays in the history. */
  async restoreRevision(revision: number): Promise<boolean> {
    const cur = this.current;
    if (!cur) return false;
    return this.#replaceWith('restored', () => ipc.restoreRevision(this.current?.key ?? cur.key, revision));
  }

  /**
   * Moves the open entry's unpublished draft to the trash (kept 30 days). A published entry then
   * shows its published text again; a never-published one closes.
   */
  async discardDraft(): Promise<TrashItem | null> {
    const cur = this.current;
    if (!cur) return null;
    if (!(await this.autosaver.flush())) {
      this.showError(
        `Not discarded: your latest changes could not be saved (${this.saveError ?? 'unknown error'}), ` +
          'so they could not go to the trash either. They are still in the editor.',
      );
      return null;
    }
    const key = this.current?.key ?? cur.key;
    try {
      const item = await ipc.trashDraft(key);
      const path = item.path ?? key.path;
      if (path) {
        const doc = await ipc.openEntry({ draftId: null, path });
        this.#show(doc.key, doc.collection, doc.title, doc.body, doc.state, doc.savedAt);
        this.fields = { ...doc.fields };
        this.#afterOpen();
      } else {
        this.#close();
      }
      await this.refreshEntries();
      return item;
    } catch (e) {
      this.showError(toErrorReport(e).message);
      return null;
    }
  }

  /** Takes a draft out of the trash and opens it. */
  async restoreFromTrash(draftId: number): Promise<boolean> {
    return this.#replaceWith('restored from the trash', () => ipc.restoreFromTrash(draftId));
  }

  /** Moves the open entry along draft → in review → ready; stores pending text first. */
  async setEditorial(state: EditorialState): Promise<boolean> {
    const cur = this.current;
    if (!cur) return false;
    if (!(await this.autosaver.flush())) {
      this.showError(
        `The state was not changed: your latest changes could not be saved (${this.saveError ?? 'unknown error'}).`,
      );
      return false;
    }
    try {
      await ipc.setEditorialState(this.current?.key ?? cur.key, state);
      await this.refreshEntries();
      return true;
    } catch (e) {
      this.showError(toErrorReport(e).message);
      return false;
    }
  }

  // ---- wt-conflicts: sync conflicts (issue 7) ----

  /** The site's open sync conflicts (entries held back until the editor chooses). */
  readonly conflicts = new Conflicts();

  /** Reads the open conflicts again, and says so in the bar when the open entry is one. */
  async refreshConflicts(): Promise<void> {
    await this.conflicts.refresh();
    this.#noteHeldBack();
  }

  /** A report of the outbox loop: its sync may have found conflicts (the count tells). */
  async applyOutbox(status: OutboxStatus): Promise<void> {
    if (status.conflicts !== this.conflicts.count) {
      await this.refreshConflicts();
      void this.refreshEntries();
    }
    this.applySync(fromOutbox(status));
  }

  /**
   * Resolves the open entry's conflict (stores pending text first), then shows the entry as
   * resolved: the list, the text and the publish bar are read again.
   */
  async resolveConflict(resolution: ConflictResolution): Promise<boolean> {
    const cur = this.current;
    const conflict = this.conflicts.of(cur?.key.path);
    if (!cur || !conflict) return false;
    if (!(await this.autosaver.flush())) {
      this.showError(
        `Not resolved: your latest changes could not be saved (${this.saveError ?? 'unknown error'}). Try again in a moment.`,
      );
      return false;
    }
    const out = await this.conflicts.resolve(conflict.summary.id, resolution);
    if (!out) return false;
    this.sync = { waiting: out.waiting, lastError: out.pushed ? null : (out.pushError ?? this.sync.lastError) };
    try {
      const doc = await ipc.openEntry(out.key);
      this.#show(doc.key, doc.collection, doc.title, doc.body, doc.state, doc.savedAt);
      this.fields = { ...doc.fields };
      this.#afterOpen();
    } catch (e) {
      this.showError(toErrorReport(e).message);
    }
    this.publishStatus = out.pushed || resolution.kind === 'keepTheirs' ? 'published' : 'queued';
    this.publishMessage = resolvedMessage(resolution, out);
    await this.refreshEntries();
    return true;
  }

  /**
   * wt-states: the open entry, when it has no draft, says what its row says: "Waiting to sync"
   * until a sync sent it, then "Published" (the list is read again after every sync).
   */
  #followRowState(entries: readonly EntrySummary[]): void {
    const cur = this.current;
    if (!cur || !isPublishedState(cur.state)) return;
    const row = entries.find((e) => sameEntry(e.key, cur.key));
    if (row && isPublishedState(row.state) && row.state !== cur.state) this.current = { ...cur, state: row.state };
  }

  // ---- wt-states: the notice of a database rebuilt at start ----
  /** What the core recovered from a damaged database at start, until dismissed. */
  storeNotice = $state<string | null>(null);
  #storeNoticeShown = false;

  /** The core repeats the notice with every site it opens; it is shown once per start. */
  #noteStore(notice: string | null): void {
    if (this.#storeNoticeShown || notice === null || notice.trim() === '') return;
    this.#storeNoticeShown = true;
    this.storeNotice = notice;
  }

  dismissStoreNotice(): void {
    this.storeNotice = null;
  }

  /** When the open entry has a conflict, the bar says it was held back; true if so. */
  #noteHeldBack(): boolean {
    if (!this.conflicts.of(this.current?.key.path)) {
      if (this.publishStatus === 'conflict') {
        this.publishStatus = '';
        this.publishMessage = '';
      }
      return false;
    }
    if (this.publishStatus !== 'publishing') {
      this.publishStatus = 'conflict';
      this.publishMessage = HELD_BACK;
    }
    return true;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
