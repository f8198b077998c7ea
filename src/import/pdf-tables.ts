/**
 * Tables of a PDF's text layer, read by position. A PDF has no table, only words at x/y: a table
 * shows as a run of lines whose words stand apart in columns. Each figure is put into the column
 * whose header it stands under (their x ranges overlap: left-, right- or centre-aligned alike);
 * a figure under no header, or under two, is not guessed: its row reads as unplaced (see
 * source-text.ts). Cells wrapped over several lines are joined back when the line above is full
 * (the next character would not have fitted before the next column); a label goes with the row of
 * figures beside it, whether the cells are set at the top or centred down; a header over several
 * columns is put over the columns its alignment says, and over only those its text stands over
 * when that is not certain.
 */
import { UNPLACED } from './source-text.ts';

/** Words of one printed line: text pieces that stand apart by more than half a character. */
export interface PdfWord {
  text: string;
  x: number;
  right: number;
  y: number;
  size: number;
}

export interface PdfLine {
  words: PdfWord[];
  size: number;
}

const FIGURE = /^(?:\d+(?:\.\d+)?|[/／—–-]{1,2})$/;
/** A row label that starts a row of its own: 一、 （一） 1. （1）. */
const NUMBERED = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.．、](?!\d))/;
/** Word's default left and right cell margin (0.19 cm), the room between a cell's text and the next column's. */
const CELL_MARGIN = 5.4;
const SAME_X = 1.5;

/** A line of a table: its words stand apart (two or more words a character or more apart). */
const isSpread = (l: PdfLine) => l.words.length >= 2;

/**
 * Where the tables are among the lines: [start, end) ranges. A table is a run of spread lines and
 * of lines set in the table's own type size, smaller than the body's (a label wrapped onto a line
 * of its own, a title row); it needs two lines with figures beside a label, or one with three
 * figures (table 四).
 */
export function findTableRanges(lines: PdfLine[], bodySize: number): [number, number][] {
  const ranges: [number, number][] = [];
  let i = 0;
  while (i < lines.length) {
    if (!isSpread(lines[i]!)) {
      i++;
      continue;
    }
    const size = lines[i]!.size;
    const small = (l: PdfLine) => Math.abs(l.size - size) < 0.5 && Math.abs(l.size - bodySize) >= 0.5;
    let start = i;
    while (start > 0 && small(lines[start - 1]!) && !isSpread(lines[start - 1]!)) start--;
    let end = i + 1;
    while (end < lines.length && (isSpread(lines[end]!) || small(lines[end]!))) end++;
    const figures = lines.slice(start, end).filter((l) => l.words.slice(1).some((w) => FIGURE.test(w.text)));
    if (figures.length >= 2 || figures.some((l) => l.words.filter((w) => FIGURE.test(w.text)).length >= 3)) ranges.push([start, end]);
    i = end;
  }
  return ranges;
}

/** A row of figures under a header band: its cells, the last line of each label column, whether a figure had no certain place. */
interface DataRow {
  cells: string[];
  last: (PdfWord | undefined)[];
  unplaced: boolean;
}

interface HeaderCell {
  text: string;
  x: number;
  right: number;
  /** Header line it starts on, and how many lines it runs over. */
  line: number;
  lines: number;
  last: PdfWord;
  spanning: boolean;
}

/**
 * The rows of one table: header bands with their columns, then rows by their labels. `areaRight`,
 * the right edge of the type area, stands for the next column start after the last column.
 */
export function tableRows(lines: PdfLine[], areaRight: number): string[][] {
  const figures = lines.filter(isSpread).flatMap((l) => l.words.filter((w) => FIGURE.test(w.text)));
  // Where the labels end: before the leftmost figure. A word reaching past it stands in the figures' columns.
  const labelEnd = Math.min(...figures.map((w) => w.x)) - SAME_X;
  const inColumns = (w: PdfWord) => w.right > labelEnd + SAME_X;
  const isData = (l: PdfLine) => l.words.some((w) => inColumns(w) && FIGURE.test(w.text));
  const isHeader = (l: PdfLine) => !isData(l) && l.words.some(inColumns);
  const out: string[][] = [];
  let k = 0;
  while (k < lines.length) {
    if (!isHeader(lines[k]!)) {
      // Lines before the first header: a title row of the table (第二十条第（一）项).
      out.push([lines[k]!.words.map((w) => w.text).join('')]);
      k++;
      continue;
    }
    let h = k;
    while (h < lines.length && isHeader(lines[h]!)) h++;
    let d = h;
    while (d < lines.length && !isHeader(lines[d]!)) d++;
    out.push(...band(lines.slice(k, h), lines.slice(h, d), inColumns, areaRight + 2 * CELL_MARGIN));
    k = d;
  }
  return out;
}

