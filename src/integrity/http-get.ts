import http from 'node:http';
import https from 'node:https';
import { pipeline } from 'node:stream/promises';
import { Writable, type Transform } from 'node:stream';
import zlib from 'node:zlib';

/**
 * One GET over node:http/node:https, body decoded with node:zlib.
 *
 * Not the global fetch: Node 24's bundled undici (7.29) asserts `!this.paused` in its HTTP/1 parser
 * when a server closes the connection while a response body waits to be read (nodejs/undici#5360).
 * That is every HTTP/1.0 answer without Content-Length (the body ends when the connection closes)
 * as soon as a few downloads run at once, and the assertion is thrown from a socket handler where
 * nothing can catch it. Node's own HTTP client ends such bodies normally.
 */

export interface GetOptions {
  headers?: Record<string, string>;
  /** No byte from the server for this long: give up. */
  timeoutMs: number;
  /** Most bytes of a decoded body (a decompression bomb or an endless answer stops here). */
  maxBytes: number;
  /** Bytes left for a whole series of GETs, shared between them; counted as bodies arrive. */
  budget?: { left: number; limit: number };
  agent?: http.Agent;
}

export interface GetResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  httpVersion: string;
  /** Decoded body; empty for answers other than 200. */
  body: Buffer;
}

export type FailureKind = 'timeout' | 'refused' | 'reset' | 'dns' | 'unreachable' | 'tls' | 'protocol' | 'encoding' | 'too-large';

