// Refuse to overwrite a file that changed on disk after it was opened, and to start a new
// update prefilled from an update that has changed since this page was loaded.
//
// Decap's proxy protocol (used by the local backend, `python -m generator cms-backend`) sends a
// file's new text without saying which version it was based on. This records the version
// (`file.id`, a SHA-256 of the file) each file had when this page read it, and adds it to every
// save as `params.plans_base`; the backend compares it with the file on disk and refuses the
// save if they differ. A new update also sends the version of the update it was prefilled from
// (`params.plans_prefill`, from the configuration). Requests to anything but the local backend
// pass through untouched (on GitHub, every edit is a pull request, and git itself finds
// conflicting changes).

const READS = new Set(['getEntry', 'entriesByFolder', 'entriesByFiles']);
const saved = new Map();

/** The text this page last saved to `path`, if it saved it (the preview compares with it). */
export function lastSaved(path) {
  return saved.get(path);
}

export function guardSaves(backendUrl, prefills = new Map()) {
  const versions = new Map();
  const send = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input?.url;
    if (url !== backendUrl || !init || typeof init.body !== 'string') return send(input, init);
    const request = JSON.parse(init.body);
    if (request.action === 'persistEntry') {
      const files = request.params?.dataFiles ?? [];
      request.params.plans_base = Object.fromEntries(files.map(f => [f.path, versions.get(f.path) ?? null]));
      const created = files.find(f => !versions.get(f.path));
      const prefill = created && prefills.get(created.path.slice(0, created.path.lastIndexOf('/')));
      if (prefill) request.params.plans_prefill = prefill;
      init = { ...init, body: JSON.stringify(request) };
    }
    const response = await send(input, init);
    if (response.ok && (READS.has(request.action) || request.action === 'persistEntry')) {
      remember(versions, request.action, await response.clone().json());
    }
    if (response.ok && request.action === 'persistEntry') {
      for (const file of request.params.dataFiles ?? []) saved.set(file.path, file.raw);
    }
    return response;
  };
}

function remember(versions, action, answer) {
  if (action === 'persistEntry') {
    for (const [path, id] of Object.entries(answer?.plans_versions ?? {})) versions.set(path, id);
    return;
  }
  for (const entry of Array.isArray(answer) ? answer : [answer]) {
    if (entry?.file?.path) versions.set(entry.file.path, entry.file.id ?? null);
  }
}
