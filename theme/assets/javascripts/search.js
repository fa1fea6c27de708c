// Site search: the box in the header of every page and the search page (/search/), both on
// Pagefind's index (built from the written site by generator/search.py). Nothing of the index is
// downloaded until a visitor focuses a search box or arrives at the search page with a query;
// then Pagefind fetches only the small pieces of the index a search needs. Results are a list
// of links; their number is announced in a live region. Every piece of text from the index is
// set as text, never as HTML.

// --- the words it writes -------------------------------------------------------------------

// In the page's language: the page's `words` (generator/i18n/theme_words.py), given by
// theme/main.html as JSON in #cp-words; English where a page has none. A message's named
// placeholders, `%(name)s`, are filled from `values`.
const WORDS = (() => {
  const block = typeof document === "undefined" ? null : document.getElementById("cp-words");
  try { return block ? JSON.parse(block.textContent) : {}; } catch (error) { return {}; }
})();

function fill(text, values) {
  return text.replace(/%\((\w+)\)s/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
}

function word(key, english, values) {
  return fill(typeof WORDS[key] === "string" ? WORDS[key] : english, values);
}

// A message with a count, in the form the page's language uses for `n` (its CLDR plural category,
// as the browser's Intl.PluralRules gives it: `one`, `few`, `other`…; keyed `results_one`).
function counted(key, n, [one, other], values) {
  let category = "other";
  try { category = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (error) { /* other */ }
  const text = WORDS[`${key}_${category}`] || WORDS[`${key}_other`] || (n === 1 ? one : other);
  return fill(text, { count: n, ...values });
}

const ITEM_ANCHOR = /#(?:milestone|action)-/;
const PAGE_LIMIT = { box: 5, page: 10 };
const ITEMS_PER_PAGE = 3;
const FILTERS = [
  ["plan", word("filter_plan", "Plan"), word("filter_plan_any", "Any plan")],
  ["status", word("filter_status", "Status"), word("filter_status_any", "Any status")],
  ["kind", word("filter_kind", "Kind of page"), word("filter_kind_any", "Any kind")],
];
// The kind of page of an item's latest position, as the index names it (generator/pages.py).
const LATEST = word("kind_latest", "Latest position");
// Each filter is stored as one Pagefind filter per choice, with one value ("plan bvip-2017-18":
// "Best Value Improvement Plan 2017-18", "kind Guide": "Guide"): see generator/pages.py `Indexing`.

function filterValue(filters, name) {
  const key = Object.keys(filters || {}).find((k) => k.startsWith(name + " "));
  return key ? (filters[key][0] || "") : "";
}

// --- the query --------------------------------------------------------------------------

// A reference as people type or cite it, made into the form the index holds: dashes of any
// kind and spaces around them ("19 – 5") become "19-5"; "19/5" becomes "19-5"; "m 19-5"
// becomes "M19-5"; "BVIP19-5" becomes "BVIP 19-5". Other words are left as typed.
export function normalise(query) {
  let q = (query || "").normalize("NFKC").replace(/[\u2010-\u2015\u2212]/g, "-").replace(/\s+/g, " ").trim();
  q = q.replace(/(\d) ?([-.]) ?(?=\d)/g, "$1$2").replace(/(\d)\/(?=\d)/g, "$1-");
  q = q.replace(/(^|\s)([mar]) (?=\d)/gi, (_, space, letter) => space + letter.toUpperCase());
  q = q.replace(/(^|\s)([a-z]{2,})(?=[mar]?\d+[-.]\d)/gi, "$1$2 ");
  return q;
}

// The bare reference a query asks for, if it is one ("BVIP M19-5" -> "19-5"), else "".
export function referenceIn(query) {
  const match = /^(?:[a-z][a-z0-9]* )?[mar]?(\d+(?:[-.]\d+)*[a-z]?)$/i.exec(normalise(query));
  return match ? match[1].replace(/\./g, "-") : "";
}

// --- loading Pagefind, once, on first use -----------------------------------------------

let loading = null;

function pagefind(root) {
  if (!loading) {
    loading = import(new URL("pagefind/pagefind.js", root).href).then(async (pf) => {
      await pf.options({ baseUrl: new URL(root).pathname });
      return pf;
    });
    loading.catch(() => { loading = null; });
  }
  return loading;
}

// --- turning Pagefind's results into entries ------------------------------------------------

function score(sub) {
  return (sub.weighted_locations || []).reduce((sum, w) => sum + (w.balanced_score || w.weight || 0), 0);
}

// An action with milestones is found at its heading, `#action-4-heading`; its address is `#action-4`.
function itemUrl(url) {
  return url.replace(/-heading$/, "");
}

function statusOf(data, url) {
  const anchor = itemUrl(url).split("#")[1] || "";
  const value = (data.meta || {})["status-" + anchor];
  if (!value) return null;
  const [scale, label] = value.split("|");
  return { scale, label: label || scale };
}

// The snippet without the other forms of references (written for the index only; a snippet
// may begin or end inside them) and without the title it would repeat.
function cleanExcerpt(text, title) {
  let clean = (text || "").replace(/\(cited as [^)]*(?:\)\s*|$)/gi, "").trim();
  const close = clean.indexOf(")"), open = clean.indexOf("(");
  if (close >= 0 && (open < 0 || close < open) && /^[^)]*\b[A-Z]{0,2}\d+(?:[-.]\d+)*\)/.test(clean)) {
    clean = clean.slice(close + 1).trim();
  }
  if (title && clean.startsWith(title)) clean = clean.slice(title.length).replace(/^[.\s]+/, "");
  return clean;
}

