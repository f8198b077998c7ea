/**
 * The faces a printed PDF uses, by the names its font descriptors give (Type 3 fonts included:
 * Chromium names their descriptors too), and which of them stand in for an official face.
 */
import { PDFDict, PDFName, type PDFDocument } from 'pdf-lib';
import { classifyFace, KIND_LABEL } from '../conform/faces.ts';

/** Every face named by a font descriptor, subset prefix removed, once each, sorted. */
export function usedFaces(doc: PDFDocument): string[] {
  const names = new Set<string>();
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('FontDescriptor')) continue;
    const name = object.get(PDFName.of('FontName'));
    if (name instanceof PDFName) names.add(name.decodeText().replace(/^[A-Z]{6}\+/, ''));
  }
  return [...names].sort();
}

/** The faces that are not official ones (GB/T 9704's 小标宋, 仿宋_GB2312 …), each with the style it belongs to, e.g. `UMingCN（宋体类）`. */
export function substituteFaces(faces: readonly string[]): string[] {
  return faces.map(classifyFace).filter((f) => !f.official).map((f) => `${f.name}（${f.kind === 'unknown' ? KIND_LABEL.unknown : `${KIND_LABEL[f.kind]}类`}）`);
}
