/**
 * The one map of metadata labels → report.yaml fields: the labels of a CMS page's metadata block
 * (索引号, 发布机构, 发布日期…), of `发布时间：… 信息来源：…` lines and of a Word file's document
 * properties (as `src/docx` writes them). Labels with no field are kept as written (`OTHER_META_LABELS`).
 */
export const META_FIELDS: Readonly<Record<string, string>> = {
  发布时间: 'publishedAt',
  发布日期: 'publishedAt',
  公开日期: 'publishedAt',
  信息来源: 'source',
  来源: 'source',
  索引号: 'indexNumber',
  文号: 'docNumber',
  发文字号: 'docNumber',
  发布机构: 'issuer',
  发文机关: 'issuer',
  发文单位: 'issuer',
  公开责任部门: 'issuer',
  所属机构: 'issuer',
  成文日期: 'writtenDate',
  生成日期: 'writtenDate',
  主题分类: 'topic',
  主题词: 'keywords',
  关键词: 'keywords',
  关键字: 'keywords',
  /** A Word property nianbao writes; never a CMS label. */
  年度: 'year',
};

/** CMS labels the content model has no field for: kept in report.yaml as comments and listed. */
export const OTHER_META_LABELS = ['名称', '标题', '有效性', '公开方式', '公开范围', '公开时限', '体裁分类', '组配分类', '服务对象分类', '统一编号', '登记号', '浏览次数', '访问次数', '字号'];

/** Every label a metadata line may start with, longest first (so 发布日期 wins over 发布). */
export const META_LABELS = [...Object.keys(META_FIELDS).filter((k) => k !== '年度'), ...OTHER_META_LABELS].sort((a, b) => b.length - a.length);
