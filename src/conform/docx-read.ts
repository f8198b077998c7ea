/**
 * What a DOCX asks for, read from its XML: the sections' page size, margins and grid, the odd and
 * even footers, and every paragraph with the properties in force (direct formatting over the
 * paragraph style's chain over the document defaults), its runs' faces and sizes.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { UnreadableFile } from './pdf-read.ts';
import { child, elements, findAll, parseXml, val, type XmlElement } from './xml.ts';

export interface DocxRun {
  text: string;
  /** The East Asian face asked for (theme fonts resolved). */
  eastAsia?: string;
  ascii?: string;
  /** Half-points. */
  size?: number;
  color?: string;
  bold: boolean;
  spacing?: number;
}

export interface DocxParagraph {
  index: number;
  text: string;
  style?: string;
  outlineLevel?: number;
  jc?: string;
  /** Twips; `firstLineChars` in hundredths of a character. */
  firstLine?: number;
  firstLineChars?: number;
  hanging?: number;
  left?: number;
  right?: number;
  line?: number;
  lineRule?: string;
  runs: DocxRun[];
  inTable: boolean;
  /** A page break before this paragraph (a break run at the end of the previous one, or pageBreakBefore). */
  pageBreakBefore: boolean;
  /** The label Word's automatic numbering puts before the text (一、, （一）, 1.), included in `text`. */
  label?: string;
  /** Field instructions in the paragraph (PAGE, NUMPAGES…). */
  fields: string[];
  /** Has a bottom or top border (a rule drawn as a paragraph border), with its colour. */
  border?: { side: 'top' | 'bottom'; color?: string; size?: number };
}

export interface DocxSection {
  pageWidth?: number;
  pageHeight?: number;
  top?: number;
  bottom?: number;
  left?: number;
  right?: number;
  footer?: number;
  gridType?: string;
  linePitch?: number;
  charSpace?: number;
  footers: { type: string; paragraphs: DocxParagraph[] }[];
}

export interface DocxTable {
  /** Twips, when given in twips. */
  width?: number;
  widthType?: string;
  indent?: number;
  gridWidth: number;
}

export interface DocxFacts {
  sections: DocxSection[];
  evenAndOddHeaders: boolean;
  paragraphs: DocxParagraph[];
  tables: DocxTable[];
  /** Every East Asian and Latin face the document asks for. */
  faces: Set<string>;
}

/** Twips from an OOXML measure: a number of twips, or with a unit (pt, mm, cm, in). */
function twips(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(-?[\d.]+)(mm|cm|in|pt|pc|pi)?$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'mm':
      return (n * 1440) / 25.4;
    case 'cm':
      return (n * 14400) / 25.4;
    case 'in':
      return n * 1440;
    case 'pt':
      return n * 20;
    case 'pc':
    case 'pi':
      return n * 240;
    default:
      return n;
  }
}

const num = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));
const onOff = (el: XmlElement | undefined) => el !== undefined && !['0', 'false', 'off'].includes(el.attrs['w:val'] ?? '');

interface PProps {
  style?: string;
  outlineLevel?: number;
  jc?: string;
  ind: Record<string, string>;
  spacing: Record<string, string>;
  pageBreakBefore?: boolean;
  border?: DocxParagraph['border'];
  num?: { id: string; level: number };
}
interface RProps {
  fonts: Record<string, string>;
  size?: number;
  color?: string;
  bold?: boolean;
  spacing?: number;
}

function pProps(pPr: XmlElement | undefined): PProps {
  const out: PProps = { ind: { ...(child(pPr, 'w:ind')?.attrs ?? {}) }, spacing: { ...(child(pPr, 'w:spacing')?.attrs ?? {}) } };
  if (!pPr) return out;
  out.style = val(pPr, 'w:pStyle');
  const ol = val(pPr, 'w:outlineLvl');
  if (ol !== undefined) out.outlineLevel = Number(ol);
  out.jc = val(pPr, 'w:jc');
  const numPr = child(pPr, 'w:numPr');
  const numId = val(numPr, 'w:numId');
  if (numId !== undefined) out.num = { id: numId, level: Number(val(numPr, 'w:ilvl') ?? 0) };
  const pb = child(pPr, 'w:pageBreakBefore');
  if (pb) out.pageBreakBefore = onOff(pb);
  const bdr = child(pPr, 'w:pBdr');
  for (const side of ['bottom', 'top'] as const) {
    const b = child(bdr, `w:${side}`);
    if (b && b.attrs['w:val'] && b.attrs['w:val'] !== 'nil' && b.attrs['w:val'] !== 'none') {
      out.border = { side, color: b.attrs['w:color'], size: num(b.attrs['w:sz']) };
      break;
    }
  }
  return out;
}

