// Memory: the caller's keys (listed, filtered by glob), values by key (view, store, delete), invalidation by glob
// pattern, similarity search.
import { api } from '../api.js';
import { el, field, messageBox, replace, showMessage } from '../dom.js';

export async function memoryPage(context) {
  const message = messageBox('memory-message');
  const keyList = el('ul', { class: 'keys', 'data-testid': 'memory-keys', 'aria-live': 'polite' });
  const viewer = el('pre', { class: 'value', 'data-testid': 'memory-value', hidden: true });

  const key = field('Key', { type: 'text', required: true, maxlength: 256, 'data-testid': 'memory-key' });
  const value = field('Value (JSON)', { rows: 4, class: 'code', 'data-testid': 'memory-data' }, 'textarea');
  const ttl = field('Expires after (seconds, optional)', { type: 'number', min: 1, max: 2592000, 'data-testid': 'memory-ttl' });
  const view = el('button', { type: 'button', 'data-testid': 'memory-view', text: 'View' });
  const store = el('button', { type: 'submit', 'data-testid': 'memory-store', text: 'Store' });
  const remove = el('button', { type: 'button', class: 'secondary', 'data-testid': 'memory-delete', text: 'Delete' });
  const filter = field('Show keys matching (glob)', { type: 'text', maxlength: 256, value: '*', 'data-testid': 'memory-filter' });
  const refresh = el('button', { type: 'button', class: 'secondary', 'data-testid': 'memory-refresh', text: 'Refresh list' });
  const more = el('button', { type: 'button', class: 'secondary', 'data-testid': 'memory-more', text: 'Show more keys', hidden: true });
  const form = el('form', { class: 'card', 'aria-labelledby': 'kv-title' }, el('h2', { id: 'kv-title', text: 'Values' }),
    key.row, value.row, ttl.row, el('div', { class: 'actions' }, view, store, remove), viewer,
    el('h3', { text: 'Your keys' }), filter.row, el('div', { class: 'actions' }, refresh, more), keyList);

  const path = (name) => `/api/v1/memory/kv/${encodeURIComponent(name)}`;

  // The caller's keys, walked a page at a time with GET /api/v1/memory/kv (a SCAN: a page may be short while
  // the walk goes on, so a few pages are fetched per click, up to `wanted` keys).
  const wanted = 200;
  let listed = new Map();
  let nextCursor = null;
  let generation = 0; // a newer load (after a store, say) makes an older one drop its answer

  async function loadKeys({ reset = true } = {}) {
    const mine = ++generation;
    if (reset) { listed = new Map(); nextCursor = null; }
    const pattern = filter.input.value.trim() || '*';
    const before = listed.size;
    try {
      let pages = 0;
      do {
        const query = new URLSearchParams({ pattern, limit: String(wanted) });
        if (nextCursor) query.set('cursor', nextCursor);
        const page = await api.get(`/api/v1/memory/kv?${query}`);
        if (mine !== generation) return;
        for (const item of page.items) listed.set(item.key, item);
        nextCursor = page.nextCursor;
        pages += 1;
      } while (nextCursor && listed.size - before < wanted && pages < 20);
    } catch (error) {
      if (mine === generation) showMessage(message, error.words + (error.details?.field ? ` — field: ${error.details.field}` : ''));
      return;
    }
    const items = [...listed.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    replace(keyList, items.length ? items.map((item) => el('li', {},
      el('button', { type: 'button', class: 'link', 'data-testid': 'memory-key-item', text: item.key, onclick: () => { key.input.value = item.key; show(item.key); } }),
      item.expiresAt ? el('span', { class: 'muted', text: ` — expires ${new Date(item.expiresAt).toLocaleString()}` }) : ''))
      : el('li', { class: 'muted', 'data-testid': 'memory-no-keys', text: pattern === '*' ? 'No keys stored yet.' : `No keys match ${pattern}.` }));
    more.hidden = !nextCursor;
  }

  async function show(name) {
    showMessage(message, '');
    try {
      const entry = await api.get(path(name));
      viewer.textContent = `${JSON.stringify(entry.data, null, 2)}${entry.expiresAt ? `\n\nexpires ${new Date(entry.expiresAt).toLocaleString()}` : ''}`;
      viewer.hidden = false;
    } catch (error) {
      viewer.hidden = true;
      if (error.status === 404) loadKeys();
      showMessage(message, error.words);
    }
  }

  refresh.addEventListener('click', () => loadKeys());
  more.addEventListener('click', () => loadKeys({ reset: false }));
  filter.input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); loadKeys(); } });
  view.addEventListener('click', () => { if (key.input.reportValidity()) show(key.input.value); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    showMessage(message, '');
    let data;
    try { data = JSON.parse(value.input.value || 'null'); } catch (error) { showMessage(message, `The value is not JSON: ${error.message}`); return; }
    const body = { data };
    if (ttl.input.value) body.ttlSeconds = Number(ttl.input.value);
    try {
      await api.put(path(key.input.value), body);
      showMessage(message, `Stored ${key.input.value}.`, 'notice');
      loadKeys();
    } catch (error) {
      showMessage(message, error.words + (error.details?.field ? ` — field: ${error.details.field}` : ''));
    }
  });
  remove.addEventListener('click', async () => {
    if (!key.input.reportValidity()) return;
    try {
      await api.delete(path(key.input.value));
      viewer.hidden = true;
      showMessage(message, `Deleted ${key.input.value}.`, 'notice');
      loadKeys();
    } catch (error) {
      showMessage(message, error.words);
    }
  });

  const pattern = field('Pattern (glob: * ? [ ])', { type: 'text', required: true, maxlength: 256, 'data-testid': 'memory-pattern' });
  const invalidate = el('button', { type: 'submit', 'data-testid': 'memory-invalidate', text: 'Invalidate matching keys' });
  const patternForm = el('form', { class: 'card', 'aria-labelledby': 'inv-title' }, el('h2', { id: 'inv-title', text: 'Invalidate by pattern' }), pattern.row, invalidate);
  patternForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      const result = await api.post('/api/v1/memory/invalidate', { pattern: pattern.input.value });
      loadKeys();
      showMessage(message, `${result.deleted} key${result.deleted === 1 ? '' : 's'} invalidated.`, 'notice');
    } catch (error) {
      showMessage(message, error.words);
    }
  });

  const vector = field('Query vector (numbers separated by commas)', { type: 'text', required: true, 'data-testid': 'memory-vector' });
  const limit = field('Results', { type: 'number', min: 1, max: 100, value: 5, 'data-testid': 'memory-limit' });
  const search = el('button', { type: 'submit', 'data-testid': 'memory-search', text: 'Search similar' });
  const matches = el('ol', { 'data-testid': 'memory-matches', 'aria-live': 'polite' });
  const searchForm = el('form', { class: 'card', 'aria-labelledby': 'search-title' }, el('h2', { id: 'search-title', text: 'Similarity search' }), vector.row, limit.row, search, matches);
  searchForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    showMessage(message, '');
    const numbers = vector.input.value.split(/[\s,]+/).filter(Boolean).map(Number);
    if (!numbers.length || numbers.some((n) => !Number.isFinite(n))) { showMessage(message, 'The vector must be a list of numbers.'); return; }
    try {
      const found = await api.post('/api/v1/memory/embeddings/search', { vector: numbers, limit: Number(limit.input.value || 5) });
      replace(matches, found.length ? found.map((match) => el('li', { 'data-testid': 'memory-match' },
        el('code', { text: match.id }), ` — score ${match.score.toFixed(4)} `, el('span', { class: 'muted', text: JSON.stringify(match.metadata) })))
        : el('li', { class: 'muted', text: 'No embeddings stored yet.' }));
    } catch (error) {
      showMessage(message, error.words);
    }
  });

  replace(context.main, el('h1', { text: 'Memory' }), message, form, patternForm, searchForm);
  loadKeys();
}
