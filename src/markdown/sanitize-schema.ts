import type { Schema } from 'hast-util-sanitize';

/**
 * What raw HTML in a report body may contain. Tampered government pages hide spam links by
 * style (display:none, zero size, same colour as the page), so nothing that styles, hides or
 * scripts survives: no `style`, `class` (except nianbao's own marks), `hidden`, `color`, sizes,
 * event handlers, scripts, frames, forms, or URLs other than http(s)/mailto/tel and relative ones.
 */
export const reportSchema: Schema = {
  allowComments: false,
  allowDoctypes: false,
  clobberPrefix: '',
  clobber: [],
  strip: ['script', 'style', 'template', 'noscript', 'iframe', 'object', 'embed', 'textarea', 'select', 'svg', 'math'],
  tagNames: [
    'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'code', 'dd', 'del', 'dl', 'dt', 'em',
    'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
    's', 'section', 'small', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
    'thead', 'tr', 'u', 'ul',
  ],
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'], caption: ['table'] },
  attributes: {
    a: ['href', 'title', 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy', 'ariaLabel', 'id'],
    img: ['src', 'alt', 'title'],
    abbr: ['title'],
    blockquote: ['cite'],
    q: ['cite'],
    ol: ['start', 'reversed'],
    li: ['id'],
    td: ['colSpan', 'rowSpan', ['align', 'left', 'center', 'right']],
    th: ['colSpan', 'rowSpan', 'scope', ['align', 'left', 'center', 'right']],
    span: [['className', 'metric'], 'dataMetric'],
    section: ['dataFootnotes', ['className', 'footnotes']],
    h3: ['dataNbNumber', 'id'],
    h4: ['dataNbNumber', 'id'],
    h5: ['dataNbNumber', 'id'],
    h6: ['dataNbNumber', 'id'],
    p: ['id'],
    sup: ['id'],
    '*': ['lang', 'dir'],
  },
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    cite: ['http', 'https'],
    // Images only from the site itself: an outside image is a request to another origin.
    src: [],
  },
  required: {},
};
