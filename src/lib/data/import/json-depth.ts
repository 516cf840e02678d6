/**
 * A nesting bound for untrusted JSON, checked before `JSON.parse`: a file of a million `[`
 * would otherwise make the parser (and every recursive walk after it) use unbounded stack.
 */

/**
 * True when no array or object in `text` nests deeper than `maxDepth`. Brackets inside
 * strings (including escaped quotes) are not counted. It does not validate the JSON;
 * `JSON.parse` still does that afterwards.
 * @example checkJsonDepth('[[1]]', 1) // false
 */
export function checkJsonDepth(text: string, maxDepth = 64): boolean {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // Skip the string: jump to each next quote and count the backslashes before it.
      let j = i;
      for (;;) {
        j = text.indexOf('"', j + 1);
        if (j === -1) return true;
        let backslashes = 0;
        for (let k = j - 1; k > i && text.charCodeAt(k) === 92; k--) backslashes++;
        if (backslashes % 2 === 0) break;
      }
      i = j;
    } else if (c === 91 || c === 123) {
      depth++;
      if (depth > maxDepth) return false;
    } else if (c === 93 || c === 125) {
      depth--;
    }
  }
  return true;
}
