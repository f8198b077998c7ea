import yazl from 'yazl';

/** A part of a zipped package (a Word file, an OFD file): XML text or binary (fonts, pictures). */
export type PackagePart = string | Uint8Array;

export interface ZipOptions {
  /** Parts stored as they are: pictures whose format is compressed already gain nothing from deflate but its time. */
  stored?: (name: string) => boolean;
}

/**
 * Zips the parts so the same content always gives the same bytes: every entry dated `date` (the
 * 成文日期) as a local date, like Word's own files, so that the time zone of the build does not
 * show; the part named `first` first (the package's entry point), the others by name; zlib's
 * deflate, run off the main thread.
 */
export function deterministicZip(parts: Map<string, PackagePart>, date: string, first: string, options: ZipOptions = {}): Promise<Buffer> {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const mtime = new Date(y, m - 1, d);
  const names = [...parts.keys()].sort((a, b) => (a === first ? -1 : b === first ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const zip = new yazl.ZipFile();
  for (const name of names) {
    const data = parts.get(name)!;
    zip.addBuffer(typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data.buffer, data.byteOffset, data.byteLength), name, {
      mtime,
      mode: 0o100644,
      compress: !options.stored?.(name),
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
