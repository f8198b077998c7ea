/**
 * Writes the county-year samples under content/: content/issuers.yaml (the county government, its
 * departments and townships) and their reports — a 信息公开 report for 2022 for each issuer (the
 * government's rolls up the others), 法治政府 reports, and past years for three issuers. All values
 * are illustrative. Run once: `node scripts/county-samples.ts [project]`; existing report folders
 * are never overwritten (the two original 辰溪 samples stay as they are).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import matter from 'gray-matter';
import { parse } from 'yaml';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { illustrativeCreditCode } from './lib/credit-code.ts';
import { archiveFolder, fazhiFolder, xinxi2019Folder, xinxiFolder, type Folder, type ReportIssuer } from './lib/county-reports.ts';
import { int, rng, sumYears, xinxiYear, type IssuerScale, type XinxiYear } from './lib/xinxi-tables.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIVISION = '431223';
const YEAR = 2022;

export interface SampleIssuer extends ReportIssuer {
  scale: IssuerScale;
  reports: string[];
}

const dept = (id: string, name: string, shortName: string, address: string, phone: string, scale: IssuerScale, fazhi = false): SampleIssuer => ({
  id,
  folderPrefix: `chenxi-${id}`,
  name: `辰溪县${name}`,
  shortName,
  kind: 'department',
  address: `辰溪县辰阳镇${address}`,
  telephone: `0745-${phone}`,
  scale,
  reports: fazhi ? ['xinxi-gongkai', 'fazhi-zhengfu'] : ['xinxi-gongkai'],
});
const town = (id: string, name: string, address: string, phone: string, applications: number): SampleIssuer => ({
  id,
  folderPrefix: `chenxi-${id}`,
  name: `辰溪县${name}人民政府`,
  shortName: name,
  kind: 'township',
  address: `辰溪县${name}${address}`,
  telephone: `0745-${phone}`,
  scale: { applications, licences: 0, penalties: 0 },
  reports: ['xinxi-gongkai'],
});

export const ISSUERS: SampleIssuer[] = [
  {
    id: 'xianzhengfu', name: '辰溪县人民政府', shortName: '县人民政府', kind: 'government', folderPrefix: 'chenxi-xianzhengfu', address: '辰溪县辰阳镇建设路1号', telephone: '0745-5222000',
    scale: { applications: 0, licences: 0, penalties: 0 }, reports: ['xinxi-gongkai', 'fazhi-zhengfu'],
  },
  dept('zhengfuban', '人民政府办公室', '县政府办', '建设路1号', '5222001', { applications: 8, licences: 0, penalties: 0 }),
  dept('fagaiju', '发展和改革局', '县发改局', '建设路3号', '5222135', { applications: 6, licences: 40, penalties: 3 }),
  dept('jiaoyuju', '教育局', '县教育局', '民主路12号', '5222641', { applications: 10, licences: 30, penalties: 2 }),
  dept('gonganju', '公安局', '县公安局', '锦岩路8号', '5222110', { applications: 14, licences: 600, penalties: 900 }, true),
  dept('minzhengju', '民政局', '县民政局', '民主路20号', '5222316', { applications: 9, licences: 20, penalties: 1 }),
  dept('sifaju', '司法局', '县司法局', '锦岩路15号', '5222148', { applications: 40, licences: 128, penalties: 56 }, true),
  dept('caizhengju', '财政局', '县财政局', '建设路6号', '5222280', { applications: 7, licences: 0, penalties: 4 }),
  dept('renshebuju', '人力资源和社会保障局', '县人社局', '民主路31号', '5222356', { applications: 12, licences: 60, penalties: 12 }),
  dept('ziranziyuanju', '自然资源局', '县自然资源局', '锦岩路26号', '5222560', { applications: 35, licences: 120, penalties: 40 }),
  dept('zhujianju', '住房和城乡建设局', '县住建局', '建设路18号', '5222452', { applications: 22, licences: 150, penalties: 30 }),
  dept('weijianju', '卫生健康局', '县卫健局', '民主路45号', '5222320', { applications: 8, licences: 260, penalties: 45 }),
  dept('shijianju', '市场监督管理局', '县市场监管局', '锦岩路33号', '5222315', { applications: 16, licences: 1800, penalties: 210 }, true),
  town('chenyangzhen', '辰阳镇', '中山路2号', '5222402', 6),
  town('xiaopingzhen', '孝坪镇', '孝坪街1号', '5311002', 3),
  town('huomachongzhen', '火马冲镇', '火马冲街5号', '5681003', 2),
];

/** Report folders the samples already have, which the generator leaves alone. */
const EXISTING: Record<string, string> = {
  'sifaju/xinxi-gongkai/2022': 'chenxi-sifaju-2022-xinxi-gongkai',
  'sifaju/fazhi-zhengfu/2022': 'chenxi-2022-fazhi-zhengfu',
};


/** The credit codes issuers.yaml already gives (kept: a published code does not change). */
function existingCodes(project: string): Map<string, string> {
  const file = path.join(project, 'content/issuers.yaml');
  if (!existsSync(file)) return new Map();
  const data = parse(readFileSync(file, 'utf8')) as { issuers?: { id: string; creditCode: string }[] };
  return new Map((data.issuers ?? []).map((i) => [i.id, String(i.creditCode)]));
}

