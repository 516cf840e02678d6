/**
 * Canonical JSON: the one way equal data is written as equal text, so it can be hashed. The
 * snapshot's data hash (`export/data-hash.ts`) and a map package's content hashes
 * (`data/map-package.ts`) both use it. Pure; no dependencies.
 */

function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Where a value sits (`$.sources[2].url`), built only when there is an error to report. */
function pathOf(stack: readonly (string | number)[]): string {
  return `$${stack.map((k) => (typeof k === 'number' ? `[${k}]` : k === '{}' ? '{}' : `.${k}`)).join('')}`;
}

function canonical(value: unknown, stack: (string | number)[]): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`Cannot hash a non-finite number at ${pathOf(stack)}`);
    return JSON.stringify(value);
  }
  if (typeof value !== 'object') throw new TypeError(`Cannot hash a ${typeof value} at ${pathOf(stack)}`);
  // A set has no order, so it hashes as its sorted members (filters hold sets of ids).
  if (value instanceof Set) {
    stack.push('{}');
    const members = [...value].map((v) => canonical(v, stack)).sort(byCodeUnit);
    stack.pop();
    return `[${members.join(',')}]`;
  }
  // A Map would serialise as "{}" and silently drop what it holds.
  if (value instanceof Map) throw new TypeError(`Cannot hash a Map at ${pathOf(stack)}; pass a plain object`);
  const withJson = value as { toJSON?: () => unknown };
  if (typeof withJson.toJSON === 'function') return canonical(withJson.toJSON(), stack);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      if (v === undefined) out += 'null';
      else {
        stack.push(i);
        out += canonical(v, stack);
        stack.pop();
      }
    }
    return `${out}]`;
  }
  const keys = Object.keys(value).sort(byCodeUnit);
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    stack.push(k);
    out += `${first ? '' : ','}${JSON.stringify(k)}:${canonical(v, stack)}`;
    stack.pop();
    first = false;
  }
  return `${out}}`;
}

/**
 * JSON with object keys sorted (by UTF-16 code unit) at every depth, so equal data always gives
 * the same string. Undefined object members are left out, as `JSON.stringify` does; a `Set`
 * becomes an array of its members in sorted order. Non-finite numbers, Maps, functions and
 * bigints throw a TypeError that says where they are.
 * @example canonicalJson({ b: 1, a: [2, 1] }) // '{"a":[2,1],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return canonical(value, []);
}
