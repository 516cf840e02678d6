/**
 * What ships: the production build (made once by the global setup) holds the app's modules and
 * their dependencies, and no benchmark or test code (issue #10).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_MODULES_FILE } from './global-setup.ts';

const root = resolve(import.meta.dirname, '../..');
const modules = (JSON.parse(readFileSync(join(root, BUNDLE_MODULES_FILE), 'utf8')) as string[]).map((id) =>
  relative(root, id.replace(/^\0/, '').replace(/\?.*$/, '')),
);
const ours = modules.filter((m) => !m.startsWith('node_modules/') && !m.startsWith('..'));

describe('the production bundle', () => {
  it('was recorded, with the import worker and its modules in it', () => {
    expect(ours).toContain('src/main.ts');
    expect(ours).toContain('src/lib/data/import/import.worker.ts');
    expect(ours).toContain('src/lib/data/import/run-import.ts');
  });

  it('contains no module from tests/ and no benchmark module', () => {
    const leaked = ours.filter((m) => m.startsWith('tests/') || /bench/i.test(m));
    expect(leaked).toEqual([]);
  });

  it('contains none of the benchmark-only worker modes', () => {
    const dir = join(root, 'dist', 'assets');
    const js = readdirSync(dir).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    for (const file of js) {
      const text = readFileSync(join(dir, file), 'utf8');
      expect(text, file).not.toContain('bare-done');
      expect(text, file).not.toContain('papa-file');
    }
  });
});
