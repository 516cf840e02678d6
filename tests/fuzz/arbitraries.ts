/**
 * Shared fast-check arbitraries and oracles for the fuzz tests (issue #7): hostile text,
 * unsafe URLs, CSV serialisation with odd encodings, and a typed `Incident` whose every text
 * field carries a payload. The tests that use them are `tests/unit/fuzz-*.test.ts` and
 * `tests/component/fuzz-*.test.ts`.
 */
import fc from 'fast-check';
import { CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import { dayNumber, dayString, isoWeekStart, monthSpan } from '../../src/lib/domain/calendar.ts';
import { SOURCE_KINDS, type Figure, type FigureQualifier, type Incident, type IncidentDate, type SourceRef, type WeaponClaim } from '../../src/lib/domain/incident.ts';
import { DATE_PRECISIONS, LOCATION_PRECISIONS } from '../../src/lib/domain/precision.ts';
import { VERIFICATION_STATUSES } from '../../src/lib/domain/verification.ts';
import type { ImportReport } from '../../src/lib/data/import/types.ts';

/**
 * The seed and run count for one property: the seed comes from `FUZZ_SEED` (to replay a
 * failure) or the clock; `FUZZ_SCALE` multiplies the runs for a longer local session.
 */
export function fuzzOptions(numRuns: number): { seed: number; numRuns: number } {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(numRuns * FUZZ_SCALE)) };
}

const envSeed = Number(process.env.FUZZ_SEED);
/** The seed every property in this test process uses. */
export const FUZZ_SEED = Number.isSafeInteger(envSeed) && process.env.FUZZ_SEED !== '' ? envSeed : Date.now() % 2 ** 31;
const envScale = Number(process.env.FUZZ_SCALE);
const FUZZ_SCALE = Number.isFinite(envScale) && envScale > 0 ? envScale : 1;

/**
 * Time allowed per fuzz test: far above what a run needs (1–3 s each), since other test
 * files share the two cores and vitest's 5 s default fails a slow but healthy run.
 */
export const FUZZ_TIMEOUT_MS = Math.round(120_000 * Math.max(1, FUZZ_SCALE));

/** Prints the seed once per test file, so a failing run can be replayed. */
export function logFuzzSeed(file: string): void {
  console.log(`fuzz seed: ${FUZZ_SEED} (${file}; set FUZZ_SEED=${FUZZ_SEED} to replay)`);
}

/** Markup and script payloads that must only ever appear as text. */
export const MARKUP_PAYLOADS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '"><svg onload=alert(1)>',
  "'><svg/onload=alert(1)>",
  '<iframe srcdoc="<script>alert(1)</script>">',
  '<a href="javascript:alert(1)">x</a>',
  '<b onmouseover=alert(1)>bold</b>',
  '</textarea><script>alert(1)</script>',
  '{@html "<img src=x onerror=alert(1)>"}',
  '${alert(1)}',
  '{{constructor.constructor("alert(1)")()}}',
  '&lt;img src=x onerror=alert(1)&gt;',
  '<!--',
  ']]>',
  '<style>*{display:none}</style>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
] as const;

/** URLs that must never become links. */
export const UNSAFE_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(document.domain)',
  ' javascript:alert(1)',
  '\tjavascript:alert(1)',
  'java\nscript:alert(1)',
  'java\tscript:alert(1)',
  '\u0000javascript:alert(1)',
  'javascript://%0aalert(1)',
  'jav&#x61;script:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:image/svg+xml,<svg onload=alert(1)>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'blob:https://example.org/1234',
  '//evil.example/x',
  '/relative/path',
  'http:/one-slash.example',
  'https:evil.example',
  'http\\\\evil.example',
  'ftp://example.org/x',
  'mailto:x@example.org',
  'https://',
  'http://[::1',
  'https://exa mple.org/',
  '',
  '   ',
] as const;

