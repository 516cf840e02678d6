import type { FontFacesSpecification } from 'maplibre-gl';
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import myanmar400 from '@fontsource/noto-sans-myanmar/files/noto-sans-myanmar-myanmar-400-normal.woff2?url';
import latin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import latinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2?url';
import myanmar700 from '@fontsource/noto-sans-myanmar/files/noto-sans-myanmar-myanmar-700-normal.woff2?url';

/** Font stacks used by the style's `text-font`. */
export const FONT = {
  regular: ['Noto Sans Regular'],
  bold: ['Noto Sans Bold'],
} as const;

const MYANMAR_RANGES = ['U+1000-109F', 'U+A9E0-A9FF', 'U+AA60-AA7F'];
const LATIN_RANGES = ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+02BB-02BC', 'U+02C6', 'U+02DA', 'U+02DC', 'U+2000-206F', 'U+2074', 'U+20AC', 'U+2122', 'U+2191', 'U+2193', 'U+2212', 'U+2215', 'U+FEFF', 'U+FFFD'];
const LATIN_EXT_RANGES = ['U+0100-02AF', 'U+0304', 'U+0308', 'U+0329', 'U+1E00-1E9F', 'U+1EF2-1EFF', 'U+2020', 'U+20A0-20AB', 'U+20AD-20C0', 'U+2113', 'U+2C60-2C7F', 'U+A720-A7FF'];

/**
 * Font files shipped with the app (Noto Sans, Noto Sans Myanmar; OFL-1.1), so labels look the same
 * everywhere and Burmese is shaped by the browser's text engine rather than by a glyph server.
 */
export function fontFaces(resolve: (path: string) => string): FontFacesSpecification {
  return {
    'Noto Sans Regular': [
      { url: resolve(latin400), 'unicode-range': LATIN_RANGES },
      { url: resolve(latinExt400), 'unicode-range': LATIN_EXT_RANGES },
      { url: resolve(myanmar400), 'unicode-range': MYANMAR_RANGES },
    ],
    'Noto Sans Bold': [
      { url: resolve(latin700), 'unicode-range': LATIN_RANGES },
      { url: resolve(latinExt700), 'unicode-range': LATIN_EXT_RANGES },
      { url: resolve(myanmar700), 'unicode-range': MYANMAR_RANGES },
    ],
  };
}
