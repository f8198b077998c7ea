import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pc from 'picocolors';
import { resolveProject } from '../../content/index.ts';
import { fingerprint, generateSigningKeys, KEY_FILE_ENV } from '../../integrity/signing.ts';
import { isWithin, physicalPath } from '../../paths/project-path.ts';

/** Folders whose files get published (or copied into what is published): a private key there would leak. */
const PUBLISHED = ['content', 'dist', 'public', 'templates', 'fonts'];

/** Why the private key must not go into `dir`, or undefined. `dir` outside the project is the recommended place. */
export function keyFolderProblem(dir: string, cwd = process.cwd()): string | undefined {
  const real = physicalPath(dir);
  if (real === undefined) return `${dir} 经过一个指向不存在位置的符号链接。`;
  // The project is the folder keygen runs in when it holds content/ (elsewhere there is nothing to publish from).
  const { root, contentDir } = resolveProject(cwd);
  if (!existsSync(contentDir) || path.basename(contentDir) !== 'content') return undefined;
  const realRoot = physicalPath(root) ?? root;
  const inside = PUBLISHED.find((name) => isWithin(path.join(realRoot, name), real));
  return inside ? `${dir} 在项目的 ${inside}/ 里，那里的文件会被发布，私钥不能放在那里。` : undefined;
}

/** Whether `dir` is inside a Git work tree (a key there is one `git add .` away from the repository). */
function inGitTree(dir: string): boolean {
  for (let d = physicalPath(dir) ?? path.resolve(dir); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, '.git'))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/** `nianbao keygen [--out folder]`: an Ed25519 key pair for signing manifests. Never overwrites. */
export function keygenCommand(options: { out?: string }): number {
  const dir = options.out ?? '.';
  const problem = keyFolderProblem(dir);
  if (problem) {
    console.error(pc.red(`✗ ${problem}`));
    console.error('  怎么办：用 --out 指定项目之外的文件夹，如 --out ~/.nianbao-keys。没有生成任何文件。');
    return 2;
  }
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
  if (inGitTree(dir)) console.log(pc.yellow(`  注意：${dir} 在一个 Git 仓库里。把 nianbao-signing-key.pem 加进 .gitignore，或把私钥移到仓库之外。`));
  console.log(`构建时设置 ${KEY_FILE_ENV}=${privateFile}，nianbao build 会在 dist/ 里写入 manifest.sig 和 manifest.pub.pem。`);
  return 0;
}