/** URLs that may become links (after normalisation). */
export const SAFE_URL_SAMPLES = [
  'https://www.irrawaddy.com/news/burma/x.html',
  'http://example.org',
  'HTTPS://EXAMPLE.ORG/A?b=<script>',
  ' https://example.org/path with space ',
  'https://example.org/"><svg onload=alert(1)>',
  'https://example.org/#javascript:alert(1)',
  'https://user:pass@example.org:8443/x',
  'http://xn--mgbh0fb.example/',
  'https://မြန်မာ.example/သတင်း',
] as const;

const BURMESE = ['မြန်မာ', 'စစ်ကိုင်း', 'ကယား', 'ကရင်', 'ဒီမောဆို', 'လေကြောင်းတိုက်ခိုက်မှု', '၁၂', 'ရွာ'] as const;
const OTHER_SCRIPTS = ['Ünïcödé', 'Ελληνικά', 'русский', 'العربية', 'עברית', '中文', '日本語', '한국어', 'हिन्दी', 'ไทย', '🇲🇲', '👩🏽‍⚕️', 'e\u0301', '\u202Eevil\u202C', '\u200B', '\u2028', '\u2029'] as const;
/** Characters that break CSV or text handling: quotes, delimiters, line ends, BOM, NUL, lone surrogates. */
export const AWKWARD_CHARS = [',', ';', '"', "'", '\n', '\r', '\r\n', '\t', '\uFEFF', '\u0000', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\\', '=', '+', '-', '@', ' ', '\u00A0', '\uFFFD', '\uFFFF'] as const;

/** A short piece of hostile text: a payload, a script, an awkward character, or random code units. */
export const hostilePiece: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...MARKUP_PAYLOADS) },
  { weight: 2, arbitrary: fc.constantFrom(...UNSAFE_URLS) },
  { weight: 2, arbitrary: fc.constantFrom(...BURMESE, ...OTHER_SCRIPTS) },
  { weight: 3, arbitrary: fc.constantFrom(...AWKWARD_CHARS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  // Lone surrogates and other code units that are not valid UTF-16 on their own.
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) },
);

/** Hostile text of a few pieces (may be empty). */
export const hostileText: fc.Arbitrary<string> = fc.array(hostilePiece, { maxLength: 5 }).map((p) => p.join(''));

/** Hostile text that is never empty, so it must show up when rendered. */
export const hostileTextNonEmpty: fc.Arbitrary<string> = fc.array(hostilePiece, { minLength: 1, maxLength: 5 }).map((p) => p.join('') || '<img src=x onerror=alert(1)>');

/** Any URL-ish value: safe ones, unsafe ones, random web URLs, and hostile text. */
export const anyUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...UNSAFE_URLS),
  fc.constantFrom(...SAFE_URL_SAMPLES),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.constantFrom('http://', 'https://', 'HtTp://', 'javascript:', 'data:', ''), hostileText).map(([a, b]) => a + b),
  hostileText,
);

// Days from 1990 to 2035: plenty of week and month boundaries and leap years.
const DAY_MIN = dayNumber('1990-01-01') as number;
const DAY_MAX = dayNumber('2035-12-31') as number;

/** A real calendar day as `YYYY-MM-DD`. */
export const isoDay: fc.Arbitrary<string> = fc.integer({ min: DAY_MIN, max: DAY_MAX }).map(dayString);

/** An IncidentDate that fits its precision (as the domain validator requires). */
export const validIncidentDate: fc.Arbitrary<IncidentDate> = fc
  .tuple(fc.constantFrom(...DATE_PRECISIONS), fc.integer({ min: DAY_MIN, max: DAY_MAX }), fc.integer({ min: 0, max: 400 }), fc.option(hostileText, { nil: undefined }))
  .map(([precision, n, len, note]) => {
    let start = n;
    let end = n;
    if (precision === 'week') {
      start = isoWeekStart(n);
      end = start + 6;
    } else if (precision === 'month') {
      [start, end] = monthSpan(n);
    } else if (precision === 'range') {
      end = n + len;
    }
    const d = { precision, start: dayString(start), end: dayString(end) };
    return note === undefined ? d : { ...d, note };
  });

