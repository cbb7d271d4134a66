/**
 * The page's only script, served as /assets/page.js: fetches the page again every
 * `data-refresh-ms` and swaps in its `<main>`, so the view stays current without a reload (and
 * without scripts the page reloads itself through `<noscript>`). The new markup was escaped by the
 * server and is parsed inertly by DOMParser; the CSP forbids inline handlers besides.
 */
export const PAGE_SCRIPT = `'use strict';
(() => {
  const first = document.getElementById('status');
  const state = document.getElementById('refresh-state');
  if (first === null || state === null) return;
  const every = Math.max(1000, Number(first.dataset.refreshMs) || 10000);
  let busy = false;
  async function refresh() {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const response = await fetch(location.href, { headers: { accept: 'text/html' }, cache: 'no-store' });
      if (!response.ok) throw new Error('the server answered ' + response.status);
      const page = new DOMParser().parseFromString(await response.text(), 'text/html');
      const next = page.getElementById('status');
      if (next === null) throw new Error('signed out; reload the page');
      document.getElementById('status').replaceWith(document.adoptNode(next));
      document.title = next.dataset.title || document.title;
      state.textContent = 'Refreshes every ' + Math.round(every / 1000) + ' s.';
      state.classList.remove('error');
    } catch (error) {
      state.textContent = 'Refresh failed (' + error.message + '); trying again.';
      state.classList.add('error');
    } finally {
      busy = false;
    }
  }
  setInterval(refresh, every);
  document.addEventListener('visibilitychange', refresh);
})();
`;
