import { Packer, type Document } from 'docx';
import type { PackagePart } from '../store/zip.ts';

export type { PackagePart };

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
