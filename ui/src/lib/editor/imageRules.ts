// What the window needs about inserting pictures, free of Tiptap so the start does not load
// the editor's code (lazyEditor.ts): the formats taken, the alt text rules, and the context
// the window sets for imports (the open entry, the alt text dialog, where errors go), which the
// editor's drop/paste/picker extension (imageDrop.ts) reads at the moment of each import.
import type { EntryKey, ImportedImage } from '../bindings';

/** The formats the core takes; anything else is refused there with a message too. */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** Files of a paste, drop or picker that look like images (the core checks the bytes). */
export function imageFiles(files: ArrayLike<File> | null | undefined): File[] {
  return Array.from(files ?? []).filter(
    (f) => (IMAGE_TYPES as readonly string[]).includes(f.type) || /\.(jpe?g|png|webp|gif)$/i.test(f.name),
  );
}

/**
 * What is wrong with an alt text, in words, or null when it is fine. It must say what the
 * picture shows: not empty, not the file's name, not "image".
 */
export function altProblem(alt: string, fileName = ''): string | null {
  const text = alt.trim();
  if (text === '') return 'Describe the picture for people who cannot see it.';
  const stem = fileName.replace(/\.[a-z0-9]+$/i, '').toLowerCase();
  if ((stem !== '' && text.toLowerCase() === stem) || /\.(jpe?g|png|webp|gif)$/i.test(text)) {
    return 'That is the file’s name. Say what the picture shows instead.';
  }
  if (/^(image|picture|photo|bild|kuva|фото)$/i.test(text)) return 'Say what the picture shows, not only that it is one.';
  if (text.length > 250) return 'Keep it under 250 characters; put longer text in a caption.';
  return null;
}

export interface ImageDropOptions {
  /** The entry being edited (images go to its bundle or the site's media folder). */
  entryKey: () => EntryKey | null;
  /** Asks for an image's alt text; resolves to null when the user cancels. */
  askAlt: (image: ImportedImage, preview: string | null) => Promise<string | null>;
  /** Tells the user what went wrong (refused files, a failed import). */
  onError: (message: string) => void;
}

/**
 * What the window supplies to the image extension (the open entry, the alt text dialog, the
 * error banner); set by the window, read at the moment of each import.
 */
export const imageContext: ImageDropOptions = {
  entryKey: () => null,
  askAlt: async () => null,
  onError: () => {},
};