function cluster(xs: number[]): number[] {
  const out: number[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) if (!out.length || x - out[out.length - 1]! > SAME_X) out.push(x);
  return out;
}

/** The next column start right of x, or `edge` after the last column. */
const nextStart = (starts: number[], x: number, edge: number) => starts.find((s) => s > x + SAME_X) ?? edge;

/** Words set one under another in a cell: each line after the first goes on a line that was full. */
interface Chain {
  text: string;
  x: number;
  right: number;
  top: number;
  bottom: number;
  /** Index of the line it starts on, and its last word. */
  line: number;
  last: PdfWord;
  lastLine: number;
  size: number;
}

const overlaps = (a: { x: number; right: number }, b: { x: number; right: number }) => a.x < b.right - SAME_X && b.x < a.right - SAME_X;

/** Whether a cell's line is full: two more characters would reach the next column (so its text went on below). */
const full = (w: PdfWord, next: number) => w.right + 2 * w.size > next - 2 * CELL_MARGIN;

/**
 * Words of lines joined into cells: a word goes on the cell above it when the cell's last line is
 * full (the next word on that line, or `edge`, is too close for another character) and the word
 * lies within the cell's width — left-aligned or centred alike. A word that begins 一、（一）1.
 * starts a cell of its own. A first line much wider than the lines that go on below it was a cell
 * over several columns (行政复议 over 其/他/结/果), not the top of theirs.
 */
function chains(lines: PdfLine[], starts: number[], columnStarts: number[], edge: number, numbered: boolean): Chain[] {
  const built: { pieces: { w: PdfWord; line: number }[] }[] = [];
  const lastOf = (c: (typeof built)[number]) => c.pieces[c.pieces.length - 1]!;
  const extent = (c: (typeof built)[number]) => ({ x: Math.min(...c.pieces.map((p) => p.w.x)), right: Math.max(...c.pieces.map((p) => p.w.right)) });
  lines.forEach((l, i) => {
    const words = [...l.words].sort((a, b) => a.x - b.x);
    // A line that goes on stays in its column: it ends before the next column's words (on its own line or among the figures).
    const bounds = cluster([...columnStarts, ...words.map((w) => w.x)]);
    for (const w of words) {
      const open = built.find((c) => {
        const last = lastOf(c);
        if (last.line >= i || !overlaps(w, last.w) || (numbered && NUMBERED.test(w.text))) return false;
        const next = nextStart(starts, last.w.right - 2 * SAME_X, edge);
        // Over two words of the line below, a cell spans their columns (申请人情况 over 自然人 and 法人…): nothing goes on it.
        const spans = words.filter((o) => overlaps(o, last.w)).length >= 2;
        return !spans && full(last.w, next) && w.right <= nextStart(bounds, last.w.right - 2 * SAME_X, edge) + SAME_X && !built.some((o) => o !== c && lastOf(o).line > last.line && lastOf(o).line < i && overlaps(extent(o), w));
      });
      if (open) open.pieces.push({ w, line: i });
      else built.push({ pieces: [{ w, line: i }] });
    }
  });
  for (const c of [...built]) {
    const middle = c.pieces.slice(1, -1).map((p) => p.w.right - p.w.x);
    const first = c.pieces[0]!.w;
    if (middle.length && first.right - first.x > Math.min(...middle) + 2 * first.size) built.push({ pieces: c.pieces.splice(0, 1) });
  }
  return built.map(({ pieces }) => ({
    text: pieces.map((p) => p.w.text).join(''),
    ...extent({ pieces }),
    top: Math.max(...pieces.map((p) => p.w.y)),
    bottom: Math.min(...pieces.map((p) => p.w.y)),
    line: pieces[0]!.line,
    last: pieces[pieces.length - 1]!.w,
    lastLine: pieces[pieces.length - 1]!.line,
    size: pieces[0]!.w.size,
  }));
}

