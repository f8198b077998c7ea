/**
 * The tagged structure names its elements by Chromium's DOM node numbers (`node00000036`), used by
 * table cells' /Headers and the structure's ID tree. Those numbers count every node the browser
 * has made, in every tab, so they change with what else was printing at the same time. Renumbered
 * in their own order from 1, they depend on the document alone; the order keeps the ID tree sorted.
 */
import { PDFArray, PDFDict, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

const NODE_ID = /^node(\d+)$/;

function visit(object: PDFObject, onString: (s: PDFString, replace: (next: PDFString) => void) => void, seen: Set<PDFObject>): void {
  if (seen.has(object)) return;
  seen.add(object);
  if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) {
      if (value instanceof PDFString) onString(value, (next) => object.set(key, next));
      else visit(value, onString, seen);
    }
  } else if (object instanceof PDFArray) {
    for (let i = 0; i < object.size(); i++) {
      const value = object.get(i);
      if (value instanceof PDFString) onString(value, (next) => object.set(i, next));
      else visit(value, onString, seen);
    }
  }
}

/** Renumbers every `nodeNNNNNNNN` string of the document's objects; returns how many ids there were. */
export function renumberStructureIds(doc: PDFDocument): number {
  const objects = doc.context.enumerateIndirectObjects().map(([, o]) => o);
  const ids = new Set<string>();
  const collect = new Set<PDFObject>();
  for (const o of objects) visit(o, (s) => void (NODE_ID.test(s.asString()) && ids.add(s.asString())), collect);
  const ordered = [...ids].sort((a, b) => Number(NODE_ID.exec(a)![1]) - Number(NODE_ID.exec(b)![1]));
  const renamed = new Map(ordered.map((id, i) => [id, `node${String(i + 1).padStart(8, '0')}`]));
  const rewrite = new Set<PDFObject>();
  for (const o of objects) {
    visit(
      o,
      (s, replace) => {
        const next = renamed.get(s.asString());
        if (next) replace(PDFString.of(next));
      },
      rewrite,
    );
  }
  return ids.size;
}
