// qeval report.html: filters, search, expandable cases and the side-by-side view.
// Shipped inline and allowed by its hash in the page's CSP. Reads the cases from the JSON
// element #data and builds every node with textContent: no data ever reaches innerHTML.
// Rows are rendered a page at a time, so 10,000 cases cost what 150 do until you scroll.
(() => {
  const PAGE = 150;
  const data = document.getElementById('data');
  /** @type {any[]} */
  const cases = JSON.parse(data ? data.textContent || '[]' : '[]');
  const form = /** @type {HTMLFormElement} */ (document.getElementById('filters'));
  const list = document.getElementById('list');
  const side = document.getElementById('side');
  const more = document.getElementById('more');
  const count = document.getElementById('count');
  if (!form || !list || !side || !more || !count) return;

  const ORDER = { fail: 0, error: 1, pass: 2, skipped: 3 };
  const LABEL = { fail: 'fail', error: 'error', pass: 'pass', skipped: 'skip' };
  /** @type {(string|undefined)[]} */
  const hay = new Array(cases.length);
  let view = 'list';
  /** @type {any[]} */
  let current = [];
  let shown = 0;

  // Side-by-side columns: one per model (and prompt variant, when the run has several).
  const colKey = (c) => (c.v ? `${c.m} · ${c.v}` : c.m);
  const rowKey = (c) => `${c.s}\u0000${c.t}\u0000${c.g || ''}\u0000${c.k}`;
  const columns = [...new Set(cases.map(colKey))];
  /** @type {Map<string, Map<string, any>> | null} Built on first use of the side-by-side view. */
  let gridCache = null;
  function grid() {
    if (gridCache) return gridCache;
    gridCache = new Map();
    for (const c of cases) {
      const k = rowKey(c);
      const row = gridCache.get(k) || new Map();
      gridCache.set(k, row);
      row.set(colKey(c), c);
    }
    return gridCache;
  }

  /**
   * @param {string} tag
   * @param {string} [cls]
   * @param {unknown} [text]
   */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  const num = (x) => (x === null || x === undefined ? '—' : x.toFixed(2));
  const ms = (x) =>
    x === null || x === undefined ? '—' : x < 1000 ? `${Math.round(x)} ms` : `${(x / 1000).toFixed(2)} s`;
  const usd = (x) => (x === null || x === undefined ? '—' : `$${x.toFixed(x < 0.01 ? 5 : 4)}`);
  const snippet = (s, n) => {
    if (s === null || s === undefined) return '';
    const flat = s.replace(/\s+/g, ' ').trim();
    return flat.length > n ? `${flat.slice(0, n)}…` : flat;
  };

  function badge(status) {
    return el('span', `badge ${status}`, LABEL[status] || status);
  }

  function haystack(i) {
    let h = hay[i];
    if (h === undefined) {
      const c = cases[i];
      const parts = [c.i, c.t, c.n || '', c.s, c.f, c.m, c.v || '', c.g || '', c.tg.join(' '), c.o || ''];
      for (const m of c.msg) parts.push(m[1]);
      for (const m of c.tr || []) {
        parts.push(m[3]);
        for (const call of m[4] || []) parts.push(call[0], call[1]);
      }
      for (const a of c.a) parts.push(a[0], a[4]);
      if (c.e) parts.push(c.e[0], c.e[1]);
      h = parts.join('\n').toLowerCase();
      hay[i] = h;
    }
    return h;
  }

  function readState() {
    const f = new FormData(form);
    return {
      statuses: new Set(f.getAll('status')),
      model: String(f.get('model') || ''),
      lang: String(f.get('lang') || ''),
      tag: String(f.get('tag') || ''),
      suite: String(f.get('suite') || ''),
      sort: String(f.get('sort') || 'status'),
      q: String(f.get('q') || '')
        .trim()
        .toLowerCase(),
      diff: f.get('diff') === 'on',
    };
  }

  function matches(i, s, ignoreModel) {
    const c = cases[i];
    if (!s.statuses.has(c.st)) return false;
    if (!ignoreModel && s.model && c.m !== s.model) return false;
    if (s.lang && c.g !== s.lang) return false;
    if (s.suite && c.s !== s.suite) return false;
    if (s.tag && !c.tg.includes(s.tag)) return false;
    if (s.q && !haystack(i).includes(s.q)) return false;
    return true;
  }

  function compare(sort) {
    if (sort === 'score') return (a, b) => (a.sc ?? 2) - (b.sc ?? 2) || ORDER[a.st] - ORDER[b.st];
    if (sort === 'latency') return (a, b) => (b.ms ?? -1) - (a.ms ?? -1);
    if (sort === 'id') return (a, b) => (a.i < b.i ? -1 : a.i > b.i ? 1 : 0);
    return (a, b) => ORDER[a.st] - ORDER[b.st];
  }

  // ---- detail of one case ------------------------------------------------------------------

  function block(title, text, cls) {
    const wrap = el('div', 'block');
    wrap.append(el('div', 'block-title', title));
    const pre = el('pre', cls || 'text', text);
    pre.dir = 'auto';
    wrap.append(pre);
    return wrap;
  }

  function detail(c) {
    const d = el('div', 'detail');
    const meta = el('dl', 'kv');
    const add = (k, v) => {
      const item = el('div');
      item.append(el('dt', '', k), el('dd', '', v));
      meta.append(item);
    };
    add('id', c.i);
    add('where', `${c.f}:${c.l}`);
    add(
      'status',
      c.st +
        (c.sc === null ? '' : ` · score ${num(c.sc)}${c.th === null ? '' : ` (threshold ${num(c.th)})`}`),
    );
    add('latency', ms(c.ms));
    if (c.tok) add('tokens', `${c.tok[0]} in · ${c.tok[1]} out · ${c.tok[2]} total`);
    add('cost', usd(c.c));
    add('source', c.src === 'cassette' ? 'cassette (replayed)' : c.src === 'live' ? 'live call' : '—');
    if (c.fr) add('finish', c.fr);
    if (c.tg.length) add('tags', c.tg.join(', '));
    d.append(meta);
    if (c.e) {
      const err = el('div', 'error-box');
      err.append(el('strong', '', `${c.e[0]}${c.e[2] ? ` (HTTP ${c.e[2]})` : ''}: `));
      const msg = el('span', '', c.e[1]);
      msg.dir = 'auto';
      err.append(msg);
      if (c.e[3]) err.append(el('pre', 'text', c.e[3]));
      d.append(err);
    }
    if (c.tr) d.append(transcript(c.tr, c.te));
    else {
      const convo = el('div', 'convo');
      for (const m of c.msg)
        convo.append(block(m[0], m[1], `text role-${m[0] === 'system' ? 'system' : 'user'}`));
      convo.append(c.o === null ? el('p', 'muted', 'No response.') : block('response', c.o, 'text output'));
      d.append(convo);
    }
    if (c.a.length) d.append(assertionTable(c.a));
    return d;
  }

  // ---- transcript of a case with tools or a conversation -----------------------------------

  /** A JSON text pretty-printed; any other text as it is. */
  function pretty(s) {
    try {
      const v = JSON.parse(s);
      return v !== null && typeof v === 'object' ? JSON.stringify(v, null, 2) : s;
    } catch {
      return s;
    }
  }

  /**
   * The conversation in order: each message under its turn and step, the assistant's tool calls
   * with their arguments pretty-printed, each tool's result (an error result marked), and the
   * last assistant message shown as the answer.
   * @param {any[]} steps [role, turn, step, text, calls, tool name, error, written by a simulated user]
   * @param {string | undefined} ended how a simulated user's dialogue ended
   */
  function transcript(steps, ended) {
    const list = el('ol', 'transcript');
    let last = -1;
    steps.forEach((m, i) => {
      if (m[0] === 'assistant') last = i;
    });
    steps.forEach((m, i) => {
      const [role, turn, step, text, calls, name, error, simulated] = m;
      const item = el('li', `t-msg t-${role}${error ? ' t-error' : ''}`);
      const where = `turn ${turn}${step ? ` · step ${step}` : ''}`;
      const who = role === 'tool' ? `tool result · ${name || '?'}` : simulated ? `${role} (simulated)` : role;
      item.append(el('div', 'block-title', `${where} · ${who}`));
      const said = role === 'tool' ? pretty(text) : text;
      if (said || !calls) {
        const cls =
          role === 'assistant' ? (i === last ? 'text output' : 'text role-assistant') : `text role-${role}`;
        const pre = el('pre', cls, said);
        pre.dir = 'auto';
        item.append(pre);
      }
      if (error) {
        const why = el('div', 't-why', `error: ${error}`);
        why.dir = 'auto';
        item.append(why);
      }
      for (const call of calls || []) {
        const box = el('div', 't-call');
        box.append(el('div', 't-call-name', `→ ${call[0]}`));
        const args = el('pre', 'text t-args', pretty(call[1]));
        args.dir = 'auto';
        box.append(args);
        item.append(box);
      }
      list.append(item);
    });
    if (ended) list.append(el('li', 't-end', ended));
    return list;
  }

  function assertionTable(rows) {
    const t = el('table', 'assertions');
    const head = el('tr');
    for (const h of ['', 'assertion', 'score', 'weight', 'reason']) head.append(el('th', '', h));
    const thead = el('thead');
    thead.append(head);
    t.append(thead);
    const body = el('tbody');
    for (const a of rows) {
      const tr = el('tr', a[5] ? 'a-error' : a[1] ? 'a-pass' : 'a-fail');
      tr.append(el('td', 'mark', a[5] ? '!' : a[1] ? '✓' : '✗'), el('td', 'a-name', a[0]));
      tr.append(el('td', 'num', num(a[2])), el('td', 'num', a[3]));
      const reason = el('td', 'reason', a[4]);
      reason.dir = 'auto';
      tr.append(reason);
      body.append(tr);
      // A vote: one row per grader under its assertion, with its own verdict and reason.
      for (const g of a[6] || []) {
        const gr = el('tr', `grader ${g[1] ? 'a-pass' : 'a-fail'}`);
        gr.append(el('td', 'mark', g[1] ? '✓' : '✗'), el('td', 'a-name', `↳ grader ${g[0]}`));
        gr.append(el('td', 'num', num(g[2])), el('td', 'num', ''));
        const why = el('td', 'reason', g[3]);
        why.dir = 'auto';
        gr.append(why);
        body.append(gr);
      }
    }
    t.append(body);
    return t;
  }

  // ---- list view ---------------------------------------------------------------------------

  function listRow(c) {
    const row = el('div', `row st-${c.st}`);
    row.setAttribute('role', 'row');
    const btn = el('button', 'row-main');
    btn.type = 'button';
    btn.setAttribute('aria-expanded', 'false');
    btn.append(badge(c.st));
    const test = el('span', 'test');
    test.append(el('span', 'tid', c.t), el('span', 'tname muted', c.n ? ` ${c.n}` : ''));
    btn.append(test, el('span', 'lang', c.g || '—'), el('span', 'model', c.v ? `${c.m} · ${c.v}` : c.m));
    btn.append(el('span', 'num score', num(c.sc)), el('span', 'num lat', ms(c.ms)));
    const snip = el('span', 'snip', c.o === null ? (c.e ? c.e[1] : '') : snippet(c.o, 160));
    snip.dir = 'auto';
    btn.append(snip);
    btn.addEventListener('click', () => {
      const open = btn.getAttribute('aria-expanded') === 'true';
      btn.setAttribute('aria-expanded', String(!open));
      if (open) row.lastChild && row.lastChild !== btn && row.removeChild(row.lastChild);
      else row.append(detail(c));
    });
    row.append(btn);
    return row;
  }

  // ---- side-by-side view -------------------------------------------------------------------

  function sideHeader() {
    const h = el('div', 'side-row side-head');
    h.append(el('div', 'side-test', 'test'));
    for (const col of columns) h.append(el('div', 'side-cell', col));
    return h;
  }

  function differs(row) {
    const seen = new Set();
    for (const col of columns) {
      const c = row.get(col);
      seen.add(c ? c.st : 'missing');
    }
    return seen.size > 1;
  }

  /**
   * Which cells to highlight in a row that differs: the ones that did not pass when another
   * column passed, else the ones that disagree with the majority.
   */
  function oddOnes(row) {
    const cells = [...row.values()];
    if (cells.some((c) => c.st === 'pass')) return new Set(cells.filter((c) => c.st !== 'pass'));
    const tally = new Map();
    for (const c of cells) tally.set(c.st, (tally.get(c.st) || 0) + 1);
    const top = Math.max(...tally.values());
    return new Set(cells.filter((c) => tally.get(c.st) < top));
  }

  function sideRow(row) {
    const any = row.values().next().value;
    const diff = differs(row);
    const wrap = el('div', `side-group${diff ? ' differs' : ''}`);
    const r = el('button', 'side-row');
    r.type = 'button';
    r.setAttribute('aria-expanded', 'false');
    const head = el('div', 'side-test');
    head.append(el('span', 'tid', any.t), el('span', 'lang', any.g || ''), el('span', 'muted', ` #${any.k}`));
    if (diff) head.append(el('span', 'diff-tag', 'differs'));
    r.append(head);
    const odd = diff ? oddOnes(row) : new Set();
    for (const col of columns) {
      const c = row.get(col);
      const cell = el('div', 'side-cell');
      if (!c) {
        cell.append(el('span', 'muted', 'not run'));
      } else {
        if (odd.has(c)) cell.classList.add('odd');
        const top = el('div', 'cell-top');
        top.append(badge(c.st), el('span', 'num', num(c.sc)), el('span', 'num muted', ms(c.ms)));
        const out = el('div', 'cell-out', c.o === null ? (c.e ? c.e[1] : '') : snippet(c.o, 220));
        out.dir = 'auto';
        cell.append(top, out);
      }
      r.append(cell);
    }
    r.addEventListener('click', () => {
      const open = r.getAttribute('aria-expanded') === 'true';
      r.setAttribute('aria-expanded', String(!open));
      if (open) {
        const d = wrap.querySelector('.side-detail');
        if (d) d.remove();
        return;
      }
      const d = el('div', 'side-detail');
      // An empty first column keeps each detail under its own column.
      d.append(el('div'));
      for (const col of columns) {
        const c = row.get(col);
        const cell = el('div', 'side-cell');
        cell.append(el('div', 'col-name', col));
        if (c) {
          cell.append(
            c.o === null
              ? el('p', 'muted', c.e ? c.e[1] : 'No response.')
              : block('response', c.o, 'text output'),
          );
          if (c.a.length) cell.append(assertionTable(c.a));
        }
        d.append(cell);
      }
      wrap.append(d);
    });
    wrap.append(r);
    return wrap;
  }

  // ---- rendering ---------------------------------------------------------------------------

  function renderMore() {
    const target = view === 'side' ? side : list;
    const make = view === 'side' ? sideRow : listRow;
    const end = Math.min(current.length, shown + PAGE);
    const frag = document.createDocumentFragment();
    for (let i = shown; i < end; i++) frag.append(make(current[i]));
    target.append(frag);
    shown = end;
    const left = current.length - shown;
    more.hidden = left <= 0;
    more.textContent = `Show ${Math.min(PAGE, left)} more (${left.toLocaleString('en-US')} not shown)`;
  }

  function apply() {
    const s = readState();
    const cmp = compare(s.sort);
    if (view === 'side') {
      /** @type {Map<string, Map<string, any>>} */
      const keep = new Map();
      for (let i = 0; i < cases.length; i++) {
        if (!matches(i, s, true)) continue;
        const k = rowKey(cases[i]);
        if (!keep.has(k)) keep.set(k, grid().get(k));
      }
      current = [...keep.values()].filter((row) => !s.diff || differs(row));
      // Rows that disagree first, then by the worst status in the row.
      const worst = (row) => Math.min(...[...row.values()].map((c) => ORDER[c.st]));
      current.sort((a, b) => Number(differs(b)) - Number(differs(a)) || worst(a) - worst(b));
      count.textContent = `${current.length.toLocaleString('en-US')} tests × ${columns.length} columns`;
    } else {
      const out = [];
      for (let i = 0; i < cases.length; i++) if (matches(i, s, false)) out.push(cases[i]);
      current = out.sort(cmp);
      count.textContent = `${current.length.toLocaleString('en-US')} of ${cases.length.toLocaleString('en-US')}`;
    }
    list.textContent = '';
    side.textContent = '';
    if (view === 'side') side.append(sideHeader());
    shown = 0;
    list.hidden = view === 'side';
    side.hidden = view !== 'side';
    if (current.length === 0) {
      (view === 'side' ? side : list).append(el('p', 'empty muted', 'No case matches these filters.'));
    }
    renderMore();
  }

  let timer = 0;
  form.addEventListener('input', (e) => {
    clearTimeout(timer);
    // Typing in the search box re-filters after a pause; every other control at once.
    if (/** @type {HTMLElement} */ (e.target).getAttribute('name') === 'q')
      timer = window.setTimeout(apply, 150);
    else apply();
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  more.addEventListener('click', renderMore);
  if ('IntersectionObserver' in window) {
    new IntersectionObserver(
      (entries) => {
        if (entries.some((x) => x.isIntersecting) && !more.hidden) renderMore();
      },
      { rootMargin: '400px' },
    ).observe(more);
  }
  for (const b of document.querySelectorAll('.view-btn')) {
    b.addEventListener('click', () => {
      view = b.getAttribute('data-view') || 'list';
      for (const o of document.querySelectorAll('.view-btn')) o.setAttribute('aria-pressed', String(o === b));
      const diff = form.querySelector('.only-diff');
      if (diff) /** @type {HTMLElement} */ (diff).hidden = view !== 'side';
      apply();
    });
  }
  // Rows of the breakdown and parity tables filter the cases when clicked.
  for (const a of document.querySelectorAll('[data-filter]')) {
    a.addEventListener('click', (e) => {
      e.preventDefault();
      const spec = a.getAttribute('data-filter') || '';
      const at = spec.indexOf('=');
      const field = /** @type {HTMLSelectElement|null} */ (form.elements.namedItem(spec.slice(0, at)));
      if (field) field.value = spec.slice(at + 1);
      apply();
      document.getElementById('cases')?.scrollIntoView();
    });
  }
  apply();
  document.documentElement.dataset.ready = 'true';
})();
