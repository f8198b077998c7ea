/**
 * A synthetic corpus for benchmarks and scale tests, every consistency rule satisfied and each
 * issuer's years continuing from one another. Two shapes:
 * - `reports: N`: N reports with the structure of the two samples (法治政府: 3 parts, 18 sections,
 *   40 metrics and their rules; 信息公开: six parts and the three official tables), spread over
 *   counties, their departments and years (each county and department an issuer);
 * - `county: { issuers, years }`: one county's portal — a government, departments and townships,
 *   a 信息公开 report for each a year (the government's rolling up the others) and the government's
 *   法治政府 report (the sample's structure) each year.
 * Deterministic: the same options and seed give the same files.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { illustrativeCreditCode } from './credit-code.ts';
import { xinxiFolder, type Folder, type ReportIssuer } from './county-reports.ts';
import { int, rng, sumYears, xinxiYear, type IssuerScale, type Rand, type XinxiYear } from './xinxi-tables.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SAMPLES = path.join(REPO, 'content/reports');

const COUNTIES = [
  '辰溪', '溆浦', '麻阳', '沅陵', '会同', '靖州', '通道', '芷江', '新晃', '中方', '洪江', '鹤城', '泸溪', '凤凰', '花垣', '保靖',
  '古丈', '永顺', '龙山', '桑植', '慈利', '石门', '临澧', '澧县', '安乡', '汉寿', '桃源', '鼎城', '武陵', '津市', '南县', '沅江',
];
const PINYIN: Record<string, string> = {
  辰溪: 'chenxi', 溆浦: 'xupu', 麻阳: 'mayang', 沅陵: 'yuanling', 会同: 'huitong', 靖州: 'jingzhou', 通道: 'tongdao', 芷江: 'zhijiang',
  新晃: 'xinhuang', 中方: 'zhongfang', 洪江: 'hongjiang', 鹤城: 'hecheng', 泸溪: 'luxi', 凤凰: 'fenghuang', 花垣: 'huayuan', 保靖: 'baojing',
  古丈: 'guzhang', 永顺: 'yongshun', 龙山: 'longshan', 桑植: 'sangzhi', 慈利: 'cili', 石门: 'shimen', 临澧: 'linli', 澧县: 'lixian',
  安乡: 'anxiang', 汉寿: 'hanshou', 桃源: 'taoyuan', 鼎城: 'dingcheng', 武陵: 'wuling', 津市: 'jinshi', 南县: 'nanxian', 沅江: 'yuanjiang',
};
const DEPARTMENTS = [
  ['司法局', 'sifaju'], ['财政局', 'caizhengju'], ['教育局', 'jiaoyuju'], ['民政局', 'minzhengju'], ['交通运输局', 'jiaotongju'],
  ['自然资源局', 'zirananju'], ['卫生健康局', 'weijianju'], ['市场监督管理局', 'shijianju'], ['人力资源和社会保障局', 'renshebuju'],
  ['住房和城乡建设局', 'zhujianju'], ['农业农村局', 'nongyeju'], ['水利局', 'shuiliju'], ['应急管理局', 'yingjiju'], ['文化旅游广电体育局', 'wenlvju'],
];

interface Sample {
  report: string;
  sections: [string, string][];
}

function readSample(slug: string): Sample {
  const dir = path.join(SAMPLES, slug);
  return {
    report: readFileSync(path.join(dir, 'report.yaml'), 'utf8'),
    sections: readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort()
      .map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]),
  };
}

/** Replaces `value: N` of the metric `id` in a flow-style metric line. */
function setValue(text: string, id: string, value: number): string {
  return text.replace(new RegExp(`(\\{ id: ${id.replace(/[.]/g, '\\.')}, [^}]*?value: )[\\d.]+`), `$1${value}`);
}

