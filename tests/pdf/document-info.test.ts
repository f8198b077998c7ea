import { describe, expect, it } from 'vitest';
import { maskVolatile, pdfDate, reportDocumentInfo, xmpPacket } from '../../src/pdf/document-info.ts';
import { sampleReport } from '../web/sample-model.ts';

describe('filing metadata', () => {
  it('comes from the report: title, 发布机构, type and year, keywords, 成文日期', () => {
    expect(reportDocumentInfo(sampleReport('chenxi-2022-fazhi-zhengfu'))).toEqual({
      title: '辰溪县人民政府关于法治政府建设工作情况汇报（2022年）',
      author: '辰溪县司法局',
      subject: '2022年度法治政府建设年度报告',
      keywords: ['法治政府建设', '依法行政', '人民调解', '行政执法'],
      indexNumber: '11431223MB1C44906X/2023-00001',
      date: '2023-01-04',
    });
  });

  it('dates the PDF at midnight of the 成文日期, Beijing time', () => {
    expect(pdfDate('2023-01-04')).toBe("D:20230104000000+08'00'");
  });

  it('writes XMP with the same values, escaped', () => {
    const xmp = xmpPacket({ title: 'A & B <报告>', author: '辰溪县司法局', subject: 's', keywords: ['甲', '乙'], indexNumber: '11431223MB1C449073/2023-00002', date: '2023-01-18' });
    expect(xmp).toContain('<dc:identifier>11431223MB1C449073/2023-00002</dc:identifier>');
    expect(xmp).toContain('<rdf:li xml:lang="x-default">A &amp; B &lt;报告&gt;</rdf:li>');
    expect(xmp).toContain('<xmp:CreateDate>2023-01-18T00:00:00+08:00</xmp:CreateDate>');
    expect(xmp).toContain('<rdf:li>甲</rdf:li><rdf:li>乙</rdf:li>');
    expect(xmp).toContain('<rdf:li>zh-CN</rdf:li>');
  });

  it('masks exactly what Chromium varies from one print to the next', () => {
    const a = Buffer.from("1 0 obj <</Producer (Skia/PDF m156) /CreationDate (D:20260101120000+00'00') /ModDate (D:20260101120000+00'00')>> trailer <</ID [<AB12> <AB12>]>>");
    const b = Buffer.from("1 0 obj <</Producer (Skia/PDF m156) /CreationDate (D:20260102083015+00'00') /ModDate (D:20260102083015+00'00')>> trailer <</ID [<CD34> <CD34>]>>");
    expect(maskVolatile(a).equals(maskVolatile(b))).toBe(true);
    expect(maskVolatile(a).toString()).toContain('/Producer (Skia/PDF m156)');
  });
});
