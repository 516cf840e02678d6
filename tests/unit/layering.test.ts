/**
 * The layering of `src/` (../shared/HOUSE_STYLE.md, "The shape we aim for"): what each folder of
 * `src/lib/` may import, read from the source files themselves. Data flows one way, and only
 * `src/lib/map/` touches MapLibre; `src/lib/bind/` is the one place that connects state to it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const LIB = join(ROOT, 'src/lib');

/** What each folder of src/lib may import from the others (its own folder is always allowed). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  domain: [],
  geo: ['domain'],
  query: ['domain', 'geo'],
  format: ['domain'],
  symbols: ['domain'],
  data: ['domain', 'geo'],
  state: ['domain', 'geo', 'query', 'data', 'format', 'share'],
  map: ['domain', 'geo', 'symbols'],
  bind: ['state', 'map'],
  export: ['domain', 'geo', 'symbols', 'format'],
  share: ['domain', 'data', 'format'],
};

/** Components show state and raise events: they never reach the map or the binding. */
const COMPONENTS_MAY_NOT = ['map', 'bind'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path);
    return /\.(ts|svelte)$/.test(name) ? [path] : [];
  });
}

interface ImportLine {
  readonly spec: string;
  readonly typeOnly: boolean;
}

/** Every module a file imports (static and dynamic, values and types). */
function importsOf(file: string): ImportLine[] {
  const source = readFileSync(file, 'utf8');
  const found: ImportLine[] = [];
  for (const m of source.matchAll(/^\s*(import|export)\s+(type\s+)?[^;'"]*?\bfrom\s+['"]([^'"]+)['"]/gm)) {
    found.push({ spec: m[3] as string, typeOnly: Boolean(m[2]) });
  }
  for (const m of source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) found.push({ spec: m[1] as string, typeOnly: false });
  for (const m of source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ spec: m[1] as string, typeOnly: false });
  for (const m of source.matchAll(/new URL\(\s*['"](\.[^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) found.push({ spec: m[1] as string, typeOnly: false });
  return found;
}

/** The src/lib folder a relative import lands in, or null when it leaves src/lib. */
function libFolderOf(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const target = relative(LIB, resolve(dirname(file), spec.replace(/\?.*$/, '')));
  if (target.startsWith('..')) return null;
  return target.split('/')[0] ?? null;
}

const libFolders = readdirSync(LIB).filter((d) => statSync(join(LIB, d)).isDirectory());

describe('src/lib layering', () => {
  it('has a rule for every folder', () => {
    expect(libFolders.sort()).toEqual(Object.keys(MAY_IMPORT).sort());
  });

  for (const folder of libFolders) {
    const allowed = new Set([folder, ...(MAY_IMPORT[folder] ?? [])]);
    const files = filesUnder(join(LIB, folder));
    it.each(files.map((f) => relative(ROOT, f)))(`%s imports only ${[...allowed].join(', ')}`, (rel) => {
      const file = join(ROOT, rel);
      const bad = importsOf(file)
        .map((i) => ({ ...i, folder: libFolderOf(file, i.spec) }))
        .filter((i) => i.spec.startsWith('.') && (i.folder === null ? !i.spec.includes('package.json') : !allowed.has(i.folder)));
      expect(bad.map((b) => b.spec)).toEqual([]);
    });
  }

  it.each(filesUnder(ROOT + '/src').filter((f) => !f.startsWith(join(LIB, 'map'))).map((f) => relative(ROOT, f)))(
    '%s does not import maplibre-gl (only src/lib/map does)',
    (rel) => {
      const specs = importsOf(join(ROOT, rel)).filter((i) => !i.typeOnly).map((i) => i.spec);
      expect(specs.filter((s) => s.startsWith('maplibre-gl'))).toEqual([]);
    },
  );

  it.each(filesUnder(join(ROOT, 'src/components')).map((f) => relative(ROOT, f)))('%s never reaches the map or the binding', (rel) => {
    const file = join(ROOT, rel);
    const bad = importsOf(file).filter((i) => COMPONENTS_MAY_NOT.includes(libFolderOf(file, i.spec) ?? ''));
    expect(bad.map((b) => b.spec)).toEqual([]);
  });
});
