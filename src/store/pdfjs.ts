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

const WELL_FORMED = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

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
    if (options === undefined && typeof text === 'string' && text.length % 4 === 0 && WELL_FORMED.test(text)) {
      // A Uint8Array of its own, as the method gives (not a Buffer, nor a view of Node's pool).
      return new Uint8Array(Buffer.from(text, 'base64'));
    }
    return installed.call(this, text, options);
  };
  Object.defineProperty(fromBase64, 'nodeDecoder', { value: true });
  Object.defineProperty(Uint8Array, 'fromBase64', { value: fromBase64, writable: true, configurable: true, enumerable: false });
}
