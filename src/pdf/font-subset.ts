/**
 * Cutting a font down to a set of characters, with HarfBuzz's subsetter (harfbuzzjs, WebAssembly).
 * Works on TrueType and CFF faces and on one face of a collection (.ttc); glyph outlines, metrics
 * and layout tables of the kept characters are kept, hinting (unused in print) is dropped.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface HarfBuzzSubset {
  memory: WebAssembly.Memory;
  _initialize(): void;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_set_add(set: number, value: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_WRITABLE = 2;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;

let harfbuzz: HarfBuzzSubset | undefined;
let wasmBytes: Buffer<ArrayBuffer> | undefined;
const subsetterWasm = () => (wasmBytes ??= readFileSync(createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm')));

/** The SHA-256 of HarfBuzz's subsetter program: a kept cut names the subsetter that made it. */
let digest: string | undefined;
export const subsetterDigest = (): string => (digest ??= createHash('sha256').update(subsetterWasm()).digest('hex'));

function subsetter(): HarfBuzzSubset {
  if (!harfbuzz) {
    const wasm = subsetterWasm();
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm), {});
    harfbuzz = instance.exports as unknown as HarfBuzzSubset;
    harfbuzz._initialize();
  }
  return harfbuzz;
}

/** The face `index` of `font` (a .ttf, .otf or .ttc file's bytes, read from `file` when named) with only `codePoints`. */
export function subsetFont(font: Uint8Array, index: number, codePoints: Iterable<number>, file?: string): Uint8Array {
  const hb = subsetter();
  // HarfBuzz's memory is fixed at about 68 MB (harfbuzzjs's build does not grow it), and a request
  // it cannot meet gets address 0: a larger file is refused in words an editor can act on, not
  // written at address 0 (a bare RangeError, or, just under the memory's size, over HarfBuzz's own data).
  const data = hb.malloc(font.byteLength);
  if (!data) throw new Error(`字体文件${file ? ` ${file} ` : ''}太大（${Math.round(font.byteLength / 1048576)} MB），HarfBuzz 无法载入它来裁剪子集；请改用单个字重的字体文件（.ttf、.otf，而不是包含多种语言和字重的 .ttc 合集）。`);
  new Uint8Array(hb.memory.buffer).set(font, data);
  const blob = hb.hb_blob_create(data, font.byteLength, HB_MEMORY_MODE_WRITABLE, 0, 0);
  const face = hb.hb_face_create(blob, index);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  try {
    if (!input) throw new Error('HarfBuzz 无法创建子集参数');
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
    hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING);
    const subset = hb.hb_subset_or_fail(face, input);
    if (!subset) throw new Error('HarfBuzz 无法生成字体子集（字体文件可能已损坏）');
    const result = hb.hb_face_reference_blob(subset);
    try {
      const at = hb.hb_blob_get_data(result, 0);
      const length = hb.hb_blob_get_length(result);
      if (!length) throw new Error('HarfBuzz 生成的字体子集为空');
      // Copied out: the WebAssembly memory is reused (and may grow) with the next font.
      return new Uint8Array(hb.memory.buffer).slice(at, at + length);
    } finally {
      hb.hb_blob_destroy(result);
      hb.hb_face_destroy(subset);
    }
  } finally {
    if (input) hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(data);
  }
}
