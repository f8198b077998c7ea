/**
 * The print stylesheet's faces, cut down to the characters of official documents. Chromium embeds
 * a subset of every font a PDF uses, and the cost grows with the font it starts from: a 20 MB CJK
 * face costs about 90 ms per report and face, a GB2312-sized cut of it about 25 ms. So each face
 * the stylesheet finds with local() is served to the printing browser as that cut, under the same
 * family and descriptors (declared later, so it wins). The character set is fixed, not taken from
 * the reports: a report prints the same bytes whatever else is built with it. A character outside
 * it falls back to the next face of the stack, which names the full font.
 *
 * A cut depends only on the installed font file, the character set and the subsetter, so besides the project's
 * build cache it is kept in the user's cache folder (user-cache.ts): a new project, or a CI job
 * with a fresh checkout, does not cut the same 20 MB faces again (about 2 s of every first print).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, type OutputStore } from '../store/cache-store.ts';
import { subsetFont, subsetterDigest } from './font-subset.ts';
import type { ExtraRoute } from './site-server.ts';
import { userCacheStore } from '../store/user-cache.ts';

const PRINT_CSS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../styles/print-report.css');
const FORMAT = 'nianbao-print-font/2';

/** One @font-face rule of the print stylesheet. */
export interface PrintFace {
  family: string;
  /** The local() names, in the order the browser tries them. */
  localNames: string[];
  /** Every other descriptor (weight, unicode-range, metric overrides), as written. */
  descriptors: [string, string][];
}

export function parsePrintFaces(css: string): PrintFace[] {
  const faces: PrintFace[] = [];
  for (const block of css.matchAll(/@font-face\s*\{([^}]*)\}/g)) {
    let family = '';
    const localNames: string[] = [];
    const descriptors: [string, string][] = [];
    for (const declaration of block[1]!.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon < 0) continue;
      const name = declaration.slice(0, colon).trim();
      const value = declaration.slice(colon + 1).trim();
      if (name === 'font-family') family = value.replace(/^"|"$/g, '');
      else if (name === 'src') for (const m of value.matchAll(/local\("([^"]+)"\)/g)) localNames.push(m[1]!);
      else if (name) descriptors.push([name, value]);
    }
    if (family && localNames.length) faces.push({ family, localNames, descriptors });
  }
  return faces;
}

/** GB2312 (the character set of the official faces), ASCII, Latin-1 and the punctuation and number forms of Chinese text. */
export function officialCharacterSet(): number[] {
  const set = new Set<number>();
  const add = (from: number, to: number) => {
    for (let cp = from; cp <= to; cp++) set.add(cp);
  };
  add(0x20, 0x7e);
  add(0xa0, 0xff);
  add(0x2000, 0x206f);
  add(0x2150, 0x218f);
  add(0x2460, 0x24ff);
  add(0x3000, 0x303f);
  add(0xff00, 0xffef);
  const gb = new TextDecoder('gb18030');
  for (let row = 0xa1; row <= 0xf7; row++) {
    for (let cell = 0xa1; cell <= 0xfe; cell++) {
      const ch = gb.decode(Uint8Array.of(row, cell));
      const cp = ch.codePointAt(0)!;
      if (ch.length === 1 && cp !== 0xfffd && !(cp >= 0xe000 && cp <= 0xf8ff)) set.add(cp);
    }
  }
  return [...set].sort((a, b) => a - b);
}

/** `U+0021-007E, U+4E00` → the code points it covers. */
function unicodeRange(value: string): (cp: number) => boolean {
  const ranges = value.split(',').map((part) => {
    const [lo, hi] = part.trim().replace(/^U\+/i, '').split('-') as [string, string | undefined];
    return [parseInt(lo, 16), parseInt(hi ?? lo, 16)] as const;
  });
  return (cp) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);
}

export interface SystemFont {
  file: string;
  index: number;
}

/**
 * How long the installed fonts are taken as known: a build asks for them in the PDF stage, again for
 * the faces it prepares ahead of the OFD stage and again in that stage, each time running fc-list
 * on the build's thread; a font installed while the live preview runs is found a few seconds later.
 */
const LISTING_KEPT_MS = 15_000;
let listed: { at: number; fonts: Map<string, SystemFont> } | undefined;

/** Installed fonts by full name and PostScript name (what local() matches), from fontconfig; none without it. */
export function systemFonts(now = performance.now()): Map<string, SystemFont> {
  if (listed && now - listed.at < LISTING_KEPT_MS) return listed.fonts;
  const fonts = new Map<string, SystemFont>();
  let listing: string;
  try {
    listing = execFileSync('fc-list', ['--format', '%{file}\t%{index}\t%{fullname}\t%{postscriptname}\n'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20_000 });
  } catch {
    return fonts;
  }
  // Sorted, so that the same name always gives the same file.
  for (const line of listing.split('\n').sort()) {
    const [file, index, fullnames, postscript] = line.split('\t');
    if (!file || !index) continue;
    for (const name of [...(fullnames ?? '').split(','), postscript ?? '']) {
      if (name && !fonts.has(name)) fonts.set(name, { file, index: Number(index) });
    }
  }
  listed = { at: now, fonts };
  return fonts;
}

