import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Environment variables that hold the signing key: the PEM text itself, or the path of a PEM file. */
export const KEY_ENV = 'NIANBAO_SIGNING_KEY';
export const KEY_FILE_ENV = 'NIANBAO_SIGNING_KEY_FILE';

export class SigningKeyError extends Error {}

/** The Ed25519 private key configured for this build, or undefined when the build is not signed. */
export function signingKeyFromEnv(env: NodeJS.ProcessEnv = process.env): KeyObject | undefined {
  const inline = env[KEY_ENV]?.trim();
  const file = env[KEY_FILE_ENV]?.trim();
  if (!inline && !file) return undefined;
  let pem: string;
  if (inline) {
    pem = inline.includes('-----BEGIN') ? inline.replace(/\\n/g, '\n') : `-----BEGIN PRIVATE KEY-----\n${inline}\n-----END PRIVATE KEY-----\n`;
  } else {
    try {
      pem = readFileSync(file!, 'utf8');
    } catch (e) {
      throw new SigningKeyError(`读不到签名私钥文件 ${file}（${KEY_FILE_ENV}）：${(e as Error).message}`);
    }
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    throw new SigningKeyError(`签名私钥（${inline ? KEY_ENV : KEY_FILE_ENV}）无法读取：${(e as Error).message}。请用 nianbao keygen 生成的 PEM 私钥。`);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new SigningKeyError(`签名私钥是 ${key.asymmetricKeyType ?? '未知'} 类型，nianbao 只用 Ed25519。请用 nianbao keygen 生成新的密钥。`);
  }
  return key;
}

export function publicKeyPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: 'spki', format: 'pem' }).toString();
}

/** `SHA256:` and the base64 hash of the public key: short enough to compare by eye or on the phone. */
export function fingerprint(publicPem: string): string {
  const der = createPublicKey(publicPem).export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

/** Ed25519 signatures are deterministic: the same manifest and key give the same signature. */
export function signManifest(bytes: Uint8Array, key: KeyObject): string {
  return `${sign(null, bytes, key).toString('base64')}\n`;
}

export function signatureValid(bytes: Uint8Array, signatureText: string, publicPem: string): boolean {
  try {
    const key = createPublicKey(publicPem);
    if (key.asymmetricKeyType !== 'ed25519') return false;
    return verify(null, bytes, key, Buffer.from(signatureText.trim(), 'base64'));
  } catch {
    return false;
  }
}

export function generateSigningKeys(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
