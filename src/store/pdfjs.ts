/**
 * pdf.js (the legacy build, the one meant for Node), loaded in one place. That build brings
 * core-js, which installs its own `Uint8Array.fromBase64` for the whole process when Node has none
 * (Node 24 has not). Puppeteer decodes every PDF Chromium prints with `Uint8Array.fromBase64`
 * when it exists, and core-js's, written in JavaScript, took about 20 ms a report in the PDF stage
 * (its largest cost in the build's own thread, once the stage had read a print with pdf.js).
 * Well-formed base64 without options is therefore decoded by Node's own decoder, which gives the
 * same bytes; anything else still goes to core-js, which keeps its checks and errors.
 */
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type FromBase64 = (this: unknown, text: string, options?: unknown) => Uint8Array;

let loaded: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    fastBase64();
    return pdfjs;
  });
  return loaded;
}

/**
 * Puts Node's decoder in front of `Uint8Array.fromBase64`, whoever installed it. (core-js's
 * functions pass for the engine's own: their source text reads "[native code]". Where the engine
 * has one, Node's decoder gives the same bytes as well.)
 */
function fastBase64(): void {
  const holder = Uint8Array as unknown as { fromBase64?: FromBase64 & { nodeDecoder?: true } };
  const installed = holder.fromBase64;
  if (!installed || installed.nodeDecoder) return;
  const fromBase64: FromBase64 = function (this: unknown, text, options) {
    const decoded = options === undefined && typeof text === 'string' ? wellFormed(text) : undefined;
    return decoded ?? installed.call(this, text, options);
  };
  Object.defineProperty(fromBase64, 'nodeDecoder', { value: true });
  Object.defineProperty(Uint8Array, 'fromBase64', { value: fromBase64, writable: true, configurable: true, enumerable: false });
}

/**
 * Node's decoding of `text` when it is well-formed base64 (the standard alphabet, padded to a
 * multiple of four), else undefined. Node's decoder also reads the URL-safe alphabet and passes
 * over anything else, so a text it decodes to fewer bytes than its length promises is not
 * well-formed. (Checked this way instead of by a regular expression: for a printed report's
 * 400 KB of base64 the expression alone took about 2 ms.)
 */
export function wellFormed(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || text.includes('-') || text.includes('_')) return undefined;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== (text.length / 4) * 3 - padding) return undefined;
  // A Uint8Array of its own, as the method gives (not a Buffer, nor a view of Node's pool).
  return new Uint8Array(bytes);
}

const FONT_FILE = Buffer.from('/FontFile');
/** What may follow a name in PDF syntax: white space or a delimiter. */
const NAME_END = new Set([...'\0\t\n\f\r ()<>[]{}/%'].map((c) => c.charCodeAt(0)));

/**
 * A copy of a PDF in which pdf.js finds no embedded font program, for reading what a page says
 * and where, never how it looks. Each font descriptor's `/FontFile`, `/FontFile2` and `/FontFile3`
 * key is renamed in place (`/FontFil_2`: same length, so every offset in the file still holds);
 * pdf.js then takes each font as not embedded: the text from its ToUnicode map and the advances
 * from its widths, as before, without parsing and repairing the font program — which was most of
 * the cost of reading a printed page (about 19 → 6 ms of CPU a report for the last page's text).
 * Fonts kept in compressed object streams are left as they are (Chromium writes none).
 */
export function withoutFontPrograms(pdf: Uint8Array): Uint8Array {
  const copy = new Uint8Array(pdf);
  const bytes = Buffer.from(copy.buffer, copy.byteOffset, copy.length);
  for (let at = bytes.indexOf(FONT_FILE); at !== -1; at = bytes.indexOf(FONT_FILE, at + FONT_FILE.length)) {
    const next = bytes[at + FONT_FILE.length];
    const key = next === 0x32 || next === 0x33 ? FONT_FILE.length + 1 : FONT_FILE.length;
    if (at + key === bytes.length || NAME_END.has(bytes[at + key]!)) bytes[at + FONT_FILE.length - 1] = 0x5f;
  }
  return copy;
}
