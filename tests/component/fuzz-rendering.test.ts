/**
 * Property-based tests of the popup, the feed and the chooser (issue #7): incidents with
 * markup and script payloads in every text field, and every kind of URL in their sources,
 * must render as text. No element appears that the component's own template does not have,
 * no attribute is an event handler, the data strings appear verbatim in the text, and the
 * only links are http(s) links that equal a source's http(s) URL.
 *
 * Runs per test run (jsdom rendering is slow, so these are few; the importer fuzz files in
 * tests/unit/fuzz-*.test.ts bring the total per test run above 10,000):
 *   popup 500 · feed 150 (up to 8 incidents each) · chooser 150 (up to 6 each) = 800 here.
 * All fuzz files together: 7,720 (CSV) + 4,700 (GeoJSON) + 800 (rendering) = 13,220 cases.
 * `FUZZ_SEED=<n>` replays a run; `FUZZ_SCALE=<x>` multiplies every count.
 */
import { cleanup, render } from '@testing-library/svelte';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ChooserList from '../../src/components/ChooserList.svelte';
import IncidentFeed from '../../src/components/IncidentFeed.svelte';
import IncidentPopup from '../../src/components/IncidentPopup.svelte';
import type { Incident } from '../../src/lib/domain/incident.ts';
import { canonicalAdmin1 } from '../../src/lib/domain/place-names.ts';
import { FUZZ_TIMEOUT_MS, fuzzOptions, hostileIncident, hostileIncidents, logFuzzSeed } from '../fuzz/arbitraries.ts';

// The elements each template writes; CategorySymbol adds one `svg` with one `path`.
const POPUP_TAGS = new Set(['article', 'p', 'svg', 'path', 'h2', 'h3', 'dl', 'dt', 'dd', 'span', 'br', 'ul', 'ol', 'li', 'a', 'button']);
const FEED_TAGS = new Set(['div', 'svg', 'path']);
const CHOOSER_TAGS = new Set(['div', 'h2', 'ul', 'li', 'button', 'svg', 'path', 'span', 'strong', 'br']);

// Attributes that load or run something; only `a` may carry `href`, and the feed sets its
// row positions with `style`.
const DANGEROUS_ATTRIBUTES = new Set(['src', 'srcdoc', 'srcset', 'formaction', 'action', 'xlink:href', 'background', 'poster', 'data', 'ping']);

/**
 * Throws unless every element under `root` is one the template writes, no attribute is an
 * event handler or a loader, and every `svg` is a category symbol (one `path`, nothing else).
 */
function assertOnlyTemplateMarkup(root: Element, tags: ReadonlySet<string>, styleAllowed: boolean): void {
  for (const el of root.querySelectorAll('*')) {
    const tag = el.localName;
    expect(tags.has(tag), `unexpected <${tag}>`).toBe(true);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      expect(name.startsWith('on'), `event handler attribute ${name} on <${tag}>`).toBe(false);
      expect(DANGEROUS_ATTRIBUTES.has(name), `attribute ${name} on <${tag}>`).toBe(false);
      if (name === 'href') expect(tag).toBe('a');
      if (name === 'style') {
        expect(styleAllowed, `style on <${tag}>`).toBe(true);
        expect(attr.value).toMatch(/^((top|height): -?[\d.e+]+px;\s*)+$/);
      }
    }
    if (tag === 'svg') {
      expect([...el.children].map((c) => c.localName)).toEqual(['path']);
      expect(el.querySelector('path')?.children.length).toBe(0);
    }
  }
}

