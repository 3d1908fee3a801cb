// The focal point of an image field, as the core stores it (src/site/focal.rs): CSS
// `object-position` percentages, "40% 30%" (x from the left, y from the top).

/** [x, y] in percent from "40% 30%", or null when empty or not that form. */
export function parseFocal(text: string): [number, number] | null {
  const parts = text.trim().split(/\s+/);
  if (parts.length !== 2) return null;
  const values = parts.map((p) => (/^\d+(\.\d+)?%$/.test(p) ? Number(p.slice(0, -1)) : NaN));
  const [x, y] = values;
  if (x === undefined || y === undefined || !(x >= 0 && x <= 100) || !(y >= 0 && y <= 100)) return null;
  return [x, y];
}

/** The stored form of a point: whole percent, clamped to 0–100. */
export function formatFocal(x: number, y: number): string {
  const clamp = (v: number) => Math.round(Math.min(100, Math.max(0, v)));
  return `${clamp(x)}% ${clamp(y)}%`;
}
