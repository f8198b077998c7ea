/**
 * How the official formats draw their tables, beyond what a template's rows and columns say:
 * header bands over columns, and tables the format prints transposed. Keyed by
 * `<template id>@<version>/<table id>`. A table without a hint is drawn from its definition alone.
 */

export interface ColumnGroup {
  label: string;
  /** Column ids under this header, consecutive. */
  columns: string[];
}

export interface TransposedBand {
  label: string;
  /** Data rows shown side by side under the band, each with its own sub-header when several. */
  rows: { id: string; label: string }[];
}

export interface TableHint {
  /** Top-left header cell. */
  corner?: string;
  /** One header above all value columns. */
  band?: string;
  groups?: ColumnGroup[];
  /** Print the table as one row: each data row becomes a run of columns under a band. */
  transpose?: TransposedBand[];
  /** Header of the label column in a table of blocks (several tables printed as one). */
  labelHeader?: string;
}

const XINXI_2021: Record<string, TableHint> = {
  'zhudong-guizhang': { labelHeader: '信息内容' },
  'zhudong-xuke': { labelHeader: '信息内容' },
  'zhudong-chufa': { labelHeader: '信息内容' },
  'zhudong-shoufei': { labelHeader: '信息内容' },
  shenqing: {
    corner: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
    band: '申请人情况',
    groups: [{ label: '法人或其他组织', columns: ['shangye', 'keyan', 'gongyi', 'falv', 'qita'] }],
  },
  'fuyi-susong': {
    transpose: [
      { label: '行政复议', rows: [{ id: 'xingzheng-fuyi', label: '行政复议' }] },
      {
        label: '行政诉讼',
        rows: [
          { id: 'zhijie-qisu', label: '未经复议直接起诉' },
          { id: 'fuyihou-qisu', label: '复议后起诉' },
        ],
      },
    ],
  },
};

const HINTS: Record<string, Record<string, TableHint>> = {
  'xinxi-gongkai@2021': XINXI_2021,
};

export function tableHint(templateId: string, version: string, tableId: string): TableHint {
  return HINTS[`${templateId}@${version}`]?.[tableId] ?? {};
}
