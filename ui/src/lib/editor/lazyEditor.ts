// Loads the editor apart from the window's start. Tiptap, ProseMirror and the toolbar are most
// of the page's script; the window starts with the entry list and asks for the editor's chunk
// once the list has painted (or at once when an entry is opened first). One load is shared by
// every caller; a failed load is tried again at the next call.
export type EditorModule = typeof import('./editorModule');

let loading: Promise<EditorModule> | null = null;

export function loadEditor(): Promise<EditorModule> {
  if (loading === null) {
    const attempt = import('./editorModule');
    loading = attempt;
    attempt.catch(() => {
      if (loading === attempt) loading = null;
    });
  }
  return loading;
}

/** Runs `then` after the next paint: the frame being built is shown before the work starts. */
export function afterNextPaint(then: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') {
    setTimeout(then, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(then, 0));
}