/** True when a date is real days, start ≤ end, and fits its precision (the rule of `validate-incidents.ts`). */
export function isValidIncidentDate(d: unknown): boolean {
  if (typeof d !== 'object' || d === null) return false;
  const { precision, start, end, note } = d as Record<string, unknown>;
  if (!(DATE_PRECISIONS as readonly unknown[]).includes(precision)) return false;
  if (note !== undefined && typeof note !== 'string') return false;
  const s = typeof start === 'string' ? dayNumber(start) : null;
  const e = typeof end === 'string' ? dayNumber(end) : null;
  if (s === null || e === null || e < s) return false;
  if (precision === 'day') return s === e;
  if (precision === 'week') return isoWeekStart(s) === s && e === s + 6;
  if (precision === 'month') {
    const [first, last] = monthSpan(s);
    return s === first && e === last;
  }
  return true;
}

/** A finite longitude and latitude pair in range. */
export const lonLat = fc.tuple(
  fc.double({ min: -180, max: 180, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -90, max: 90, noNaN: true, noDefaultInfinity: true }),
);

const figure: fc.Arbitrary<Figure> = fc.record({
  low: fc.option(fc.nat({ max: 100_000 }), { nil: null }),
  high: fc.option(fc.nat({ max: 100_000 }), { nil: null }),
  qualifier: fc.constantFrom<FigureQualifier>('exact', 'at_least', 'more_than', 'about', 'range', 'unspecified'),
  text: hostileText,
  source: hostileText,
});

const weapon: fc.Arbitrary<WeaponClaim> = fc.record({ text: hostileText, source: hostileText });

const sourceRef: fc.Arbitrary<SourceRef> = fc.record(
  {
    publisher: hostileText,
    title: fc.option(hostileText, { nil: null }),
    description: hostileText,
    kind: fc.constantFrom(...SOURCE_KINDS),
    date: fc.option(isoDay, { nil: null }),
    url: fc.option(anyUrl, { nil: null }),
    secondary: fc.boolean(),
    via: hostileText,
    note: hostileText,
  },
  { requiredKeys: ['publisher', 'title', 'date', 'url', 'secondary'] },
);

const extraValue = fc.oneof(hostileText, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));

/** A well-typed Incident with hostile text in every text field and arbitrary URLs in its sources. */
export const hostileIncident: fc.Arbitrary<Incident> = fc
  .record(
    {
      id: hostileTextNonEmpty,
      category: fc.constantFrom(...CATEGORY_IDS),
      title: hostileText,
      date: validIncidentDate,
      place: fc.record(
        { name: hostileText, nameMy: fc.oneof(hostileText, fc.constantFrom(...BURMESE)), admin1: hostileText, township: hostileText },
        { requiredKeys: ['name', 'admin1'] },
      ),
      lonLat,
      precision: fc.constantFrom(...LOCATION_PRECISIONS),
      sourceCoordinates: fc.option(fc.record({ lon: fc.double({ min: -180, max: 180, noNaN: true }), lat: fc.double({ min: -90, max: 90, noNaN: true }), note: hostileText }), { nil: null }),
      weapons: fc.array(weapon, { maxLength: 3 }),
      killed: fc.array(figure, { maxLength: 3 }),
      displaced: fc.array(figure, { maxLength: 2 }),
      summary: hostileText,
      sources: fc.array(sourceRef, { maxLength: 4 }),
      verification: fc.record({ status: fc.constantFrom(...VERIFICATION_STATUSES), text: hostileText }),
      dataset: hostileTextNonEmpty,
      extra: fc.dictionary(hostileText, extraValue, { maxKeys: 3 }),
    },
    { requiredKeys: ['id', 'category', 'title', 'date', 'place', 'lonLat', 'precision', 'weapons', 'killed', 'displaced', 'summary', 'sources', 'verification', 'dataset'] },
  )
  .map(({ lonLat: [lon, lat], ...rest }) => ({ ...rest, lon, lat }) as Incident);

