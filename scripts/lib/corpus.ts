/**
 * A synthetic corpus for benchmarks and scale tests: N reports with the structure of the two
 * samples (法治政府: 3 parts, 18 sections, 40 metrics and their rules; 信息公开: six parts and the
 * three official tables), spread over counties and years, every consistency rule satisfied.
 * Deterministic: the same N and seed give the same files.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { creditCodeCheckChar } from '../../src/schema/credit-code.ts';

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

/** mulberry32: small, fast, and the same everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = ReturnType<typeof rng>;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

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
    .replace(/\/2023-(\d+)/, `/${year + 1}-${String(int(r, 1, 99999)).padStart(5, '0')}`);
  return { report, sections };
}

const SHENQING_LEAVES = [
  'yuyi-gongkai', 'bufen-gongkai', 'guojia-mimi', 'falv-jinzhi', 'san-anquan', 'disanfang', 'neibu-shiwu', 'guochengxing',
  'zhifa-anjuan', 'chaxun-shixiang', 'bu-zhangwo', 'lingxing-zhizuo', 'buzheng-bumingque', 'xinfang', 'chongfu', 'chubanwu',
  'dali-fanfu', 'queren-chongxin', 'yuqi-buzheng', 'yuqi-jiaofei', 'qita-qingxing',
];

function shenqingTable(r: Rand): string {
  const rows: Record<string, number[]> = {};
  for (const leaf of SHENQING_LEAVES) rows[leaf] = Array.from({ length: 6 }, (_, c) => (r() < (c === 0 ? 0.6 : 0.15) ? int(r, 0, c === 0 ? 30 : 3) : 0));
  const results = Array.from({ length: 6 }, (_, c) => SHENQING_LEAVES.reduce((s, l) => s + rows[l]![c]!, 0));
  const carriedIn = results.map((v) => int(r, 0, Math.min(2, v)));
  const carriedOut = results.map(() => int(r, 0, 2));
  const ordered: [string, number[]][] = [
    ['xinshou', results.map((v, c) => v + carriedOut[c]! - carriedIn[c]!)],
    ['jiezhuan', carriedIn],
    ...SHENQING_LEAVES.map((l): [string, number[]] => [l, rows[l]!]),
    ['jieguo-zongji', results],
    ['jiezhuan-xianian', carriedOut],
  ];
  return ordered.map(([id, v]) => `    ${id}: [${[...v, v.reduce((a, b) => a + b, 0)].join(', ')}]`).join('\n');
}

function xinxi(sample: Sample, r: Rand, county: string, dept: string, year: number) {
  const sections = sample.sections.map(([name, text]): [string, string] => {
    let out = text.replaceAll('辰溪县司法局', `${county}县${dept}`);
    if (name.startsWith('03-')) out = out.replace(/  shenqing:\n(    .*\n)+/, `  shenqing:\n${shenqingTable(r)}\n`);
    if (name.startsWith('04-')) {
      const row = () => {
        const v = [int(r, 0, 3), int(r, 0, 1), int(r, 0, 1), int(r, 0, 1)];
        return `[${[...v, v.reduce((a, b) => a + b, 0)].join(', ')}]`;
      };
      out = out.replace(/xingzheng-fuyi: \[.*\]/, `xingzheng-fuyi: ${row()}`).replace(/zhijie-qisu: \[.*\]/, `zhijie-qisu: ${row()}`).replace(/fuyihou-qisu: \[.*\]/, `fuyihou-qisu: ${row()}`);
    }
    if (name.startsWith('02-')) out = out.replace(/xingzheng-xuke: \[\d+\]/, `xingzheng-xuke: [${int(r, 20, 900)}]`).replace(/xingzheng-chufa: \[\d+\]/, `xingzheng-chufa: [${int(r, 5, 400)}]`);
    out = out.replace(/value: (\d+), unit: 条/, () => `value: ${int(r, 80, 900)}, unit: 条`);
    return [name, out.replaceAll('2022年', `${year}年`)];
  });
  const report = sample.report
    .replaceAll('辰溪县司法局', `${county}县${dept}`)
    .replace(/2022年政府信息公开/, `${year}年政府信息公开`)
    .replace(/^year: \d+/m, `year: ${year}`)
    .replace(/^writtenDate: .*/m, `writtenDate: ${year + 1}-01-${String(int(r, 4, 20)).padStart(2, '0')}`)
    .replace(/^publishedAt: .*/m, `publishedAt: ${year + 1}-01-${String(int(r, 21, 30)).padStart(2, '0')} 09:30`)
    .replace(/\/2023-(\d+)/, `/${year + 1}-${String(int(r, 1, 99999)).padStart(5, '0')}`);
  return { report, sections };
}

