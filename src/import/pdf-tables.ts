/**
 * Tables of a PDF's text layer, read by position. A PDF has no table, only words at x/y: a table
 * shows as a run of lines whose words stand apart in columns. Each figure is put into the column
 * whose header it stands under (their x ranges overlap: left-, right- or centre-aligned alike);
 * a figure under no header, or under two, is not guessed: its row reads as unplaced (see
 * source-text.ts). Cells wrapped over several lines are joined back when the line above is full
 * (the next character would not have fitted before the next column).
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
  const words = lines.flatMap((l) => l.words);
  const figures = lines.filter(isSpread).flatMap((l) => l.words.filter((w) => FIGURE.test(w.text)));
  // Where the labels end: the leftmost figure. Lines with a figure right of it are data, other lines with words there are headers.
  const labelEnd = Math.min(...figures.map((w) => w.x)) - SAME_X;
  const isData = (l: PdfLine) => l.words.some((w) => w.x >= labelEnd && FIGURE.test(w.text));
  const isHeader = (l: PdfLine) => !isData(l) && l.words.some((w) => w.x >= labelEnd);
  // Label columns: the x where label text starts.
  const labelStarts = cluster(words.filter((w) => w.x < labelEnd).map((w) => w.x));
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
    out.push(...band(lines.slice(k, h), lines.slice(h, d), labelStarts, labelEnd, areaRight + 2 * CELL_MARGIN));
    k = d;
  }
  return out;
}

function cluster(xs: number[]): number[] {
  const out: number[] = [];
  for (const x of [...xs].sort((a, b) => a - b)) if (!out.length || x - out[out.length - 1]! > SAME_X) out.push(x);
  return out;
}

/** The next column start right of x (a label column, a header or a figure), or `edge` after the last column. */
const nextStart = (starts: number[], x: number, edge = Infinity) => starts.find((s) => s > x + SAME_X) ?? edge;

/** Whether a cell's line is full: two more characters would reach the next column (so its text went on below). */
const full = (w: PdfWord, size: number, next: number) => w.right + 2 * size > next - 2 * CELL_MARGIN;

/** One header band (its lines) and the rows under it. */
function band(headerLines: PdfLine[], dataLines: PdfLine[], labelStarts: number[], labelEnd: number, edge: number): string[][] {
  const size = headerLines[0]!.size;
  const inColumns = (w: PdfWord) => w.x >= labelEnd;
  const dataFigures = dataLines.flatMap((l) => l.words.filter((w) => inColumns(w)));
  const starts = cluster([...labelStarts, ...headerLines.flatMap((l) => l.words.filter(inColumns).map((w) => w.x)), ...dataFigures.map((w) => w.x)]);

  // Header cells: a word that reaches past the next column start spans columns; a full line goes on below at the same x.
  const cells: HeaderCell[] = [];
  headerLines.forEach((l, i) => {
    for (const w of l.words.filter(inColumns)) {
      const next = nextStart(starts, w.x, edge);
      const spanning = w.right > next - 1;
      const open = cells.find((c) => !c.spanning && !spanning && c.line + c.lines === i && Math.abs(c.x - w.x) <= SAME_X && full(c.last, size, next));
      if (open) {
        open.text += w.text;
        open.right = Math.max(open.right, w.right);
        open.last = w;
        open.lines++;
      } else cells.push({ text: w.text, x: w.x, right: w.right, line: i, lines: 1, last: w, spanning });
    }
  });
  // The columns: the lowest cell at each start that spans nothing.
  const leaves: HeaderCell[] = [];
  for (const c of cells.filter((x) => !x.spanning).sort((a, b) => a.line - b.line)) {
    const at = leaves.findIndex((l) => Math.abs(l.x - c.x) <= SAME_X);
    if (at >= 0) leaves[at] = c;
    else leaves.push(c);
  }
  leaves.sort((a, b) => a.x - b.x);
  const labelColumns = labelStarts.length;
  const width = labelColumns + leaves.length;
  const labelColumn = (w: PdfWord) => {
    let j = 0;
    labelStarts.forEach((s, i) => s <= w.x + SAME_X && (j = i));
    return j;
  };

  // Header rows: each cell in the row of its first line; a spanning cell in every column from where it starts to the next cell of its line.
  const rows: string[][] = headerLines.map(() => Array.from({ length: width }, () => ''));
  for (const l of headerLines) for (const w of l.words.filter((x) => !inColumns(x))) {
    const r = rows[headerLines.indexOf(l)]!;
    const j = labelColumn(w);
    r[j] = `${r[j]}${w.text}`;
  }
  for (const c of cells) {
    const row = rows[c.line]!;
    if (!c.spanning) {
      const j = leaves.indexOf(c);
      if (j >= 0) row[labelColumns + j] = c.text;
      else {
        // An upper cell over a column: its text above the column's own header.
        const at = leaves.findIndex((x) => Math.abs(x.x - c.x) <= SAME_X);
        if (at >= 0) row[labelColumns + at] = c.text;
      }
      continue;
    }
    const after = cells.filter((o) => o.line === c.line && o.x > c.x + SAME_X).map((o) => o.x);
    const until = after.length ? Math.min(...after) : Infinity;
    leaves.forEach((leaf, j) => {
      if (leaf.right > c.x && leaf.x < until - SAME_X) row[labelColumns + j] = c.text;
    });
  }
  const out = rows.filter((r) => r.some(Boolean));

  // Data rows: a line with figures starts a row; a label line goes on the cell above when that is full, else starts a row.
  const allStarts = cluster([...labelStarts, ...leaves.map((l) => l.x), ...dataFigures.map((w) => w.x)]);
  const data: DataRow[] = [];
  const newRow = (): DataRow => {
    const row: DataRow = { cells: Array.from({ length: width }, () => ''), last: Array.from({ length: labelColumns }, () => undefined), unplaced: false };
    data.push(row);
    return row;
  };
  for (const l of dataLines) {
    const labels = l.words.filter((w) => !inColumns(w));
    const values = l.words.filter(inColumns);
    if (values.length) {
      const row = newRow();
      for (const w of labels) addLabel(row, w);
      for (const w of values) {
        const hits = leaves.flatMap((leaf, j) => (w.x < leaf.right && leaf.x < w.right ? [j] : []));
        if (hits.length !== 1 || row.cells[labelColumns + hits[0]!] !== '') row.unplaced = true;
        else row.cells[labelColumns + hits[0]!] = w.text;
      }
      continue;
    }
    // A label line: each word continues its column's cell when that cell's last line is full.
    const goesOn = (w: PdfWord) => {
      const j = labelColumn(w);
      const owner = [...data].reverse().find((r) => r.last[j]);
      const last = owner?.last[j];
      if (!owner || !last || Math.abs(last.x - w.x) > SAME_X || NUMBERED.test(w.text)) return undefined;
      return full(last, w.size, nextStart(allStarts, last.x)) ? owner : undefined;
    };
    let fresh: DataRow | undefined;
    for (const w of labels) addLabel(goesOn(w) ?? (fresh ??= newRow()), w);
  }
  function addLabel(row: DataRow, w: PdfWord) {
    const j = labelColumn(w);
    row.cells[j] += w.text;
    row.last[j] = w;
  }
  for (const r of data) {
    if (r.unplaced) for (let j = labelColumns; j < width; j++) r.cells[j] = r.cells[j] || UNPLACED;
    out.push(r.cells);
  }
  return out;
}