function rProps(rPr: XmlElement | undefined): RProps {
  const out: RProps = { fonts: { ...(child(rPr, 'w:rFonts')?.attrs ?? {}) } };
  if (!rPr) return out;
  const sz = val(rPr, 'w:sz');
  if (sz !== undefined) out.size = Number(sz);
  const color = val(rPr, 'w:color');
  if (color !== undefined) out.color = color;
  const b = child(rPr, 'w:b');
  if (b) out.bold = onOff(b);
  const sp = val(rPr, 'w:spacing');
  if (sp !== undefined) out.spacing = Number(sp);
  return out;
}

const mergeP = (a: PProps, b: PProps): PProps => ({
  style: b.style ?? a.style,
  outlineLevel: b.outlineLevel ?? a.outlineLevel,
  jc: b.jc ?? a.jc,
  ind: mergeInd(a.ind, b.ind),
  spacing: { ...a.spacing, ...b.spacing },
  pageBreakBefore: b.pageBreakBefore ?? a.pageBreakBefore,
  border: b.border ?? a.border,
  num: b.num ?? a.num,
});

/** A first-line indent given in characters wins over one in twips; a hanging indent cancels it. */
function mergeInd(a: Record<string, string>, b: Record<string, string>): Record<string, string> {
  const out = { ...a, ...b };
  if (b['w:firstLine'] !== undefined && b['w:firstLineChars'] === undefined) delete out['w:firstLineChars'];
  if (b['w:hanging'] !== undefined || b['w:hangingChars'] !== undefined) {
    delete out['w:firstLine'];
    delete out['w:firstLineChars'];
  }
  if (b['w:firstLine'] !== undefined || b['w:firstLineChars'] !== undefined) {
    delete out['w:hanging'];
    delete out['w:hangingChars'];
  }
  return out;
}

const mergeR = (a: RProps, b: RProps): RProps => {
  const fonts = { ...a.fonts };
  // A face named directly replaces a theme face of the same slot, and the other way round.
  for (const [k, v] of Object.entries(b.fonts)) {
    fonts[k] = v;
    const slot = k.replace(/Theme$/, '');
    if (k.endsWith('Theme')) delete fonts[slot];
    else delete fonts[`${slot}Theme`];
  }
  return { fonts, size: b.size ?? a.size, color: b.color ?? a.color, bold: b.bold ?? a.bold, spacing: b.spacing ?? a.spacing };
};

interface Style {
  id: string;
  name: string;
  type: string;
  basedOn?: string;
  p: PProps;
  r: RProps;
  isDefault: boolean;
}