export interface CorpusOptions {
  reports: number;
  seed?: number;
  /** Years to spread reports over, newest last. */
  years?: number[];
}

/** Writes `content/` (site.yaml + N report folders) under `dir` and returns the report slugs. */
export function writeCorpus(dir: string, options: CorpusOptions): string[] {
  const r = rng(options.seed ?? 2023);
  // The 2021 信息公开 format the samples use is for reports of 2021 and later.
  const years = options.years ?? [2021, 2022, 2023, 2024, 2025];
  const fz = readSample('chenxi-2022-fazhi-zhengfu');
  const xx = readSample('chenxi-sifaju-2022-xinxi-gongkai');
  const content = path.join(dir, 'content');
  mkdirSync(path.join(content, 'reports'), { recursive: true });
  cpSync(path.join(REPO, 'content/site.yaml'), path.join(content, 'site.yaml'));
  const slugs: string[] = [];
  // Every county's 司法局 and departments are issuers; codes are made up, with a valid check character.
  const issuers = new Map<string, { name: string; code: string; reports: Set<string> }>();
  const serials = new Map<string, number>();
  const issuerOf = (county: string, dept: string, deptSlug: string, type: string) => {
    const id = `${PINYIN[county]}-${deptSlug}`;
    if (!issuers.has(id)) {
      const first17 = `1143${String(1200 + COUNTIES.indexOf(county)).padStart(4, '0')}MB${String(issuers.size).padStart(7, '0')}`;
      issuers.set(id, { name: `${county}县${dept}`, code: first17 + creditCodeCheckChar(first17)!, reports: new Set() });
    }
    issuers.get(id)!.reports.add(type);
    return { id, ...issuers.get(id)! };
  };
  for (let i = 0; i < options.reports; i++) {
    const county = COUNTIES[i % COUNTIES.length]!;
    const year = years[Math.floor(i / COUNTIES.length / 2) % years.length]!;
    const round = Math.floor(i / (COUNTIES.length * 2 * years.length));
    const isFazhi = Math.floor(i / COUNTIES.length) % 2 === 0;
    const [dept, deptSlug] = DEPARTMENTS[round % DEPARTMENTS.length]!;
    const suffix = round > 0 ? `-${round}` : '';
    const slug = isFazhi ? `${PINYIN[county]}-${year}-fazhi-zhengfu${suffix}` : `${PINYIN[county]}-${deptSlug}-${year}-xinxi-gongkai${suffix}`;
    const made = isFazhi ? fazhi(fz, r, county, year) : xinxi(xx, r, county, dept!, year);
    const issuer = isFazhi ? issuerOf(county, '司法局', 'sifaju', 'fazhi-zhengfu') : issuerOf(county, dept!, deptSlug!, 'xinxi-gongkai');
    const serialKey = `${issuer.id}/${year + 1}`;
    const serial = (serials.get(serialKey) ?? 0) + 1;
    serials.set(serialKey, serial);
    made.report = made.report
      .replace(/^issuer: .*$/m, `issuer: ${issuer.id}`)
      .replace(/^indexNumber: .*$/m, `indexNumber: ${issuer.code}/${year + 1}-${String(serial).padStart(5, '0')}`);
    const folder = path.join(content, 'reports', slug);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'report.yaml'), made.report);
    for (const [name, text] of made.sections) writeFileSync(path.join(folder, name), text);
    slugs.push(slug);
  }
  const list = [...issuers].map(
    ([id, i]) => `  - { id: ${id}, name: ${i.name}, kind: department, creditCode: ${i.code}, reports: [${[...i.reports].sort().join(', ')}] }`,
  );
  writeFileSync(path.join(content, 'issuers.yaml'), `# 合成的发布机构（统一社会信用代码为虚构的示例值）。\nissuers:\n${list.join('\n')}\n`);
  return slugs;
}
