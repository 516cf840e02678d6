import { formatHash, parseHash, sameView, type HashState, type MapView } from './url-hash.ts';

/** How a change reaches the URL: continuous moves replace the entry, deliberate actions push one. */
export type HistoryMode = 'replace' | 'push';

/** Reads the current hash into a state. */
export function readLocationHash(): HashState {
  return parseHash(window.location.hash);
}

/** Writes a state into the hash, pushing or replacing the history entry; does nothing when unchanged. */
export function writeLocationHash(state: HashState, mode: HistoryMode): void {
  const next = formatHash(state);
  const current = window.location.hash;
  if (next === current || (next === '' && current === '#')) return;
  const url = `${window.location.pathname}${window.location.search}${next}`;
  if (mode === 'push') window.history.pushState(null, '', url);
  else window.history.replaceState(null, '', url);
}

/** True when the view differs from the one in the URL (to avoid writing what was just read). */
export function viewDiffersFromUrl(view: MapView): boolean {
  return !sameView(view, readLocationHash().view);
}
