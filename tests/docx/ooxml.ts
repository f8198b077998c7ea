/** Reading a DOCX in tests: its parts as element trees, and a few ways to walk them. */
import { XMLParser } from 'fast-xml-parser';
import JSZip from 'jszip';

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Text content of a text node (`name` is `#text`). */
  text?: string;
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, trimValues: false, parseTagValue: false, parseAttributeValue: false });

type Raw = Record<string, unknown>;

function convert(raw: Raw): XmlNode {
  const attrs = (raw[':@'] as Record<string, string> | undefined) ?? {};
  const name = Object.keys(raw).find((k) => k !== ':@')!;
  if (name === '#text') return { name, attrs: {}, children: [], text: String(raw[name]) };
  return { name, attrs, children: ((raw[name] as Raw[]) ?? []).map(convert) };
}

export function parseXml(xml: string): XmlNode {
  const top = (parser.parse(xml) as Raw[]).map(convert).filter((n) => n.name !== '?xml');
  return { name: '#document', attrs: {}, children: top };
}

export interface Docx {
  files: string[];
  text(part: string): Promise<string>;
  bytes(part: string): Promise<Buffer>;
  xml(part: string): Promise<XmlNode>;
}

export async function openDocx(bytes: Uint8Array): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const text = async (part: string) => {
    const file = zip.file(part);
    if (!file) throw new Error(`no part ${part}`);
    return file.async('string');
  };
  return {
    files: Object.keys(zip.files).filter((n) => !zip.files[n]!.dir),
    text,
    async bytes(part) {
      const file = zip.file(part);
      if (!file) throw new Error(`no part ${part}`);
      return Buffer.from(await file.async('uint8array'));
    },
    async xml(part) {
      return parseXml(await text(part));
    },
  };
}

/** Every element called `name` below `node`, in document order. */
export function findAll(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    for (const c of n.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(node);
  return out;
}

export function child(node: XmlNode | undefined, name: string): XmlNode | undefined {
  return node?.children.find((c) => c.name === name);
}

/** The element at a path of child names, e.g. `path(p, 'w:pPr', 'w:ind')`. */
export function path(node: XmlNode | undefined, ...names: string[]): XmlNode | undefined {
  return names.reduce<XmlNode | undefined>((n, name) => child(n, name), node);
}

/** All text (`w:t`) inside a node. */
export function textOf(node: XmlNode): string {
  return findAll(node, 'w:t')
    .map((t) => t.children.map((c) => c.text ?? '').join(''))
    .join('');
}

/** A paragraph's style id, or `Normal`. */
export function styleOf(p: XmlNode): string {
  return path(p, 'w:pPr', 'w:pStyle')?.attrs['w:val'] ?? 'Normal';
}

/** The body's paragraphs that are not inside tables. */
export function bodyParagraphs(document: XmlNode): XmlNode[] {
  const body = path(document, 'w:document', 'w:body')!;
  return body.children.filter((c) => c.name === 'w:p');
}

/** A style's definition from styles.xml. */
export function styleDef(styles: XmlNode, id: string): XmlNode | undefined {
  return findAll(styles, 'w:style').find((s) => s.attrs['w:styleId'] === id);
}
