/**
 * The signature never stands alone on a page (GB/T 9704-2012 7.3.5.5). Word and LibreOffice decide
 * the page breaks, so the tool is keep-with-next: the closing's blank line(s) and 署名 are already
 * kept with what follows them (closing.ts), and the body's last paragraph is kept with the closing
 * here. When the closing does not fit below the body, the paragraph goes over with it (LibreOffice
 * moves it whole; the print moves its last lines, src/pdf/signature-page.ts). （此页无正文）
 * cannot be set here: the document cannot know where the word processor breaks its pages.
 *
 * The closing is found by a marker paragraph render.ts puts before it; this removes the marker.
 */
import { Paragraph } from 'docx';

const MARK_STYLE = 'NbClosingMark';

/** The marker paragraph, put between the body and the closing. */
export const closingMark = (): Paragraph => new Paragraph({ style: MARK_STYLE, children: [] });

const MARK = new RegExp(`<w:p>(?:(?!</w:p>).)*?<w:pStyle w:val="${MARK_STYLE}"/>(?:(?!</w:p>).)*?</w:p>`, 's');

/** document.xml with the marker removed and the paragraph before it (the body's last) kept with the closing. */
export function keepBodyWithClosing(documentXml: string): string {
  const found = MARK.exec(documentXml);
  if (!found) return documentXml;
  const before = documentXml.slice(0, found.index);
  const after = documentXml.slice(found.index + found[0].length);
  // The body's last paragraph: the last <w:p> that ends right where the marker starts (a table, a
  // picture's frame or nothing before it is left as it is).
  if (!before.endsWith('</w:p>')) return before + after;
  const start = before.lastIndexOf('<w:p>');
  if (start < 0) return before + after;
  return before.slice(0, start) + withKeepNext(before.slice(start)) + after;
}

/** A paragraph with <w:keepNext/> in its properties, where the schema's order puts it (after pStyle). */
function withKeepNext(paragraph: string): string {
  if (paragraph.includes('<w:keepNext/>')) return paragraph;
  if (!paragraph.startsWith('<w:p><w:pPr>')) return paragraph.replace('<w:p>', '<w:p><w:pPr><w:keepNext/></w:pPr>');
  const style = /^<w:p><w:pPr><w:pStyle w:val="[^"]*"\/>/.exec(paragraph);
  const at = style ? style[0].length : '<w:p><w:pPr>'.length;
  return paragraph.slice(0, at) + '<w:keepNext/>' + paragraph.slice(at);
}