/**
 * The columns a cell over several columns stands over. Left-aligned, it starts at its first
 * column and runs to the next cell of its line. Centred (its text in the middle of its cells),
 * the cells of a line share the columns between them so that each is centred over its own; taken
 * only when one way of sharing fits, else a cell is over just the columns its text is over.
 */
function columnsUnder(line: Chain[], leaves: Chain[], centredTable: boolean, above: Map<Chain, number[]>): Map<Chain, number[]> {
  const out = new Map<Chain, number[]>();
  const centre = (a: { x: number; right: number }) => (a.x + a.right) / 2;
  const over = (c: Chain) => leaves.flatMap((leaf, j) => (overlaps(leaf, c) ? [j] : []));
  const sorted = [...line].sort((a, b) => a.x - b.x);
  const centred: Chain[] = [];
  for (const c of sorted) {
    const o = over(c);
    if (leaves.includes(c)) continue;
    const first = leaves[o[0] ?? -1];
    if (!centredTable && first && Math.abs(first.x - c.x) <= SAME_X) {
      const until = Math.min(Infinity, ...sorted.filter((x) => x.x > c.x + SAME_X).map((x) => x.x));
      out.set(c, leaves.flatMap((leaf, j) => (leaf.x >= c.x - SAME_X && leaf.x < until - SAME_X ? [j] : [])));
    } else {
      out.set(c, o);
      centred.push(c);
    }
  }
  if (!centred.length || centred.some((c) => !out.get(c)!.length)) return out;
  // Share the columns between neighbouring centred cells (no other cell of the line between them); each range must hold the columns its text is over.
  // Within the cell above them (未经复议直接起诉 and 复议后起诉 under 行政诉讼), between the cells beside them.
  const within = (range: number[], x: Chain) => range.length > 0 && x.x >= leaves[Math.min(...range)]!.x - SAME_X && x.right <= leaves[Math.max(...range)]!.right + SAME_X;
  const parent = [...above.entries()].find(([c, range]) => c.line < centred[0]!.line && centred.every((x) => within(range, x)));
  const lo = Math.max(parent ? Math.min(...parent[1]) : 0, ...sorted.filter((x) => x.right <= centred[0]!.x && out.has(x)).flatMap((x) => out.get(x)!.map((j) => j + 1)));
  const hiCell = sorted.find((x) => x.x >= centred[centred.length - 1]!.right && x !== centred[centred.length - 1]);
  const hi = Math.min(
    parent ? Math.max(...parent[1]) : leaves.length - 1,
    hiCell ? Math.min(leaves.length - 1, ...(leaves.includes(hiCell) ? [leaves.indexOf(hiCell) - 1] : out.get(hiCell)!.map((j) => j - 1))) : leaves.length - 1,
  );
  const tol = centred[0]!.size * 0.5;
  const fits: number[][][] = [];
  const search = (k: number, from: number, acc: number[][]) => {
    if (k === centred.length) return void fits.push(acc);
    const need = out.get(centred[k]!)!;
    for (let a = k === 0 ? lo : from; a <= Math.min(...need); a++) {
      if (k > 0 && a !== from) break;
      for (let b = Math.max(...need); b <= hi; b++) {
        const mid = (centre(leaves[a]!) + centre(leaves[b]!)) / 2;
        if (Math.abs(mid - centre(centred[k]!)) <= tol) search(k + 1, b + 1, [...acc, Array.from({ length: b - a + 1 }, (_, t) => a + t)]);
      }
    }
  };
  search(0, lo, []);
  if (fits.length === 1) centred.forEach((c, k) => out.set(c, fits[0]![k]!));
  return out;
}