function fazhi(sample: Sample, r: Rand, county: string, year: number): { report: string; sections: [string, string][] } {
  const zhuanzhi = int(r, 150, 600);
  const jianzhi = int(r, 300, 900);
  const total = zhuanzhi + jianzhi;
  const xiangzhen = int(r, 80, 200);
  const hangye = int(r, 5, 40);
  const paicha = int(r, 300, 1500);
  const tiaojie = paicha - int(r, 0, Math.floor(paicha / 20));
  const fixed: Record<string, number> = {
    tiaojieyuan: total,
    'tiaojieyuan-zhuanzhi': zhuanzhi,
    'tiaojieyuan-jianzhi': jianzhi,
    'tiaojieyuan-xiangzhen': xiangzhen,
    'tiaojieyuan-hangye': hangye,
    'tiaojieyuan-cunshequ': total - xiangzhen - hangye,
    'paicha-jian': paicha,
    'tiaojie-jian': tiaojie,
    'tiaochu-lv': Math.round((tiaojie / paicha) * 1000) / 10,
  };
  const domains = int(r, 4, 9);
  for (const id of ['zonghe-zhifa-fangan', 'zonghe-zhifa-dadui', 'judui-heyi-lingyu']) fixed[id] = domains;
  const sections = sample.sections.map(([name, text]): [string, string] => {
    let out = text.replaceAll('辰溪', county);
    out = out.replace(/\{ id: ([a-z0-9.-]+), [^}]*?value: ([\d.]+)[^}]*\}/g, (line, id: string, v: string) => {
      if (id in fixed) return setValue(line, id, fixed[id]!);
      const n = Number(v);
      const isRate = /unit: "%"/.test(line);
      const next = isRate ? Math.min(100, Math.round(n * (0.9 + r() * 0.1) * 10) / 10) : Math.max(1, Math.round(n * (0.5 + r())));
      return setValue(line, id, next);
    });
    return [name, out];
  });
  const report = sample.report
    .replaceAll('辰溪', county)
    .replace(/（2022年）/, `（${year}年）`)
    .replace(/^year: \d+/m, `year: ${year}`)
    .replace(/^writtenDate: .*/m, `writtenDate: ${year + 1}-01-${String(int(r, 4, 28)).padStart(2, '0')}`)
    .replace(/^publishedAt: .*/m, (m) => m.replace(/\d{4}-\d{2}-\d{2}/, `${year + 1}-02-${String(int(r, 1, 28)).padStart(2, '0')}`))
    .replace(/^indexNumber: .*\n/m, '') // derived from the issuer's pattern
    // The sample's filing-copy settings name its own issuers (and dates of its year): not the corpus's.
    .replace(/^# 备案件.*\n(?:#.*\n)*/m, '')
    .replace(/^filing:\n(?:(?: {2}.*|\s*)\n)*/m, '');
  return { report, sections };
}

/** The issuers.yaml entry of a generated issuer (its credit code from its place in the list). */
function issuerEntry(i: ReportIssuer, n: number, division: string, types: string[]): string {
  return [
    `  - id: ${i.id}`,
    `    name: ${i.name}`,
    `    shortName: ${i.shortName}`,
    `    kind: ${i.kind}`,
    `    creditCode: ${illustrativeCreditCode(division, n + 1)}`,
    `    indexPattern: "{creditCode}/{year}-{serial:5}"`,
    `    reports: [${types.join(', ')}]`,
    `    contact: { address: ${i.address}, telephone: ${i.telephone}, postcode: "419500" }`,
    `    document: { fullName: ${i.name}, mark: ${i.shortName} }`,
  ].join('\n');
}

/** 索引号 written in, as `nianbao` would derive it: a published number is recorded, not derived afresh. */
const serials = new Map<string, number>();
function numbered(folder: Folder, code: string): Folder {
  const report = folder.files['report.yaml']!;
  const published = /^publishedAt: (\d{4})/m.exec(report)![1]!;
  const serial = (serials.get(`${code}/${published}`) ?? 0) + 1;
  serials.set(`${code}/${published}`, serial);
  const withNumber = report.replace(/^(publishedAt: .*)$/m, `$1\nindexNumber: ${code}/${published}-${String(serial).padStart(5, '0')}`);
  return { ...folder, files: { ...folder.files, 'report.yaml': withNumber } };
}

function writeFolder(content: string, folder: Folder): void {
  const dir = path.join(content, 'reports', folder.slug);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(folder.files)) writeFileSync(path.join(dir, name), text);
}

/** A county's government (kind government), a department or a township, as a generated issuer. */
function countyIssuer(county: string, id: string, name: string, shortName: string, kind: ReportIssuer['kind'], n: number): ReportIssuer {
  return { id, name, shortName, kind, folderPrefix: id, address: `${county}县人民路${n + 1}号`, telephone: `0745-52${String(22000 + n).slice(-5)}` };
}

