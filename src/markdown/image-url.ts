/** Local pictures in Markdown: relative to the report folder, never on the network. */

/** A URL the build can read: relative to the report folder, not on the network. */
export function isLocalImage(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith('//');
}

/** The file part of a local image URL, percent-decoded (a malformed escape is kept as written). */
export function imagePath(url: string): string {
  const bare = url.split(/[?#]/)[0]!;
  try {
    return decodeURI(bare);
  } catch {
    return bare;
  }
}