/** Incidents with distinct ids, as the app's state always holds them. */
export function hostileIncidents(maxLength: number): fc.Arbitrary<Incident[]> {
  return fc.uniqueArray(hostileIncident, { minLength: 1, maxLength, selector: (i) => i.id });
}

// ---------------------------------------------------------------------------------------------
// CSV text.

/** Line ends a CSV file may use, including a lone CR (old Mac) and a mix. */
export type LineEnd = '\n' | '\r\n' | '\r' | 'mixed';

/** One cell as CSV: quoted when it must be (or when asked), with quotes doubled. */
export function csvCell(value: string, forceQuote: boolean): string {
  const needs = forceQuote || /[",\r\n]/.test(value) || value !== value.trim();
  return needs ? `"${value.replaceAll('"', '""')}"` : value;
}

/** Rows of cells → CSV text with the given line ends (a `mixed` file picks per line). */
export function toCsvText(rows: readonly (readonly string[])[], opts: { lineEnd: LineEnd; quoteAll: boolean; bom: boolean; trailingNewline: boolean }): string {
  const ends = ['\n', '\r\n', '\r'] as const;
  let out = opts.bom ? '\uFEFF' : '';
  rows.forEach((row, i) => {
    if (i > 0) out += opts.lineEnd === 'mixed' ? ends[i % 3] : opts.lineEnd;
    out += row.map((c) => csvCell(c, opts.quoteAll)).join(',');
  });
  if (opts.trailingNewline) out += opts.lineEnd === 'mixed' ? '\n' : opts.lineEnd;
  return out;
}

/** How rows are written out: line ends, quoting, BOM, trailing newline. */
export const csvLayout = fc.record({
  lineEnd: fc.constantFrom<LineEnd>('\n', '\r\n', '\r', 'mixed'),
  quoteAll: fc.boolean(),
  bom: fc.boolean(),
  trailingNewline: fc.boolean(),
});

/** Values of the wrong type for numeric columns, date columns and code columns. */
export const WRONG_TYPE_VALUES = [
  '', ' ', 'abc', 'NaN', 'Infinity', '-Infinity', '1e309', '-1e309', '1e-400', '0x1F', '0b101', '1_000', '1,5', '١٢', '၁၂', '12abc', ' 12 ', '+7',
  '-0', '0', '00', '-1', '1.5', '2.000', '9007199254740993', '1e21', '45', '91', '-91', '181', '-181', '360', '0.0', 'null', 'undefined', 'true',
  '2022-07-15', '15 July 2022', '2022-13-45', '2022-02-29', '2024-02-29', '2022-07-15T25:00:00Z', '2022-07-15Tjunk', '07/15/2022', '15/07/2022',
  '44562', '20220715', '1657843200', '2022', 'July', '15 Julember 2022', '31 June 2022', '0000-00-00', '9999-12-31', '-2022-01-01',
  '[]', '{}', '[{"url":"javascript:alert(1)"}]', '{"__proto__":{"x":1}}', 'constructor', '__proto__', 'toString', 'hasOwnProperty',
] as const;

/** A replacement value for a cell: hostile text, a wrong type, an unsafe URL, or a nearby number. */
export const cellValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  { weight: 4, arbitrary: fc.constantFrom(...WRONG_TYPE_VALUES) },
  { weight: 2, arbitrary: fc.constantFrom(...UNSAFE_URLS, ...SAFE_URL_SAMPLES) },
  { weight: 2, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: isoDay },
);

/** One edit to a table of rows (indices are taken modulo the sizes at apply time). */
export type RowEdit =
  | { readonly kind: 'set'; readonly row: number; readonly col: number; readonly value: string }
  | { readonly kind: 'drop'; readonly row: number; readonly col: number }
  | { readonly kind: 'insert'; readonly row: number; readonly col: number; readonly value: string }
  | { readonly kind: 'append'; readonly row: number; readonly col: number; readonly value: string }
  | { readonly kind: 'swap'; readonly row: number; readonly col: number; readonly col2: number }
  | { readonly kind: 'duplicate'; readonly row: number }
  | { readonly kind: 'blank-row'; readonly row: number }
  | { readonly kind: 'header'; readonly col: number; readonly value: string };

