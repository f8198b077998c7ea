/**
 * Consistent numbers for the tables of a 政府信息公开工作年度报告, for the samples and the bench
 * corpus: every rule of the template holds (表三 per column and per row, 表四 per row), a year
 * carries over from the year before (上年结转 = last year's 结转下年度; 现行有效 = last year's
 * 现行有效 + 制发 − 废止), and a county government's tables can be the sum of its issuers'.
 */

/** mulberry32: small, fast, and the same everywhere. */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export type Rand = ReturnType<typeof rng>;
export const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** 表三's result rows (leaves of （一）…（六）) in the 2021 format, in order. */
export const SHENQING_LEAVES = [
  'yuyi-gongkai', 'bufen-gongkai', 'guojia-mimi', 'falv-jinzhi', 'san-anquan', 'disanfang', 'neibu-shiwu', 'guochengxing',
  'zhifa-anjuan', 'chaxun-shixiang', 'bu-zhangwo', 'lingxing-zhizuo', 'buzheng-bumingque', 'xinfang', 'chongfu', 'chubanwu',
  'dali-fanfu', 'queren-chongxin', 'yuqi-buzheng', 'yuqi-jiaofei', 'qita-qingxing',
] as const;
/** 表三's rows in printed order (group rows left out): the leaves between the two carry-over rows. */
export const SHENQING_ROWS = ['xinshou', 'jiezhuan', ...SHENQING_LEAVES, 'jieguo-zongji', 'jiezhuan-xianian'] as const;
export const FUYI_ROWS = ['xingzheng-fuyi', 'zhijie-qisu', 'fuyihou-qisu'] as const;
/** The applicant columns before 总计: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他. */
const COLUMNS = 6;

/** One issuer's year, without the 总计 columns (they are sums and are added when written). */
export interface XinxiYear {
  shenqing: Record<(typeof SHENQING_ROWS)[number], number[]>;
  /** 结果维持, 结果纠正, 其他结果, 尚未审结 per row. */
  fuyi: Record<(typeof FUYI_ROWS)[number], number[]>;
  /** 行政规范性文件: 本年制发, 本年废止, 现行有效. */
  guifan: [number, number, number];
  xuke: number;
  chufa: number;
  qiangzhi: number;
  /** 万元, one decimal. */
  shoufei: number;
  /** 主动公开政府信息（条）. */
  zhudong: number;
}

