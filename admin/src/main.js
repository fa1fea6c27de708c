// The editing interface at /admin/: Decap CMS with our file formats, widgets and preview.
//
// This script runs before decap-cms.js (see index.html) and asks it not to start by itself;
// once the page has loaded, it reads config.yml (generated from the plans by the generator),
// registers what is ours and starts the CMS with that configuration.

import { parse } from 'yaml';
import { ORIGINAL, editInPlace, readFile } from './inplace.js';
import { registerWidgets } from './widgets.js';
import { registerPreviews } from './preview.js';
import { guardSaves } from './conflicts.js';
import { nameControls } from './a11y.js';

window.CMS_MANUAL_INIT = true;

const UNREADABLE = '__unreadable';
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1']);

/** A file format that reads the YAML for the form and writes back only what changed. */
function format(order) {
  return {
    fromFile(text) {
      try {
        return readFile(text);
      } catch (error) {
        return { [ORIGINAL]: text, [UNREADABLE]: String(error.message ?? error) };
      }
    },
    toFile(data) {
      if (data[UNREADABLE]) {
        throw new Error(`This file could not be read when it was opened, so it was not saved (${data[UNREADABLE]}). ` +
          'Correct it in a text editor; `python -m generator check` says where the problem is.');
      }
      if (typeof data[ORIGINAL] !== 'string') throw new Error('The file as it was opened is missing; reload the page.');
      return editInPlace(data[ORIGINAL], data, order);
    },
  };
}

/** Each field of a new entry starts with the value in the file it starts from (for a new
 *  update, the text `python -m generator new-update` writes), so an untouched new entry is
 *  saved as exactly that text. */
function startFromOriginal(collection) {
  const original = collection.fields?.find(field => field.name === ORIGINAL);
  if (!original || typeof original.default !== 'string') return;
  const data = parse(original.default) ?? {};
  for (const field of collection.fields) {
    if (field.name !== ORIGINAL && data[field.name] !== undefined) field.default = data[field.name];
  }
}

/** For each folder of updates, the update its new entries are prefilled from, and its version. */
function prefills(config) {
  const found = new Map();
  for (const collection of config.collections) {
    const original = collection.fields?.find(field => field.name === ORIGINAL);
    if (collection.folder && original?.plans_prefilled_from) found.set(collection.folder, original.plans_prefilled_from);
  }
  return found;
}

/** On this computer, the local backend's port can be given in the address (`?backend=8123`), and
 *  "view live" links go to the preview that serves this page. */
function useLocalSettings(config) {
  if (!LOCAL_HOSTS.has(location.hostname)) return;
  const port = new URLSearchParams(location.search).get('backend');
  if (port && /^\d{2,5}$/.test(port)) config.local_backend = { url: `http://127.0.0.1:${port}/api/v1` };
  config.site_url = config.display_url = `${location.origin}/`;
}

async function start() {
  const CMS = window.CMS;
  const response = await fetch('config.yml', { cache: 'no-cache' });
  const config = parse(await response.text());
  const order = config.plans_key_order;
  delete config.plans_key_order;
  CMS.registerCustomFormat('plan-yaml', 'yaml', format(order.plan));
  CMS.registerCustomFormat('update-yaml', 'yaml', format(order.update));
  config.collections.forEach(startFromOriginal);
  useLocalSettings(config);
  registerWidgets(CMS);
  registerPreviews(CMS, config);
  if (config.local_backend?.url) guardSaves(config.local_backend.url, prefills(config));
  nameControls();
  CMS.init({ config: { ...config, load_config_file: false } });
}

document.addEventListener('DOMContentLoaded', () => {
  start().catch(error => {
    document.body.textContent = `The editing interface could not start: ${error.message ?? error}`;
  });
});
