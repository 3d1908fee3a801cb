// Editorial states in the window: the entry list filters by them, and the control in the entry
// view shows who set the state and when, changes it, and shows the real state when refused.
import { flushSync, mount, unmount } from 'svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EditorialInfo, EntrySummary } from '../bindings';
import { DEFAULT_FILTER, inState, visibleEntries } from '../entryList';
import EditorialControl from './EditorialControl.svelte';

const entry = (title: string, state: EntrySummary['state'], editorial: EditorialInfo['state']): EntrySummary => ({
  key: { draftId: title.length, path: null },
  collection: 'articles',
  language: 'en',
  title,
  date: null,
  state,
  savedAt: null,
  translations: [],
  editorial: { state: editorial, by: null, at: null },
});

describe('the entry list by editorial state', () => {
  const list = [
    entry('Draft one', 'new', 'draft'),
    entry('In review one', 'modified', 'inReview'),
    entry('Ready one', 'new', 'ready'),
    entry('Published one', 'published', 'published'),
  ];

  it('filters by the editorial states a person sets, and still by publication state', () => {
    const titles = (state: typeof DEFAULT_FILTER.state) =>
      visibleEntries(list, { ...DEFAULT_FILTER, state, sort: 'title' }).map((e) => e.title);
    expect(titles('inReview')).toEqual(['In review one']);
    expect(titles('ready')).toEqual(['Ready one']);
    expect(titles('new')).toEqual(['Draft one', 'Ready one']);
    expect(titles('published')).toEqual(['Published one']);
    expect(titles('all')).toHaveLength(4);
    expect(inState(list[1]!, 'modified')).toBe(true);
  });
});

describe('EditorialControl', () => {
  let app: ReturnType<typeof mount> | null = null;
  afterEach(() => {
    if (app) unmount(app);
    app = null;
    document.body.innerHTML = '';
  });
  const $ = (id: string) => document.querySelector(`[data-testid="${id}"]`);

  it('shows the state with who and when, and asks the session to change it', async () => {
    const onSet = vi.fn(async () => true);
    const at = Date.now() - 60_000;
    app = mount(EditorialControl, {
      target: document.body,
      props: { info: { state: 'inReview', by: 'Áile Somby', at }, editable: true, onSet },
    });
    flushSync();
    const select = $('editorial-select') as HTMLSelectElement;
    expect(select.value).toBe('inReview');
    expect(select.getAttribute('aria-label')).toBe('Editorial state');
    expect($('editorial-by')?.textContent).toMatch(/^Áile Somby, today \d\d:\d\d$/);
    select.value = 'ready';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await Promise.resolve();
    expect(onSet).toHaveBeenCalledWith('ready');
  });

  it('goes back to the real state when the change is refused', async () => {
    const onSet = vi.fn(async () => false);
    app = mount(EditorialControl, {
      target: document.body,
      props: { info: { state: 'draft', by: null, at: null }, editable: true, onSet },
    });
    flushSync();
    const select = $('editorial-select') as HTMLSelectElement;
    select.value = 'ready';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 0));
    flushSync();
    expect(select.value).toBe('draft');
    expect($('editorial-by')).toBeNull();
  });

  it('a published entry without changes just says so', () => {
    app = mount(EditorialControl, {
      target: document.body,
      props: { info: { state: 'published', by: null, at: null }, editable: false, onSet: vi.fn() },
    });
    flushSync();
    expect($('editorial-select')).toBeNull();
    expect($('editorial')?.textContent?.trim()).toBe('Published');
  });
});
