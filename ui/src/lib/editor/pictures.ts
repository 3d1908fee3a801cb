// The pictures the editor and the entry form show, by an image's `src`: where they come from
// (set by the window for the open entry) and the ones already loaded. Free of Tiptap, so the
// window's start does not load the editor's code to set it (lazyEditor.ts).

/** Where pictures come from: set by the window (the open entry), read at render time. */
export const imagePictures: {
  /** Resolves an image's `src` to a data: URL, or null when it cannot be shown. */
  load: (src: string) => Promise<string | null>;
} = { load: async () => null };

/** Pictures already known by `src` (a just-imported image's thumbnail, earlier loads). */
const known = new Map<string, string>();

export function rememberPicture(src: string, dataUrl: string): void {
  known.set(src, dataUrl);
}

/** A picture already loaded for `src`, if any (no request). */
export function knownPicture(src: string): string | undefined {
  return known.get(src);
}

/** Forgets loaded pictures (another entry or site was opened). */
export function forgetPictures(): void {
  known.clear();
}

/** The picture for `src` as a data: URL, or null when it cannot be shown; never throws. */
export async function pictureFor(src: string): Promise<string | null> {
  const hit = known.get(src);
  if (hit) return hit;
  try {
    const url = await imagePictures.load(src);
    if (url) known.set(src, url);
    return url;
  } catch {
    return null;
  }
}
