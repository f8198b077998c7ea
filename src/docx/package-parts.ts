import { KNOWN_ALTERNATES } from './fonts.ts';
import type { DocxSettings } from '../schema/docx.ts';
import { W_NS, XML_HEADER, el, escapeXml } from './xml.ts';

/**
 * settings.xml: odd and even pages get their own footers (page numbers right and left); no
 * punctuation compression, so 28 characters a line stay 28; Chinese as the East Asian language.
 */
export function settingsXml(): string {
  return `${XML_HEADER}${el(
    'w:settings',
    { 'xmlns:w': W_NS },
    el('w:zoom', { 'w:percent': 100 }),
    el('w:defaultTabStop', { 'w:val': 420 }),
    el('w:evenAndOddHeaders'),
    el('w:characterSpacingControl', { 'w:val': 'doNotCompress' }),
    el('w:footnotePr', {}, el('w:footnote', { 'w:id': -1 }), el('w:footnote', { 'w:id': 0 })),
    el('w:endnotePr', {}, el('w:endnote', { 'w:id': -1 }), el('w:endnote', { 'w:id': 0 })),
    el('w:compat', {}, el('w:compatSetting', { 'w:name': 'compatibilityMode', 'w:uri': 'http://schemas.microsoft.com/office/word', 'w:val': 15 })),
    el('w:themeFontLang', { 'w:val': 'en-US', 'w:eastAsia': 'zh-CN' }),
    el('w:decimalSymbol', { 'w:val': '.' }),
    el('w:listSeparator', { 'w:val': ',' }),
  )}`;
}

/**
 * fontTable.xml: each face with its character set (86 = GB2312), so Word substitutes a Chinese
 * face for a missing Chinese one, and the alternate Windows has for the old *_GB2312 names.
 */
export function fontTableXml(settings: DocxSettings): string {
  const { latin, ...chinese } = settings.fonts;
  const names = [...new Set(Object.values(chinese))];
  const fonts = [
    el('w:font', { 'w:name': latin }, el('w:charset', { 'w:val': '00' }), el('w:family', { 'w:val': 'roman' }), el('w:pitch', { 'w:val': 'variable' })),
    ...names.map((name) =>
      el(
        'w:font',
        { 'w:name': name },
        KNOWN_ALTERNATES[name] ? el('w:altName', { 'w:val': KNOWN_ALTERNATES[name] }) : '',
        el('w:charset', { 'w:val': '86' }),
        el('w:family', { 'w:val': 'modern' }),
        el('w:pitch', { 'w:val': 'fixed' }),
      ),
    ),
  ];
  return `${XML_HEADER}${el('w:fonts', { 'xmlns:w': W_NS }, ...fonts)}`;
}

export interface CoreProperties {
  title: string;
  subject: string;
  creator: string;
  keywords: string[];
  description?: string;
  /** ISO date: created and modified both, so the file does not change from build to build. */
  date: string;
}

/** docProps/core.xml: what Word shows under File → Info, and the document language. */
export function corePropertiesXml(p: CoreProperties): string {
  const when = `${p.date}T00:00:00Z`;
  const text = (name: string, value: string) => `<${name}>${escapeXml(value)}</${name}>`;
  return `${XML_HEADER}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${[
    text('dc:title', p.title),
    text('dc:subject', p.subject),
    text('dc:creator', p.creator),
    text('cp:keywords', p.keywords.join('; ')),
    p.description ? text('dc:description', p.description) : '',
    text('cp:lastModifiedBy', p.creator),
    text('cp:revision', '1'),
    text('dc:language', 'zh-CN'),
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>`,
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>`,
  ].join('')}</cp:coreProperties>`;
}

/**
 * docProps/custom.xml: the publication metadata that is not printed in an official document
 * (索引号, 发布日期, 信息来源 …), so that document systems, and `nianbao import`, can read it back.
 */
export function customPropertiesXml(properties: [string, string | undefined][]): string {
  const items = properties
    .filter((p): p is [string, string] => p[1] !== undefined && p[1] !== '')
    .map(([name, value], i) => `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`);
  return `${XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">${items.join('')}</Properties>`;
}

/** docProps/app.xml. */
export function appPropertiesXml(company: string): string {
  return `${XML_HEADER}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>nianbao</Application><DocSecurity>0</DocSecurity><Company>${escapeXml(company)}</Company></Properties>`;
}
