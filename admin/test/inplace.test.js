// Tests of the in-place YAML format (admin/src/inplace.js), run by tests/test_cms_format.py:
//   PLANS_CMS_CONFIG=<config.yml> PLANS_FILES=<a.yaml:b.yaml:...> PLANS_OUT=<folder> node --test admin/test
// PLANS_OUT receives files edited with awkward text, which the Python side reads back.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, parseDocument, visit } from 'yaml';
import { ORIGINAL, changes, editInPlace, readFile } from '../src/inplace.js';

const config = parse(readFileSync(process.env.PLANS_CMS_CONFIG, 'utf8'));
const ORDER = config.plans_key_order;
const files = process.env.PLANS_FILES.split(':').map(path => ({ name: path, text: readFileSync(path, 'utf8') }));
const scaffolds = config.collections.flatMap(c => (c.fields ?? []).filter(f => f.name === ORIGINAL && f.default)
  .map(f => ({ name: `new update of ${c.name}`, text: f.default })));
const kind = text => (/^\s*recommendations:/m.test(text) ? 'plan' : 'update');
const Q2 = files.find(f => f.name.endsWith('bvip-2017-18/updates/2017-18-q2.yaml'));
const PLAN = files.find(f => f.name.endsWith('bvip-2017-18/plan.yaml'));

const read = new Map();

/** The file's text after `change` to its data, as saving the form would write it. */
function edit(file, change) {
  if (!read.has(file)) read.set(file, readFile(file.text));
  const data = structuredClone(read.get(file));
  change(data);
  return editInPlace(file.text, data, ORDER[kind(file.text)]);
}

function changedLines(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { removed: a.slice(start, a.length - end), added: b.slice(start, b.length - end), line: start + 1 };
}

test('every plan and update file, and every new update, is written back byte for byte', () => {
  assert.ok(files.length >= 8, 'the sample plans and updates are tested');
  assert.ok(scaffolds.length >= 4, 'each plan offers a prefilled new update');
  for (const file of [...files, ...scaffolds]) {
    assert.equal(editInPlace(file.text, readFile(file.text), ORDER[kind(file.text)]), file.text, file.name);
  }
});

test('a status and a commentary change rewrite those two values and nothing else', () => {
  const out = edit(Q2, data => {
    data.progress[2].status = 'delayed';
    data.progress[2].commentary = 'Training is now planned for March 2018.';
  });
  const diff = changedLines(Q2.text, out);
  assert.deepEqual(diff.removed, [
    '    status: on-target',
    '    percent: 20',
    '    commentary: |-',
    '      Lessons learnt and areas for improvement from the UKPGE 2017 will be incorporated into poll staff training. Exclusion Zones will be laid out and Police presence at all polling places from 7am - 10.30pm.',
  ]);
  assert.deepEqual(diff.added, [
    '    status: delayed',
    '    percent: 20',
    '    commentary: |-',
    '      Training is now planned for March 2018.',
  ]);
});

test('a cleared value removes its key; the form never writes ""', () => {
  const out = edit(Q2, data => {
    data.progress[0].percent = '';
    data.progress[1].commentary = '';
  });
  assert.doesNotMatch(out, /: ""/);
  const data = parse(out);
  assert.equal('percent' in data.progress[0], false);
  assert.equal('commentary' in data.progress[1], false);
  assert.equal(Q2.text.split('\n').length - out.split('\n').length, 3);
});

test('an empty value the file already had stays as it was (commentary: "" in a new update)', () => {
  const scaffold = scaffolds[0];
  const out = editInPlace(scaffold.text, { ...readFile(scaffold.text), title: 'A title' }, ORDER.update);
  assert.match(out, /commentary: ""/);
  assert.deepEqual(changedLines(scaffold.text, out).added, ['title: "A title"']);
});

test('a new key goes where the schema puts it', () => {
  const out = edit(Q2, data => {
    data.progress[2].deadline = 'Mar-18';
  });
  const diff = changedLines(Q2.text, out);
  assert.deepEqual(diff.removed, []);
  assert.deepEqual(diff.added, ['    deadline: Mar-18']);
  assert.match(out, /milestone: "1-3"\n {4}status: on-target\n {4}percent: 20\n {4}deadline: Mar-18\n {4}commentary: \|-/);
});

