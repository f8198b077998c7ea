/**
 * Chinese names of content fields. The schemas use them as JSON Schema titles (editor completion)
 * and the diagnostics use them to name the field an editor got wrong.
 */
export const fieldLabels: Record<string, string> = {
  // site.yaml
  name: '网站名称',
  government: '主办政府',
  domain: '网站域名',
  basePath: '部署子路径',
  columnName: '栏目名称',
  siteName: '登记的网站名称',
  columnType: '栏目类型',
  columns: '各报告类型的栏目',
  openData: '开放数据',
  licence: '使用条件',
  licenceUrl: '使用协议网址',
  footer: '页脚标识',
  sponsor: '主办单位',
  organizer: '承办单位',
  siteCode: '网站标识码',
  icp: 'ICP备案号',
  police: '公安机关备案号',
  contact: '联系方式',
  partyGovMark: '党政机关网站标识',
  partyGovMarkId: '党政机关网站标识证书编号',
  partyGovMarkImage: '党政机关网站标识图片',
  disclosureFields: '公开信息栏显示的字段',
  docx: 'Word 文件设置',
  fonts: '字体名称',
  xiaobiaosong: '小标宋',
  fangsong: '仿宋',
  heiti: '黑体',
  kaiti: '楷体',
  songti: '宋体',
  latin: '西文字体',
  boldLevel3: '三级标题加粗',
  runInLevels: '标题与正文同段的层级',
  metricTables: '各节附数据表',
  lint: '内容检查设置',
  extraTerms: '本网站的违规词',
  allowTerms: '允许使用的内置违规词',
  officialNames: '易错名称',
  wrong: '错误写法',
  right: '正确写法',
  allowedDomains: '允许链接的网站域名',
  levels: '检查规则级别',
  // report.yaml
  title: '标题',
  year: '年度',
  type: '报告类型',
  typeVersion: '报告格式版本',
  issuer: '发布机构',
  source: '信息来源',
  writtenDate: '成文日期',
  publishedAt: '发布日期',
  docNumber: '文号',
  indexNumber: '索引号',
  topic: '主题分类',
  keywords: '关键词',
  signature: '署名',
  mainRecipient: '主送机关',
  attachments: '附件说明',
  note: '附注',
  validity: '有效性',
  rules: '一致性规则',
  rollup: '汇总声明',
  status: '状态',
  thresholds: '指标阈值',
  min: '不低于',
  max: '不高于',
  kinds: '机构类别',
  ids: '机构编号',
  exclude: '排除的机构',
  // issuers.yaml
  issuers: '发布机构列表',
  issuerName: '机构全称',
  shortName: '简称',
  kind: '机构类别',
  creditCode: '统一社会信用代码',
  indexPattern: '索引号格式',
  reports: '每年必须发布的报告类型',
  address: '地址',
  telephone: '电话',
  postcode: '邮政编码',
  document: '公文版头',
  fullName: '机关全称',
  mark: '发文机关标志',
  // section frontmatter
  level: '标题层级',
  elements: '对应的必备内容',
  metrics: '指标',
  tables: '表格数据',
  // metric
  id: '编号',
  label: '名称',
  value: '数值',
  range: '范围',
  qualifier: '限定',
  unit: '单位',
  decimals: '小数位数',
  // rule
  total: '合计',
  parts: '分项',
  rate: '比率指标',
  numerator: '分子',
  denominator: '分母',
  tolerance: '允许误差',
  scale: '倍数',
  description: '说明',
  each: '逐项展开',
};

export function fieldLabel(key: string | number): string {
  if (typeof key === 'number') return `第 ${key + 1} 项`;
  return fieldLabels[key] ?? key;
}

/** `indexNumber（索引号）` — the key as written in YAML, and its Chinese name. */
export function fieldName(key: string | number): string {
  if (typeof key === 'number') return fieldLabel(key);
  const label = fieldLabels[key];
  return label ? `${key}（${label}）` : key;
}