/** One header band (its lines) and the rows under it. */
function band(headerLines: PdfLine[], dataLines: PdfLine[], inColumns: (w: PdfWord) => boolean, edge: number): string[][] {
  // Where a column may begin: wherever a word of the band begins (a line is full when the next of these is too close).
  const starts = cluster([...headerLines, ...dataLines].flatMap((l) => l.words.map((w) => w.x)));
  const dataStarts = dataLines.flatMap((l) => l.words.map((w) => w.x));
  // Header cells; a leaf (a column) has no header cell under it, a band cell (申请人情况) has.
  const cells = chains(headerLines.map((l) => ({ ...l, words: l.words.filter(inColumns) })), starts, dataStarts, edge, false);
  const leaves = cells.filter((c) => !cells.some((o) => o.line > c.line && overlaps(o, c))).sort((a, b) => a.x - b.x);
  const upper = cells.filter((c) => !leaves.includes(c));

  // Labels: cells of the label side; each belongs to the row of figures beside it (top-aligned or centred down).
  const size = dataLines[0]?.size ?? headerLines[0]!.size;
  const labelLines = dataLines.map((l) => ({ ...l, words: l.words.filter((w) => !inColumns(w)) }));
  const labels = chains(labelLines, starts, dataStarts, edge, true);
  const figureLines = dataLines.filter((l) => l.words.some(inColumns));
  const rowOf = (c: Chain) => figureLines.findIndex((l) => l.words.some((w) => inColumns(w) && w.y <= c.top + size * 0.6 && w.y >= c.bottom - size * 0.6));
  interface Row {
    y: number;
    labels: Chain[];
    values: string[];
    unplaced: boolean;
  }
  const rows: Row[] = figureLines.map((l) => {
    const row: Row = { y: Math.max(...l.words.filter(inColumns).map((w) => w.y)), labels: [], values: leaves.map(() => ''), unplaced: false };
    for (const w of l.words.filter(inColumns)) {
      const hits = leaves.flatMap((leaf, j) => (overlaps(w, leaf) || (w.x >= leaf.x - SAME_X && w.right <= leaf.right + SAME_X) ? [j] : []));
      if (hits.length !== 1 || row.values[hits[0]!] !== '') row.unplaced = true;
      else row.values[hits[0]!] = w.text;
    }
    return row;
  });
  for (const c of labels) {
    const r = rowOf(c);
    if (r >= 0) rows[r]!.labels.push(c);
    else rows.push({ y: c.top, labels: [c], values: leaves.map(() => ''), unplaced: false });
  }
  // Reading order (y runs on across pages: see source-pdf.ts).
  rows.sort((a, b) => b.y - a.y);
  const labelWidth = Math.max(1, ...rows.map((r) => r.labels.length));

  // Header rows: each cell in the row of its first line, a band cell over every column it is certainly over.
  const header = headerLines.map(() => Array.from({ length: labelWidth + leaves.length }, () => ''));
  headerLines.forEach((l, i) => (header[i]![0] = l.words.filter((w) => !inColumns(w)).map((w) => w.text).join('')));
  leaves.forEach((leaf, j) => (header[leaf.line]![labelWidth + j] = leaf.text));
  // Centred or left-aligned: as the figures stand under their column headers.
  const centre = (a: { x: number; right: number }) => (a.x + a.right) / 2;
  let left = 0;
  let centred = 0;
  for (const w of figureLines.flatMap((l) => l.words.filter(inColumns))) {
    const leaf = leaves.find((x) => overlaps(x, w));
    if (leaf && Math.abs(leaf.x - w.x) <= SAME_X) left++;
    else if (leaf && Math.abs(centre(leaf) - centre(w)) <= SAME_X) centred++;
  }
  const assigned = new Map<Chain, number[]>();
  for (const line of [...new Set(upper.map((c) => c.line))].sort((a, b) => a - b)) {
    for (const [c, columns] of columnsUnder(cells.filter((x) => x.line === line), leaves, centred > left, assigned)) {
      assigned.set(c, columns);
      for (const j of columns) header[line]![labelWidth + j] = c.text;
    }
  }
  const out = header.filter((r) => r.some(Boolean));
  for (const r of rows) {
    const labelCells = [...r.labels.sort((a, b) => a.x - b.x).map((c) => c.text), ...Array.from({ length: labelWidth - r.labels.length }, () => '')];
    out.push([...labelCells, ...r.values.map((v) => (r.unplaced ? v || UNPLACED : v))]);
  }
  return out;
}
