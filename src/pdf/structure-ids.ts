/**
 * The tagged structure names its elements by Chromium's DOM node numbers (`node00000036`), used by
 * table cells' /Headers and the structure's ID tree. Those numbers count every node the browser
 * has made, in every tab, and a node gets its number when first needed: the same page printed in
 * a fresh tab or after another report, or printed again after a change (issue 16's continuation
 * labels), numbers its header cells in a different order. Renumbered from 1 in the order of the
 * structure tree, they depend on the document alone; the ID tree is then sorted again.
 */
import { PDFArray, PDFDict, PDFName, PDFRef, PDFString, type PDFDocument, type PDFObject } from 'pdf-lib';

const NODE_ID = /^node(\d+)$/;
const nodeId = (n: number) => `node${String(n).padStart(8, '0')}`;

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

/** The /ID of every structure element, in the tree's order (depth first, children in their order). */
function idsInTreeOrder(doc: PDFDocument, root: PDFDict): string[] {
  const ids: string[] = [];
  const seen = new Set<PDFObject>();
  const walk = (kid: PDFObject | undefined) => {
    const node = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
    if (!node || seen.has(node)) return;
    seen.add(node);
    if (node instanceof PDFArray) {
      for (let i = 0; i < node.size(); i++) walk(node.get(i));
    } else if (node instanceof PDFDict) {
      const id = node.get(PDFName.of('ID'));
      if (id instanceof PDFString && NODE_ID.test(id.asString())) ids.push(id.asString());
      walk(node.get(PDFName.of('K')));
    }
  };
  walk(root.get(PDFName.of('K')));
  return ids;
}

/** The ID tree's leaves (nodes with /Names), in order. */
function idTreeLeaves(doc: PDFDocument, node: PDFDict, leaves: PDFDict[] = []): PDFDict[] {
  if (node.get(PDFName.of('Names')) instanceof PDFArray) leaves.push(node);
  const kids = node.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) idTreeLeaves(doc, kids.lookup(i, PDFDict), leaves);
  return leaves;
}

/** Sorts the ID tree's names again: their keys were renamed, so their order changed. */
function sortIdTree(doc: PDFDocument, tree: PDFDict): void {
  const leaves = idTreeLeaves(doc, tree);
  const pairs: [PDFString, PDFObject][] = [];
  for (const leaf of leaves) {
    const names = leaf.lookup(PDFName.of('Names'), PDFArray);
    for (let i = 0; i + 1 < names.size(); i += 2) pairs.push([names.get(i) as PDFString, names.get(i + 1)]);
  }
  if (pairs.length === 0) return;
  pairs.sort(([a], [b]) => (a.asString() < b.asString() ? -1 : a.asString() > b.asString() ? 1 : 0));
  const sorted = doc.context.obj(pairs.flat());
  const limits = doc.context.obj([pairs[0]![0], pairs[pairs.length - 1]![0]]);
  if (leaves.length === 1 && leaves[0] !== tree) {
    // Chromium's shape: a root with one leaf.
    leaves[0]!.set(PDFName.of('Names'), sorted);
    leaves[0]!.set(PDFName.of('Limits'), limits);
  } else {
    // Names moved between leaves: the root holds them all (a name tree's root may).
    tree.delete(PDFName.of('Kids'));
    tree.set(PDFName.of('Names'), sorted);
  }
}

/** Renumbers every `nodeNNNNNNNN` string of the document in the structure tree's order; returns how many ids there were. */
export function renumberStructureIds(doc: PDFDocument): number {
  // One walk over every object finds the ids and keeps where each one sits, to be renamed there.
  const places: { id: string; replace: (next: PDFString) => void }[] = [];
  const seen = new Set<PDFObject>();
  for (const [, o] of doc.context.enumerateIndirectObjects()) {
    visit(
      o,
      (s, replace) => {
        const id = s.asString();
        if (NODE_ID.test(id)) places.push({ id, replace });
      },
      seen,
    );
  }
  const ids = new Set(places.map((p) => p.id));
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  const inTree = root ? idsInTreeOrder(doc, root) : [];
  // Names only referred to (none is expected) follow, by their old number.
  const placed = new Set(inTree);
  const rest = [...ids].filter((id) => !placed.has(id)).sort((a, b) => Number(NODE_ID.exec(a)![1]) - Number(NODE_ID.exec(b)![1]));
  const ordered = [...new Set([...inTree, ...rest])];
  const renamed = new Map(ordered.map((id, i) => [id, PDFString.of(nodeId(i + 1))]));
  for (const { id, replace } of places) replace(renamed.get(id)!);
  const tree = root?.lookupMaybe(PDFName.of('IDTree'), PDFDict);
  if (tree) sortIdTree(doc, tree);
  return ids.size;
}
