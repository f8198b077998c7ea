/**
 * Charts as inline SVG strings, drawn at build time. An SVG is an image with a name (title) and a
 * description that says the numbers; the same numbers follow as a table.
 */
import { escapeHtml as esc } from '../html.ts';
import { layoutChart } from './layout.ts';
import type { ChartSpec } from './spec.ts';

export function chartSvg(spec: ChartSpec, id: string): string {
  const layout = layoutChart(spec);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-${spec.kind}" width="100%" height="${layout.height}em" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${esc(spec.title)}</title>`,
    `<desc id="${id}-desc">${esc(spec.description)}</desc>`,
  );
  for (const bar of layout.bars) {
    out.push(`<rect class="chart-track" x="0" y="${bar.y}em" width="100%" height="${bar.height}em"/>`);
    if (bar.width > 0) out.push(`<rect class="chart-bar${bar.muted ? ' chart-bar-muted' : ''}" x="0" y="${bar.y}em" width="${bar.width}%" height="${bar.height}em"/>`);
  }
  for (const line of layout.lines) {
    const spans = line.parts.map((p, i) => {
      const gap = i > 0 && p.role === 'value' ? ' ' : '';
      const data = p.metricId ? ` data-metric="${esc(p.metricId)}"` : '';
      return `<tspan class="chart-${p.role}"${data}>${esc(gap + p.text)}</tspan>`;
    });
    out.push(`<text x="0" y="${line.y}em">${spans.join('')}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}

/** A small column chart of one metric over the years, for a table cell; its name says the values. */
export function sparklineSvg(values: { year: number; value: number; text: string }[], label: string): string {
  const max = Math.max(...values.map((v) => v.value), 0);
  const width = values.length * 1.5;
  const name = `${label}：${values.map((v) => `${v.year}年${v.text}`).join('，')}`;
  const bars = values
    .map((v, i) => {
      const h = max > 0 ? Math.round((v.value / max) * 1.6 * 1000) / 1000 : 0;
      return `<rect class="chart-bar" x="${i * 1.5 + 0.25}em" y="${Math.round((1.8 - h) * 1000) / 1000}em" width="1em" height="${h}em"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" width="${width}em" height="1.8em" role="img" aria-label="${esc(name)}"><title>${esc(name)}</title><rect class="chart-axis" x="0" y="1.75em" width="${width}em" height="0.05em"/>${bars}</svg>`;
}
