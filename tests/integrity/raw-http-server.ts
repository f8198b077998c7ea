import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export interface RawRequest {
  path: string;
  headers: Record<string, string>;
}

/** What the server does with one request. */
export type Plan =
  | { kind: 'answer'; head: string[]; body: Buffer }
  /** Accept, read the request, never answer. */
  | { kind: 'hang' }
  /** Answer with a TCP reset. */
  | { kind: 'reset' };

export type Encoding = 'gzip' | 'deflate' | 'deflate-raw' | 'br' | 'identity';

export function encode(body: Buffer, encoding: Encoding): Buffer {
  switch (encoding) {
    case 'gzip':
      return zlib.gzipSync(body);
    case 'deflate':
      return zlib.deflateSync(body);
    case 'deflate-raw':
      return zlib.deflateRawSync(body);
    case 'br':
      return zlib.brotliCompressSync(body);
    case 'identity':
      return body;
  }
}

/** The Content-Encoding header value for an encoding. */
export const encodingHeader = (e: Encoding) => (e === 'deflate-raw' ? 'deflate' : e);

/**
 * A deliberately minimal HTTP/1.0 server on 127.0.0.1, written with node:net: one request per
 * connection, and the body ends when the server closes the connection (no Content-Length), as old
 * servers and some proxies in front of county portals still answer.
 */
export class RawHttpServer {
  readonly server: Server;
  private readonly sockets = new Set<Socket>();
  constructor(plan: (req: RawRequest) => Plan) {
    this.server = createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => undefined);
      let head = '';
      socket.on('data', (d) => {
        if (head.includes('\r\n\r\n')) return;
        head += d.toString('latin1');
        if (!head.includes('\r\n\r\n')) return;
        const [requestLine = '', ...lines] = head.split('\r\n');
        const headers = Object.fromEntries(
          lines.filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim().toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]),
        );
        const p = plan({ path: requestLine.split(' ')[1] ?? '/', headers });
        if (p.kind === 'hang') return;
        if (p.kind === 'reset') return void socket.resetAndDestroy();
        socket.write(`${p.head.join('\r\n')}\r\n\r\n`, 'latin1');
        socket.end(p.body);
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/ndbg/`;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise((r) => this.server.close(r));
  }
}
