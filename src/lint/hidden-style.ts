/**
 * Whether an element is styled out of sight: the ways injected links (暗链) are hidden on tampered
 * pages. Only inline styles and attributes can be judged from the markup itself.
 */

type Rgb = [number, number, number, number];

const NAMED: Record<string, Rgb> = {
  white: [255, 255, 255, 1],
  black: [0, 0, 0, 1],
  red: [255, 0, 0, 1],
  green: [0, 128, 0, 1],
  blue: [0, 0, 255, 1],
  gray: [128, 128, 128, 1],
  grey: [128, 128, 128, 1],
  silver: [192, 192, 192, 1],
  snow: [255, 250, 250, 1],
  ivory: [255, 255, 240, 1],
  whitesmoke: [245, 245, 245, 1],
  ghostwhite: [248, 248, 255, 1],
  transparent: [0, 0, 0, 0],
};

export function parseColor(value: string): Rgb | undefined {
  const v = value.trim().toLowerCase();
  if (NAMED[v]) return NAMED[v];
  const hex = /^#([0-9a-f]{3,8})$/.exec(v)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
    const n = (i: number) => parseInt(full.slice(i, i + 2), 16);
    return [n(0), n(2), n(4), full.length === 8 ? n(6) / 255 : 1];
  }
  const fn = /^rgba?\(([^)]*)\)$/.exec(v)?.[1];
  if (fn) {
    const parts = fn.split(/[\s,/]+/).filter(Boolean);
    const channel = (s: string | undefined) => (s === undefined ? NaN : s.endsWith('%') ? (parseFloat(s) * 255) / 100 : parseFloat(s));
    const alpha = parts[3] === undefined ? 1 : parts[3].endsWith('%') ? parseFloat(parts[3]) / 100 : parseFloat(parts[3]);
    const rgb: Rgb = [channel(parts[0]), channel(parts[1]), channel(parts[2]), alpha];
    return rgb.some(Number.isNaN) ? undefined : rgb;
  }
  return undefined;
}

/** Declarations of an inline style, property names lower case, CSS escapes and comments removed. */
export function parseStyle(style: string): Map<string, string> {
  const clean = style
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([0-9a-fA-F]{1,6})\s?/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/\\(.)/g, '$1');
  const out = new Map<string, string>();
  for (const decl of clean.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl
      .slice(i + 1)
      .replace(/!\s*important/i, '')
      .trim()
      .toLowerCase();
    if (prop) out.set(prop, value);
  }
  return out;
}

/** A CSS length in px (em/rem taken as 16 px); undefined when it is not a plain length. */
function lengthPx(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(-?\d*\.?\d+)(px|pt|em|rem|%|vw|vh|cm|mm|in)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = parseFloat(m[1]!);
  switch (m[2]) {
    case 'pt':
      return (n * 4) / 3;
    case 'em':
    case 'rem':
      return n * 16;
    case 'cm':
      return n * 37.8;
    case 'mm':
      return n * 3.78;
    case 'in':
      return n * 96;
    case '%':
    case 'vw':
    case 'vh':
      return n === 0 ? 0 : n < 0 ? n * 10 : undefined;
    default:
      return n;
  }
}

const OFF_SCREEN_PX = -100;

function sameColour(a: Rgb, b: Rgb): boolean {
  return a.slice(0, 3).every((c, i) => Math.abs(c - b[i]!) <= 16);
}

/** Why an element with these attributes cannot be seen, in Chinese; undefined when it can. */
export function hidingReason(tag: string, attributes: Record<string, string>): string | undefined {
  if ('hidden' in attributes) return '带有 hidden 属性';
  if (tag === 'input' && attributes.type?.toLowerCase() === 'hidden') return '隐藏的输入框';
  if (tag === 'marquee') return '滚动字幕（marquee）常用来藏链接';
  const css = parseStyle(attributes.style ?? '');
  const get = (p: string) => css.get(p);
  if (get('display') === 'none') return 'display:none';
  if (/^(hidden|collapse)$/.test(get('visibility') ?? '')) return `visibility:${get('visibility')}`;
  const opacity = get('opacity');
  if (opacity !== undefined && parseFloat(opacity) * (opacity.endsWith('%') ? 0.01 : 1) <= 0.1) return `opacity:${opacity}`;
  if (/opacity\(\s*0*(\.0*)?%?\s*\)/.test(get('filter') ?? '')) return `filter:${get('filter')}`;
  const fontSize = lengthPx(get('font-size'));
  if (fontSize !== undefined && fontSize <= 1) return `font-size:${get('font-size')}（字号为零）`;
  for (const p of ['width', 'height', 'max-width', 'max-height']) {
    const px = lengthPx(get(p));
    if (px !== undefined && px <= 1) return `${p}:${get(p)}（尺寸为零）`;
  }
  const positioned = /^(absolute|fixed)$/.test(get('position') ?? '');
  for (const p of ['left', 'top', 'right', 'bottom', 'margin-left', 'margin-top', 'text-indent']) {
    const px = lengthPx(get(p));
    const offScreen = p === 'text-indent' || p.startsWith('margin') ? OFF_SCREEN_PX * 5 : OFF_SCREEN_PX;
    if (px !== undefined && px <= offScreen && (positioned || p === 'text-indent' || p.startsWith('margin'))) return `${p}:${get(p)}（移到屏幕以外）`;
  }
  const translate = /translate[xy3d]*\(\s*(-\d+(?:\.\d+)?)(px|%)?/.exec(get('transform') ?? '');
  if (translate && parseFloat(translate[1]!) <= OFF_SCREEN_PX * (translate[2] === '%' ? 0.5 : 1)) return `transform:${get('transform')}（移到屏幕以外）`;
  if (/scale[xy]?\(\s*0*(\.0*)?\s*[,)]/.test(get('transform') ?? '')) return `transform:${get('transform')}（缩放为零）`;
  if (/rect\(\s*0|rect\(\s*1px,\s*1px/.test(get('clip') ?? '') || /inset\(\s*(50|100)%|circle\(\s*0/.test(get('clip-path') ?? '')) return '被裁剪为不可见（clip）';
  const colourText = get('color') ?? attributes.color;
  if (colourText !== undefined) {
    const colour = parseColor(colourText);
    const backgroundText = get('background-color') ?? get('background')?.split(/\s+/).find((t) => parseColor(t)) ?? attributes.bgcolor;
    const background = backgroundText === undefined ? undefined : parseColor(backgroundText);
    if (colour && colour[3] <= 0.1) return `color:${colourText}（文字透明）`;
    if (colour && background && sameColour(colour, background)) return `文字颜色 ${colourText} 与背景色 ${backgroundText} 相同`;
    // Report pages are white: white text on no background of its own is invisible.
    if (colour && !background && colour.slice(0, 3).every((c) => c >= 240)) return `文字颜色 ${colourText} 与白色页面背景相同`;
  }
  return undefined;
}
