/** A few helpers for the package parts nianbao writes itself (styles, settings, fonts, properties). */

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

type Attrs = Record<string, string | number | boolean | undefined>;

/** `<name a="1">children</name>`, or self-closing without children. Undefined attributes are left out. */
export function el(name: string, attrs: Attrs = {}, ...children: string[]): string {
  const a = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
  const body = children.join('');
  return body ? `<${name}${a}>${body}</${name}>` : `<${name}${a}/>`;
}

export const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export const W_NS = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