test('a new source is added after the last one, in the schema order, without empty fields', () => {
  const out = edit(PLAN, data => {
    data.sources.push({ id: 'osc-2018-01-11', title: 'BVIP – October-December 2017 Update', publisher: '',
      date: '11th January 2018', meeting: 'Overview and Scrutiny Committee', url: '' });
  });
  const diff = changedLines(PLAN.text, out);
  assert.deepEqual(diff.removed, []);
  assert.deepEqual(diff.added, [
    '  - id: osc-2018-01-11',
    '    title: BVIP – October-December 2017 Update',
    '    date: 11th January 2018',
    '    meeting: Overview and Scrutiny Committee',
  ]);
  assert.equal(parse(out).sources.length, parse(PLAN.text).sources.length + 1);
});

test('changing any one value changes only the lines of that value', () => {
  let tried = 0;
  for (const file of files) {
    const doc = parseDocument(file.text);
    const paths = [];
    visit(doc, {
      Scalar(key, node) {
        if (key !== 'key') paths.push({ node, path: locate(doc, node) });
      },
    });
    const step = Math.max(1, Math.floor(paths.length / 12));
    const before = parse(file.text);
    for (let i = 0; i < paths.length; i += step) {
      const { node, path } = paths[i];
      if (!path) continue;
      const value = typeof node.value === 'number' ? node.value + 1
        : i % 3 === 0 ? 'Two lines: one\nand #two' : `Changed: "${String(node.value).slice(0, 20)}" #${i}`;
      const out = edit(file, data => setIn(data, path, value));
      assert.deepEqual(parse(out), setIn(structuredClone(before), path, value), `${file.name} ${path.join('.')}`);
      const first = file.text.slice(0, node.range[0]).split('\n').length;
      const last = file.text.slice(0, node.range[1]).split('\n').length;
      const diff = changedLines(file.text, out);
      assert.ok(diff.line >= first - 1 && diff.removed.length <= last - first + 2,
        `${file.name} ${path.join('.')}: lines ${diff.line}+${diff.removed.length} changed for a value on ${first}-${last}`);
      tried++;
    }
  }
  assert.ok(tried > 100, `${tried} values changed`);
});

test('awkward text is quoted or written as a block, and reads back the same', () => {
  const awkward = ['Update: work started', '#54 first', 'See item #54', 'yes', 'no', 'on', '~', 'null', '0o17', '1_000',
    '12', '1.5', '- a dash', '"quoted"', "it's", 'trailing space ', '\tindented by a tab', 'line one\n\tline two',
    'curly “quotes” – and dashes', 'two\n\nparagraphs', 'ends with a newline\n', '@at', '`tick`', '%percent', '[bracket'];
  const expected = [];
  awkward.forEach((text, i) => {
    const out = edit(Q2, data => {
      data.progress[i].commentary = text;
    });
    writeFileSync(join(process.env.PLANS_OUT, `awkward-${i}.yaml`), out);
    expected.push({ file: `awkward-${i}.yaml`, index: i, commentary: text });
    assert.equal(parse(out).progress[i].commentary, text);
  });
  writeFileSync(join(process.env.PLANS_OUT, 'awkward.json'), JSON.stringify(expected));
});

test('what saving will change is listed value by value', () => {
  const before = readFile(Q2.text);
  const after = structuredClone(before);
  after.progress[2].status = 'delayed';
  after.progress[0].percent = '';
  assert.deepEqual(changes(before, after).map(c => c.path.join('.')), ['progress.0.percent', 'progress.2.status']);
});

test('a file that is not valid YAML is refused, not overwritten', () => {
  assert.throws(() => editInPlace('a: [1,\n', { a: [2] }, {}), /not valid YAML/);
});

function locate(doc, target) {
  let found = null;
  const walk = (node, path) => {
    if (found || !node) return;
    if (node === target) {
      found = path;
      return;
    }
    if (node.items) {
      node.items.forEach((item, i) => {
        if (item && item.key !== undefined) walk(item.value, [...path, String(item.key.value)]);
        else walk(item, [...path, i]);
      });
    }
  };
  walk(doc.contents, []);
  return found;
}

function setIn(data, path, value) {
  let node = data;
  path.slice(0, -1).forEach(key => {
    node = node[key];
  });
  node[path[path.length - 1]] = value;
  return data;
}
