/**
 * A real nginx (Debian's) for tests: started in the foreground by the test, with its own config,
 * pid, log and temp paths in a temporary folder, on a free port of 127.0.0.1, as the current user
 * (no master process, so no switch to another user), and stopped by the test. No systemd.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, watch, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find(existsSync);

export interface Nginx {
  /** e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  /** Stops nginx; the port is free again afterwards. */
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/**
 * Resolves once nginx has written its pid file, rejects when it exits first. nginx writes the pid
 * file after it has bound its listening sockets, so from then on connections are accepted (they
 * wait in the backlog until nginx gets to them): no polling, no sleeps.
 */
export function pidFileWritten(dir: string, pidFile: string, child: ChildProcess, log: () => string): Promise<void> {
  const pid = path.join(dir, pidFile);
  return new Promise((resolve, reject) => {
    const watcher = watch(dir);
    const done = (error?: Error) => {
      watcher.close();
      child.off('exit', onExit);
      if (error) reject(error);
      else resolve();
    };
    const onExit = (code: number | null) => done(new Error(`${child.spawnfile} exited (${code}): ${log()}`));
    child.once('exit', onExit);
    watcher.on('change', () => existsSync(pid) && done());
    watcher.on('error', (e) => done(e));
    // Written before the watch began?
    if (existsSync(pid)) done();
  });
}

/**
 * Serves `root` at `location` (e.g. /ndbg/). `http` is added to the http block (e.g. gzip).
 * `server`, when given, replaces that location: the server block's own directives (e.g. a
 * generated configuration to test, which names its folder itself).
 */
export async function startNginx(root: string, location: string, http = '', server?: string): Promise<Nginx> {
  // The free port is found by binding and releasing it: another process may take it in between.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(root, location, http, server);
    } catch (e) {
      if (attempt >= 3 || !/Address already in use/.test((e as Error).message)) throw e;
    }
  }
}

async function startOnce(root: string, location: string, http: string, server: string | undefined): Promise<Nginx> {
  if (!NGINX) throw new Error('nginx is not installed: run bash scripts/setup.sh (Debian package nginx)');
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-nginx-'));
  for (const t of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, t));
  const port = await freePort();
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  ${http}
  server {
    listen 127.0.0.1:${port};
    ${server ?? `location ${location} { alias ${root.endsWith('/') ? root : `${root}/`}; }`}
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', dir, '-c', conf, '-e', `${dir}/error.log`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    await pidFileWritten(dir, 'nginx.pid', child, () => stderr);
  } catch (e) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