/** Why a GET gave no answer, in Chinese, with a kind for callers that decide what to do next. */
export class GetFailure extends Error {
  readonly kind: FailureKind;
  constructor(kind: FailureKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

/** The encodings we can decode, in the order offered. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

function decoderFor(encoding: string, firstByte: number | undefined): Transform | undefined | 'unknown' {
  switch (encoding) {
    case '':
    case 'identity':
      return undefined;
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      // RFC 9110 "deflate" is zlib-wrapped; some servers send raw deflate. A zlib header's first
      // byte has 8 (deflate) as its low nibble.
      return firstByte !== undefined && (firstByte & 0x0f) === 8 ? zlib.createInflate() : zlib.createInflateRaw();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return 'unknown';
  }
}

/** Most bytes read (and thrown away) of an answer other than 200. */
const NON_200_DRAIN = 1024 * 1024;

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} 秒`;

/** A network error as a Chinese sentence. */
export function describeNetworkError(e: unknown, url: URL, timeoutMs: number): GetFailure {
  if (e instanceof GetFailure) return e;
  const err = e as NodeJS.ErrnoException;
  const code = err.code ?? '';
  const where = url.host;
  if (code === 'ECONNREFUSED') return new GetFailure('refused', `连接被拒绝：${where} 上没有网站服务在运行（服务器没有启动，或地址、端口不对）`);
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up|aborted/i.test(err.message))
    return new GetFailure('reset', `连接被 ${where} 中断（连接被重置），文件没有传完`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NODATA') return new GetFailure('dns', `找不到域名 ${url.hostname}（域名写错了，或这台电脑无法解析域名）`);
  if (code === 'ETIMEDOUT') return new GetFailure('timeout', `${where} 在 ${seconds(timeoutMs)}内没有回应（可以用 --timeout 调整等待时间）`);
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL') return new GetFailure('unreachable', `无法到达服务器 ${where}（网络不通）`);
  if (/CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code) || /certificate|tls|ssl/i.test(err.message))
    return new GetFailure('tls', `${where} 的 HTTPS 证书无法验证（${code || err.message}）`);
  if (code.startsWith('HPE_')) return new GetFailure('protocol', `${where} 的回答不符合 HTTP 格式（${code}）`);
  if (code.startsWith('Z_') || code === 'ERR__ERROR_FORMAT_PADDING_1' || /incorrect header|invalid|unexpected end/i.test(err.message))
    return new GetFailure('encoding', `${where} 发来的压缩数据损坏，无法解压（${err.message}）`);
  return new GetFailure('protocol', `读取 ${where} 时出错（${code ? `${code}：` : ''}${err.message}）`);
}

/** 268435456 → "256 MB", 524288 → "512 KB". */
export const sizeText = (n: number) => (n >= 1048576 ? `${Math.round(n / 1048576)} MB` : `${Math.round(n / 1024)} KB`);

/** Collects a stream into one Buffer, refusing more than `max` bytes, or more than the budget has left. */
function collector(url: URL, options: GetOptions, chunks: Buffer[], refuse: (f: GetFailure) => GetFailure): Writable {
  let size = 0;
  const { budget } = options;
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > options.maxBytes) return done(refuse(new GetFailure('too-large', `${url.pathname} 超过 ${sizeText(options.maxBytes)} 的读取上限，没有读完`)));
      if (budget && (budget.left -= chunk.length) < 0) return done(refuse(new GetFailure('too-large', `本次检查读取的数据已超过 ${sizeText(budget.limit)} 的上限，${url.pathname} 没有读完`)));
      chunks.push(chunk);
      done();
    },
  });
}

export function httpGet(url: URL, options: GetOptions): Promise<GetResponse> {
  const client = url.protocol === 'https:' ? https : http;
  return new Promise<GetResponse>((resolve, reject) => {
    let settled = false;
    // Stopping a body at a limit destroys the connection too; the limit is the reason to report.
    let refused: GetFailure | undefined;
    const refuse = (f: GetFailure) => (refused = f);
    const fail = (e: unknown) => {
      // Also after an answer was given: a non-200 body still draining must not hold the connection.
      req.destroy();
      if (settled) return;
      settled = true;
      reject(refused ?? describeNetworkError(e, url, options.timeoutMs));
    };
    const req = client.get(url, { headers: { 'Accept-Encoding': ACCEPT_ENCODING, ...options.headers }, agent: options.agent }, (res) => {
      const status = res.statusCode ?? 0;
      const base = { status, headers: res.headers, httpVersion: res.httpVersion };
      res.on('error', fail);
      if (status !== 200) {
        // Only the status matters. Drain the body so the connection can be reused, unless it is
        // long (an endless error page would otherwise keep the check busy).
        settled = true;
        resolve({ ...base, body: Buffer.alloc(0) });
        let drained = 0;
        res.on('data', (chunk: Buffer) => {
          if ((drained += chunk.length) > NON_200_DRAIN) req.destroy();
        });
        return;
      }
      const encoding = String(res.headers['content-encoding'] ?? '')
        .toLowerCase()
        .trim();
      const chunks: Buffer[] = [];
      // The first byte decides between zlib-wrapped and raw deflate, so wait for it.
      res.once('readable', () => {
        const first = res.read(1) as Buffer | null;
        if (first) res.unshift(first);
        const decoder = decoderFor(encoding, first?.[0]);
        if (decoder === 'unknown') return fail(new GetFailure('encoding', `${url.host} 用了无法解开的压缩方式“${encoding}”（只支持 ${ACCEPT_ENCODING}）`));
        // From here the pipeline reports the body's errors, the first one first.
        res.off('error', fail);
        const sink = collector(url, options, chunks, refuse);
        (decoder ? pipeline(res, decoder, sink) : pipeline(res, sink)).then(() => {
          if (settled) return;
          // A body cut short by the server: Node marks the response incomplete.
          if (!res.complete) return fail(new GetFailure('reset', `连接被 ${url.host} 中断，${url.pathname} 没有传完`));
          settled = true;
          resolve({ ...base, body: Buffer.concat(chunks) });
        }, fail);
      });
    });
    req.setTimeout(options.timeoutMs, () => fail(new GetFailure('timeout', `${url.host} 在 ${seconds(options.timeoutMs)}内没有回应（可以用 --timeout 调整等待时间）`)));
    req.on('error', fail);
  });
}
