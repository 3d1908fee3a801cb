// Keyboard-first entry of many events: which fields come first (and in which tab order), and
// which field a refused "save and next" sends the caret to. Pure functions; the flow that uses
// them is QuickEntryBar.svelte and the session.
import type { FieldInfo, Problem } from '../bindings';

/** An event's essentials, in the order the Tab key visits them after the title. */
export const EVENT_ESSENTIALS = ['start', 'end', 'timezone', 'all_day', 'venue', 'city', 'country'] as const;

/** Splits the form's fields: the essentials shown first (events only), then the rest. */
export function splitEssentials(
  fields: readonly FieldInfo[],
  preset: string | null | undefined,
): { first: FieldInfo[]; rest: FieldInfo[] } {
  if (preset !== 'event') return { first: [], rest: [...fields] };
  const order = EVENT_ESSENTIALS as readonly string[];
  const first = fields.filter((f) => order.includes(f.name)).sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  return { first, rest: fields.filter((f) => !order.includes(f.name)) };
}

/**
 * The field to take the caret to when "save and next" is refused: the first field with an
 * error, in the order the form shows them (title, then `order`, then any other). Null when
 * nothing blocks (warnings never do).
 */
export function firstBlocking(problems: readonly Problem[], order: readonly string[]): string | null {
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length === 0) return null;
  const rank = (field: string) => {
    if (field === 'title') return -1;
    const i = order.indexOf(field);
    return i === -1 ? order.length : i;
  };
  return [...errors].sort((a, b) => rank(a.field) - rank(b.field))[0]?.field ?? null;
}

/** The sentence the quick-entry bar shows for the events entered in a row. */
export function batchSummary(count: number): string {
  if (count === 0) return '';
  return count === 1 ? '1 event entered in this row.' : `${count} events entered in this row.`;
}