const published = (r: Rand, year: number, month: number) => `${year + 1}-${String(month).padStart(2, '0')}-${String(int(r, 4, 28)).padStart(2, '0')} ${String(int(r, 8, 17)).padStart(2, '0')}:30`;

export interface CorpusOptions {
  /** N reports with the samples' structure, over counties, departments and years. */
  reports?: number;
  /** Or one county's portal: this many issuers, a 信息公开 report each for each of this many years. */
  county?: { issuers: number; years: number };
  seed?: number;
  /** Years to spread reports over, newest last. */
  years?: number[];
}

/** Writes `content/` (site.yaml, issuers.yaml, report folders) under `dir` and returns the report slugs. */
export function writeCorpus(dir: string, options: CorpusOptions): string[] {
  const content = path.join(dir, 'content');
  mkdirSync(path.join(content, 'reports'), { recursive: true });
  cpSync(path.join(REPO, 'content/site.yaml'), path.join(content, 'site.yaml'));
  return options.county ? writeCounty(content, options.county, options.seed ?? 2023) : writeSpread(content, options.reports ?? 10, options.seed ?? 2023, options.years ?? [2021, 2022, 2023, 2024, 2025] /* the 2021 信息公开 format is for reports of 2021 and later */);
}

function writeSpread(content: string, n: number, seed: number, years: number[]): string[] {
  const r = rng(seed);
  const fz = readSample('chenxi-2022-fazhi-zhengfu');
  const issuers = new Map<string, { issuer: ReportIssuer; types: Set<string>; code: string }>();
  const issuerOf = (county: string, dept: readonly string[] | undefined, type: string) => {
    const id = dept ? `${PINYIN[county]}-${dept[1]}` : `${PINYIN[county]}-zhengfu`;
    let entry = issuers.get(id);
    if (!entry) {
      const made = dept ? countyIssuer(county, id, `${county}县${dept[0]}`, `县${dept[0]}`, 'department', issuers.size) : countyIssuer(county, id, `${county}县人民政府`, '县人民政府', 'government', issuers.size);
      entry = { issuer: made, types: new Set(), code: illustrativeCreditCode('431223', issuers.size + 1) };
      issuers.set(id, entry);
    }
    entry.types.add(type);
    return entry;
  };
  const last = new Map<string, XinxiYear>();
  const slugs: string[] = [];
  for (let i = 0; i < n; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const year = years[Math.floor(i / COUNTIES.length / 2) % years.length]!;
    const round = Math.floor(i / (COUNTIES.length * 2 * years.length));
    const isFazhi = Math.floor(i / COUNTIES.length) % 2 === 0;
    const dept = DEPARTMENTS[round % DEPARTMENTS.length]!;
    const suffix = round > 0 ? `-${round}` : '';
    if (isFazhi) {
      // The government's own report in the first round, a department's in later ones: one report per issuer, type and year.
      const { issuer, code } = issuerOf(county, round > 0 ? dept : undefined, 'fazhi-zhengfu');
      const slug = `${PINYIN[county]}-${year}-fazhi-zhengfu${suffix}`;
      const made = fazhi(fz, r, county, year);
      const report = made.report.replace(/^issuer: .*$/m, `issuer: ${issuer.id}`).replace(/^signature: .*$/m, `signature: ${issuer.name}`);
      writeFolder(content, numbered({ slug, files: { 'report.yaml': report, ...Object.fromEntries(made.sections) } }, code));
      slugs.push(slug);
    } else {
      const { issuer, code } = issuerOf(county, dept, 'xinxi-gongkai');
      const data = xinxiYear(r, { applications: int(r, 3, 40), licences: int(r, 20, 900), penalties: int(r, 5, 400) }, last.get(issuer.id));
      last.set(issuer.id, data);
      const folder = xinxiFolder(issuer, year, data, data, published(r, year, 1), false);
      const slug = `${PINYIN[county]}-${dept[1]}-${year}-xinxi-gongkai${suffix}`;
      writeFolder(content, numbered({ slug, files: folder.files }, code));
      slugs.push(slug);
    }
  }
  const list = [...issuers.values()].map((e, k) => issuerEntry(e.issuer, k, '431223', [...e.types]));
  serials.clear();
  writeFileSync(path.join(content, 'issuers.yaml'), `# 示意的发布机构（基准测试语料）。\nissuers:\n${list.join('\n')}\n`);
  return slugs;
}

