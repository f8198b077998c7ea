/**
 * Report folders of a county's issuers, written as an editor would: a 信息公开 report (2021 format)
 * with consistent tables, a government's roll-up declaration, a short 法治政府 report. Used by the
 * county samples (scripts/county-samples.ts) and the bench corpus. Values are illustrative.
 */
import { FUYI_ROWS, int, SHENQING_ROWS, tableLines, type Rand, type sumYears, type XinxiYear } from './xinxi-tables.ts';

export interface ReportIssuer {
  id: string;
  name: string;
  shortName: string;
  kind: 'government' | 'department' | 'township' | 'other';
  /** Folder names start with it, e.g. `chenxi-sifaju` → chenxi-sifaju-2022-xinxi-gongkai. */
  folderPrefix: string;
  address: string;
  telephone: string;
}

export const ILLUSTRATIVE = '# 示例：机构名称真实，统一社会信用代码、数字和日期均为示意值（不是真实登记或统计数据）。';

export interface Folder {
  slug: string;
  files: Record<string, string>;
}

export const section = (title: string, body: string, extra = '') => `---\ntitle: ${title}\nlevel: 1\n${extra}---\n\n${body}\n`;

export function xinxiFolder(issuer: ReportIssuer, year: number, data: XinxiYear | ReturnType<typeof sumYears>, own: XinxiYear, published: string, rollup: boolean): Folder {
  const slug = `${issuer.folderPrefix}-${year}-xinxi-gongkai`;
  const written = published.slice(0, 10);
  const report = [
    ILLUSTRATIVE,
    `title: ${issuer.name}${year}年政府信息公开工作年度报告`,
    `year: ${year}`,
    'type: xinxi-gongkai',
    'typeVersion: "2021"',
    `issuer: ${issuer.id}`,
    `source: ${issuer.name}`,
    `writtenDate: ${written}`,
    `publishedAt: ${published}`,
    'topic: 政务公开',
    'keywords: [政府信息公开, 年度报告]',
    `signature: ${issuer.name}`,
    'validity: 有效',
  ];
  if (rollup) {
    report.push(
      'rollup:',
      '  - description: 全县合计：县政府办公室、各部门和各乡镇的报告之和',
      '    tables: [shenqing, fuyi-susong, zhudong-xuke, zhudong-chufa]',
      '    issuers: { kinds: [department, township] }',
    );
  }
  const opening = rollup
    ? `本报告根据《中华人民共和国政府信息公开条例》编制，综合县人民政府办公室、县政府各部门和各乡镇人民政府的年度报告和有关统计数据而成。统计期限为${year}年1月1日至12月31日。本报告电子版可在${issuer.name}门户网站查阅，如有疑问请与${issuer.name}办公室联系（地址：${issuer.address}；电话：${issuer.telephone}）。\n\n`
    : `本报告统计期限为${year}年1月1日至12月31日。如有疑问请与${issuer.name}联系（地址：${issuer.address}；电话：${issuer.telephone}）。\n\n`;
  const guifan = own.guifan;
  const files: Record<string, string> = {
    'report.yaml': `${report.join('\n')}\n`,
    '01-zongti-qingkuang.md': section(
      '总体情况',
      `${opening}${year}年，${issuer.shortName}坚持以公开为常态、不公开为例外，主动公开政府信息:m[zhudong-gongkai-xinxi]，依申请公开答复均在法定期限内办结。`,
      `metrics:\n  - { id: zhudong-gongkai-xinxi, label: 主动公开政府信息, value: ${own.zhudong}, unit: 条 }\n`,
    ),
    '02-zhudong-gongkai.md': section(
      '主动公开政府信息情况',
      `本年制发行政规范性文件:m[zhudong-guizhang.guifanxing-wenjian.zhifa]，现行有效:m[zhudong-guizhang.guifanxing-wenjian.youxiao]。`,
      `tables:\n  zhudong-guizhang:\n    guizhang: [/, /, /]\n    guifanxing-wenjian: [${guifan.join(', ')}]\n  zhudong-xuke:\n    xingzheng-xuke: [${data.xuke}]\n  zhudong-chufa:\n    xingzheng-chufa: [${data.chufa}]\n    xingzheng-qiangzhi: [${data.qiangzhi}]\n  zhudong-shoufei:\n    xingzheng-shoufei: [${rollup ? '/' : own.shoufei}]\n`,
    ),
    '03-shenqing-chuli.md': section(
      '收到和处理政府信息公开申请情况',
      `本年新收政府信息公开申请:m[shenqing.xinshou.zongji]，办结:m[shenqing.jieguo-zongji.zongji]，结转下年度继续办理:m[shenqing.jiezhuan-xianian.zongji]。`,
      `tables:\n  shenqing:\n${tableLines(data.shenqing, SHENQING_ROWS)}\n`,
    ),
    '04-fuyi-susong.md': section(
      '政府信息公开行政复议、行政诉讼情况',
      `本年因政府信息公开被申请行政复议:m[fuyi-susong.xingzheng-fuyi.zongji]，被提起行政诉讼:m[fuyi-susong.zhijie-qisu.zongji]。`,
      `tables:\n  fuyi-susong:\n${tableLines(data.fuyi, FUYI_ROWS)}\n`,
    ),
    '05-wenti-gaijin.md': section('存在的主要问题及改进情况', '政策解读形式较为单一，专栏信息更新不够及时。下一步将丰富解读形式，落实信息发布审核和定期更新制度。'),
    '06-qita-shixiang.md': section('其他需要报告的事项', '本年度未收取信息处理费，收取金额为:m[xinxi-chuli-fei]。', 'metrics:\n  - { id: xinxi-chuli-fei, label: 收取信息处理费, value: 0, unit: 元 }\n'),
  };
  return { slug, files };
}