/** The link a source's URL may become: its normalised form when it is absolute http(s), else none. */
function expectedHref(url: string | null): string | null {
  if (url === null) return null;
  const t = url.trim();
  if (!/^https?:\/\//i.test(t)) return null;
  try {
    const u = new URL(t);
    return u.protocol === 'http:' || u.protocol === 'https:' ? t : null;
  } catch {
    return null;
  }
}

/** Texts from the incident that the popup shows as they are. */
function popupTexts(inc: Incident): string[] {
  const texts = [inc.title, inc.place.name, inc.place.admin1, inc.summary, inc.verification.text];
  if (inc.place.nameMy) texts.push(inc.place.nameMy);
  if (inc.place.township) texts.push(inc.place.township);
  if (inc.sourceCoordinates) texts.push(inc.sourceCoordinates.note);
  for (const w of inc.weapons) texts.push(w.text, w.source);
  for (const f of [...inc.killed, ...inc.displaced]) texts.push(f.text, f.source);
  for (const s of inc.sources) {
    texts.push(s.publisher);
    if (s.title) texts.push(s.title);
    else if (s.description) texts.push(s.description);
    if (s.note) texts.push(s.note);
    if (s.secondary && s.via) texts.push(s.via);
  }
  return texts;
}

beforeAll(() => {
  logFuzzSeed('fuzz-rendering');
});

afterAll(() => {
  vi.unstubAllGlobals();
});

describe('rendering fuzzing', () => {
  it('IncidentPopup: data is text, never markup; only http(s) source URLs become links', () => {
    fc.assert(
      fc.property(hostileIncident, (incident) => {
        try {
          const { container } = render(IncidentPopup, { incident, copyText: async () => {} });
          assertOnlyTemplateMarkup(container, POPUP_TAGS, false);
          expect(container.querySelectorAll('svg')).toHaveLength(1);
          const text = container.textContent ?? '';
          // A blank place part is left out rather than printed as ", ,"; every other text is shown as it is.
          for (const t of popupTexts(incident).filter((x) => x.trim() !== '')) expect(text.includes(t), `missing text ${JSON.stringify(t)}`).toBe(true);
          expect(container.querySelector('h2')?.textContent).toBe(incident.title);

          const links = [...container.querySelectorAll('a')];
          for (const a of links) {
            const href = a.getAttribute('href') ?? '';
            expect(['http:', 'https:']).toContain(new URL(href).protocol);
            expect(a.getAttribute('target')).toBe('_blank');
            expect(a.getAttribute('rel')).toBe('noopener noreferrer');
          }
          const expected = incident.sources.map((s) => expectedHref(s.url)).filter((h): h is string => h !== null);
          expect(links.map((a) => a.getAttribute('href'))).toEqual(expected);
        } finally {
          cleanup();
        }
      }),
      fuzzOptions(500),
    );
  }, FUZZ_TIMEOUT_MS);

  it('IncidentFeed: rows show titles and places as text, with no foreign markup', () => {
    fc.assert(
      fc.property(hostileIncidents(8), (incidents) => {
        try {
          const { container } = render(IncidentFeed, { incidents, hoverId: null, selectedId: null, onhover: () => {}, onopen: () => {} });
          assertOnlyTemplateMarkup(container, FEED_TAGS, true);
          expect(container.querySelectorAll('a')).toHaveLength(0);
          const rows = [...container.querySelectorAll<HTMLElement>('.row')];
          expect(rows.length).toBeGreaterThan(0);
          expect(container.querySelectorAll('svg')).toHaveLength(rows.length);
          rows.forEach((row, i) => {
            const inc = incidents[i] as Incident;
            expect(row.dataset.id).toBe(inc.id);
            expect(row.querySelector('.title')?.textContent).toBe(inc.title);
            // The state as the app names it; a record that names none leaves no empty "·  ·".
            const admin1 = canonicalAdmin1(inc.place.admin1);
            if (admin1 === '') expect(row.querySelector('.meta')?.textContent).not.toContain(' ·  · ');
            else expect(row.querySelector('.meta')?.textContent).toContain(` · ${admin1} · `);
          });
        } finally {
          cleanup();
        }
      }),
      fuzzOptions(150),
    );
  }, FUZZ_TIMEOUT_MS);

  it('ChooserList: every incident is one button with its title as text, with no foreign markup', () => {
    fc.assert(
      fc.property(hostileIncidents(6), (incidents) => {
        try {
          const { container } = render(ChooserList, { incidents, onchoose: () => {} });
          assertOnlyTemplateMarkup(container, CHOOSER_TAGS, false);
          expect(container.querySelectorAll('a')).toHaveLength(0);
          expect(container.querySelector('h2')?.textContent).toBe(`${incidents.length} incidents at this place`);
          const titles = [...container.querySelectorAll('button strong')].map((s) => s.textContent);
          expect(titles).toEqual(incidents.map((i) => i.title));
          expect(container.querySelectorAll('svg')).toHaveLength(incidents.length);
        } finally {
          cleanup();
        }
      }),
      fuzzOptions(150),
    );
  }, FUZZ_TIMEOUT_MS);
});
