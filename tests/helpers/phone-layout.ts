/**
 * What a reader of a built page sees at the page's current width and reading mode, measured in the
 * page in one evaluation: sideways scrolling, the header, the tables, line breaks in labels, codes
 * kept whole, and the focus ring against what lies behind it.
 */
import type { Page } from 'puppeteer-core';

export interface LayoutFindings {
  scrollWidth: number;
  innerWidth: number;
  innerHeight: number;
  headerHeight: number;
  /** Whether the navigation was folded away (a phone) before the menu was opened. */
  menuFolded: boolean;
  /** Navigation links visible once the menu is open (or always, on a wide screen). */
  menuLinks: number;
  /** Tables of up to four columns, checked cell by cell. */
  narrowTables: number;
  /** Wider tables (in a scroll region, or fitting the page). */
  wideTables: number;
  /** Scroll regions that did scroll, and were checked scrolled to their right end. */
  scrolledRegions: number;
  /** Row labels checked at the right end of their region. */
  stickyLabels: number;
  /** Labels whose line starts were checked. */
  labels: number;
  /** 索引号, 文号 and date segments checked for being on one line. */
  codes: number;
  problems: string[];
}

/** Measures the page as it is now: opens the menu and every <details> of the page, scrolls each table region to its right end, and puts everything back. */
export function layoutFindings(page: Page): Promise<LayoutFindings> {
  return page.evaluate(async () => {
    // Scroll-state container queries (the scroll cue) take effect at the next rendered frame.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const problems: string[] = [];
    const label = (el: Element) => `${el.tagName.toLowerCase()}「${(el.textContent ?? '').replace(/\s+/g, '').slice(0, 16)}」`;
    const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
    const scrollWidth = document.scrollingElement!.scrollWidth;
    if (scrollWidth > innerWidth) problems.push(`the page scrolls sideways: ${scrollWidth} > ${innerWidth}`);

    // The header: a quarter of the first screen at most, folded navigation on a phone, 44 px controls.
    const header = document.querySelector('.site-header')!;
    const headerHeight = header.getBoundingClientRect().height;
    if (headerHeight > innerHeight / 4) problems.push(`header ${headerHeight} px > 25% of ${innerHeight} px`);
    const menu = header.querySelector('details.site-menu') as HTMLDetailsElement;
    const navLinks = () => [...header.querySelectorAll('.site-nav a')].filter(shown).length;
    const menuFolded = navLinks() === 0;
    const button = header.querySelector('.site-menu-button')!;
    if (menuFolded && !shown(button)) problems.push('the navigation is folded but the 菜单 button is not shown');
    menu.open = true;
    const menuLinks = navLinks();
    const menuWidth = document.scrollingElement!.scrollWidth;
    if (menuWidth > innerWidth) problems.push(`the page scrolls sideways with the menu open: ${menuWidth} > ${innerWidth}`);
    const nameText = document.createRange();
    nameText.selectNodeContents(header.querySelector('.site-name a')!);
    const nameRight = nameText.getBoundingClientRect().right;
    const buttonLeft = button.getBoundingClientRect().left;
    if (menuFolded && nameRight > buttonLeft) problems.push(`the site name runs under the 菜单 button (${nameRight} > ${buttonLeft})`);
    for (const el of header.querySelectorAll('a, button, input:not(.mode-input), summary, label.mode-toggle')) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 44 - 0.5 || r.width < 44 - 0.5) problems.push(`touch target ${label(el)} ${Math.round(r.width)}×${Math.round(r.height)} px`);
    }
    menu.open = false;

    // Labels: strict CJK line breaking, never a line that starts with closing punctuation.
    const CLOSING = /[）」』】〕》〉，。、：；！？”’)\]]/;
    let labels = 0;
    for (const el of document.querySelectorAll('main th, main dt, main dd')) {
      if (!shown(el) || el.closest('.visually-hidden')) continue;
      const style = getComputedStyle(el);
      if (style.lineBreak !== 'strict') problems.push(`${label(el)}: line-break ${style.lineBreak}`);
      if (style.overflowWrap === 'anywhere' || style.wordBreak === 'break-all') problems.push(`${label(el)}: breaks anywhere`);
      labels++;
      const vertical = style.writingMode.startsWith('vertical');
      let previous: DOMRect | undefined;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.parentElement?.closest('.visually-hidden')) continue;
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (/\s/.test(text[i]!)) continue;
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getClientRects()[0];
          if (!rect) continue;
          const newLine = previous && (vertical ? rect.left < previous.left - 2 : rect.top > previous.top + 2);
          if (newLine && CLOSING.test(text[i]!)) problems.push(`${label(el)}: a line starts with “${text[i]}”`);
          previous = rect;
        }
      }
    }

    // Codes: each segment on one line.
    let codes = 0;
    for (const code of document.querySelectorAll('.disclosure .code')) {
      codes++;
      if (code.getClientRects().length !== 1) problems.push(`code split across lines: ${code.textContent}`);
      const r = code.getBoundingClientRect();
      if (r.right > innerWidth + 0.5) problems.push(`code beyond the screen: ${code.textContent}`);
    }

    // Tables, with every folded part of the page open.
    const folded = [...document.querySelectorAll('main details:not([open])')] as HTMLDetailsElement[];
    for (const d of folded) d.open = true;
    const openWidth = document.scrollingElement!.scrollWidth;
    if (openWidth > innerWidth) problems.push(`the page scrolls sideways with its details open: ${openWidth} > ${innerWidth}`);
    let narrowTables = 0;
    let wideTables = 0;
    let scrolledRegions = 0;
    let stickyLabels = 0;
    const clippers = (el: Element) => {
      const list: Element[] = [];
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') list.push(a);
      return list;
    };
    const inView = (cells: Element[], what: string) => {
      for (const cell of cells) {
        const r = cell.getBoundingClientRect();
        if (r.left < -0.5 || r.right > innerWidth + 0.5) {
          problems.push(`${what}: cell ${label(cell)} is off the screen (${Math.round(r.left)}–${Math.round(r.right)})`);
          continue;
        }
        for (const c of clippers(cell)) {
          const cr = c.getBoundingClientRect();
          if (r.left < cr.left - 0.5 || r.right > cr.right + 0.5) problems.push(`${what}: cell ${label(cell)} is cut off by its container`);
        }
      }
    };
    for (const table of document.querySelectorAll('main table') as NodeListOf<HTMLTableElement>) {
      if (!shown(table)) continue;
      const what = label(table.caption ?? table);
      const columns = Math.max(...[...table.rows].map((row) => [...row.cells].reduce((n, c) => n + c.colSpan, 0)));
      const cells = [...table.querySelectorAll('th, td')].filter((c) => shown(c) && !c.closest('.visually-hidden'));
      const region = table.closest('[role="region"]') as HTMLElement | null;
      if (columns <= 4) {
        narrowTables++;
        inView(cells, what);
        if (region && region.scrollWidth > region.clientWidth + 1) problems.push(`${what}: ${columns} columns, but its region scrolls`);
        continue;
      }
      wideTables++;
      if (!region) {
        inView(cells, what);
        continue;
      }
      const name = (region.getAttribute('aria-labelledby') ?? '').split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join('').trim() || region.getAttribute('aria-label');
      if (!name) problems.push(`${what}: its scroll region has no name`);
      if (region.tabIndex !== 0) problems.push(`${what}: its scroll region is not focusable`);
      const rr = region.getBoundingClientRect();
      if (rr.right > innerWidth + 0.5) problems.push(`${what}: its region is wider than the screen`);
      const cue = region.querySelector('.scroll-cue');
      if (region.scrollWidth <= region.clientWidth + 1) {
        inView(cells, what);
        if (cue && shown(cue)) problems.push(`${what}: a scroll cue, but nothing to scroll`);
        continue;
      }
      scrolledRegions++;
      if (!cue || !shown(cue)) problems.push(`${what}: scrolls without a visible cue`);
      region.scrollLeft = region.scrollWidth;
      if (region.scrollLeft === 0) problems.push(`${what}: its region does not scroll`);
      for (const th of table.querySelectorAll('tbody th[scope="row"], tbody th[scope="rowgroup"]')) {
        const before = th.getBoundingClientRect();
        scrollTo(0, scrollY + before.top + before.height / 2 - innerHeight / 2);
        const r = th.getBoundingClientRect();
        stickyLabels++;
        if (r.left < rr.left - 0.5 || r.right > rr.right + 0.5) {
          problems.push(`${what}: row label ${label(th)} leaves the region at its right end`);
          continue;
        }
        if (r.width < 8) problems.push(`${what}: row label ${label(th)} is squeezed to ${r.width} px`);
        const hit = document.elementFromPoint(r.left + r.width / 2, Math.min(Math.max(r.top + r.height / 2, 1), innerHeight - 1));
        if (!hit || !(hit === th || th.contains(hit))) problems.push(`${what}: row label ${label(th)} is covered by ${hit ? label(hit) : 'nothing'}`);
        const bg = getComputedStyle(th).backgroundColor;
        if (!/^rgb\(/.test(bg)) problems.push(`${what}: row label ${label(th)} has a see-through background ${bg}`);
      }
      region.scrollLeft = 0;
    }
    for (const d of folded) d.open = false;
    scrollTo(0, 0);
    return { scrollWidth, innerWidth, innerHeight, headerHeight, menuFolded, menuLinks, narrowTables, wideTables, scrolledRegions, stickyLabels, labels, codes, problems };
  });
}

