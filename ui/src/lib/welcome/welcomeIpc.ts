// Typed wrappers for the Welcome screen's commands (wt-welcome), apart from ipc.ts so the two
// grow without colliding; cloning, logins and host keys are the sync commands (syncIpc.ts).
// Failures come out as an ErrorReport {code, message, hostKey?}.
import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { CloneProgress, RecentSite, Startup } from '../bindings';
import { isErrorReport, toErrorReport } from '../ipc';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    if (isErrorReport(e)) throw e;
    throw toErrorReport(e);
  }
}

export const openDemo = () => call<Startup>('open_demo');
export const recentSites = () => call<RecentSite[]>('recent_sites');
export const forgetRecentSite = (path: string) => call<RecentSite[]>('forget_recent_site', { path });
export const suggestCloneFolder = (url: string) => call<string>('suggest_clone_folder', { url });

/** The running clone's progress (`desk://clone-progress`); resolves to the unsubscribe. */
export async function onCloneProgress(handler: (p: CloneProgress) => void): Promise<() => void> {
  try {
    return await listen<CloneProgress>('desk://clone-progress', (e) => handler(e.payload));
  } catch {
    // Outside the app shell (unit tests): no events to hear.
    return () => {};
  }
}