/** Opens a DOCX; throws `UnreadableFile` with a Chinese message when it is not one. */
export async function readDocx(file: string): Promise<DocxFacts> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(readFileSync(file));
  } catch {
    throw new UnreadableFile('不是有效的 Word（.docx）文件：无法作为 ZIP 打开。如果是旧的 .doc 文件，请先在 Word 或 WPS 中另存为 .docx。');
  }
  const part = async (name: string) => {
    const f = zip.file(name);
    return f ? parseXml(await f.async('string')) : undefined;
  };
  let document: XmlElement | undefined;
  try {
    document = await part('word/document.xml');
  } catch (e) {
    throw new UnreadableFile(`Word 文件的正文（word/document.xml）无法读取：${(e as Error).message}`);
  }
  if (!document) throw new UnreadableFile('不是 Word 文档：文件里没有 word/document.xml。');

  // The theme's East Asian faces (minorEastAsia/majorEastAsia).
  const themeFaces: Record<string, string> = {};
  const theme = await part('word/theme/theme1.xml').catch(() => undefined);
  if (theme) {
    for (const [slot, tag] of [['minor', 'a:minorFont'], ['major', 'a:majorFont']] as const) {
      const font = findAll(theme, tag)[0];
      if (!font) continue;
      const ea = child(font, 'a:ea')?.attrs['typeface'];
      const hans = elements(font).find((e) => e.name === 'a:font' && e.attrs['script'] === 'Hans')?.attrs['typeface'];
      themeFaces[`${slot}EastAsia`] = ea || hans || '';
      themeFaces[`${slot}HAnsi`] = child(font, 'a:latin')?.attrs['typeface'] ?? '';
      themeFaces[`${slot}Ascii`] = themeFaces[`${slot}HAnsi`]!;
    }
  }

  const stylesXml = await part('word/styles.xml').catch(() => undefined);
  const styles = new Map<string, Style>();
  let defaults: { p: PProps; r: RProps } = { p: pProps(undefined), r: rProps(undefined) };
  if (stylesXml) {
    const dd = findAll(stylesXml, 'w:docDefaults')[0];
    defaults = { p: pProps(child(child(dd, 'w:pPrDefault'), 'w:pPr')), r: rProps(child(child(dd, 'w:rPrDefault'), 'w:rPr')) };
    for (const s of findAll(stylesXml, 'w:style')) {
      const id = s.attrs['w:styleId'] ?? '';
      styles.set(id, {
        id,
        name: val(s, 'w:name') ?? id,
        type: s.attrs['w:type'] ?? 'paragraph',
        basedOn: val(s, 'w:basedOn'),
        p: pProps(child(s, 'w:pPr')),
        r: rProps(child(s, 'w:rPr')),
        isDefault: onOff({ name: '', attrs: { 'w:val': s.attrs['w:default'] ?? '0' }, children: [] }),
      });
    }
  }
  const defaultParagraphStyle = [...styles.values()].find((s) => s.type === 'paragraph' && s.isDefault)?.id;
  const chain = (id: string | undefined): Style[] => {
    const out: Style[] = [];
    const seen = new Set<string>();
    while (id && styles.has(id) && !seen.has(id)) {
      seen.add(id);
      const s = styles.get(id)!;
      out.unshift(s);
      id = s.basedOn;
    }
    return out;
  };
  const styleP = (id: string | undefined) => chain(id).reduce((acc, s) => mergeP(acc, { ...s.p, style: undefined }), defaults.p);
  const styleR = (id: string | undefined) => chain(id).reduce((acc, s) => mergeR(acc, s.r), defaults.r);

  const faces = new Set<string>();
  const resolveFace = (fonts: Record<string, string>, slot: 'eastAsia' | 'ascii'): string | undefined => {
    const theme = fonts[`w:${slot}Theme`];
    if (theme) {
      const key = theme.replace(/^(minor|major)(EastAsia|HAnsi|Ascii|Bidi)$/, (_m, a: string, b: string) => `${a}${b}`);
      return themeFaces[key] || undefined;
    }
    return fonts[`w:${slot}`];
  };

  const numbering = await readNumbering(await part('word/numbering.xml').catch(() => undefined));
  const paragraph = (p: XmlElement, index: number, inTable: boolean): DocxParagraph => {
    const direct = pProps(child(p, 'w:pPr'));
    const styleId = direct.style ?? defaultParagraphStyle;
    const eff = mergeP(styleP(styleId), { ...direct, style: styleId });
    const paraR = mergeR(styleR(styleId), { fonts: {} });
    const runs: DocxRun[] = [];
    const fields: string[] = [];
    let text = '';
    const walk = (el: XmlElement) => {
      for (const c of elements(el)) {
        if (c.name === 'w:r') {
          const rStyle = val(child(c, 'w:rPr'), 'w:rStyle');
          const r = mergeR(rStyle ? chain(rStyle).reduce((acc, s) => mergeR(acc, s.r), paraR) : paraR, rProps(child(c, 'w:rPr')));
          let t = '';
          for (const e of elements(c)) {
            if (e.name === 'w:t') t += e.children.filter((x): x is string => typeof x === 'string').join('');
            else if (e.name === 'w:tab' || e.name === 'w:ptab') t += '\t';
            else if (e.name === 'w:br' || e.name === 'w:cr') t += e.attrs['w:type'] === 'page' ? '\f' : '\n';
            else if (e.name === 'w:noBreakHyphen') t += '-';
            else if (e.name === 'w:instrText') fields.push(e.children.filter((x): x is string => typeof x === 'string').join('').trim());
          }
          if (t === '') continue;
          const eastAsia = resolveFace(r.fonts, 'eastAsia');
          const ascii = resolveFace(r.fonts, 'ascii');
          if (/[^\x00-\x7f]/.test(t) && eastAsia) faces.add(eastAsia);
          if (/[A-Za-z0-9]/.test(t) && ascii) faces.add(ascii);
          runs.push({ text: t, eastAsia, ascii, size: r.size, color: r.color, bold: r.bold ?? false, spacing: r.spacing });
          text += t;
        } else if (c.name === 'w:fldSimple') {
          fields.push((c.attrs['w:instr'] ?? '').trim());
          walk(c);
        } else if (c.name !== 'w:pPr' && c.name !== 'w:del' && c.name !== 'w:moveFrom') walk(c);
      }
    };
    walk(p);
    const label = eff.num && eff.num.id !== '0' ? numbering.next(eff.num.id, eff.num.level) : undefined;
    if (label) text = label + text;
    const ind = eff.ind;
    return {
      index,
      text,
      style: styleId ? (styles.get(styleId)?.name ?? styleId) : undefined,
      outlineLevel: eff.outlineLevel,
      jc: eff.jc,
      firstLine: twips(ind['w:firstLine']),
      firstLineChars: num(ind['w:firstLineChars']),
      hanging: twips(ind['w:hanging']),
      left: twips(ind['w:left'] ?? ind['w:start']),
      right: twips(ind['w:right'] ?? ind['w:end']),
      line: num(eff.spacing['w:line']),
      lineRule: eff.spacing['w:lineRule'] ?? (eff.spacing['w:line'] !== undefined ? 'auto' : undefined),
      runs,
      label,
      fields,
      inTable,
      pageBreakBefore: eff.pageBreakBefore ?? false,
      border: eff.border,
    };
  };

  const body = findAll(document, 'w:body')[0];
  if (!body) throw new UnreadableFile('Word 文件的正文是空的（没有 w:body）。');
  const paragraphs: DocxParagraph[] = [];
  const tables: DocxTable[] = [];
  const sectPrs: XmlElement[] = [];
  const walkBody = (el: XmlElement, inTable: boolean) => {
    for (const c of elements(el)) {
      if (c.name === 'w:p') {
        const para = paragraph(c, paragraphs.length, inTable);
        const previous = paragraphs[paragraphs.length - 1];
        if (previous && /\f\s*$/.test(previous.text)) para.pageBreakBefore = true;
        paragraphs.push(para);
        const sp = child(child(c, 'w:pPr'), 'w:sectPr');
        if (sp) sectPrs.push(sp);
      } else if (c.name === 'w:tbl') {
        const tblPr = child(c, 'w:tblPr');
        const w = child(tblPr, 'w:tblW');
        tables.push({
          width: w && (w.attrs['w:type'] ?? 'dxa') === 'dxa' ? twips(w.attrs['w:w']) : undefined,
          widthType: w?.attrs['w:type'],
          indent: twips(child(tblPr, 'w:tblInd')?.attrs['w:w']),
          gridWidth: findAll(child(c, 'w:tblGrid') ?? c, 'w:gridCol').reduce((s, g) => s + (twips(g.attrs['w:w']) ?? 0), 0),
        });
        walkBody(c, true);
      } else if (c.name === 'w:sectPr') sectPrs.push(c);
      else if (c.name !== 'w:tblPr' && c.name !== 'w:tblGrid') walkBody(c, inTable);
    }
  };
  walkBody(body, false);

  // Footers by relationship id.
  const rels = await part('word/_rels/document.xml.rels').catch(() => undefined);
  const target = new Map<string, string>();
  for (const r of rels ? findAll(rels, 'Relationship') : []) target.set(r.attrs['Id'] ?? '', r.attrs['Target'] ?? '');
  const sections: DocxSection[] = [];
  for (const sp of sectPrs) {
    const pgSz = child(sp, 'w:pgSz');
    const pgMar = child(sp, 'w:pgMar');
    const grid = child(sp, 'w:docGrid');
    const footers: DocxSection['footers'] = [];
    for (const ref of elements(sp).filter((e) => e.name === 'w:footerReference')) {
      const t = target.get(ref.attrs['r:id'] ?? '');
      if (!t) continue;
      const xml = await part(`word/${t.replace(/^\/?word\//, '')}`).catch(() => undefined);
      if (!xml) continue;
      footers.push({ type: ref.attrs['w:type'] ?? 'default', paragraphs: findAll(xml, 'w:p').map((p, i) => paragraph(p, i, false)) });
    }
    let w = twips(pgSz?.attrs['w:w']);
    let h = twips(pgSz?.attrs['w:h']);
    if (pgSz?.attrs['w:orient'] === 'landscape' && w !== undefined && h !== undefined && w < h) [w, h] = [h, w];
    sections.push({
      pageWidth: w,
      pageHeight: h,
      top: twips(pgMar?.attrs['w:top']),
      bottom: twips(pgMar?.attrs['w:bottom']),
      left: twips(pgMar?.attrs['w:left']),
      right: twips(pgMar?.attrs['w:right']),
      footer: twips(pgMar?.attrs['w:footer']),
      gridType: grid?.attrs['w:type'],
      linePitch: num(grid?.attrs['w:linePitch']),
      charSpace: num(grid?.attrs['w:charSpace']),
      footers,
    });
  }
  const settings = await part('word/settings.xml').catch(() => undefined);
  const evenAndOddHeaders = settings ? onOff(findAll(settings, 'w:evenAndOddHeaders')[0]) : false;
  return { sections, evenAndOddHeaders, paragraphs, tables, faces };
}