export interface FocusRing {
  target: string;
  focusVisible: boolean;
  style: string;
  width: number;
  color: string;
  /** For each side of the ring: the point, and the background colours beneath it, topmost first, down to the first opaque one. */
  behind: { x: number; y: number; stack: string[] }[];
}

/**
 * Focuses every focusable element of the page (menus and folded parts opened) and reads its focus
 * ring and the backgrounds just outside the element, where the ring is drawn. Call after one Tab
 * key press, so that focus from a script counts as keyboard focus (:focus-visible).
 */
export function focusRings(page: Page): Promise<FocusRing[]> {
  return page.evaluate(() => {
    const opened = [...document.querySelectorAll('details:not([open])')] as HTMLDetailsElement[];
    for (const d of opened) d.open = true;
    const focusables = [...document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')].filter(
      (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden' && !el.closest('[hidden]') && getComputedStyle(el).display !== 'none',
    );
    const rings = focusables.map((el) => {
      el.focus({ preventScroll: true });
      // The reading-mode checkboxes are hidden; their ring is drawn on their label.
      const target = el.matches('.mode-input') ? (el.nextElementSibling as HTMLElement) : el;
      const box = target.getBoundingClientRect();
      // The whole ring in the viewport (the skip link, shown at the top, stays where it is).
      if (box.top < 12 || box.bottom > innerHeight - 12) scrollBy(0, box.top + box.height / 2 - innerHeight / 2);
      const style = getComputedStyle(target);
      const width = parseFloat(style.outlineWidth);
      const d = parseFloat(style.outlineOffset) + width / 2;
      const rects = [...target.getClientRects()];
      const first = rects[0]!;
      const last = rects.at(-1)!;
      const points = [
        [first.left + first.width / 2, first.top - d],
        [first.left - d, first.top + first.height / 2],
        [last.left + last.width / 2, last.bottom + d],
        [last.right + d, last.top + last.height / 2],
      ];
      const behind = points
        .filter(([x, y]) => x! >= 1 && y! >= 1 && x! < innerWidth - 1 && y! < innerHeight - 1)
        .map(([x, y]) => {
          const stack: string[] = [];
          for (const under of document.elementsFromPoint(x!, y!)) {
            if (under === target || target.contains(under) || under === el) continue;
            const bg = getComputedStyle(under).backgroundColor;
            const alpha = /rgba\(.*,\s*([\d.]+)\)$/.exec(bg);
            if (alpha && parseFloat(alpha[1]!) === 0) continue;
            stack.push(bg);
            if (!alpha) break;
          }
          return { x: Math.round(x!), y: Math.round(y!), stack };
        });
      const name = `${target.tagName.toLowerCase()}${target.className ? `.${String(target.className).split(' ')[0]}` : ''}「${(target.textContent ?? target.getAttribute('aria-label') ?? '').replace(/\s+/g, '').slice(0, 12)}」`;
      return { target: name, focusVisible: el.matches(':focus-visible'), style: style.outlineStyle, width, color: style.outlineColor, behind };
    });
    (document.activeElement as HTMLElement | null)?.blur();
    for (const d of opened) d.open = false;
    scrollTo(0, 0);
    return rings;
  });
}