export function fazhiFolder(issuer: ReportIssuer, year: number, r: Rand): Folder {
  const cases = int(r, 60, 400);
  const corrected = int(r, 1, 9);
  const published = `${year + 1}-03-${String(int(r, 10, 28)).padStart(2, '0')} 10:00`;
  const report = [
    ILLUSTRATIVE,
    `title: ${issuer.name}${year}年法治政府建设年度报告`,
    `year: ${year}`,
    'type: fazhi-zhengfu',
    'typeVersion: "2019"',
    `issuer: ${issuer.id}`,
    `source: ${issuer.name}`,
    `writtenDate: ${published.slice(0, 10)}`,
    `publishedAt: ${published}`,
    'topic: 政务公开',
    'keywords: [法治政府建设, 行政执法]',
    `signature: ${issuer.name}`,
    'validity: 有效',
  ];
  return {
    slug: `${issuer.folderPrefix}-${year}-fazhi-zhengfu`,
    files: {
      'report.yaml': `${report.join('\n')}\n`,
      '01-jucuo-chengxiao.md': section(
        '主要举措和成效',
        `全年办理行政执法案件:m[zhifa-anjian]，全部录入行政执法监督平台；开展执法案卷评查，纠正不规范执法问题:m[jiuzheng-wenti]。`,
        `metrics:\n  - { id: zhifa-anjian, label: 办理行政执法案件, value: ${cases}, unit: 件 }\n  - { id: jiuzheng-wenti, label: 纠正不规范执法问题, value: ${corrected}, unit: 个 }\n`,
      ),
      '02-buzu-yuanyin.md': section('存在的不足和原因', '执法人员法律素养参差不齐，基层执法力量不足，主要原因是培训覆盖面不够、人员编制紧张。'),
      '03-diyi-zeren.md': section('党政主要负责人履行推进法治建设第一责任人职责情况', '主要负责人认真履行推进法治建设第一责任人职责，主持召开党组会议专题研究法治建设工作，带头学法、述法。'),
      '04-xianian-anpai.md': section('下一年度主要安排', '继续推进严格规范公正文明执法，加强执法人员培训，落实行政执法“三项制度”。'),
    },
  };
}


function reportYaml(issuer: ReportIssuer, year: number, type: string, version: string, title: string, published: string, keywords: string): string {
  return [
    ILLUSTRATIVE,
    `title: ${title}`,
    `year: ${year}`,
    `type: ${type}`,
    `typeVersion: "${version}"`,
    `issuer: ${issuer.id}`,
    `source: ${issuer.name}`,
    `writtenDate: ${published.slice(0, 10)}`,
    `publishedAt: ${published}`,
    'topic: 政务公开',
    `keywords: [${keywords}]`,
    `signature: ${issuer.name}`,
    'validity: 有效',
  ].join('\n') + '\n';
}

