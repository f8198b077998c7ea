/**
 * The faces an OFD copy embeds: for each face the printed PDF names, the font file it came from
 * (the project's fonts/ folder first, then the installed fonts, both by PostScript name), cut to the
 * characters the document uses. The PDF's own embedded programs are not reused: Chromium writes
 * CFF faces (Noto CJK) as Type 3 glyph procedures and its TrueType subsets have no character map,
 * while an OFD reader finds each character's glyph through the face's character map.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { scanFontFolder } from '../pdf/font-folder.ts';
import { readFontInfo } from '../pdf/font-names.ts';
import { subsetFont } from '../pdf/font-subset.ts';
import { systemFonts, type SystemFont } from '../pdf/print-font-subsets.ts';

export interface FaceFile {
  file: string;
  index: number;
  /** `ttf` or `otf`: what the cut face is (HarfBuzz keeps the outline format). */
  extension: string;
}

/** Finds font files by the PostScript names a PDF gives its faces. */
export type FaceFinder = (postscriptName: string) => FaceFile | undefined;

/** The fonts/ folder's faces (by every name they give themselves), then the installed ones (fontconfig). */
export function faceFinder(fontsDir: string, installed: () => Map<string, SystemFont> = systemFonts): FaceFinder {
  const folder = new Map<string, SystemFont>();
  for (const font of scanFontFolder(fontsDir).fonts) {
    const file = path.join(fontsDir, font.file);
    // Read into the process's store: the face cut from it later is most often one of these.
    for (const name of readFontInfo(readFileBytes(file))?.names ?? []) if (!folder.has(name)) folder.set(name, { file, index: 0 });
  }
  let system: Map<string, SystemFont> | undefined;
  return (name) => {
    const found = folder.get(name) ?? (system ??= installed()).get(name);
    return found && { ...found, extension: outlineFormat(readFileBytes(found.file), found.index) };
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

/** `otf` when the face has CFF outlines, `ttf` for TrueType outlines. */
function outlineFormat(bytes: Uint8Array, index: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = view.getUint32(0) === 0x74746366 /* ttcf */ ? view.getUint32(12 + index * 4) : 0;
  return view.getUint32(offset) === 0x4f54544f /* OTTO */ ? 'otf' : 'ttf';
}

/** The face cut to `text`'s characters. */
export function cutFace(face: FaceFile, text: Iterable<string>): Uint8Array {
  const codePoints = new Set<number>();
  for (const s of text) for (const ch of s) codePoints.add(ch.codePointAt(0)!);
  return subsetFont(readFileBytes(face.file), face.index, [...codePoints].sort((a, b) => a - b), face.file);
}

/**
 * Has `fonts` ready for this process's first conversion: their files read off the build's thread,
 * then one character cut from a face of each outline format, which has HarfBuzz compile the code
 * it cuts with (its first cut of a CJK face took 0.16 s, the next 0.01 s). Faces that cannot be
 * read or cut are left to the conversion, which reports them.
 */
export async function prepareFaces(fonts: readonly { file: string; index: number }[]): Promise<void> {
  await Promise.all(
    [...new Set(fonts.map((f) => f.file))].map(async (file) => {
      if (bytesOf.has(file)) return;
      const bytes = await readFile(file).catch(() => undefined);
      if (bytes && !bytesOf.has(file)) bytesOf.set(file, bytes);
    }),
  );
  const formats = new Set<string>();
  for (const { file, index } of fonts) {
    const bytes = bytesOf.get(file);
    if (!bytes) continue;
    try {
      const format = outlineFormat(bytes, index);
      if (formats.has(format)) continue;
      formats.add(format);
      subsetFont(bytes, index, [0x41, 0x4e00], file);
    } catch {
      // Not a face HarfBuzz can cut: the conversion says so if the document uses it.
    }
    // The build's thread answers what else it serves (the portal's process, Pagefind) between cuts.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The font files this process holds, read once each. */
export const heldFontFiles = (): string[] => [...bytesOf.keys()];
