/**
 * pdf.js's legacy build installs core-js's `Uint8Array.fromBase64` for the whole process, and
 * Puppeteer decodes every printed PDF with it: src/store/pdfjs.ts puts Node's decoder in front of
 * it. Same bytes for well-formed base64; core-js's own errors for anything else.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadPdfJs, wellFormed } from '../../src/store/pdfjs.ts';

type FromBase64 = ((text: string, options?: unknown) => Uint8Array) & { nodeDecoder?: true };
const fromBase64 = () => (Uint8Array as unknown as { fromBase64: FromBase64 }).fromBase64;

describe('Uint8Array.fromBase64 once pdf.js is loaded', () => {
  it('is Node’s decoder, also after pdf.js has started its worker code', async () => {
    const pdfjs = await loadPdfJs();
    // Opening a document loads pdf.worker.mjs, whose own core-js looks at the method again.
    const task = pdfjs.getDocument({ data: new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')), verbosity: 0 });
    await task.promise.catch(() => undefined);
    await task.destroy();
    expect(fromBase64().nodeDecoder).toBe(true);
  });

  it('gives the same bytes as Node for well-formed base64 of every padding, as a plain Uint8Array', async () => {
    await loadPdfJs();
    for (const length of [0, 1, 2, 3, 4, 5, 300_001]) {
      const bytes = randomBytes(length);
      const decoded = fromBase64()(bytes.toString('base64'));
      expect(decoded.constructor).toBe(Uint8Array);
      expect(Buffer.from(decoded).equals(bytes), `length ${length}`).toBe(true);
    }
  });

  it('still rejects what the standard rejects (left to core-js)', async () => {
    await loadPdfJs();
    expect(() => fromBase64()('a')).toThrow(SyntaxError);
    expect(() => fromBase64()('ab$=')).toThrow(SyntaxError);
    // Node's decoder reads these (URL-safe letters, padding inside the text); the standard does not.
    expect(() => fromBase64()('ab-_')).toThrow(SyntaxError);
    expect(() => fromBase64()('a=bc')).toThrow(SyntaxError);
    expect(() => fromBase64()('ab==ab==')).toThrow(SyntaxError);
    expect(() => fromBase64()('', null)).toThrow(TypeError);
    // White space is allowed by the standard: core-js decodes it.
    expect([...fromBase64()('aG k=')]).toEqual([104, 105]);
  });

  it('takes as well-formed exactly what the standard alphabet with padding spells (the regular expression it replaced)', () => {
    const spelled = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
    const letters = fc.constantFrom(...'Aa0+/=-_ $\n');
    fc.assert(
      fc.property(fc.array(letters, { maxLength: 16 }).map((l) => l.join('')), (text) => {
        const decoded = wellFormed(text);
        expect(decoded !== undefined).toBe(spelled.test(text) && text.length % 4 === 0);
        if (decoded) expect(Buffer.from(decoded).equals(Buffer.from(text, 'base64'))).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });
});
