import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import { diag, type Diagnostic, type SourcePosition } from '../diagnostics/diagnostic.ts';
import type { Template, TemplateElement } from '../schema/template.ts';

export interface ElementCandidate {
  slug: string;
  title: string;
  level: number;
  declared: string[];
  body: Root;
  at: SourcePosition;
}

function titlesIn(section: ElementCandidate): { title: string; level: number }[] {
  const out = [{ title: section.title, level: section.level }];
  visit(section.body, 'heading', (h: Heading) => {
    out.push({ title: toString(h), level: h.depth });
  });
  return out;
}

function matches(element: TemplateElement, section: ElementCandidate): boolean {
  if (section.declared.includes(element.id)) return true;
  const titleRes = element.titles.map((t) => new RegExp(t));
  const hit = titlesIn(section).some(
    (t) => (element.level === undefined || t.level === element.level) && titleRes.some((re) => re.test(t.title)),
  );
  if (hit) return true;
  if (element.text.length === 0) return false;
  const text = toString(section.body);
  return element.text.some((t) => new RegExp(t).test(text));
}

/**
 * Checks that a report has the parts its type requires. Titles vary between real reports, so
 * elements are recognised by patterns, or declared by the editor in `elements:`.
 */
export function checkElements(
  template: Template,
  sections: ElementCandidate[],
  reportAt: SourcePosition,
  /** Some section file could not be read: a part not found may be in it, so its absence is not reported. */
  incomplete = false,
): { elementsBySection: Map<string, string[]>; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const elementsBySection = new Map<string, string[]>(sections.map((s) => [s.slug, []]));
  const known = new Set(template.elements.map((e) => e.id));
  for (const s of sections) {
    for (const id of s.declared) {
      if (!known.has(id)) {
        diagnostics.push(
          diag('error', 'element.unknown', s.at, `「${template.name}」没有编号为 ${id} 的必备内容。`, {
            hint: template.elements.length ? `可用的编号：${template.elements.map((e) => `${e.id}（${e.title}）`).join('、')}` : '这个报告类型没有必备内容，删除 elements。',
            value: id,
          }),
        );
      }
    }
  }
  const firstIndex: { element: TemplateElement; index: number }[] = [];
  for (const element of template.elements) {
    const index = sections.findIndex((s) => matches(element, s));
    if (index === -1) {
      if (element.required && !incomplete) {
        diagnostics.push(
          diag('error', 'element.missing', reportAt, `缺少${template.name}的必备内容「${element.title}」。`, {
            hint: `加一节写这部分内容（标题里含有“${element.titles[0]?.replace(/[\\^$|()?*+.[\]]/g, '') ?? element.title}”等字样即可识别），或在已写这部分的章节 frontmatter 中加上 elements: [${element.id}]。`,
          }),
        );
      }
      continue;
    }
    firstIndex.push({ element, index });
    for (const s of sections) if (matches(element, s)) elementsBySection.get(s.slug)!.push(element.id);
  }
  if (template.closed) {
    // Each level-1 section is one of the parts, and no part twice: a table row or a stray heading read as 一、… is caught here.
    const taken = new Set<string>();
    const partList = template.elements.filter((e) => e.level === undefined || e.level === 1);
    for (const s of sections) {
      if (s.level !== 1) continue;
      const element = partList.find((e) => !taken.has(e.id) && matches(e, { ...s, body: { type: 'root', children: [] } }));
      if (element) {
        taken.add(element.id);
        continue;
      }
      const again = partList.find((e) => matches(e, { ...s, body: { type: 'root', children: [] } }));
      diagnostics.push(
        diag('error', 'element.extra', s.at, `一级标题「${s.title}」${again ? `重复了「${again.title}」这一部分` : '不是规定的部分之一'}：${template.name}只有${partList.length}个部分（${partList.map((e) => e.title).join('、')}）。`, {
          hint: '把这一节改为上一部分下的二级标题（level: 2），或并入相应部分；如果它是表格的一行，请把它放回表格。',
          value: s.title,
        }),
      );
    }
  }
  if (template.ordered) {
    for (let i = 1; i < firstIndex.length; i++) {
      const prev = firstIndex[i - 1]!;
      const cur = firstIndex[i]!;
      if (cur.index < prev.index) {
        diagnostics.push(
          diag('error', 'element.order', sections[cur.index]!.at, `「${cur.element.title}」应排在「${prev.element.title}」之后（${template.name}的固定顺序）。`, {
            hint: '调整章节文件名前面的序号。',
          }),
        );
      }
    }
  }
  return { elementsBySection, diagnostics };
}
