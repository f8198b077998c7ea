import { ImageRun, Paragraph, type FileChild } from 'docx';
import type { Heading, Image, List, Paragraph as MdParagraph, PhrasingContent, RootContent } from 'mdast';
import type { BlockStyle, RenderContext } from './context.ts';
import { headingParagraph, runInParagraph, wantsRunIn } from './headings.ts';
import { displaySize, isLocalImage } from './images.ts';
import { phrasingRuns } from './inline.ts';
import { FIRST_LINE_INDENT, SIZE, chars } from './official-format.ts';
import { runFonts } from './fonts.ts';
import { textRun } from './runs.ts';
import { STYLE } from './styles-xml.ts';
import { markdownTable } from './tables.ts';

const quoteBlock = (bs: BlockStyle): BlockStyle => ({ paragraphStyle: STYLE.quote, run: { ...bs.run, face: 'kaiti' } });

/** Block-level Markdown (the same mdast the web renders) as Word paragraphs and tables. */
export function blocks(nodes: RootContent[], ctx: RenderContext, bs: BlockStyle): FileChild[] {
  const out: FileChild[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i]!;
    const next = nodes[i + 1];
    if (node.type === 'heading' && next?.type === 'paragraph' && wantsRunIn(ctx, node.depth) && !hasImage(next)) {
      out.push(runInParagraph(ctx, node.depth, headingNumber(node), node.children, phrasingRuns(next.children, ctx, bs.run)));
      i++;
      continue;
    }
    out.push(...block(node, ctx, bs));
  }
  return out;
}

function block(node: RootContent, ctx: RenderContext, bs: BlockStyle): FileChild[] {
  switch (node.type) {
    case 'paragraph':
      return paragraph(node, ctx, bs);
    case 'heading':
      return [headingParagraph(ctx, node.depth, headingNumber(node), node.children)];
    case 'list':
      return list(node, ctx, bs, 0);
    case 'blockquote':
      return blocks(node.children, ctx, quoteBlock(bs));
    case 'code':
      return node.value.split('\n').map((line) => new Paragraph({ style: STYLE.plainText, children: [textRun(ctx.settings, line, bs.run)] }));
    case 'table':
      return markdownTable(node, ctx);
    default:
      // Definitions and footnote texts are printed where they are used; thematic breaks and raw HTML are not printed.
      return [];
  }
}

export function headingNumber(node: Heading): string {
  return (node.data as { number?: string } | undefined)?.number ?? '';
}

export function hasImage(node: MdParagraph): boolean {
  return node.children.some((c) => c.type === 'image' || c.type === 'imageReference');
}

/** A paragraph; pictures in it are set in paragraphs of their own, centred, with their title below. */
export function paragraph(node: MdParagraph, ctx: RenderContext, bs: BlockStyle): FileChild[] {
  if (!hasImage(node)) return [new Paragraph({ style: bs.paragraphStyle, children: phrasingRuns(node.children, ctx, bs.run) })];
  const out: FileChild[] = [];
  let text: PhrasingContent[] = [];
  const flush = () => {
    if (text.some((c) => c.type !== 'text' || c.value.trim() !== '')) {
      out.push(new Paragraph({ style: bs.paragraphStyle, children: phrasingRuns(text, ctx, bs.run) }));
    }
    text = [];
  };
  for (const child of node.children) {
    const image: Image | undefined =
      child.type === 'image'
        ? child
        : child.type === 'imageReference'
          ? imageFromReference(child.identifier, child.alt ?? '', ctx)
          : undefined;
    if (!image) {
      text.push(child);
      continue;
    }
    flush();
    out.push(...figure(image, ctx));
  }
  flush();
  return out;
}

function imageFromReference(identifier: string, alt: string, ctx: RenderContext): Image | undefined {
  const definition = ctx.linkDefinitions.get(identifier);
  return definition ? { type: 'image', url: definition.url, title: definition.title, alt } : undefined;
}

const captionRun = { face: 'fangsong', size: SIZE.小四, tracking: 0 } as const;

function figure(image: Image, ctx: RenderContext): FileChild[] {
  const loaded = isLocalImage(image.url) ? ctx.images.get(image.url) : undefined;
  if (!loaded) {
    // A picture on the network can't be fetched during the build: print its description and address.
    return [new Paragraph({ style: STYLE.caption, children: phrasingRuns([{ type: 'link', url: image.url, children: [{ type: 'text', value: `［图：${image.alt || image.url}］` }] }], ctx, captionRun) })];
  }
  const n = ctx.nextFigure++;
  const size = displaySize(loaded.width, loaded.height);
  const common = {
    transformation: size,
    run: { font: runFonts(ctx.settings.fonts, 'fangsong') },
    altText: { id: String(ctx.nextDrawingId++), name: `图 ${n}`, description: image.alt ?? '', title: image.title ?? '' },
  };
  const run =
    loaded.type === 'svg'
      ? new ImageRun({ ...common, type: 'svg', data: loaded.data, fallback: { type: 'png', data: loaded.fallback! } })
      : new ImageRun({ ...common, type: loaded.type, data: loaded.data });
  const out: FileChild[] = [new Paragraph({ style: STYLE.figure, children: [run] })];
  if (image.title) out.push(new Paragraph({ style: STYLE.caption, children: [textRun(ctx.settings, image.title, captionRun)] }));
  return out;
}

/** Items sit like body paragraphs; each list is a new numbering instance, so it starts at its own first number. */
function list(node: List, ctx: RenderContext, bs: BlockStyle, level: number): FileChild[] {
  const reference = ctx.lists.reference(node.ordered ?? false, node.start ?? 1);
  const instance = ctx.lists.newInstance();
  const out: FileChild[] = [];
  for (const item of node.children) {
    const [first, ...rest] = item.children;
    const runs = first?.type === 'paragraph' ? phrasingRuns(first.children, ctx, bs.run) : [];
    if (typeof item.checked === 'boolean') {
      // A task item: its box takes the place of the number or bullet.
      const box = textRun(ctx.settings, item.checked ? '☑' : '☐', bs.run);
      out.push(new Paragraph({ style: STYLE.listParagraph, indent: { left: level * chars(2), firstLine: FIRST_LINE_INDENT }, children: [box, ...runs] }));
    } else {
      out.push(new Paragraph({ style: STYLE.listParagraph, numbering: { reference, level, instance }, children: runs }));
    }
    const after = first?.type === 'paragraph' ? rest : item.children;
    for (const child of after) {
      if (child.type === 'list') out.push(...list(child, ctx, bs, level + 1));
      else if (child.type === 'paragraph' && !hasImage(child)) {
        out.push(
          new Paragraph({
            style: STYLE.listParagraph,
            indent: { left: level * chars(2), firstLine: FIRST_LINE_INDENT },
            children: phrasingRuns(child.children, ctx, bs.run),
          }),
        );
      } else out.push(...block(child, ctx, bs));
    }
  }
  return out;
}

