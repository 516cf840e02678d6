import { describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DIR = join(import.meta.dirname, '../../src/lib/export');
const files = readdirSync(DIR).filter((f) => f.endsWith('.ts'));

describe('src/lib/export', () => {
  test.each(files)('%s imports no maplibre-gl and nothing from the map module', (file) => {
    const source = readFileSync(join(DIR, file), 'utf8');
    const imports = [...source.matchAll(/^\s*(?:import|export)[^;]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    for (const spec of imports) {
      expect(spec).not.toMatch(/maplibre/);
      expect(spec).not.toMatch(/\/map\//);
      expect(spec).not.toMatch(/\.svelte/);
    }
  });

  test.each(files)('%s says in its header that it is the export composition layer', (file) => {
    expect(readFileSync(join(DIR, file), 'utf8')).toMatch(/export composition layer/);
  });
});