/** How busy an issuer is: about how many applications a year reach it. */
export interface IssuerScale {
  applications: number;
  /** Licences and penalties a year (0 for offices that decide none). */
  licences: number;
  penalties: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
export const withTotal = (row: readonly number[]) => [...row, sum(row)];

/** A year of one issuer; with `previous`, its carry-overs and stock of documents continue from it. */
export function xinxiYear(r: Rand, scale: IssuerScale, previous?: XinxiYear): XinxiYear {
  const leaves = {} as Record<(typeof SHENQING_LEAVES)[number], number[]>;
  const n = Math.max(1, Math.round(scale.applications * (0.7 + r() * 0.6)));
  // Most applicants are natural persons; each outcome takes a share, 予以公开 the largest.
  const weights: Record<string, number> = { 'yuyi-gongkai': 0.55, 'bufen-gongkai': 0.1, 'bu-zhangwo': 0.15, disanfang: 0.03, guochengxing: 0.03, 'neibu-shiwu': 0.02, 'chaxun-shixiang': 0.02, 'lingxing-zhizuo': 0.02, 'buzheng-bumingque': 0.02, xinfang: 0.02, chongfu: 0.02, 'yuqi-buzheng': 0.02 };
  for (const leaf of SHENQING_LEAVES) leaves[leaf] = Array(COLUMNS).fill(0);
  for (let i = 0; i < n; i++) {
    const c = r() < 0.82 ? 0 : r() < 0.7 ? 1 : r() < 0.5 ? 4 : 5;
    let x = r();
    let leaf: (typeof SHENQING_LEAVES)[number] = 'yuyi-gongkai';
    for (const [id, w] of Object.entries(weights)) {
      if (x < w) {
        leaf = id as typeof leaf;
        break;
      }
      x -= w;
    }
    leaves[leaf][c]! += 1;
  }
  const done = Array.from({ length: COLUMNS }, (_, c) => sum(SHENQING_LEAVES.map((l) => leaves[l][c]!)));
  const carriedIn = previous ? [...previous.shenqing['jiezhuan-xianian']] : done.map((d, c) => (c === 0 && d > 3 ? int(r, 0, 2) : 0));
  const carriedOut = done.map((d, c) => (c === 0 && d > 3 ? int(r, 0, 2) : 0));
  // New applications = done + carried out − carried in; where that would be negative, more were granted.
  for (let c = 0; c < COLUMNS; c++) {
    const short = carriedIn[c]! - done[c]! - carriedOut[c]!;
    if (short > 0) {
      leaves['yuyi-gongkai'][c]! += short;
      done[c]! += short;
    }
  }
  const shenqing = {
    xinshou: done.map((d, c) => d + carriedOut[c]! - carriedIn[c]!),
    jiezhuan: carriedIn,
    ...leaves,
    'jieguo-zongji': done,
    'jiezhuan-xianian': carriedOut,
  };
  const disputes = (chance: number) => (r() < chance ? [int(r, 0, 2), int(r, 0, 1), 0, int(r, 0, 1)] : [0, 0, 0, 0]);
  const fuyi = { 'xingzheng-fuyi': disputes(scale.applications > 15 ? 0.7 : 0.2), 'zhijie-qisu': disputes(scale.applications > 30 ? 0.5 : 0.1), 'fuyihou-qisu': disputes(0.1) };
  const zhifa = int(r, 0, 4);
  const feizhi = int(r, 0, 2);
  const stock = previous ? previous.guifan[2] : int(r, 3, 30);
  const guifan: [number, number, number] = [zhifa, Math.min(feizhi, stock), stock + zhifa - Math.min(feizhi, stock)];
  const vary = (v: number) => (v === 0 ? 0 : Math.max(1, Math.round(v * (0.8 + r() * 0.4))));
  return {
    shenqing,
    fuyi,
    guifan,
    xuke: vary(scale.licences),
    chufa: vary(scale.penalties),
    qiangzhi: scale.penalties > 0 ? int(r, 0, Math.ceil(scale.penalties / 40)) : 0,
    shoufei: scale.licences > 0 ? Math.round(r() * 300) / 10 : 0,
    zhudong: int(r, 60, 400),
  };
}

/** The cell-by-cell sum of several issuers' years (the county roll-up). */
export function sumYears(years: readonly XinxiYear[]): Pick<XinxiYear, 'shenqing' | 'fuyi' | 'xuke' | 'chufa' | 'qiangzhi'> {
  const add = (rows: Record<string, number[]>[]) => {
    const out: Record<string, number[]> = {};
    for (const rows1 of rows) for (const [id, v] of Object.entries(rows1)) out[id] = v.map((x, i) => x + (out[id]?.[i] ?? 0));
    return out;
  };
  return {
    shenqing: add(years.map((y) => y.shenqing)) as XinxiYear['shenqing'],
    fuyi: add(years.map((y) => y.fuyi)) as XinxiYear['fuyi'],
    xuke: sum(years.map((y) => y.xuke)),
    chufa: sum(years.map((y) => y.chufa)),
    qiangzhi: sum(years.map((y) => y.qiangzhi)),
  };
}

/** `    row: [1, 2, …, total]` lines of a table in section frontmatter. */
export function tableLines(rows: Record<string, number[]>, order: readonly string[], indent = '    '): string {
  return order.map((id) => `${indent}${id}: [${withTotal(rows[id]!).join(', ')}]`).join('\n');
}
