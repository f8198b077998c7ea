import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { fingerprint, generateSigningKeys, KEY_FILE_ENV } from '../../integrity/signing.ts';

/** `nianbao keygen [--out folder]`: an Ed25519 key pair for signing manifests. Never overwrites. */
export function keygenCommand(options: { out?: string }): number {
  const dir = options.out ?? '.';
  const privateFile = path.join(dir, 'nianbao-signing-key.pem');
  const publicFile = path.join(dir, 'nianbao-signing-key.pub.pem');
  for (const f of [privateFile, publicFile]) {
    if (existsSync(f)) {
      console.error(pc.red(`✗ ${f} 已经存在，不会覆盖。换一个 --out 文件夹，或先移走旧密钥。`));
      return 1;
    }
  }
  mkdirSync(dir, { recursive: true });
  const { privatePem, publicPem } = generateSigningKeys();
  writeFileSync(privateFile, privatePem, { mode: 0o600 });
  chmodSync(privateFile, 0o600);
  writeFileSync(publicFile, publicPem);
  console.log(`✓ 已生成签名密钥（Ed25519）`);
  console.log(`  私钥：${privateFile}（只给构建用，不要提交到仓库、不要放到网站上）`);
  console.log(`  公钥：${publicFile}（交给网站管理员和检查人员，verify 时用 --public-key 指定）`);
  console.log(`  公钥指纹：${fingerprint(publicPem)}`);
  console.log(`构建时设置 ${KEY_FILE_ENV}=${privateFile}，nianbao build 会在 dist/ 里写入 manifest.sig 和 manifest.pub.pem。`);
  return 0;
}
