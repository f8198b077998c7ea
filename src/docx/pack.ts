import { Packer, type Document } from 'docx';
import yazl from 'yazl';

/** A part of the Word package: XML text or binary (pictures). */
export type PackagePart = string | Uint8Array;
export interface PartOverride {
  path: string;
  data: string;
}

interface DocxCompiler {
  compile(doc: Document, prettify: undefined, overrides: PartOverride[]): Map<string, PackagePart>;
}

/**
 * The package's parts as the docx library writes them, not yet zipped. Its Packer would zip them
 * with a JavaScript deflate and the day's date, which then had to be unzipped and zipped again to
 * be reproducible; taking the parts from the Packer's compiler (not part of docx's typed API, so
 * checked here, and the version is pinned by the lock file) lets them be zipped once, natively.
 */
export function compileParts(doc: Document, overrides: PartOverride[]): Map<string, PackagePart> {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  if (typeof compiler?.compile !== 'function') {
    throw new Error('所装的 docx 库版本没有 Packer.compiler.compile：请用 package-lock.json 锁定的版本（npm ci）。');
  }
  return (compiler as DocxCompiler).compile(doc, undefined, overrides);
}

/**
 * Zips the parts so the same content always gives the same bytes: every entry dated `date` (the
 * 成文日期) as a local date, like Word's own files, so that the time zone of the build does not
 * show; [Content_Types].xml first, the others by name; zlib's deflate, run off the main thread.
 */
export function deterministicZip(parts: Map<string, PackagePart>, date: string): Promise<Buffer> {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const mtime = new Date(y, m - 1, d);
  const names = [...parts.keys()].sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const zip = new yazl.ZipFile();
  for (const name of names) {
    const data = parts.get(name)!;
    zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength), name, {
      mtime,
      mode: 0o100644,
      compress: true,
      forceDosTimestamp: true,
    });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('error', reject);
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
  });
}
