import { describe, expect, it } from 'vitest';
import type { FieldInfo, Problem } from '../bindings';
import { EVENT_ESSENTIALS, batchSummary, firstBlocking, splitEssentials } from './quickEntry';

const field = (name: string): FieldInfo => ({ name }) as unknown as FieldInfo;

describe('splitEssentials', () => {
  it('puts an event’s essentials first, in the tab order, and leaves the rest', () => {
    const fields = ['summary', 'country', 'start', 'online', 'end', 'venue', 'timezone', 'city', 'all_day'].map(field);
    const { first, rest } = splitEssentials(fields, 'event');
    expect(first.map((f) => f.name)).toEqual([...EVENT_ESSENTIALS]);
    expect(rest.map((f) => f.name)).toEqual(['summary', 'online']);
  });

  it('changes nothing outside events', () => {
    const fields = ['date', 'city'].map(field);
    expect(splitEssentials(fields, 'article')).toEqual({ first: [], rest: fields });
  });
});

describe('firstBlocking', () => {
  const p = (field: string, severity: 'error' | 'warning'): Problem => ({ field, severity, message: field });
  const order = [...EVENT_ESSENTIALS, 'online_link'];

  it('takes the first error in the form’s order, the title before all', () => {
    expect(firstBlocking([p('venue', 'error'), p('end', 'error')], order)).toBe('end');
    expect(firstBlocking([p('online_link', 'error'), p('title', 'error')], order)).toBe('title');
    expect(firstBlocking([p('unknown', 'error'), p('country', 'error')], order)).toBe('country');
  });

  it('never blocks on warnings', () => {
    expect(firstBlocking([p('start', 'warning')], order)).toBeNull();
    expect(firstBlocking([], order)).toBeNull();
  });
});

describe('batchSummary', () => {
  it('counts the events entered', () => {
    expect(batchSummary(0)).toBe('');
    expect(batchSummary(1)).toBe('1 event entered in this row.');
    expect(batchSummary(10)).toBe('10 events entered in this row.');
  });
});
