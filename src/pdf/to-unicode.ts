/**
 * Text that can be searched and copied as it was written. A PDF font's ToUnicode map names the
 * character behind each glyph; Chromium writes it from the font's own character map, and where a
 * CJK font draws a radical and an ideograph with one glyph (⼈ U+2F08 and 人, ⺠ U+2EA0 and 民), it
 * may name the radical. Report text never contains radicals, so every radical (and every CJK
 * compatibility ideograph) in a ToUnicode map is put back to the ideograph it stands for.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import { PDFDict, PDFName, PDFRawStream, PDFRef, type PDFDocument } from 'pdf-lib';

/**
 * CJK Radicals Supplement characters drawn with the glyph of an ideograph, pairwise (radical,
 * ideograph); from the character map of Noto CJK's simplified-Chinese face (tests/pdf/radicals.test.ts
 * checks it). The Kangxi radicals and the compatibility ideographs are mapped by Unicode's NFKC.
 */
const RADICAL_PAIRS =
  '⺂乛⺃乚⺅亻⺉刂⺋㔾⺎兀⺏尣⺐尢⺒巳⺓幺⺔彑⺕彐⺖忄⺘扌⺙攵⺛旡⺞歺⺟母⺠民⺡氵⺣灬⺤爫⺦丬⺨犭⺫罒⺭礻⺯糹⺰纟⺱罓⺲罒⺳㓁⺹耂⺺肀⺾艹⺿艹⻁虎⻂衤⻃覀⻄西⻅见⻆角⻈讠⻉贝⻋车⻌辶⻍辶⻎辶⻐钅⻑長⻒镸⻓长⻔门⻖阝⻘青⻙韦⻚页⻛风⻜飞⻝食⻟飠⻠饣⻢马⻣骨⻤鬼⻥鱼⻦鸟⻧卤⻨麦⻩黄⻪黾⻫斉⻬齐⻭歯⻮齿⻯竜⻰龙⻱龜⻲亀⻳龟';

/** Kangxi radicals whose simplified-Chinese glyph is another ideograph than NFKC's (⼾ is 户 there, not 戶). */
const KANGXI_SIMPLIFIED = '⼾户';

const pairs = (text: string) => {
  const chars = [...text];
  return new Map(Array.from({ length: chars.length / 2 }, (_, i) => [chars[2 * i]!, chars[2 * i + 1]!] as const));
};
const SUPPLEMENT = pairs(RADICAL_PAIRS);
const KANGXI = pairs(KANGXI_SIMPLIFIED);

/** The ideograph a radical or compatibility ideograph stands for; any other character unchanged. */
export function unifiedIdeographs(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (KANGXI.has(ch)) out += KANGXI.get(ch);
    else if ((cp >= 0x2f00 && cp <= 0x2fdf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x2f800 && cp <= 0x2fa1f)) out += ch.normalize('NFKC');
    else out += SUPPLEMENT.get(ch) ?? ch;
  }
  return out;
}

const hexToText = (hex: string) => {
  const units: number[] = [];
  for (let i = 0; i + 3 < hex.length; i += 4) units.push(parseInt(hex.slice(i, i + 4), 16));
  return String.fromCharCode(...units);
};
const textToHex = (text: string) => [...text].flatMap((c) => {
  const s = c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)];
  return s.map((u) => u.toString(16).toUpperCase().padStart(4, '0'));
}).join('');

/**
 * A ToUnicode CMap with its destinations repaired. Ranges that would now map to non-consecutive
 * characters are written out as single mappings, at most 100 to a block as the CMap format asks.
 */
export function repairToUnicodeCMap(cmap: string): string {
  const singles: [string, string][] = [];
  let changed = false;
  let text = cmap.replace(/\d+\s+beginbfchar([\s\S]*?)endbfchar/g, (block, body: string) => {
    const fixed = body.replace(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g, (pair, src: string, dst: string) => {
      const to = unifiedIdeographs(hexToText(dst));
      if (to === hexToText(dst)) return pair;
      changed = true;
      return `<${src}> <${textToHex(to)}>`;
    });
    return block.replace(body, fixed);
  });
  text = text.replace(/\d+\s+beginbfrange([\s\S]*?)endbfrange\s*/g, (block, body: string) => {
    const kept: string[] = [];
    for (const m of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const [whole, lo, hi, dst] = m as unknown as [string, string, string, string];
      if (!dst.startsWith('<')) {
        kept.push(whole);
        continue;
      }
      const start = hexToText(dst.slice(1, -1));
      const from = parseInt(lo, 16);
      const to = parseInt(hi, 16);
      const mapped = Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(start.codePointAt(0)! + i));
      if (start.length > 2 || mapped.every((c) => unifiedIdeographs(c) === c)) {
        kept.push(whole);
        continue;
      }
      changed = true;
      mapped.forEach((c, i) => singles.push([(from + i).toString(16).toUpperCase().padStart(lo.length, '0'), textToHex(unifiedIdeographs(c))]));
    }
    return kept.length ? `${kept.length} beginbfrange\n${kept.join('\n')}\nendbfrange\n` : '';
  });
  if (!changed) return cmap;
  const blocks: string[] = [];
  for (let i = 0; i < singles.length; i += 100) {
    const chunk = singles.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.map(([s, d]) => `<${s}> <${d}>`).join('\n')}\nendbfchar\n`);
  }
  return text.replace(/endcmap/, `${blocks.join('')}endcmap`);
}

/** Repairs every font's ToUnicode map in the document; returns how many maps changed. */
export function repairToUnicode(doc: PDFDocument): number {
  const { context } = doc;
  let repaired = 0;
  for (const [, object] of context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const ref = object.get(PDFName.of('ToUnicode'));
    if (!(ref instanceof PDFRef)) continue;
    const stream = context.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const filter = stream.dict.get(PDFName.of('Filter'));
    const flate = filter === PDFName.of('FlateDecode');
    if (filter && !flate) continue;
    const source = Buffer.from(flate ? inflateSync(stream.contents) : stream.contents).toString('latin1');
    const fixed = repairToUnicodeCMap(source);
    if (fixed === source) continue;
    const bytes = Buffer.from(fixed, 'latin1');
    context.assign(ref, context.stream(flate ? deflateSync(bytes) : bytes, flate ? { Filter: 'FlateDecode' } : {}));
    repaired += 1;
  }
  return repaired;
}
