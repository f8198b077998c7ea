/**
 * The Content-Type a web server should send for a published file. verify compares bytes, never
 * types; a wrong type is only worth a note (a page served as text/plain shows its code to readers).
 */
const BY_EXTENSION: Record<string, string[]> = {
  html: ['text/html'],
  css: ['text/css'],
  js: ['text/javascript', 'application/javascript', 'application/x-javascript'],
  mjs: ['text/javascript', 'application/javascript'],
  json: ['application/json'],
  xml: ['application/xml', 'text/xml'],
  svg: ['image/svg+xml'],
  png: ['image/png'],
  jpg: ['image/jpeg'],
  jpeg: ['image/jpeg'],
  webp: ['image/webp'],
  ico: ['image/x-icon', 'image/vnd.microsoft.icon'],
  woff2: ['font/woff2', 'application/font-woff2'],
  woff: ['font/woff', 'application/font-woff'],
  txt: ['text/plain'],
  wasm: ['application/wasm'],
};

/** The output formats' file types (extension, MIME type), given by the caller from the registry of formats. */
export type FileTypes = readonly (readonly [string, string])[];

/** The types acceptable for `rel`, or undefined when nianbao has no opinion (unknown extension). */
export function expectedTypes(rel: string, fileTypes: FileTypes = []): string[] | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(rel)?.[1]?.toLowerCase();
  if (!ext) return undefined;
  const output = fileTypes.find(([e]) => e === ext);
  return BY_EXTENSION[ext] ?? (output ? [output[1]] : undefined);
}

/** Whether a Content-Type header (parameters ignored) is one `rel` should be served with. */
export function typeFits(rel: string, contentType: string | undefined, fileTypes: FileTypes = []): boolean {
  const expected = expectedTypes(rel, fileTypes);
  if (!expected) return true;
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return expected.includes(type);
}
