// The preview pane beside the form: what saving will change in the file, in the form's words.
// (The site itself is previewed by `mkdocs serve`, which rebuilds as soon as the file is saved.)

import { parseDocument } from 'yaml';
import { ORIGINAL, changes } from './inplace.js';
import { lastSaved } from './conflicts.js';

export const PREVIEW_STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; margin: 1rem; }
h2 { font-size: 1.25rem; margin: 0 0 .5rem; }
dl { margin: 0; } dt { font-weight: 600; margin-top: .75rem; } dd { margin: .25rem 0 0 1rem; }
del { color: #8a1c1c; } ins { color: #185c2c; text-decoration: none; }
.plans-none { color: #444; }
`;

export function registerPreviews(CMS, config) {
  const Preview = changesPreview();
  for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, Preview);
  CMS.registerPreviewStyle(PREVIEW_STYLE, { raw: true });
}

function changesPreview() {
  return window.createClass({
    render() {
      const h = window.h;
      const data = this.props.entry.get('data');
      const original = lastSaved(this.props.entry.get('path')) ?? data?.get(ORIGINAL);
      if (!data || typeof original !== 'string') return h('p', {}, 'This file could not be read.');
      let found;
      try {
        found = changes(parseDocument(original).toJS() ?? {}, data.toJS());
      } catch (error) {
        return h('p', {}, String(error.message ?? error));
      }
      const heading = h('h2', {}, 'What saving will change in the file');
      if (!found.length) return h('div', {}, heading, h('p', { className: 'plans-none' }, 'Nothing yet.'));
      return h('div', {}, heading,
        h('p', {}, 'Only these values are written; the rest of the file stays exactly as it is.'),
        h('dl', {}, ...found.flatMap((change, i) => describe(change, this.props.fields, data.toJS(), i))));
    },
  });
}

function describe(change, fields, data, key) {
  const h = window.h;
  const { label, field, list } = labelFor(change.path, fields, data);
  const added = change.before === undefined && typeof change.path[change.path.length - 1] === 'number';
  const title = added ? `${label.split(' › ').slice(0, -1).join(' › ')} › new ${list?.get('label_singular') ?? 'entry'}`
    : label;
  return [
    h('dt', { key: `t${key}` }, title),
    h('dd', { key: `d${key}` }, added ? h('ins', {}, shown(field, change.after))
      : [h('del', { key: 'b' }, shown(field, change.before)), ' → ', h('ins', { key: 'a' }, shown(field, change.after))]),
  ];
}

/** A value as the form shows it: a status by its label, an entry as its fields. */
function shown(field, value) {
  if (value === undefined || value === null || value === '') return '(empty)';
  if (Array.isArray(value)) return value.map(item => shown(field?.get('field') ?? field, item)).join('; ');
  if (typeof value === 'object') {
    const fields = field?.get('fields');
    return Object.entries(value).filter(([, v]) => v !== '' && v !== null && v !== undefined).map(([name, v]) => {
      const sub = fields?.find(f => f.get('name') === name);
      return `${sub?.get('label') ?? name}: ${shown(sub, v)}`;
    }).join('; ');
  }
  const options = field?.get('options')?.toJS?.() ?? [];
  const option = options.find(o => o && o.value === value);
  return option ? option.label : String(value);
}


/** The form's labels along a path, naming list entries by their item; with the field at the
 *  end of the path and the list holding it. */
function labelFor(path, fields, data) {
  const parts = [];
  let field;
  let listField;
  let list = fields;
  let node = data;
  for (const key of path) {
    if (typeof key === 'number') {
      node = Array.isArray(node) ? node[key] : undefined;
      listField = field;
      parts.push(entryName(field, node) ?? `entry ${key + 1}`);
      if (field?.get('field')) field = field.get('field');
      continue;
    }
    field = list?.find(f => f.get('name') === key);
    parts.push(field ? field.get('label') : key);
    list = field?.get('fields');
    node = node?.[key];
  }
  return { label: parts.join(' › '), field, list: listField };
}

function entryName(listField, entry) {
  const fields = listField?.get('fields');
  if (!fields || !entry) return undefined;
  for (const itemField of fields.filter(f => f.get('widget') === 'plans-item')) {
    const id = entry[itemField.get('name')];
    if (id !== undefined && id !== null) return itemField.getIn(['items', String(id), 'reference']) ?? String(id);
  }
  return undefined;
}