function issuersYaml(project: string): string {
  const codes = existingCodes(project);
  const lines = [
    '# 发布机构：本网站发布报告的各个机关。报告的 report.yaml 用 issuer: <编号> 指明发布机构。',
    '# 示例：机构名称真实；统一社会信用代码（校验位按 GB 32100-2015 计算）、地址和电话均为示意值。',
    'issuers:',
  ];
  ISSUERS.forEach((i, n) => {
    const code = codes.get(i.id) ?? illustrativeCreditCode(DIVISION, n + 1);
    lines.push(
      `  - id: ${i.id}`,
      `    name: ${i.name}`,
      `    shortName: ${i.shortName}`,
      `    kind: ${i.kind}`,
      `    creditCode: "${code}"`,
      `    indexPattern: "{creditCode}/{year}-{serial:5}"`,
      `    reports: [${i.reports.join(', ')}]`,
      `    contact: { address: ${i.address}, telephone: ${i.telephone}, postcode: "419500" }`,
      `    document: { fullName: ${i.name}, mark: ${i.name}文件 }`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** The tables of a report already in content/ (the 司法局 sample), for the roll-up. */
function readXinxi(project: string, slug: string): XinxiYear {
  const tables: Record<string, Record<string, (number | string)[]>> = {};
  for (const name of ['02-zhudong-gongkai.md', '03-shenqing-chuli.md', '04-fuyi-susong.md']) {
    Object.assign(tables, matter(readFileSync(path.join(project, 'content/reports', slug, name), 'utf8')).data.tables);
  }
  const noTotal = (rows: Record<string, (number | string)[]>) => Object.fromEntries(Object.entries(rows).map(([id, v]) => [id, v.slice(0, -1).map(Number)]));
  const one = (t: string, row: string) => Number(tables[t]![row]![0]);
  return {
    shenqing: noTotal(tables.shenqing!) as XinxiYear['shenqing'],
    fuyi: noTotal(tables['fuyi-susong']!) as XinxiYear['fuyi'],
    guifan: tables['zhudong-guizhang']!['guifanxing-wenjian']!.map(Number) as [number, number, number],
    xuke: one('zhudong-xuke', 'xingzheng-xuke'),
    chufa: one('zhudong-chufa', 'xingzheng-chufa'),
    qiangzhi: one('zhudong-chufa', 'xingzheng-qiangzhi'),
    shoufei: one('zhudong-shoufei', 'xingzheng-shoufei'),
    zhudong: 0,
  };
}

/** Every sample report folder of the county year, by slug. */
export function countyFolders(project = REPO): Folder[] {
  const r = rng(2022);
  const folders: Folder[] = [];
  const published = (i: SampleIssuer) => (i.kind === 'government' ? `${YEAR + 1}-03-20 10:00` : `${YEAR + 1}-01-${String(int(r, 10, 30)).padStart(2, '0')} ${String(int(r, 8, 17)).padStart(2, '0')}:30`);
  // Past years first, so that this year continues from them: 县教育局 2020 (2019 trial format) and
  // 2021, 县民政局 2021, 辰阳镇 2015 (历史年报, before the 2019 format) and 2021.
  const past = new Map<string, XinxiYear>();
  const pastDate = (year: number) => `${year + 1}-01-${String(int(r, 10, 28)).padStart(2, '0')} 09:30`;
  for (const [id, years] of [['jiaoyuju', [2020, 2021]], ['minzhengju', [2021]], ['chenyangzhen', [2015, 2021]]] as const) {
    const issuer = ISSUERS.find((i) => i.id === id)!;
    let prev: XinxiYear | undefined;
    for (const year of years) {
      if (year < 2019) {
        folders.push(archiveFolder(issuer, year, `${year + 1}-02-${String(int(r, 10, 28)).padStart(2, '0')} 15:00`, r));
        continue;
      }
      prev = xinxiYear(r, issuer.scale, prev);
      folders.push(year < 2021 ? xinxi2019Folder(issuer, year, prev, pastDate(year), r) : xinxiFolder(issuer, year, prev, prev, pastDate(year), false));
    }
    past.set(id, prev!);
  }
  const own = new Map<string, XinxiYear>();
  for (const issuer of ISSUERS.filter((i) => i.kind !== 'government')) {
    const existing = EXISTING[`${issuer.id}/xinxi-gongkai/${YEAR}`];
    const year = existing ? readXinxi(project, existing) : xinxiYear(r, issuer.scale, past.get(issuer.id));
    own.set(issuer.id, year);
    if (!existing) folders.push(xinxiFolder(issuer, YEAR, year, year, published(issuer), false));
  }
  const government = ISSUERS.find((i) => i.kind === 'government')!;
  const govOwn = xinxiYear(r, { applications: 0, licences: 0, penalties: 0 });
  folders.push(xinxiFolder(government, YEAR, sumYears([...own.values()]), govOwn, published(government), true));
  // 法治政府: the government's 2021 and 2022 reports (the original sample is the one 县司法局
  // published for the county), 县公安局 and 县市场监管局 their 2022 reports.
  folders.push(fazhiFolder(government, YEAR - 1, r));
  folders.push(fazhiFolder(government, YEAR, r));
  for (const issuer of ISSUERS.filter((i) => i.kind === 'department' && i.reports.includes('fazhi-zhengfu'))) {
    if (!EXISTING[`${issuer.id}/fazhi-zhengfu/${YEAR}`]) folders.push(fazhiFolder(issuer, YEAR, r));
  }
  return folders;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const project = path.resolve(process.argv[2] ?? REPO);
  writeFileSync(path.join(project, 'content/issuers.yaml'), issuersYaml(project));
  for (const folder of countyFolders(project)) {
    const dir = path.join(project, 'content/reports', folder.slug);
    if (existsSync(dir)) {
      console.log(`已存在，跳过：${folder.slug}`);
      continue;
    }
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(folder.files)) writeFileSync(path.join(dir, name), text);
    console.log(`写入：${folder.slug}`);
  }
}
