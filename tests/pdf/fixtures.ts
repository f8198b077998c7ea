/** Fonts the PDF tests make. */
import { readFileSync } from 'node:fs';

const utf16 = (s: string) => Buffer.from([...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
let gbkTable: Map<string, Buffer> | undefined;
/** GBK bytes of Chinese text (Macintosh-platform names of Chinese fonts are GBK). */
function gbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map();
    const decoder = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        const bytes = Buffer.from([hi, lo]);
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && !gbkTable.has(ch)) gbkTable.set(ch, bytes);
      }
    }
  }
  return Buffer.concat([...text].map((c) => gbkTable!.get(c) ?? Buffer.from(c, 'latin1')));
}

const fit = (to: string, from: string) => {
  if (to.length > from.length) throw new Error(`“${to}” is longer than “${from}”`);
  return to.padEnd(from.length, ' ');
};

/**
 * LXGW WenKai Regular under other names: its family, PostScript and Chinese names overwritten in
 * place (same lengths, so the name table stays valid), so that nothing installed on the machine
 * goes by them. Stands for an organisation's licensed font in the fonts/ folder.
 */
export function renamedFont(file: string, names: { family: string; postscript: string; chinese: string }): Buffer {
  const font = Buffer.from(readFileSync(file));
  const replace = (a: Buffer, b: Buffer) => {
    for (let i = font.indexOf(a); i >= 0; i = font.indexOf(a, i + 1)) b.copy(font, i);
  };
  for (const [from, to] of [
    ['LXGWWenKai-Regular', names.postscript],
    ['LXGW WenKai', names.family],
  ]) {
    replace(Buffer.from(from!, 'latin1'), Buffer.from(fit(to!, from!), 'latin1'));
    replace(utf16(from!), utf16(fit(to!, from!)));
  }
  replace(utf16('霞鹜文楷'), utf16(fit(names.chinese, '霞鹜文楷')));
  replace(gbk('霞鹜文楷'), gbk(fit(names.chinese, '霞鹜文楷')));
  return font;
}