const idx = fc.nat({ max: 10_000 });

/** A random edit; `headerCells` are the names a header edit may use (near-misses of real columns). */
export function rowEdit(headerCells: readonly string[]): fc.Arbitrary<RowEdit> {
  const headerValue = fc.oneof(
    fc.constantFrom(...headerCells),
    fc.constantFrom(...headerCells).map((h) => h.toUpperCase()),
    fc.constantFrom(...headerCells).map((h) => ` ${h}\t`),
    fc.constantFrom(...headerCells).map((h) => `\uFEFF${h}`),
    fc.constantFrom('__proto__', 'constructor', 'toString', '__parsed_extra', '', 'id_1'),
    hostileText,
  );
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), row: idx, col: idx, value: cellValue }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), row: idx, col: idx }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('insert' as const), row: idx, col: idx, value: cellValue }) },
    // Suffixes like "#row3" imitate the ids the importer gives duplicates, to provoke clashes.
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('append' as const), row: idx, col: idx, value: fc.oneof(fc.integer({ min: 1, max: 6 }).map((n) => `#row${n}`), hostilePiece) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('swap' as const), row: idx, col: idx, col2: idx }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), row: idx }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('blank-row' as const), row: idx }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('header' as const), col: idx, value: headerValue }) },
  );
}

/** Applies edits to a header and data rows (copies; the inputs are not changed). */
export function applyRowEdits(header: readonly string[], rows: readonly (readonly string[])[], edits: readonly RowEdit[]): string[][] {
  const h = [...header];
  const body = rows.map((r) => [...r]);
  for (const e of edits) {
    if (e.kind === 'header') {
      if (h.length > 0) h[e.col % h.length] = e.value;
      continue;
    }
    if (body.length === 0) continue;
    const r = e.row % body.length;
    const row = body[r] as string[];
    switch (e.kind) {
      case 'set':
        if (row.length > 0) row[e.col % row.length] = e.value;
        break;
      case 'drop':
        if (row.length > 0) row.splice(e.col % row.length, 1);
        break;
      case 'insert':
        row.splice(e.col % (row.length + 1), 0, e.value);
        break;
      case 'append':
        if (row.length > 0) row[e.col % row.length] += e.value;
        break;
      case 'swap': {
        if (row.length === 0) break;
        const a = e.col % row.length;
        const b = e.col2 % row.length;
        [row[a], row[b]] = [row[b] as string, row[a] as string];
        break;
      }
      case 'duplicate':
        body.splice(r, 0, [...row]);
        break;
      case 'blank-row':
        body.splice(r, 0, []);
        break;
    }
  }
  return [h, ...body];
}

/** A raw edit to the file's text: a character inserted, a span deleted, or the file cut off. */
export type TextEdit =
  | { readonly kind: 'insert'; readonly at: number; readonly text: string }
  | { readonly kind: 'delete'; readonly at: number; readonly length: number }
  | { readonly kind: 'truncate'; readonly at: number };

/** A random raw text edit (positions are fractions of the text length, 0..1). */
export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.oneof(fc.constantFrom(...AWKWARD_CHARS), hostilePiece) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }) },
);

/** Applies raw text edits in order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  let t = text;
  for (const e of edits) {
    const at = Math.floor(e.at * t.length);
    if (e.kind === 'insert') t = t.slice(0, at) + e.text + t.slice(at);
    else if (e.kind === 'delete') t = t.slice(0, at) + t.slice(at + e.length);
    else t = t.slice(0, at);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Oracles for import reports.

/** What `expectSoundReport` needs to know about the import it checks. */
export interface ReportExpectation {
  /** Rows (or features) the importer was given, counted independently of it. */
  readonly rowsGiven: number;
  readonly datasetId: string;
}

