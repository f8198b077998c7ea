import type { Block } from './blocks.ts';

interface Line {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]/;
const PAGE_NUMBER = /^[—–-]\s*\d+\s*[—–-]$|^第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?$|^\d+$/;

/**
 * A PDF's text layer as paragraphs. A printed paragraph is broken into lines at the right edge of
 * the type area; a line that reaches the right edge continues into the next one, unless the next
 * is indented (a new paragraph's first line). Chinese lines are joined without a space.
 */
export async function blocksFromPdf(bytes: Buffer): Promise<Block[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true }).promise;
  const lines: Line[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const pageLines: Line[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str === '') continue;
      const [, , , d, x, y] = item.transform as number[];
      const size = Math.abs(d!) || item.height;
      const line = pageLines.find((l) => Math.abs(l.y - y!) <= size * 0.4);
      if (line) {
        const gap = x! - line.right;
        const sep = gap > size * 0.5 && !(CJK.test(line.text.slice(-1)) || CJK.test(item.str[0]!)) ? ' ' : '';
        if (x! >= line.x) {
          line.text += sep + item.str;
          line.right = Math.max(line.right, x! + item.width);
        } else {
          line.text = item.str + line.text;
          line.x = x!;
        }
      } else pageLines.push({ text: item.str, x: x!, right: x! + item.width, y: y!, size });
    }
    pageLines.sort((a, b) => b.y - a.y || a.x - b.x);
    lines.push(...pageLines.filter((l) => l.text.trim() !== '' && !PAGE_NUMBER.test(l.text.trim())));
    page.cleanup();
  }
  await doc.cleanup();
  if (!lines.length) return [];
  // The type area: the most common left edge and the furthest right edge of body lines.
  const count = new Map<number, number>();
  for (const l of lines) count.set(Math.round(l.x), (count.get(Math.round(l.x)) ?? 0) + 1);
  const left = [...count.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  const right = Math.max(...lines.map((l) => l.right));
  const blocks: Block[] = [];
  let current: string | undefined;
  let previous: Line | undefined;
  for (const l of lines) {
    const text = l.text.trim();
    const indented = l.x > left + l.size * 1.2;
    const previousFull = previous !== undefined && previous.right >= right - previous.size * 1.5 && Math.abs(previous.x - left) < previous.size * 3;
    if (current !== undefined && previousFull && !indented && Math.abs(l.size - previous!.size) < 1) {
      const sep = CJK.test(current.slice(-1)) || CJK.test(text[0]!) ? '' : ' ';
      current += sep + text;
    } else {
      if (current !== undefined) blocks.push({ kind: 'text', text: current });
      current = text;
    }
    previous = l;
  }
  if (current !== undefined) blocks.push({ kind: 'text', text: current });
  // Word and LibreOffice set a little space between Chinese and Latin letters or digits; the text has none.
  const ascii = '[0-9A-Za-z%.〔〕]';
  const between = new RegExp(`(?<=${CJK.source})\\s+(?=${ascii})|(?<=${ascii})\\s+(?=${CJK.source})`, 'g');
  for (const b of blocks) if (b.kind === 'text') b.text = b.text.replace(between, '');
  return blocks;
}
