import { Paragraph, type ParagraphChild } from 'docx';
import type { PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { RenderContext } from './context.ts';
import { SIZE } from './official-format.ts';
import { fieldRuns, footnoteReferenceRun, joinSoftBreaks, textRun, type RunStyle } from './runs.ts';
import { STYLE } from './styles-xml.ts';

const noteRun: RunStyle = { face: 'fangsong', size: SIZE.小四, tracking: 0 };

/** Addresses a reader of the printed page can type; relative links only make sense on the site. */
export function isWebAddress(url: string): boolean {
  return /^(https?:|mailto:)/i.test(url);
}

/**
 * Markdown text (the mdast the web renders too) as Word runs. A metric reference prints its text,
 * already formatted by the loader. A link keeps its words in the text and gives its address in a
 * footnote, where a printed copy can show it; a bare address is a clickable field in the text.
 */
export function phrasingRuns(nodes: PhrasingContent[], ctx: RenderContext, s: RunStyle): ParagraphChild[] {
  return nodes.flatMap((node) => phrasingRun(node, ctx, s));
}

function phrasingRun(node: PhrasingContent, ctx: RenderContext, s: RunStyle): ParagraphChild[] {
  const settings = ctx.settings;
  switch (node.type) {
    case 'text':
      return [textRun(settings, joinSoftBreaks(node.value), s)];
    case 'metricRef':
      return [textRun(settings, node.text ?? node.id, s)];
    case 'strong':
      return phrasingRuns(node.children, ctx, { ...s, bold: true });
    case 'emphasis':
      // Chinese faces have no italics: emphasis is set in 楷体, as quotations are.
      return phrasingRuns(node.children, ctx, { ...s, face: 'kaiti' });
    case 'delete':
      return phrasingRuns(node.children, ctx, { ...s, strike: true });
    case 'inlineCode':
      return [textRun(settings, node.value, s)];
    case 'break':
      return [textRun(settings, '', s, { break: true })];
    case 'link':
      return link(node.url, node.children, ctx, s);
    case 'linkReference': {
      const definition = ctx.linkDefinitions.get(node.identifier);
      return definition ? link(definition.url, node.children, ctx, s) : phrasingRuns(node.children, ctx, s);
    }
    case 'footnoteReference': {
      const definition = ctx.footnoteDefinitions.get(node.identifier);
      if (!definition) return [textRun(settings, `[^${node.label ?? node.identifier}]`, s)];
      const paragraphs = definition.children.map(
        (block) =>
          new Paragraph({
            style: STYLE.footnoteText,
            children: block.type === 'paragraph' ? phrasingRuns(block.children, ctx, noteRun) : [textRun(settings, toString(block), noteRun)],
          }),
      );
      return [footnoteReferenceRun(settings, addFootnote(ctx, paragraphs), s)];
    }
    case 'image':
    case 'imageReference':
      // Pictures are set in paragraphs of their own (see blocks.ts); one left inside text shows its description.
      return node.alt ? [textRun(settings, `［图：${node.alt}］`, s)] : [];
    default:
      // Raw HTML is not part of the content format; the web sanitises it away as well.
      return [];
  }
}

function link(url: string, children: PhrasingContent[], ctx: RenderContext, s: RunStyle): ParagraphChild[] {
  const text = toString({ type: 'paragraph', children });
  if (!isWebAddress(url)) return phrasingRuns(children, ctx, s);
  if (text === url || text === url.replace(/^mailto:/i, '')) return hyperlinkField(ctx, url, text, s);
  const note = new Paragraph({ style: STYLE.footnoteText, children: hyperlinkField(ctx, url, url.replace(/^mailto:/i, ''), noteRun) });
  return [...phrasingRuns(children, ctx, s), footnoteReferenceRun(ctx.settings, addFootnote(ctx, [note]), s)];
}

/** A HYPERLINK field: clickable in Word and in PDFs made from the file, with no relationship part. */
function hyperlinkField(ctx: RenderContext, url: string, text: string, s: RunStyle): ParagraphChild[] {
  const code = `HYPERLINK "${url.replace(/"/g, '%22')}"`;
  return fieldRuns(ctx.settings, code, [textRun(ctx.settings, text, { ...s, characterStyle: STYLE.hyperlink })], s);
}

function addFootnote(ctx: RenderContext, children: Paragraph[]): number {
  const id = ctx.nextFootnoteId++;
  ctx.footnotes[id] = { children };
  return id;
}