/** Chinese numerals as Word writes them for chineseCounting (一 … 十九, 二十 …). */
function chineseNumber(n: number): string {
  const digits = '〇一二三四五六七八九';
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'ideographTraditional':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseNumber(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'decimalEnclosedParen':
      return `(${n})`;
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case 'lowerLetter':
      return String.fromCharCode(96 + (((n - 1) % 26) + 1));
    case 'upperLetter':
      return String.fromCharCode(64 + (((n - 1) % 26) + 1));
    case 'bullet':
    case 'none':
      return '';
    default:
      return String(n);
  }
}

/**
 * Word's list numbering: each paragraph with a numbering (directly or through its style) gets the
 * label its level's text makes (`%1、` with chineseCounting → 一、), counting as Word counts.
 */
async function readNumbering(xml: XmlElement | undefined): Promise<{ next(numId: string, level: number): string | undefined }> {
  const abstract = new Map<string, Map<number, { start: number; format: string; text: string }>>();
  const nums = new Map<string, { abstractId: string; overrides: Map<number, number> }>();
  if (xml) {
    for (const a of findAll(xml, 'w:abstractNum')) {
      const levels = new Map<number, { start: number; format: string; text: string }>();
      for (const l of elements(a).filter((e) => e.name === 'w:lvl')) {
        levels.set(Number(l.attrs['w:ilvl'] ?? 0), { start: Number(val(l, 'w:start') ?? 1), format: val(l, 'w:numFmt') ?? 'decimal', text: val(l, 'w:lvlText') ?? '' });
      }
      abstract.set(a.attrs['w:abstractNumId'] ?? '', levels);
    }
    for (const n of findAll(xml, 'w:num')) {
      const overrides = new Map<number, number>();
      for (const o of elements(n).filter((e) => e.name === 'w:lvlOverride')) {
        const start = val(o, 'w:startOverride');
        if (start !== undefined) overrides.set(Number(o.attrs['w:ilvl'] ?? 0), Number(start));
      }
      nums.set(n.attrs['w:numId'] ?? '', { abstractId: val(n, 'w:abstractNumId') ?? '', overrides });
    }
  }
  const counters = new Map<string, number[]>();
  return {
    next(numId, level) {
      const num = nums.get(numId);
      const levels = num ? abstract.get(num.abstractId) : undefined;
      const lvl = levels?.get(level);
      if (!num || !levels || !lvl) return undefined;
      const key = num.abstractId;
      const counts = counters.get(key) ?? [];
      const startOf = (l: number) => num.overrides.get(l) ?? levels.get(l)?.start ?? 1;
      counts[level] = counts[level] === undefined ? startOf(level) : counts[level]! + 1;
      // A higher level restarts the levels below it.
      for (let l = level + 1; l < counts.length; l++) counts[l] = undefined as unknown as number;
      counters.set(key, counts);
      return lvl.text.replace(/%(\d)/g, (_m, d: string) => {
        const l = Number(d) - 1;
        return formatNumber(counts[l] ?? startOf(l), levels.get(l)?.format ?? 'decimal');
      });
    },
  };
}
