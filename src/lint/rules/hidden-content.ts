import { hidingReason } from '../hidden-style.ts';
import type { Finding, LintRule } from '../rule.ts';

const clip = (s: string, n = 30) => (s.length > n ? `${s.slice(0, n)}…` : s);

export const hiddenContent: LintRule = {
  id: 'lint.hidden-content',
  severity: 'error',
  title: '读者看不见的链接或文字（暗链）：display:none、零尺寸、移出屏幕、与背景同色、空白链接',
  check(subject) {
    const out: Finding[] = [];
    for (const el of subject.elements) {
      // Report the element that does the hiding, not each of its descendants.
      const reason = hidingReason(el.tag, el.attributes);
      if (reason !== undefined) {
        const href = el.hrefs[0] ?? '';
        out.push({
          at: el.at,
          message: el.containsLink
            ? `隐藏的链接（暗链）：<${el.tag}> 用 ${reason} 藏起来${href ? `，指向 ${href}` : ''}${el.text ? `，文字“${clip(el.text)}”` : ''}。被篡改的网页常这样给赌博、色情网站加链接。`
            : `读者看不见的文字：<${el.tag}> 用 ${reason} 藏起来${el.text ? `（“${clip(el.text)}”）` : ''}。`,
          hint: '删除这段 HTML。年报正文不需要隐藏内容；如果是从网页复制来的，请从原始文稿重新复制纯文字。',
          value: el.text || href || undefined,
        });
        continue;
      }
      if (el.tag === 'a' && el.attributes.href && el.text === '' && !el.containsMedia) {
        out.push({
          at: el.at,
          message: `没有文字的链接：指向 ${el.attributes.href}，页面上看不到，读屏软件也读不出，可能是暗链。`,
          hint: '给链接写上文字，或删除它。',
          value: el.attributes.href,
        });
      }
    }
    for (const link of subject.links) {
      if (link.via === 'markdown-link' && link.text.trim() === '') {
        out.push({
          at: link.at,
          message: `没有文字的链接：[](${link.url}) 在页面上看不到，可能是暗链。`,
          hint: '在 [ ] 里写上链接文字，或删除这个链接。',
          value: link.url,
        });
      }
    }
    return out;
  },
};
