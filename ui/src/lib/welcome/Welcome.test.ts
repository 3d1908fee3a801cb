// The Welcome screen in jsdom with the IPC modules mocked: the recent sites (missing ones
// marked and removable, others opened), a folder or the demo opened through the host, and a
// clone's whole life — the suggested folder, progress, done, cancel, a bad address, a login
// asked for and a new SSH server's key — plus Escape and where the focus goes.
import { flushSync, mount, tick, unmount } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { CloneProgress, RecentSite, Startup } from '../bindings';

vi.mock('../ipc', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../ipc')>();
  return { ...actual, openSite: vi.fn() };
});
vi.mock('../syncIpc', () => ({
  cloneSite: vi.fn(),
  cancelClone: vi.fn(),
  setLogin: vi.fn(),
  trustHost: vi.fn(),
}));
let progressHandler: ((p: CloneProgress) => void) | null = null;
vi.mock('./welcomeIpc', () => ({
  openDemo: vi.fn(),
  recentSites: vi.fn(),
  forgetRecentSite: vi.fn(),
  suggestCloneFolder: vi.fn(),
  onCloneProgress: vi.fn(async (h: (p: CloneProgress) => void) => {
    progressHandler = h;
    return () => {
      progressHandler = null;
    };
  }),
}));

const ipc = vi.mocked(await import('../ipc'));
const sync = vi.mocked(await import('../syncIpc'));
const wipc = vi.mocked(await import('./welcomeIpc'));
const { WelcomeFlow } = await import('./welcome.svelte');
const { default: Welcome } = await import('./Welcome.svelte');

const startup = (root: string, isDemo = false): Startup => ({
  site: { name: 'Barents', root, branch: 'main', isDemo, collections: [] },
  identity: null,
  sync: { waiting: 0, lastError: null },
  storeNotice: null,
});

const recent: RecentSite[] = [
  { path: '/home/ann/sites/barents', name: 'Barents Observer', missing: false, current: true },
  { path: '/home/ann/old/news', name: 'Old news', missing: true, current: false },
  { path: '/home/ann/sites/arctic', name: 'Arctic Council', missing: false, current: false },
];

let app: ReturnType<typeof mount> | null = null;
let host: {
  prepare: Mock<() => Promise<string | null>>;
  adopt: Mock<(startup: Startup) => Promise<void>>;
};
let flow: InstanceType<typeof WelcomeFlow>;
let onClose: Mock<() => void>;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.querySelector<T>(`[data-testid="${id}"]`);
const $$ = (id: string) => Array.from(document.querySelectorAll<HTMLButtonElement>(`[data-testid="${id}"]`));

async function settle() {
  for (let i = 0; i < 6; i++) {
    await tick();
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
  }
}

function type(el: HTMLInputElement, value: string) {
  el.value = value;
  el.dispatchEvent(new Event('input', { bubbles: true }));
}

async function show(siteName: string | null = 'Barents Observer', notice: string | null = null) {
  app = mount(Welcome, { target: document.body, props: { open: true, flow, siteName, notice, onClose } });
  await settle();
}

beforeEach(() => {
  vi.resetAllMocks();
  progressHandler = null;
  wipc.onCloneProgress.mockImplementation(async (h: (p: CloneProgress) => void) => {
    progressHandler = h;
    return () => {
      progressHandler = null;
    };
  });
  wipc.recentSites.mockResolvedValue(recent);
  wipc.suggestCloneFolder.mockResolvedValue('/home/ann/Documents/Barents Desk/site');
  host = {
    prepare: vi.fn(async (): Promise<string | null> => null),
    adopt: vi.fn(async (_startup: Startup) => undefined),
  };
  flow = new WelcomeFlow(host, { suggestDelayMs: 0 });
  onClose = vi.fn<() => void>();
});

afterEach(() => {
  if (app) unmount(app);
  app = null;
  flow.dispose();
  document.body.innerHTML = '';
});