const TOWNSHIPS = ['辰阳镇', '孝坪镇', '火马冲镇', '黄溪口镇', '潭湾镇', '安坪镇', '锦滨镇', '修溪镇', '龙头庵乡', '船溪乡', '后塘瑶族乡', '上蒲溪瑶族乡', '罗子山瑶族乡', '苏木溪瑶族乡', '仙人湾瑶族乡'];

/** One county: a government, departments and townships, each with a 信息公开 report a year. */
function writeCounty(content: string, size: { issuers: number; years: number }, seed: number): string[] {
  const r = rng(seed);
  const fz = readSample('chenxi-2022-fazhi-zhengfu');
  const townships = Math.min(TOWNSHIPS.length, Math.max(1, Math.round(size.issuers / 5)));
  const issuers: { issuer: ReportIssuer; scale: IssuerScale }[] = [{ issuer: countyIssuer('辰溪', 'chenxi-zhengfu', '辰溪县人民政府', '县人民政府', 'government', 0), scale: { applications: 0, licences: 0, penalties: 0 } }];
  for (let k = 1; k < size.issuers; k++) {
    const t = k - (size.issuers - townships);
    if (t >= 0) {
      const name = TOWNSHIPS[t]!;
      issuers.push({ issuer: countyIssuer('辰溪', `chenxi-xiangzhen-${t + 1}`, `辰溪县${name}人民政府`, name, 'township', k), scale: { applications: int(r, 1, 6), licences: 0, penalties: 0 } });
    } else {
      const [name, slug] = DEPARTMENTS[(k - 1) % DEPARTMENTS.length]!;
      const round = Math.floor((k - 1) / DEPARTMENTS.length);
      const id = `chenxi-${slug}${round ? `-${round + 1}` : ''}`;
      const full = round ? `辰溪县${name}第${round + 1}分局` : `辰溪县${name}`;
      issuers.push({ issuer: countyIssuer('辰溪', id, full, `县${name}${round ? `${round + 1}分局` : ''}`, 'department', k), scale: { applications: int(r, 3, 40), licences: int(r, 0, 900), penalties: int(r, 0, 400) } });
    }
  }
  const codeOf = (k: number) => illustrativeCreditCode('431223', k + 1);
  // From 2021, the first year of the format the generated reports use.
  const last = new Map<string, XinxiYear>();
  const slugs: string[] = [];
  for (let year = 2021; year < 2021 + size.years; year++) {
    const own: XinxiYear[] = [];
    for (const [k, { issuer, scale }] of issuers.entries()) {
      if (k === 0) continue;
      const data = xinxiYear(r, scale, last.get(issuer.id));
      last.set(issuer.id, data);
      own.push(data);
      const folder = xinxiFolder(issuer, year, data, data, published(r, year, 1), false);
      writeFolder(content, numbered(folder, codeOf(k)));
      slugs.push(folder.slug);
    }
    const government = issuers[0]!.issuer;
    const govOwn = xinxiYear(r, issuers[0]!.scale, last.get(government.id));
    last.set(government.id, govOwn);
    const rolled = xinxiFolder(government, year, sumYears(own), govOwn, published(r, year, 3), true);
    writeFolder(content, numbered(rolled, codeOf(0)));
    const made = fazhi(fz, r, '辰溪', year);
    const report = made.report.replace(/^issuer: .*$/m, `issuer: ${government.id}`).replace(/^signature: .*$/m, `signature: ${government.name}`);
    writeFolder(content, numbered({ slug: `chenxi-${year}-fazhi-zhengfu`, files: { 'report.yaml': report, ...Object.fromEntries(made.sections) } }, codeOf(0)));
    slugs.push(rolled.slug, `chenxi-${year}-fazhi-zhengfu`);
  }
  serials.clear();
  const list = issuers.map((e, k) => issuerEntry(e.issuer, k, '431223', e.issuer.kind === 'government' ? ['xinxi-gongkai', 'fazhi-zhengfu'] : ['xinxi-gongkai']));
  writeFileSync(path.join(content, 'issuers.yaml'), `# 示意的发布机构（基准测试语料）。\nissuers:\n${list.join('\n')}\n`);
  return slugs;
}
