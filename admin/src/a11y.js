// Accessible names that Decap CMS leaves out, added to its page as it draws it: each list
// entry's open/close button is named after the entry ("Open Key milestone 1-1: … — On Target"),
// and the preview frame gets a title. (What markup alone cannot fix is listed in
// content/accessibility.md.)

export function nameControls(root = document.body) {
  let queued = false;
  const fix = () => {
    queued = false;
    for (const item of root.querySelectorAll('[class*="SortableListItem"]')) {
      const button = item.querySelector(':scope > [class*="TopBar"] > button');
      const summary = item.querySelector(':scope > [class*="NestedObjectLabel"]');
      if (!button || !summary) continue;
      const open = getComputedStyle(summary).display === 'none';
      const name = `${open ? 'Close' : 'Open'} ${summary.textContent}`;
      if (button.getAttribute('aria-label') !== name) button.setAttribute('aria-label', name);
      if (button.getAttribute('aria-expanded') !== String(open)) button.setAttribute('aria-expanded', String(open));
    }
    const frame = root.querySelector('#preview-pane');
    if (frame && !frame.title) frame.title = 'What saving will change in the file';
  };
  new MutationObserver(() => {
    if (!queued) {
      queued = true;
      requestAnimationFrame(fix);
    }
  }).observe(root, { childList: true, subtree: true, characterData: true });
}