describe('Welcome screen', () => {
  it('lists the recent sites, marks the missing one, and moves the focus to the first site', async () => {
    await show();
    const rows = $$('recent-site');
    expect(rows.map((r) => r.dataset.path)).toEqual(recent.map((r) => r.path));
    expect(rows[0]?.getAttribute('aria-current')).toBe('true');
    const missing = rows[1]!;
    expect(missing.dataset.missing).toBe('true');
    expect(missing.disabled).toBe(true);
    const note = document.getElementById(missing.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toContain('Missing: the folder was moved or deleted.');
    expect(document.activeElement).toBe(rows[0]);
    expect($('welcome')?.getAttribute('aria-labelledby')).toBe('welcome-heading');
    // Every field has a label.
    for (const input of document.querySelectorAll<HTMLInputElement>('[data-testid="welcome"] input')) {
      expect(document.querySelector(`label[for="${input.id}"]`), input.dataset.testid).not.toBeNull();
    }
  });

  it('removes a site from the list and opens another through the host', async () => {
    await show();
    wipc.forgetRecentSite.mockResolvedValue([recent[0]!, recent[2]!]);
    $$('recent-remove')[1]!.click();
    await settle();
    expect(wipc.forgetRecentSite).toHaveBeenCalledWith('/home/ann/old/news');
    expect($$('recent-site')).toHaveLength(2);

    const opened = startup('/home/ann/sites/arctic');
    ipc.openSite.mockResolvedValue(opened);
    $$('recent-site')[1]!.click();
    await settle();
    expect(host.prepare).toHaveBeenCalled();
    expect(ipc.openSite).toHaveBeenCalledWith('/home/ann/sites/arctic');
    expect(host.adopt).toHaveBeenCalledWith(opened);
  });

  it('opens a typed folder, and says why one cannot be opened', async () => {
    wipc.recentSites.mockResolvedValue([]);
    await show(null);
    expect(document.activeElement).toBe($('site-path-input'));
    $<HTMLButtonElement>('site-open-button')!.click();
    await settle();
    expect($('open-error')?.textContent).toContain('Type the path of a site folder first');
    expect(ipc.openSite).not.toHaveBeenCalled();

    ipc.openSite.mockRejectedValueOnce({ code: 'not_a_repository', message: '/nowhere is not a git repository.' });
    type($<HTMLInputElement>('site-path-input')!, '/nowhere');
    $<HTMLButtonElement>('site-open-button')!.click();
    await settle();
    expect($('open-error')?.getAttribute('role')).toBe('alert');
    expect($('open-error')?.textContent).toBe('/nowhere is not a git repository.');
    expect($('site-path-input')?.getAttribute('aria-invalid')).toBe('true');
    expect(host.adopt).not.toHaveBeenCalled();

    const opened = startup('/srv/site');
    ipc.openSite.mockResolvedValueOnce(opened);
    type($<HTMLInputElement>('site-path-input')!, '  /srv/site ');
    $<HTMLButtonElement>('site-open-button')!.click();
    await settle();
    expect(ipc.openSite).toHaveBeenLastCalledWith('/srv/site');
    expect(host.adopt).toHaveBeenCalledWith(opened);
  });

  it('keeps the open entry when it cannot be saved first', async () => {
    host.prepare.mockResolvedValue('Your latest changes could not be saved (disk full).');
    await show();
    type($<HTMLInputElement>('site-path-input')!, '/srv/site');
    $<HTMLButtonElement>('site-open-button')!.click();
    await settle();
    expect($('open-error')?.textContent).toContain('disk full');
    expect(ipc.openSite).not.toHaveBeenCalled();
  });

  it('opens the demo site', async () => {
    const demo = startup('/data/demo/site', true);
    wipc.openDemo.mockResolvedValue(demo);
    await show(null);
    $<HTMLButtonElement>('open-demo')!.click();
    await settle();
    expect(host.adopt).toHaveBeenCalledWith(demo);
  });

  it('suggests a folder from the address until one is typed, then clones with progress', async () => {
    wipc.suggestCloneFolder.mockImplementation(async (url: string) => `/home/ann/Documents/Barents Desk/${url.split('/').pop()?.replace('.git', '')}`);
    await show();
    type($<HTMLInputElement>('clone-url')!, 'https://git.example.org/barents/site.git');
    await settle();
    expect($<HTMLInputElement>('clone-dest')!.value).toBe('/home/ann/Documents/Barents Desk/site');

    type($<HTMLInputElement>('clone-dest')!, '/srv/mine');
    type($<HTMLInputElement>('clone-url')!, 'https://git.example.org/barents/other.git');
    await settle();
    expect($<HTMLInputElement>('clone-dest')!.value).toBe('/srv/mine');

    let finish: (s: Startup) => void = () => {};
    sync.cloneSite.mockImplementation(() => new Promise((resolve) => (finish = resolve)));
    $<HTMLButtonElement>('clone-button')!.click();
    await settle();
    expect(sync.cloneSite).toHaveBeenCalledWith('https://git.example.org/barents/other.git', '/srv/mine');
    expect($('clone-progress')?.dataset.state).toBe('cloning');
    expect($<HTMLInputElement>('clone-url')!.disabled).toBe(true);
    progressHandler?.({ receivedObjects: 50, indexedObjects: 0, totalObjects: 200, receivedBytes: 2_500_000 });
    await settle();
    const bar = document.querySelector<HTMLProgressElement>('[data-testid="clone-progress"] progress')!;
    expect(bar.value).toBeCloseTo(0.125);
    expect($('clone-progress-text')?.textContent).toBe('Receiving objects: 50 of 200 (2.4 MB)');
    expect($('clone-progress')?.dataset.events).toBe('1');

    const cloned = startup('/srv/mine');
    finish(cloned);
    await settle();
    expect($('clone-progress')?.dataset.state).toBe('done');
    expect(bar.value).toBe(1);
    expect($('clone-progress-text')?.textContent).toBe('Cloned: 200 objects (2.4 MB).');
    expect(host.adopt).toHaveBeenCalledWith(cloned);
    expect(progressHandler).toBeNull();

    // Shown again later: the finished clone is not shown as news.
    flow.shown();
    await settle();
    expect($('clone-progress')).toBeNull();
    expect($<HTMLInputElement>('clone-url')!.value).toBe('');
    expect($<HTMLInputElement>('clone-dest')!.value).toBe('');
  });

  it('cancels a running clone', async () => {
    await show();
    let fail: (e: unknown) => void = () => {};
    sync.cloneSite.mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    sync.cancelClone.mockImplementation(async () => fail({ code: 'cancelled', message: 'Cancelled.' }));
    type($<HTMLInputElement>('clone-url')!, 'https://git.example.org/big.git');
    type($<HTMLInputElement>('clone-dest')!, '/srv/big');
    $<HTMLButtonElement>('clone-button')!.click();
    await settle();
    // Escape does not close the screen while a clone runs.
    $('welcome')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(onClose).not.toHaveBeenCalled();
    $<HTMLButtonElement>('clone-cancel')!.click();
    await settle();
    expect(sync.cancelClone).toHaveBeenCalled();
    expect($('clone-cancelled')?.textContent).toContain('Nothing was kept');
    expect($('clone-error')).toBeNull();
    expect($('clone-button')).not.toBeNull();
    expect(host.adopt).not.toHaveBeenCalled();
  });

  it('says what is wrong with an address', async () => {
    await show();
    $<HTMLButtonElement>('clone-button')!.click();
    await settle();
    expect($('clone-error')?.dataset.code).toBe('bad_url');
    expect(sync.cloneSite).not.toHaveBeenCalled();

    sync.cloneSite.mockRejectedValue({ code: 'unreachable', message: 'Could not reach git.example.org: timed out.' });
    type($<HTMLInputElement>('clone-url')!, 'https://git.example.org/site.git');
    type($<HTMLInputElement>('clone-dest')!, '/srv/site');
    $<HTMLButtonElement>('clone-button')!.click();
    await settle();
    expect($('clone-error')?.getAttribute('role')).toBe('alert');
    expect($('clone-error')?.textContent).toBe('Could not reach git.example.org: timed out.');
    expect($('clone-login')).toBeNull();
  });

  it('asks for a login when the server wants one, keeps it, and clones again', async () => {
    await show();
    sync.cloneSite.mockRejectedValueOnce({ code: 'auth_required', message: 'The server https://git.example.org asks for a user name and a password or access token.' });
    type($<HTMLInputElement>('clone-url')!, 'https://git.example.org/private.git');
    type($<HTMLInputElement>('clone-dest')!, '/srv/private');
    $<HTMLButtonElement>('clone-button')!.click();
    await settle();
    expect($('clone-login')).not.toBeNull();
    expect($<HTMLInputElement>('clone-password')!.type).toBe('password');

    const cloned = startup('/srv/private');
    sync.cloneSite.mockResolvedValueOnce(cloned);
    type($<HTMLInputElement>('clone-username')!, 'ann');
    type($<HTMLInputElement>('clone-password')!, 'token-123');
    $<HTMLButtonElement>('clone-login-submit')!.click();
    await settle();
    expect(sync.setLogin).toHaveBeenCalledWith({ url: 'https://git.example.org/private.git', username: 'ann', password: 'token-123' });
    expect(sync.cloneSite).toHaveBeenCalledTimes(2);
    expect(host.adopt).toHaveBeenCalledWith(cloned);
  });

  it("shows a new SSH server's fingerprint and clones once it is trusted", async () => {
    await show();
    const hostKey = { host: 'git.example.org', port: 22, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', key: 'AAAA' };
    sync.cloneSite.mockRejectedValueOnce({ code: 'unknown_host', message: 'Barents Desk has not connected to the SSH server git.example.org before.', hostKey });
    type($<HTMLInputElement>('clone-url')!, 'git@git.example.org:barents/site.git');
    type($<HTMLInputElement>('clone-dest')!, '/srv/site');
    $<HTMLButtonElement>('clone-button')!.click();
    await settle();
    expect($('clone-fingerprint')?.textContent).toBe('SHA256:abc');
    sync.cloneSite.mockResolvedValueOnce(startup('/srv/site'));
    $<HTMLButtonElement>('clone-trust')!.click();
    await settle();
    expect(sync.trustHost).toHaveBeenCalledWith(hostKey);
    expect(host.adopt).toHaveBeenCalled();
  });

  it('closes with Escape or the button when a site is open, never on a first start', async () => {
    await show(null, 'The last site could not be opened again. /srv/gone is not a git repository.');
    expect($('welcome-notice')?.textContent).toContain('/srv/gone');
    expect($('welcome-close')).toBeNull();
    $('welcome')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(onClose).not.toHaveBeenCalled();
    unmount(app!);
    app = null;
    document.body.innerHTML = '';

    await show('Barents Observer');
    expect($('welcome-close')?.textContent).toContain('Back to Barents Observer');
    $('welcome')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(onClose).toHaveBeenCalledTimes(1);
    $<HTMLButtonElement>('welcome-close')!.click();
    expect(onClose).toHaveBeenCalledTimes(2);
  });
});
