/**
 * Debian's Apache httpd for tests: a copy of /etc/apache2 in a temporary folder (APACHE_CONFDIR),
 * with the modules a test asks for enabled and its own files in conf-enabled/. `configTest` runs the
 * real `apache2ctl -t` on it; `start` runs httpd in the foreground (-X, one process) on a free port
 * of 127.0.0.1 with its pid, lock and log files in the folder, and `stop` ends that process.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pidFileWritten } from './nginx.ts';

const APACHECTL = ['/usr/sbin/apache2ctl', '/usr/bin/apache2ctl'].find(existsSync);
const HTTPD = ['/usr/sbin/apache2', '/usr/bin/apache2'].find(existsSync);

export interface ApacheSetup {
  /** The configuration folder (APACHE_CONFDIR). */
  dir: string;
  /** `apache2ctl -t` on this configuration: its exit code and what it printed. */
  configTest(): { code: number | null; output: string };
  start(): Promise<Apache>;
  remove(): void;
}

export interface Apache {
  origin: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const { port } = probe.address() as AddressInfo;
  await new Promise((r) => probe.close(r));
  return port;
}

/** A configuration with `mods` enabled (e.g. headers) and `conf` files added to conf-enabled/. */
export function apacheSetup(mods: string[], conf: Record<string, string>): ApacheSetup {
  if (!APACHECTL || !HTTPD) throw new Error('Apache httpd is not installed: run bash scripts/setup.sh (Debian package apache2)');
  // Readable by the user httpd switches to when started as root (www-data).
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-apache-'));
  chmodSync(dir, 0o755);
  cpSync('/etc/apache2', dir, { recursive: true });
  for (const mod of mods) {
    for (const ext of ['load', 'conf']) {
      const available = path.join(dir, 'mods-available', `${mod}.${ext}`);
      const enabled = path.join(dir, 'mods-enabled', `${mod}.${ext}`);
      if (existsSync(available) && !existsSync(enabled)) symlinkSync(`../mods-available/${mod}.${ext}`, enabled);
    }
  }
  // No default site on port 80: the test's own port only.
  for (const f of readdirSync(path.join(dir, 'sites-enabled'))) rmSync(path.join(dir, 'sites-enabled', f));
  for (const [name, text] of Object.entries(conf)) writeFileSync(path.join(dir, 'conf-enabled', name), text);
  const run = path.join(dir, 'run');
  mkdirSync(run);
  const env = {
    ...process.env,
    APACHE_CONFDIR: dir,
    APACHE_RUN_USER: 'www-data',
    APACHE_RUN_GROUP: 'www-data',
    APACHE_PID_FILE: path.join(run, 'apache2.pid'),
    APACHE_RUN_DIR: run,
    APACHE_LOCK_DIR: run,
    APACHE_LOG_DIR: run,
    LANG: 'C',
  };
  // apache2ctl reads envvars from APACHE_CONFDIR: point its run, lock and log paths into the folder.
  writeFileSync(path.join(dir, 'envvars'), Object.entries(env).filter(([k]) => k.startsWith('APACHE_') && k !== 'APACHE_CONFDIR').map(([k, v]) => `export ${k}=${v}`).join('\n') + '\n');
  return {
    dir,
    configTest() {
      const r = spawnSync(APACHECTL, ['-t'], { env, encoding: 'utf8' });
      return { code: r.status, output: `${r.stdout}${r.stderr}` };
    },
    async start() {
      const port = await freePort();
      writeFileSync(path.join(dir, 'ports.conf'), `Listen 127.0.0.1:${port}\nServerName 127.0.0.1\n`);
      const child = spawn(HTTPD, ['-d', dir, '-f', path.join(dir, 'apache2.conf'), '-X'], { env, stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (d) => (stderr += d));
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      try {
        await pidFileWritten(run, 'apache2.pid', child, () => stderr);
      } catch (e) {
        child.kill('SIGKILL');
        throw e;
      }
      return {
        origin: `http://127.0.0.1:${port}`,
        async stop() {
          if (child.exitCode === null) {
            child.kill('SIGTERM');
            await exited;
          }
        },
      };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

// httpd, like nginx, writes its pid file once it listens (pidFileWritten: no polling).
