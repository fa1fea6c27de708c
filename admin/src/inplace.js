// Edit a YAML file in place: only the values that changed are rewritten, every other byte of
// the file (comments, key order, quoting, block styles, blank lines) is kept as it was.
//
// Decap CMS hands a format the whole entry as plain data and expects the whole file back; its
// own YAML format re-serialises everything (812 changed lines for a two-value edit). Here the
// file as it was opened travels with the entry (`ORIGINAL`), is parsed again when the entry is
// saved, and each changed value is spliced into the text at the character offsets the parser
// reports. The result is parsed once more and compared with what the form holds: if the two
// differ, nothing is written and the editor is told why.

import { isMap, isScalar, isSeq, parseDocument, Document } from 'yaml';

/** The key under which the file's text, as it was opened, travels with the entry's data. */
export const ORIGINAL = '__original';

const RENDER = { lineWidth: 0, flowCollectionPadding: false };
const BY_HAND = 'so nothing was saved. Make this change in the file with a text editor instead, and tell ' +
  'whoever looks after the site.';
const BLOCK = new Set(['BLOCK_LITERAL', 'BLOCK_FOLDED']);
const QUOTED = new Set(['QUOTE_DOUBLE', 'QUOTE_SINGLE']);

/** Read a file for the form: its data, with the text itself kept under `ORIGINAL`. */
export function readFile(text) {
  const doc = parse(text);
  const data = doc.toJS() ?? {};
  return { ...data, [ORIGINAL]: text };
}

/** The file's new text: `original` with the values that differ in `data` rewritten in place.
 *  `order` gives the schema's key order (see `keyOrder` in generator/cms), where new keys go. */
export function editInPlace(original, data, order = {}) {
  const doc = parse(original);
  const before = doc.toJS() ?? {};
  const after = withoutEmpty(before, withoutOriginal(data));
  if (same(before, after)) return original;
  const edits = [];
  if (!patch(doc.contents, before, after, { text: original, indent: 0, order }, edits)) {
    throw new Error(`This change could not be written into the file without rewriting more of it, ${BY_HAND}`);
  }
  const result = applyEdits(original, edits, original.includes('\r\n') ? '\r\n' : '\n');
  const check = parse(result, 'The change would make the file unreadable');
  if (!same(check.toJS() ?? {}, after)) {
    throw new Error(`Saving would have changed other values in the file too, ${BY_HAND}`);
  }
  return result;
}

/** Every value that differs between two versions of a file's data, as `{path, before, after}`;
 *  empty values count as absent. Lists are compared item by item. */
export function changes(beforeData, afterData) {
  const before = withoutOriginal(beforeData);
  const after = withoutEmpty(before, withoutOriginal(afterData));
  const found = [];
  collectChanges(before, after, [], found);
  return found;
}

function parse(text, what = 'The file is not valid YAML') {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length) throw new Error(`${what}: ${doc.errors[0].message}`);
  return doc;
}

function withoutOriginal(data) {
  const { [ORIGINAL]: _ignored, ...rest } = data ?? {};
  return rest;
}

// --- comparing values -------------------------------------------------------------------

function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(value) {
  return value === '' || value === null || value === undefined ||
    (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

/** Loose equality: `20` and `"20"` are the same text to an editor, and `null` is `undefined`. */
function same(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => same(x, b[i]));
  }
  if (isObject(a) || isObject(b)) {
    if (!isObject(a) || !isObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every(key => same(a[key], b[key]));
  }
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  return a === b || String(a) === String(b);
}

/** `after` without the empty values the form leaves behind (a cleared number is `""`), unless
 *  the file already had that same empty value (`commentary: ""` in a new update stays). */
function withoutEmpty(before, after) {
  if (Array.isArray(after)) {
    return after.map((item, i) => withoutEmpty(Array.isArray(before) ? before[i] : undefined, item));
  }
  if (!isObject(after)) return after;
  const out = {};
  for (const [key, value] of Object.entries(after)) {
    const old = isObject(before) ? before[key] : undefined;
    if (isEmpty(value) && !(isObject(before) && key in before && same(old, value))) continue;
    out[key] = withoutEmpty(old, value);
  }
  return out;
}

function collectChanges(before, after, path, found) {
  if (same(before, after)) return;
  if (isObject(before) && isObject(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter(k => !(k in before))];
    keys.forEach(key => collectChanges(before[key], after[key], [...path, key], found));
  } else if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    for (let i = 0; i < length; i++) collectChanges(before[i], after[i], [...path, i], found);
  } else {
    found.push({ path, before, after });
  }
}