/**
 * Throws (with a message naming the broken rule) unless the report is sound: every row is
 * counted exactly once as shown or rejected, and every shown incident has finite coordinates
 * in range, a valid date, a unique id, known enum values and only http(s) links.
 */
export function assertSoundReport(report: ImportReport, expected: ReportExpectation): void {
  const fail = (rule: string): never => {
    throw new Error(`unsound import report: ${rule}`);
  };
  if (report.rowsRead !== expected.rowsGiven) fail(`rowsRead ${report.rowsRead} !== rows given ${expected.rowsGiven}`);
  if (report.rowsRead !== report.rowsShown + report.rowsRejected) fail('rowsRead !== rowsShown + rowsRejected');
  if (report.rowsShown !== report.incidents.length) fail(`rowsShown ${report.rowsShown} !== incidents ${report.incidents.length}`);
  const byReason = Object.values(report.rejectedByReason).reduce((a, b) => a + (b ?? 0), 0);
  if (byReason !== report.rowsRejected) fail(`rejectedByReason sums to ${byReason}, rowsRejected is ${report.rowsRejected}`);
  if (report.rejected.length + report.rejectedOmitted !== report.rowsRejected) fail('rejected.length + rejectedOmitted !== rowsRejected');
  const rejectedRows = new Set<number>();
  for (const r of report.rejected) {
    if (!Number.isInteger(r.row) || r.row < 1 || r.row > report.rowsRead) fail(`rejected row number ${r.row} out of 1..${report.rowsRead}`);
    if (rejectedRows.has(r.row)) fail(`row ${r.row} rejected twice`);
    rejectedRows.add(r.row);
    if (typeof r.message !== 'string' || r.message === '') fail(`row ${r.row} rejected without a message`);
    for (const v of Object.values(r.raw)) if (typeof v !== 'string') fail(`row ${r.row}: raw cell is not text`);
  }
  for (const d of report.duplicates) {
    if (rejectedRows.has(d.row)) fail(`row ${d.row} both rejected and shown as a duplicate`);
    if (!(d.firstRow < d.row)) fail(`duplicate row ${d.row} has firstRow ${d.firstRow}`);
  }
  const ids = new Set<string>();
  for (const inc of report.incidents) {
    const where = `incident ${JSON.stringify(inc.id)}`;
    if (typeof inc.id !== 'string' || inc.id === '') fail(`${where}: empty id`);
    if (ids.has(inc.id)) fail(`${where}: id not unique`);
    ids.add(inc.id);
    if (!Number.isFinite(inc.lon) || inc.lon < -180 || inc.lon > 180) fail(`${where}: lon ${inc.lon}`);
    if (!Number.isFinite(inc.lat) || inc.lat < -90 || inc.lat > 90) fail(`${where}: lat ${inc.lat}`);
    if (!isValidIncidentDate(inc.date)) fail(`${where}: invalid date ${JSON.stringify(inc.date)}`);
    if (inc.dataset !== expected.datasetId) fail(`${where}: dataset ${inc.dataset}`);
    if (!(CATEGORY_IDS as readonly string[]).includes(inc.category)) fail(`${where}: category ${inc.category}`);
    if (!(LOCATION_PRECISIONS as readonly string[]).includes(inc.precision)) fail(`${where}: precision ${inc.precision}`);
    if (!(VERIFICATION_STATUSES as readonly string[]).includes(inc.verification.status)) fail(`${where}: verification ${inc.verification.status}`);
    for (const s of inc.sources) {
      if (s.url !== null && !/^https?:\/\//i.test(s.url)) fail(`${where}: unsafe source url ${JSON.stringify(s.url)}`);
    }
    for (const f of [...inc.killed, ...inc.displaced]) {
      for (const n of [f.low, f.high]) if (n !== null && !Number.isFinite(n)) fail(`${where}: figure ${n}`);
    }
    for (const v of Object.values(inc.extra ?? {})) {
      if (v !== null && typeof v === 'object') fail(`${where}: extra holds an object`);
    }
  }
  // The worker posts the report to the page, so it must survive structured cloning.
  structuredClone(report);
}
