// Platform differences the UI must know about: only which modifier key "Mod" is.
// Decided from the user agent once; no other platform assumptions anywhere in the UI.

export const isMac: boolean =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(navigator.platform || navigator.userAgent);

/** Ctrl on Windows and Linux, Cmd on macOS. */
export function hasMod(e: KeyboardEvent): boolean {
  return isMac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
}

/**
 * Matches a letter shortcut on any keyboard layout: `code` is the physical key, so Mod+S still
 * works when a Russian or Sámi layout is active and `key` is another letter.
 */
export function isShortcut(e: KeyboardEvent, letter: string, opts: { shift?: boolean; alt?: boolean } = {}): boolean {
  if (!hasMod(e) || e.altKey !== (opts.alt ?? false) || e.shiftKey !== (opts.shift ?? false)) return false;
  return e.key.toLowerCase() === letter || e.code === `Key${letter.toUpperCase()}`;
}

/** How to write a shortcut in a tooltip on this platform, e.g. "Ctrl+Shift+P" or "⌘⇧P". */
export function shortcutLabel(letter: string, opts: { shift?: boolean } = {}): string {
  const l = letter.toUpperCase();
  if (isMac) return `⌘${opts.shift ? '⇧' : ''}${l}`;
  return `Ctrl+${opts.shift ? 'Shift+' : ''}${l}`;
}

/**
 * A Tiptap/ProseMirror key combination for a tooltip: "Mod-Alt-2" -> "Ctrl+Alt+2" or "⌘⌥2",
 * "Mod-Shift-8" -> "Ctrl+Shift+8" or "⌘⇧8".
 */
export function comboLabel(combo: string): string {
  const parts = combo.split('-');
  const key = (parts.pop() ?? '').toUpperCase();
  const mac: Record<string, string> = { Mod: '⌘', Alt: '⌥', Shift: '⇧', Ctrl: '⌃' };
  if (isMac) return parts.map((p) => mac[p] ?? p).join('') + key;
  return [...parts.map((p) => (p === 'Mod' ? 'Ctrl' : p)), key].join('+');
}