// --- planning the edits ------------------------------------------------------------------

/** Add to `edits` the text changes that turn `node` (holding `before`) into `after`; false when
 *  that cannot be done inside the node, so the caller rewrites the node whole. `ctx.indent` is
 *  the column of the key or list dash that owns the node. */
function patch(node, before, after, ctx, edits) {
  if (same(before, after)) return true;
  if (isScalar(node) && !isObject(after) && !Array.isArray(after) && after !== undefined) {
    edits.push(replaceScalar(node, before, after, ctx));
    return true;
  }
  if (isMap(node) && !node.flow && isObject(before) && isObject(after)) return patchMap(node, before, after, ctx, edits);
  if (isSeq(node) && !node.flow && Array.isArray(before) && Array.isArray(after)) {
    return patchSeq(node, before, after, ctx, edits);
  }
  return false;
}

function patchMap(node, before, after, ctx, edits) {
  const { text } = ctx;
  const order = ctx.order?.keys ?? [];
  const rank = key => (order.includes(key) ? order.indexOf(key) : order.length);
  const pairs = node.items;
  if (!pairs.every(pair => isScalar(pair.key) && pair.key.range)) return false;
  for (const pair of pairs) {
    const key = String(pair.key.value);
    const indent = column(text, pair.key.range[0]);
    if (!(key in after)) {
      if (!startsLine(text, pair.key.range[0])) return false;  // the first key after a list dash
      edits.push({ start: lineStart(text, pair.key.range[0]), end: pairEnd(text, pair), text: '' });
    } else if (!same(before[key], after[key])) {
      const child = { text, indent, order: ctx.order?.children?.[key] };
      if (pair.value && patch(pair.value, before[key], after[key], child, edits)) continue;
      edits.push({ start: pair.key.range[0], end: pairEnd(text, pair), text: renderPair(key, after[key], indent) + '\n' });
    }
  }
  const added = Object.keys(after).filter(key => !(key in before)).sort((a, b) => rank(a) - rank(b));
  for (const key of added) {
    // A new key goes after the last key that comes before it in the schema's order.
    const earlier = pairs.filter(pair => rank(String(pair.key.value)) <= rank(key)).pop();
    const anchor = earlier ?? pairs[0];
    if (!anchor || (!earlier && !startsLine(text, anchor.key.range[0]))) return false;
    const indent = column(text, anchor.key.range[0]);
    const at = earlier ? pairEnd(text, earlier) : lineStart(text, anchor.key.range[0]);
    const newline = at > 0 && text[at - 1] !== '\n' ? '\n' : '';
    edits.push({ start: at, end: at, text: newline + ' '.repeat(indent) + renderPair(key, after[key], indent) + '\n' });
  }
  return true;
}

function patchSeq(node, before, after, ctx, edits) {
  const { text } = ctx;
  const items = node.items;
  if (!items.length || !items.every(item => item && item.range)) return false;
  const dashes = items.map(item => dashAt(text, item.range[0]));
  if (dashes.some(dash => dash === -1)) return false;
  const indent = column(text, dashes[0]);
  const itemCtx = { text, indent, order: ctx.order?.items };
  for (let i = 0; i < Math.min(before.length, after.length); i++) {
    if (same(before[i], after[i]) || patch(items[i], before[i], after[i], itemCtx, edits)) continue;
    edits.push({ start: dashes[i], end: nodeEnd(text, items[i]), text: renderItem(after[i], indent) + '\n' });
  }
  for (let i = after.length; i < before.length; i++) {
    if (!startsLine(text, dashes[i])) return false;
    edits.push({ start: lineStart(text, dashes[i]), end: nodeEnd(text, items[i]), text: '' });
  }
  if (after.length > before.length) {
    const at = nodeEnd(text, items[items.length - 1]);
    const newline = text[at - 1] !== '\n' ? '\n' : '';
    const added = after.slice(before.length).map(item => ' '.repeat(indent) + renderItem(item, indent) + '\n');
    edits.push({ start: at, end: at, text: newline + added.join('') });
  }
  return true;
}

