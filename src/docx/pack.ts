import JSZip from 'jszip';

/**
 * Re-packs a DOCX so the same content always gives the same bytes: every entry dated `date` (the
 * 成文日期), entries in a fixed order with [Content_Types].xml first, pako's deflate throughout.
 */
export async function deterministicZip(docx: Uint8Array, date: string): Promise<Buffer> {
  const source = await JSZip.loadAsync(docx);
  const names = Object.keys(source.files)
    .filter((name) => !source.files[name]!.dir)
    .sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const when = new Date(`${date}T00:00:00Z`);
  const out = new JSZip();
  for (const name of names) {
    out.file(name, await source.files[name]!.async('uint8array'), { date: when, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'DOS' });
}