// One page of results becomes one entry, or one per matching action or milestone on it (the
// best three), each linking to its own anchor. With a status filter, only the items at that
// status are shown.
function hasEvery(sub, words) {
  const text = `${sub.title} ${sub.plain_excerpt || ""}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

export function entries(data, status, query) {
  const plan = (data.meta || {}).plan || "";
  const kind = filterValue(data.filters, "kind");
  const subs = [...(data.sub_results || [])].sort((a, b) => score(b) - score(a));
  let items = subs.filter((sub) => ITEM_ANCHOR.test(sub.url));
  // Where some items hold every word searched for ("BVIP" and "19-5"), those alone are shown.
  const words = normalise(query || "").toLowerCase().split(" ").filter(Boolean);
  if (items.some((sub) => hasEvery(sub, words))) items = items.filter((sub) => hasEvery(sub, words));
  if (status) items = items.filter((sub) => (statusOf(data, sub.url) || {}).scale === status);
  if (items.length) {
    return items.slice(0, ITEMS_PER_PAGE).map((sub) => ({
      url: itemUrl(sub.url), title: sub.title, plan, kind, status: statusOf(data, sub.url),
      excerpt: cleanExcerpt(sub.plain_excerpt, sub.title),
    }));
  }
  if (status) return [];
  const best = subs[0];
  const title = (data.meta || {}).title || data.url;
  const anchored = best && best.url.includes("#") && best.title !== title;
  return [{
    url: anchored ? best.url : data.url, title: anchored ? `${title}: ${best.title}` : title, plan, kind, status: null,
    excerpt: cleanExcerpt(best ? best.plain_excerpt : data.plain_excerpt, anchored ? best.title : title),
  }];
}

// References first: for a query that is a reference, the entries whose title starts with it
// come first, the latest position before quarterly updates.
export function referencesFirst(list, query) {
  const ref = referenceIn(query);
  if (!ref) return list;
  const rank = (e) => (e.title.startsWith(ref + " ") || e.title === ref || e.title.includes(" " + ref + ":")
    ? (e.kind === LATEST ? 0 : 1) : 2);
  return list.map((e, i) => [rank(e), i, e]).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((x) => x[2]);
}

// --- drawing the results ----------------------------------------------------------------------

function highlighted(text, query) {
  const fragment = document.createDocumentFragment();
  const words = normalise(query).split(" ").filter((w) => w.length > 1)
    .flatMap((w) => (/\d[-.]\d/.test(w) ? [w, w.replace(/-/g, "\u0000").replace(/\./g, "-").replace(/\u0000/g, ".")] : [w]))
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!words.length) { fragment.append(text); return fragment; }
  const pattern = new RegExp(`(${words.join("|")})`, "gi");
  text.split(pattern).forEach((part, i) => {
    if (i % 2) { const mark = document.createElement("mark"); mark.textContent = part; fragment.append(mark); }
    else if (part) fragment.append(part);
  });
  return fragment;
}

function resultItem(entry, query) {
  const li = document.createElement("li");
  li.className = "cp-result";
  const link = document.createElement("a");
  link.className = "cp-result__link";
  link.href = entry.url;
  link.append(highlighted(entry.title, query));
  li.append(link);
  const where = [entry.plan, entry.kind].filter(Boolean).join(" · ");
  if (where || entry.status) {
    const p = document.createElement("p");
    p.className = "cp-result__where";
    p.textContent = where;
    if (entry.status) {
      const status = document.createElement("span");
      status.className = "cp-result__status";
      status.dataset.scale = entry.status.scale;
      status.textContent = (where ? " · " : "") + word("result_status", "Status: %(status)s", { status: entry.status.label });
      p.append(status);
    }
    li.append(p);
  }
  if (entry.excerpt) {
    const p = document.createElement("p");
    p.className = "cp-result__excerpt";
    p.append(highlighted(entry.excerpt, query));
    li.append(p);
  }
  return li;
}

function countSentence(shown, pages, query, more) {
  if (!shown) return word("no_results", "No results for “%(query)s”.", { query });
  if (more) {
    return counted("results_more", shown, ["%(count)s result for “%(query)s”, from the first %(pages)s pages found.",
      "%(count)s results for “%(query)s”, from the first %(pages)s pages found."], { query, pages });
  }
  return counted("results", shown, ["%(count)s result for “%(query)s”.", "%(count)s results for “%(query)s”."], { query });
}

// --- one search interface: the header box, or the search page ---------------------------------

class Search {
  constructor(form) {
    this.form = form;
    this.mode = form.dataset.cpSearch;
    this.input = form.querySelector('input[type="search"]');
    // The site's root, where Pagefind's files are: two folders above this script
    // (assets/javascripts/), whichever language's page or search page the form is on.
    this.root = new URL("../../", import.meta.url).href;
    const scope = this.mode === "box" ? form : document.querySelector(".cp-search-results");
    this.count = scope.querySelector(".cp-search__count");
    this.list = scope.querySelector(".cp-results");
    this.more = scope.querySelector(".cp-search__more");
    this.panel = form.querySelector(".cp-search__panel");
    this.all = form.querySelector(".cp-search__all a");
    this.sequence = 0;
    this.results = [];
    this.shownPages = 0;
    this.timer = 0;
    this.values = {};
  }

  filters() {
    const chosen = {};
    for (const [name] of FILTERS) {
      const select = this.form.querySelector(`select[name="${name}"]`);
      if (select && select.value) chosen[name] = select.value;
    }
    return chosen;
  }

  async search(query) {
    const sequence = ++this.sequence;
    const q = normalise(query);
    if (!q) { this.clear(); return; }
    const pf = await pagefind(this.root);
    const filters = {};
    for (const [name, choice] of Object.entries(this.filters())) {
      filters[`${name} ${choice}`] = this.values[`${name} ${choice}`] || choice;
    }
    const found = await pf.search(q, Object.keys(filters).length ? { filters } : {});
    if (sequence !== this.sequence || !found) return;
    this.query = query.trim();
    this.results = found.results;
    this.shownPages = 0;
    this.list.replaceChildren();
    await this.showMore(false);
  }

  async showMore(moveFocus) {
    const sequence = this.sequence;
    const from = this.shownPages;
    const next = this.results.slice(from, from + PAGE_LIMIT[this.mode]);
    const pages = await Promise.all(next.map((r) => r.data()));
    if (sequence !== this.sequence) return;
    const status = this.filters().status;
    const found = referencesFirst(pages.flatMap((d) => entries(d, status, this.query)), this.query);
    const limit = this.mode === "box" ? PAGE_LIMIT.box : Infinity;
    const items = found.slice(0, limit).map((e) => resultItem(e, this.query));
    this.list.append(...items);
    this.shownPages = from + next.length;
    const remaining = this.shownPages < this.results.length;
    this.count.textContent = countSentence(this.list.children.length, this.shownPages, this.query, remaining);
    if (this.more) this.more.hidden = !remaining;
    if (this.panel) this.panel.hidden = false;
    if (this.all) this.all.href = `${this.form.action}?q=${encodeURIComponent(this.query)}`;
    if (moveFocus && items.length) items[0].querySelector("a").focus();
  }

  clear() {
    this.sequence++;
    this.list.replaceChildren();
    this.count.textContent = "";
    if (this.more) this.more.hidden = true;
    if (this.panel) this.panel.hidden = true;
  }
}

// The header box: results as the visitor types, under the box; Down arrow moves into them,
// Escape closes them and returns to the box.
function box(form) {
  const ui = new Search(form);
  const warm = () => { pagefind(ui.root).catch(() => {}); };
  ui.input.addEventListener("focus", warm, { once: true });
  ui.input.addEventListener("input", () => {
    clearTimeout(ui.timer);
    ui.timer = setTimeout(() => ui.search(ui.input.value), 150);
  });
  form.addEventListener("keydown", (event) => {
    const links = [...ui.list.querySelectorAll("a")];
    const at = links.indexOf(document.activeElement);
    if (event.key === "Escape" && !ui.panel.hidden) {
      ui.input.focus();
      ui.panel.hidden = true;
      event.preventDefault();
    } else if (event.key === "ArrowDown" && links.length && !ui.panel.hidden) {
      links[Math.min(at + 1, links.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? ui.input : links[at - 1]).focus();
      event.preventDefault();
    }
  });
  form.addEventListener("focusout", (event) => {
    if (!form.contains(event.relatedTarget)) ui.panel.hidden = true;
  });
  ui.input.addEventListener("focus", () => {
    if (ui.list.children.length) ui.panel.hidden = false;
  });
}

// The search page: the query and filters come from the address (?q=…&plan=…&status=…&kind=…),
// so a search can be bookmarked or shared; the filters list what the index holds.
async function page(form) {
  const ui = new Search(form);
  const params = new URLSearchParams(location.search);
  ui.input.value = params.get("q") || "";
  const area = form.querySelector(".cp-search-page__filters");
  try {
    const pf = await pagefind(ui.root);
    const available = await pf.filters();
    for (const [name, label, any] of FILTERS) {
      const values = Object.entries(available)
        .filter(([key]) => key.startsWith(name + " "))
        .map(([key, counts]) => [key.slice(name.length + 1), ...Object.entries(counts)[0]])
        .sort((a, b) => b[2] - a[2] || a[1].localeCompare(b[1]));
      if (!values.length) continue;
      for (const [choice, value] of values) ui.values[`${name} ${choice}`] = value;
      const wrap = document.createElement("p");
      wrap.className = "cp-search-page__filter";
      const labelEl = document.createElement("label");
      labelEl.htmlFor = `cp-filter-${name}`;
      labelEl.textContent = label;
      const select = document.createElement("select");
      select.id = `cp-filter-${name}`;
      select.name = name;
      select.append(new Option(any, ""));
      for (const [choice, value] of values) select.append(new Option(value, choice, false, choice === params.get(name)));
      select.addEventListener("change", () => { remember(); ui.search(ui.input.value); });
      wrap.append(labelEl, select);
      area.append(wrap);
    }
    area.hidden = !area.children.length;
  } catch (error) {
    ui.count.textContent = word("search_failed", "Search could not be loaded. Please try again, or browse the list of plans.");
    return;
  }
  const remember = () => {
    const next = new URLSearchParams();
    if (ui.input.value.trim()) next.set("q", ui.input.value.trim());
    for (const [name, value] of Object.entries(ui.filters())) next.set(name, value);
    history.replaceState(null, "", `${location.pathname}${next.toString() ? "?" + next : ""}`);
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    remember();
    ui.search(ui.input.value);
  });
  if (ui.more) ui.more.addEventListener("click", () => ui.showMore(true));
  if (ui.input.value) await ui.search(ui.input.value);
}

for (const form of document.querySelectorAll('form[data-cp-search="box"]')) box(form);
for (const form of document.querySelectorAll('form[data-cp-search="page"]')) page(form);