export interface PrintSubsets {
  routes: Record<string, ExtraRoute>;
  /** @font-face rules declaring the cut faces under the stylesheet's family names. */
  css: string;
  /** Faces found and cut, for the build log. */
  faces: string[];
}

/**
 * Routes and rules for the cut faces, under `prefix` on the printing server. A face is cut when the
 * browser first asks for it, once per process, and kept in `store` (the build cache) when given.
 */
export function printFontSubsets(prefix: string, store?: OutputStore, installed: Map<string, SystemFont> = systemFonts()): PrintSubsets {
  const { charset } = officialChars();
  const routes: Record<string, ExtraRoute> = {};
  const rules: string[] = [];
  const faces: string[] = [];
  for (const { face, name, font } of installedPrintFaces(installed)) {
    const range = face.descriptors.find(([d]) => d === 'unicode-range');
    const inRange = range ? unicodeRange(range[1]) : () => true;
    const key = cutKey(font, range?.[1]);
    const route = `${prefix}subset-${key.slice(0, 20)}`;
    routes[route] = { type: 'font/sfnt', bytes: () => cutFace(key, font, charset.filter(inRange), store) };
    const descriptors = face.descriptors.map(([d, v]) => `  ${d}: ${v};`);
    rules.push(`@font-face {\n  font-family: "${face.family}";\n  src: url("${route}");\n${descriptors.join('\n')}\n}\n`);
    faces.push(`${face.family}=${name}`);
  }
  return { routes, css: rules.join(''), faces };
}

/** The print stylesheet's faces that are installed here: each with the first of its local() names found, and that font. */
function installedPrintFaces(installed: Map<string, SystemFont>): { face: PrintFace; name: string; font: SystemFont }[] {
  return parsePrintFaces(readFileSync(PRINT_CSS, 'utf8')).flatMap((face) => {
    const name = face.localNames.find((n) => installed.has(n));
    return name ? [{ face, name, font: installed.get(name)! }] : [];
  });
}

/** The installed fonts the print stylesheet's faces come from: the files a printed report's faces are found in again (the OFD copy embeds them). */
export function printFaceFonts(installed: Map<string, SystemFont> = systemFonts()): SystemFont[] {
  return installedPrintFaces(installed).map(({ font }) => font);
}

/** The official character set, its digest and a set of it: worked out once a process (some 7,500 GB18030 cells decoded). */
let official: { charset: number[]; key: string; set: Set<number> } | undefined;
function officialChars(): NonNullable<typeof official> {
  if (!official) {
    const charset = officialCharacterSet();
    official = { charset, key: sha256(charset.join(',')), set: new Set(charset) };
  }
  return official;
}

/** The key of a face's cut: the subsetter, the font file as it is now, the character set and the range kept. */
function cutKey(font: SystemFont, range: string | undefined): string {
  const stat = statSync(font.file);
  return sha256([FORMAT, subsetterDigest(), font.file, font.index, stat.size, stat.mtimeMs, officialChars().key, range ?? '-'].join('\n'));
}

/**
 * The font file's face cut to the whole official character set: the print's cut of a face that has
 * no unicode-range (the same key, so the same entry), kept in `store` and the user's cache. The
 * OFD copy cuts its faces from it (src/ofd/faces.ts).
 */
export function officialCut(font: SystemFont, store?: OutputStore): Uint8Array {
  return cutFace(cutKey(font, undefined), font, officialChars().charset, store);
}

/** Whether every one of `codePoints` is in the official character set (so in a face's official cut, when the face has it). */
export function withinOfficial(codePoints: readonly number[]): boolean {
  const { set } = officialChars();
  return codePoints.every((cp) => set.has(cp));
}

const cut = new Map<string, Uint8Array>();

function cutFace(key: string, font: SystemFont, codePoints: number[], store?: OutputStore): Uint8Array {
  let bytes = cut.get(key);
  if (!bytes) {
    const make = () => subsetFont(readFileSync(font.file), font.index, codePoints, font.file);
    // --no-cache leaves out the project's cache (its outputs are all made afresh), not the user's:
    // a cut is no output, but a derivative of an installed font, like the portal's compiled pages.
    const user = userCacheStore();
    bytes = store ? findOrCut(key, make, store, user) : user ? findOrCut(key, make, user) : make();
  }
  cut.set(key, bytes);
  return bytes;
}

/** The cut from the project's cache, else from the user's (copied into the project's), else made and kept in both. */
export function findOrCut(key: string, make: () => Uint8Array, store: OutputStore, user?: OutputStore): Uint8Array {
  const own = store.get('print-font', key);
  if (own) return own;
  let bytes: Uint8Array | undefined = user?.get('print-font', key);
  if (!bytes) {
    bytes = make();
    user?.put('print-font', key, bytes);
  }
  store.put('print-font', key, bytes);
  return bytes;
}
