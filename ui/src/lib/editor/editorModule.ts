// What the editor's own script chunk gives the window: the editor component and the spare
// editor made ahead. Only lazyEditor.ts imports this module (dynamically), so Tiptap and
// ProseMirror stay out of the script the window runs at start.
export { default as Editor } from './Editor.svelte';
export { prepareSpare } from './spareEditor';
