/**
 * The faces an OFD copy embeds: for each face the printed PDF names, the font file it came from
 * (the project's fonts/ folder first, then the installed fonts, both by PostScript name), cut to the
 * characters the document uses. The PDF's own embedded programs are not reused: Chromium writes
 * CFF faces (Noto CJK) as Type 3 glyph procedures and its TrueType subsets have no character map,
 * while an OFD reader finds each character's glyph through the face's character map.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { scanFontFolder } from '../pdf/font-folder.ts';
import { readFontInfo } from '../pdf/font-names.ts';
import { subsetFont } from '../pdf/font-subset.ts';
import { officialCut, systemFonts, withinOfficial, type SystemFont } from '../pdf/print-font-subsets.ts';
import type { OutputStore } from '../store/cache-store.ts';

export interface FaceFile {
  file: string;
  index: number;
  /** `ttf` or `otf`: what the cut face is (HarfBuzz keeps the outline format). */
  extension: string;
  /** Where the face's official cut is kept besides the user's cache (the build cache). */
  store?: OutputStore;
}

/** Finds font files by the PostScript names a PDF gives its faces. */
export type FaceFinder = (postscriptName: string) => FaceFile | undefined;

/** The fonts/ folder's faces (by every name they give themselves), then the installed ones (fontconfig). */
export function faceFinder(fontsDir: string, installed: () => Map<string, SystemFont> = systemFonts, store?: OutputStore): FaceFinder {
  const folder = new Map<string, SystemFont>();
  for (const font of scanFontFolder(fontsDir).fonts) {
    const file = path.join(fontsDir, font.file);
    for (const name of readFontInfo(readFileSync(file))?.names ?? []) if (!folder.has(name)) folder.set(name, { file, index: 0 });
  }
  let system: Map<string, SystemFont> | undefined;
  return (name) => {
    const found = folder.get(name) ?? (system ??= installed()).get(name);
    return found && { ...found, extension: outlineFormat(found.file, found.index), ...(store && { store }) };
  };
}

const bytesOf = new Map<string, Uint8Array>();
/**
 * Font files are read once a process: a CJK collection is 20–30 MB. The buffer read is kept as it
 * is: copying it as well took as long as reading (0.3 s for the four faces of a report).
 */
function readFileBytes(file: string): Uint8Array {
  let bytes = bytesOf.get(file);
  if (!bytes) bytesOf.set(file, (bytes = readFileSync(file)));
  return bytes;
}

/**
 * `otf` when the face has CFF outlines, `ttf` for TrueType outlines: read from the file's first
 * bytes (a CJK collection is 20–30 MB, and a face is mostly cut from its official cut, below).
 */
function outlineFormat(file: string, index: number): string {
  const held = bytesOf.get(file);
  const fd = held ? undefined : openSync(file, 'r');
  const at = (offset: number) => {
    if (held) return new DataView(held.buffer, held.byteOffset + offset, 4).getUint32(0);
    const four = Buffer.alloc(4);
    return readSync(fd!, four, 0, 4, offset) === 4 ? four.readUInt32BE(0) : 0;
  };
  try {
    const offset = at(0) === 0x74746366 /* ttcf */ ? at(12 + index * 4) : 0;
    return at(offset) === 0x4f54544f /* OTTO */ ? 'otf' : 'ttf';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The face cut to `text`'s characters. Text within the official character set (GB2312 and the
 * punctuation of Chinese text, as nearly every report's) is cut from the face's official cut
 * (print-font-subsets.ts: 1–4 MB, kept in the user's cache; the print has usually cut it already),
 * not from the font file: HarfBuzz copies and parses the whole file for every cut, and 225 cuts
 * of a thousand reports' faces gave the same bytes either way, five times faster. Other text is
 * cut from the file.
 */
export function cutFace(face: FaceFile, text: Iterable<string>): Uint8Array {
  const set = new Set<number>();
  for (const s of text) for (const ch of s) set.add(ch.codePointAt(0)!);
  const codePoints = [...set].sort((a, b) => a - b);
  if (withinOfficial(codePoints)) return subsetFont(officialOf(face), 0, codePoints, face.file);
  return subsetFont(readFileBytes(face.file), face.index, codePoints, face.file);
}

const cuts = new Map<string, Uint8Array>();
/** A face's official cut, found once a process (a conversion asks for each face again: no stat and digest of its key each time). */
function officialOf(font: { file: string; index: number; store?: OutputStore }): Uint8Array {
  const at = `${font.file}#${font.index}`;
  let cut = cuts.get(at);
  if (!cut) cuts.set(at, (cut = officialCut(font, font.store)));
  return cut;
}

/**
 * Has `fonts` ready for this process's first conversion: their official cuts (above) found in the
 * user's cache, or made, then one character cut from a face of each outline format, which has
 * HarfBuzz compile the code it cuts with (its first cut of a CJK face took 0.16 s, the next
 * 0.01 s). Faces that cannot be read or cut are left to the conversion, which reports them.
 */
export async function prepareFaces(fonts: readonly { file: string; index: number }[]): Promise<void> {
  const formats = new Set<string>();
  for (const font of fonts) {
    try {
      const cut = officialOf(font);
      const format = outlineFormat(font.file, font.index);
      if (!formats.has(format)) {
        formats.add(format);
        subsetFont(cut, 0, [0x41, 0x4e00], font.file);
      }
    } catch {
      // Not a face HarfBuzz can cut: the conversion says so if the document uses it.
    }
    // The build's thread answers what else it serves (the portal's process, Pagefind) between faces.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The font files this process holds whole, read once each. */
export const heldFontFiles = (): string[] => [...bytesOf.keys()];

/** The faces (`file#index`) whose official cut this process holds. */
export const heldOfficialCuts = (): string[] => [...cuts.keys()];
