/**
 * The PDF's filing metadata, from the report rather than from the print run: title, 发布机构,
 * subject, keywords and the 成文日期, for the info dictionary and the XMP packet (finish-pdf.ts).
 */
import type { ReportModel } from '../content/index.ts';

export interface DocumentInfo {
  title: string;
  /** 发布机构. */
  author: string;
  subject: string;
  keywords: string[];
  /** 索引号: a custom /IndexNumber entry of the info dictionary and dc:identifier in the XMP. */
  indexNumber: string;
  /** 成文日期, YYYY-MM-DD: both the creation and the modification date. */
  date: string;
}

export const PRODUCER = 'nianbao';

export function reportDocumentInfo(report: ReportModel): DocumentInfo {
  const { meta } = report;
  return {
    title: meta.title,
    author: report.issuer.name,
    subject: `${meta.year}年度${report.template.name}`,
    keywords: meta.keywords,
    indexNumber: report.indexNumber,
    date: meta.writtenDate,
  };
}

/** `2023-01-04` → `D:20230104000000+08'00'`: midnight of the 成文日期, Beijing time. */
export function pdfDate(isoDate: string): string {
  return `D:${isoDate.replace(/-/g, '')}000000+08'00'`;
}

/** Chromium's volatile entries, blanked: what remains identifies the document's content. */
export function maskVolatile(pdf: Uint8Array): Buffer {
  const text = Buffer.from(pdf).toString('latin1');
  return Buffer.from(text.replace(/\/(CreationDate|ModDate)\s*\([^)]*\)/g, '/$1()').replace(/\/ID\s*\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\]/g, '/ID[]'), 'latin1');
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The same metadata as XMP (what archives and PDF/A readers look at), UTF-8 without a BOM. */
export function xmpPacket(info: DocumentInfo): string {
  const date = `${info.date}T00:00:00+08:00`;
  return [
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">',
    `<dc:format>application/pdf</dc:format>`,
    `<dc:identifier>${xml(info.indexNumber)}</dc:identifier>`,
    `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.title)}</rdf:li></rdf:Alt></dc:title>`,
    `<dc:creator><rdf:Seq><rdf:li>${xml(info.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(info.subject)}</rdf:li></rdf:Alt></dc:description>`,
    `<dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>`,
    ...(info.keywords.length ? [`<dc:subject><rdf:Bag>${info.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`] : []),
    ...(info.keywords.length ? [`<pdf:Keywords>${xml(info.keywords.join('; '))}</pdf:Keywords>`] : []),
    `<pdf:Producer>${PRODUCER}</pdf:Producer>`,
    `<xmp:CreatorTool>${PRODUCER}</xmp:CreatorTool>`,
    `<xmp:CreateDate>${date}</xmp:CreateDate>`,
    `<xmp:ModifyDate>${date}</xmp:ModifyDate>`,
    `<xmp:MetadataDate>${date}</xmp:MetadataDate>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="r"?>',
  ].join('\n');
}
