/**
 * A published site's default view (issue 15): the hash `npm run publish --view` gave, used when a
 * link names no view of its own. Pure, over the hash codec; the composition root writes the result
 * to the address bar before the URL owner reads it, so a default view is exactly a link to it.
 */
import { formatHash, parseHash } from './url-hash.ts';

/**
 * The hash the page should start with, or null to keep the one it was opened with: a link that
 * names a view keeps it; one that does not takes the site's view, and the site's filters too
 * unless the link names its own (a link to one incident, `#sel=…`, keeps its selection).
 * @example hashWithSiteDefault('', '#7/22/95&from=2022-01-01') // '#7/22/95&from=2022-01-01'
 */
export function hashWithSiteDefault(current: string, siteView: string | null): string | null {
  if (siteView === null) return null;
  const here = parseHash(current);
  if (here.view) return null;
  const site = parseHash(siteView);
  if (!site.view) return null;
  const next = formatHash({ view: site.view, params: here.params.size ? here.params : site.params });
  return next === current ? null : next;
}
