// Typed wrappers for the window layout commands (kept apart from ipc.ts, which other work grows).
import { invoke } from '@tauri-apps/api/core';
import type { PaneWidths, WindowLayout } from '../bindings';
import { toErrorReport } from '../ipc';

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw toErrorReport(e);
  }
}

export const windowLayout = () => call<WindowLayout>('window_layout');
export const savePaneWidths = (panes: PaneWidths) => call<WindowLayout>('save_pane_widths', { panes });
