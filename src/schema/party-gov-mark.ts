/**
 * The 党政机关网站标识: after the site's name and its organ's qualification are registered, the
 * 机构编制 office issues the mark — a red image, shown at the bottom centre of the site's pages,
 * that links to the site's certificate page on bszs.conac.cn. The registration's code loads both by
 * a script from dcs.conac.cn; a nianbao site loads nothing from another site, so the same image
 * (a file of the site) and the same link are written into the footer instead.
 */
import { z } from 'zod';
import { fieldLabels as L } from './labels.ts';

export const PartyGovMarkId = z
  .string()
  .regex(/^[0-9A-Fa-f]{32}$/, { message: 'conac-id' })
  .meta({
    title: L.partyGovMarkId,
    description: '颁发的标识代码里链接 https://bszs.conac.cn/sitename?method=show&id= 之后的 32 位编号；写了它，标识链接到本网站的标识证书页',
  });

export const PartyGovMarkImage = z
  .string()
  .regex(/^[A-Za-z0-9_-]+(?:\/[A-Za-z0-9_-]+)*\.(png|gif|jpg|jpeg)$/i, { message: 'mark-image' })
  .meta({
    title: L.partyGovMarkImage,
    description: '标识代码显示的红色标识图片（代码里的 red.png），下载一次后放进内容文件夹，写相对于内容文件夹的路径，如 dangzheng-jiguan.png；不写时显示文字标识',
  });

/** The certificate page the mark links to. */
export function conacCertificateUrl(id: string): string {
  return `https://bszs.conac.cn/sitename?method=show&id=${id.toUpperCase()}`;
}

/** Where the mark's image is published, under the base path (its own extension kept). */
export function partyGovMarkImagePath(image: string): string {
  return `dangzheng-jiguan-biaoshi${image.slice(image.lastIndexOf('.')).toLowerCase()}`;
}