/** A report in the 2019 trial format (国办公开办函〔2019〕60号): its own 表二, and （六）其他处理 as one row. */
export function xinxi2019Folder(issuer: ReportIssuer, year: number, data: XinxiYear, published: string, r: Rand): Folder {
  const q = data.shenqing;
  const qitaChuli = q['yuqi-buzheng'].map((v, c) => v + q['yuqi-jiaofei'][c]! + q['qita-qingxing'][c]!);
  const rows: Record<string, number[]> = { ...q, 'qita-chuli': qitaChuli };
  const order = SHENQING_ROWS.filter((id) => !['yuqi-buzheng', 'yuqi-jiaofei', 'qita-qingxing'].includes(id));
  order.splice(order.indexOf('jieguo-zongji'), 0, 'qita-chuli' as never);
  const [zhifa, , youxiao] = data.guifan;
  // 上一年项目数量 and 本年增/减 of the items behind the decisions.
  const xuke = [int(r, 10, 60), int(r, -3, 3)];
  const chufa = [int(r, 5, 30), int(r, -3, 3)];
  return {
    slug: `${issuer.folderPrefix}-${year}-xinxi-gongkai`,
    files: {
      'report.yaml': reportYaml(issuer, year, 'xinxi-gongkai', '2019', `${issuer.name}${year}年政府信息公开工作年度报告`, published, '政府信息公开, 年度报告'),
      '01-zongti-qingkuang.md': section('总体情况', `${year}年，${issuer.shortName}主动公开政府信息:m[zhudong-gongkai-xinxi]，全年新收政府信息公开申请:m[shenqing.xinshou.zongji]。`, `metrics:\n  - { id: zhudong-gongkai-xinxi, label: 主动公开政府信息, value: ${data.zhudong}, unit: 条 }\n`),
      '02-zhudong-gongkai.md': section(
        '主动公开政府信息情况',
        '本年新制作规范性文件:m[zhudong-guizhang.guifanxing-wenjian.xinzhizuo]，对外公开规范性文件总数:m[zhudong-guizhang.guifanxing-wenjian.gongkai-zongshu]。',
        `tables:\n  zhudong-guizhang:\n    guizhang: [/, /, /]\n    guifanxing-wenjian: [${zhifa}, ${zhifa}, ${youxiao}]\n  zhudong-xuke:\n    xingzheng-xuke: [${xuke[0]}, ${xuke[1]}, ${data.xuke}]\n    qita-guanli-fuwu: [${int(r, 2, 12)}, 0, ${int(r, 0, 40)}]\n  zhudong-chufa:\n    xingzheng-chufa: [${chufa[0]}, ${chufa[1]}, ${data.chufa}]\n    xingzheng-qiangzhi: [${int(r, 1, 4)}, 0, ${data.qiangzhi}]\n  zhudong-shoufei:\n    xingzheng-shoufei: [${int(r, 0, 3)}, 0]\n  zhudong-caigou:\n    zhengfu-caigou: [${int(r, 1, 8)}, ${Math.round(r() * 600) / 10}]\n`,
      ),
      '03-shenqing-chuli.md': section('收到和处理政府信息公开申请情况', '本年新收政府信息公开申请:m[shenqing.xinshou.zongji]，办结:m[shenqing.jieguo-zongji.zongji]，结转下年度继续办理:m[shenqing.jiezhuan-xianian.zongji]。', `tables:\n  shenqing:\n${tableLines(rows, order)}\n`),
      '04-fuyi-susong.md': section('政府信息公开行政复议、行政诉讼情况', '本年因政府信息公开被申请行政复议:m[fuyi-susong.xingzheng-fuyi.zongji]。', `tables:\n  fuyi-susong:\n${tableLines(data.fuyi, FUYI_ROWS)}\n`),
      '05-wenti-gaijin.md': section('存在的主要问题及改进情况', '主动公开的及时性有待提高。下一步将健全信息发布审核机制。'),
      '06-qita-shixiang.md': section('其他需要报告的事项', '本年度未收取信息处理费。'),
    },
  };
}

/** A report from before 2019 (历史年报), kept as it was published: free outline, a plain table. */
export function archiveFolder(issuer: ReportIssuer, year: number, published: string, r: Rand): Folder {
  const kinds: [string, number][] = [['机构职能', int(r, 3, 10)], ['工作动态', int(r, 20, 60)], ['财政预决算', int(r, 2, 6)]];
  const total = kinds.reduce((s, [, n]) => s + n, 0);
  const applications = int(r, 0, 4);
  return {
    slug: `${issuer.folderPrefix}-${year}-xinxi-gongkai`,
    files: {
      'report.yaml': reportYaml(issuer, year, 'xinxi-gongkai', '2008', `${issuer.name}${year}年政府信息公开工作年度报告`, published, '政府信息公开, 年度报告'),
      '01-gaishu.md': section('概述', `根据《中华人民共和国政府信息公开条例》规定，现公布${issuer.name}${year}年政府信息公开工作年度报告。本报告统计期限自${year}年1月1日起至${year}年12月31日止。`),
      '02-zhudong-gongkai.md': section(
        '主动公开政府信息情况',
        `全年主动公开政府信息:m[zhudong-gongkai-xinxi]，其中：\n\n| 类别 | 条数 |\n| --- | --- |\n${kinds.map(([k, n]) => `| ${k} | ${n} |`).join('\n')}`,
        `metrics:\n  - { id: zhudong-gongkai-xinxi, label: 主动公开政府信息, value: ${total}, unit: 条 }\n`,
      ),
      '03-yishenqing.md': section('依申请公开政府信息情况', applications ? `全年共受理政府信息公开申请:m[shenqing-jian]，均已按期答复。` : '全年未收到政府信息公开申请。', applications ? `metrics:\n  - { id: shenqing-jian, label: 受理政府信息公开申请, value: ${applications}, unit: 件 }\n` : ''),
      '04-shoufei-fuyi.md': section('收费及减免情况、复议和诉讼情况', '本年度未收取政府信息公开费用；未发生因政府信息公开引起的行政复议和行政诉讼。'),
      '05-wenti-gaijin.md': section('存在的问题和改进措施', '公开内容还不够全面，下一步将进一步规范公开目录。'),
    },
  };
}