function replaceScalar(node, before, after, ctx) {
  const { text: source } = ctx;
  const [start, valueEnd] = node.range;
  const wasBlock = BLOCK.has(node.type);
  let type;
  if (typeof after === 'string') {
    if (wasBlock) type = node.type;
    else if (QUOTED.has(node.type) && typeof before === 'string' && before !== '' && !after.includes('\n')) type = node.type;
    // The generator refuses tabs in a line's indentation, which a block would give them.
    if (/(^|\n) *\t/.test(after)) type = 'QUOTE_DOUBLE';
  }
  const text = renderScalar(after, type, ctx.indent);
  if (wasBlock) return { start, end: valueEnd, text: text + '\n' };
  const lineEnd = endOfLine(source, valueEnd);
  const rest = source.slice(valueEnd, lineEnd);
  if (text.includes('\n') && rest.trim().startsWith('#')) {
    // A comment after a one-line value moves onto the block's first line, where it stays a comment.
    const [header, ...lines] = text.split('\n');
    return { start, end: lineEnd, text: [header + rest, ...lines].join('\n') };
  }
  return { start, end: valueEnd, text };
}

// --- rendering new text --------------------------------------------------------------------
// New text is written by the yaml library (which quotes whatever needs quotes) one value at a
// time, then indented to where it goes.

/** `key: value`, its continuation lines indented for a key at column `indent`. */
function renderPair(key, value, indent) {
  return reindent(new Document({ [key]: value }).toString(RENDER).replace(/\n$/, ''), indent);
}

/** `- value` for a list whose dashes are at column `indent`. */
function renderItem(value, indent) {
  return reindent(new Document([value]).toString(RENDER).replace(/\n$/, ''), indent);
}

/** A scalar's text as the value of a key (or list dash) at column `indent`. Text that YAML 1.1
 *  readers (PyYAML, many editors) would read as something else, such as `yes`, is quoted too. */
function renderScalar(value, type, indent) {
  const render = style => {
    const doc = new Document({ k: value });
    if (style) doc.get('k', true).type = style;
    return doc.toString(RENDER).slice(3).replace(/\n$/, '');
  };
  let text = render(type);
  if (typeof value === 'string' && !/^["'|>]/.test(text) &&
      parseDocument(`k: ${text}`, { version: '1.1' }).get('k') !== value) {
    text = render('QUOTE_DOUBLE');
  }
  return reindent(text, indent);
}

function reindent(text, indent) {
  const pad = ' '.repeat(indent);
  return text.split('\n').map((line, i) => (i === 0 || line === '' ? line : pad + line)).join('\n');
}

// --- positions -----------------------------------------------------------------------------

function lineStart(text, offset) {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function endOfLine(text, offset) {
  const end = text.indexOf('\n', offset);
  return end === -1 ? text.length : end;
}

function column(text, offset) {
  return offset - lineStart(text, offset);
}

function startsLine(text, offset) {
  return text.slice(lineStart(text, offset), offset).trim() === '';
}

/** The offset of the list dash before a list item starting at `offset`, or -1. */
function dashAt(text, offset) {
  let at = offset - 1;
  while (at >= 0 && text[at] === ' ') at--;
  return text[at] === '-' ? at : -1;
}

/** Where a node's text ends, its same-line comment and line break included. */
function nodeEnd(text, node) {
  const end = node.range[2];
  if (end > 0 && text[end - 1] === '\n') return end;
  const lineEnd = endOfLine(text, node.range[1]);
  return lineEnd < text.length ? lineEnd + 1 : lineEnd;
}

function pairEnd(text, pair) {
  if (pair.value && pair.value.range) return nodeEnd(text, pair.value);
  const lineEnd = endOfLine(text, pair.key.range[1]);
  return lineEnd < text.length ? lineEnd + 1 : lineEnd;
}

function applyEdits(text, edits, eol) {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error('Two changes overlap in the file.');
    out = out.slice(0, edit.start) + edit.text.replace(/\n/g, eol) + out.slice(edit.end);
    limit = edit.start;
  }
  return out;
}
