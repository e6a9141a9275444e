/**
 * Helpers for the end-to-end test in a real VS Code: code-server (VS Code 1.100.3 in the browser,
 * installed by scripts/setup-code-server.sh) driven through Debian's headless Chromium with
 * playwright-core over the DevTools protocol. Every process started here is the leader of its own
 * process group and is ended by that group, also when the test fails or the runner exits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Frame, Page } from 'playwright-core';
import { ROOT } from '../helpers.js';

export const CODE_SERVER_VERSION = '4.100.3';
export const CHROMIUM = process.env.KERNEL_TRIAGE_CHROMIUM || '/usr/bin/chromium';
/** Where scripts/setup-code-server.sh installs code-server (same defaults and variable). */
export const CODE_SERVER_DIR =
  process.env.KERNEL_TRIAGE_CODE_SERVER_DIR ||
  join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'kernel-triage', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'node_modules', '.bin', 'code-server');
const INSTALL_STAMP = join(CODE_SERVER_DIR, '.kernel-triage-install-complete');
export const VSIX = join(ROOT, 'dist', 'kernel-triage.vsix');
/** The flags the workplace's reference gives for Debian's Chromium on a machine with a closed network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when the environment says this is a CI run (CI=true, CI=1, ...). */
export const isCI = !!process.env.CI && !/^(0|false|no)$/i.test(process.env.CI);

/** What the test needs and this machine lacks, each with how to get it; empty when all is there. */
export function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`Chromium not found at ${CHROMIUM} (Debian package chromium)`);
  if (!existsSync(CODE_SERVER_BIN) || !existsSync(INSTALL_STAMP))
    missing.push(`code-server ${CODE_SERVER_VERSION} not installed in ${CODE_SERVER_DIR}`);
  if (missing.length > 0) missing.push('run scripts/setup-code-server.sh (as root, or with sudo, for its Debian packages)');
  return missing;
}

function mtime(p: string): number {
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

/** Builds dist/kernel-triage.vsix with `npm run package` when it is missing or older than what it packs. */
export function ensureVsix(): { rebuilt: boolean } {
  const inputs = ['dist/extension.cjs', 'dist/server.cjs', 'package.json', 'package.nls.json'].map((p) => join(ROOT, p));
  const vsix = mtime(VSIX);
  if (vsix > 0 && inputs.every((p) => mtime(p) > 0 && mtime(p) <= vsix)) return { rebuilt: false };
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (r.status !== 0 || !existsSync(VSIX))
    throw new Error(`npm run package failed (status ${r.status}):\n${tail(`${r.stdout ?? ''}\n${r.stderr ?? ''}`, 40)}`);
  return { rebuilt: true };
}

export interface CodeServerDirs {
  userDataDir: string;
  extensionsDir: string;
  /** An empty config file: code-server then neither reads nor writes ~/.config/code-server/config.yaml. */
  config: string;
}

function commonArgs(d: CodeServerDirs): string[] {
  return ['--config', d.config, '--user-data-dir', d.userDataDir, '--extensions-dir', d.extensionsDir];
}

/** `code-server --install-extension VSIX` into the (fresh) extensions dir; returns the installed folder. */
export function installExtension(d: CodeServerDirs, vsix: string): string {
  const r = spawnSync(CODE_SERVER_BIN, [...commonArgs(d), '--install-extension', vsix], { encoding: 'utf8', timeout: 120_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const installed = existsSync(d.extensionsDir) ? readdirSync(d.extensionsDir).find((n) => n.startsWith('kernel-triage.kernel-triage-')) : undefined;
  if (r.status !== 0 || !/successfully installed/.test(out) || !installed)
    throw new Error(`code-server --install-extension ${vsix} failed (status ${r.status}):\n${tail(out, 30)}`);
  return join(d.extensionsDir, installed);
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

/** A process started in a group of its own, its output appended to a log file. */
export class Spawned {
  readonly child: ChildProcess;
  output = '';
  exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  private readonly exitPromise: Promise<void>;

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    logFile: string,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    const log = createWriteStream(logFile);
    this.child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
    const take = (b: Buffer): void => {
      log.write(b);
      this.output = (this.output + b.toString('utf8')).slice(-200_000);
    };
    this.child.stdout!.on('data', take);
    this.child.stderr!.on('data', take);
    this.exitPromise = new Promise((resolve) => {
      this.child.on('exit', (code, signal) => {
        this.exited = { code, signal };
        log.end();
        resolve();
      });
      this.child.on('error', (e) => {
        take(Buffer.from(`\n[spawn error] ${e.message}\n`));
        this.exited = { code: null, signal: null };
        resolve();
      });
    });
    live.add(this);
  }

  /** SIGTERM to the whole process group, SIGKILL to it after `graceMs`. */
  async kill(graceMs = 5_000): Promise<void> {
    const pid = this.child.pid;
    if (pid !== undefined) {
      signalGroup(pid, 'SIGTERM');
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([this.exitPromise.then(() => 'exited' as const), timer])) === 'timeout') signalGroup(pid, 'SIGKILL');
      // The leader may be gone while others in its group still run (Chromium's helpers).
      signalGroup(pid, 'SIGKILL');
    }
    live.delete(this);
  }
}

function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    /* the group is gone */
  }
}

/** Processes still to be ended if the runner exits before the test's own clean-up. */
const live = new Set<Spawned>();
process.on('exit', () => {
  for (const s of live) if (s.child.pid !== undefined) signalGroup(s.child.pid, 'SIGKILL');
});

/** Starts code-server on 127.0.0.1:port with the workspace folder; resolves once /healthz answers. */
export async function startCodeServer(d: CodeServerDirs, port: number, workspace: string, logFile: string): Promise<Spawned> {
  const args = [
    ...commonArgs(d),
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    workspace,
  ];
  const cs = new Spawned('code-server', CODE_SERVER_BIN, args, logFile);
  await waitFor(
    `code-server to answer on http://127.0.0.1:${port}/healthz`,
    async () => {
      if (cs.exited) throw new Error(`code-server exited (${JSON.stringify(cs.exited)}):\n${tail(cs.output, 30)}`);
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return r.ok;
      } catch {
        return false;
      }
    },
    { timeoutMs: 60_000, context: () => `code-server output:\n${tail(cs.output, 30)}` },
  );
  return cs;
}

/** Starts Chromium with a DevTools port chosen by itself; resolves with its browser WebSocket URL. */
export async function startChromium(profileDir: string, logFile: string, windowSize = '1600,1000'): Promise<{ proc: Spawned; wsEndpoint: string }> {
  const args = [...CHROMIUM_FLAGS, `--user-data-dir=${profileDir}`, '--remote-debugging-address=127.0.0.1', '--remote-debugging-port=0', `--window-size=${windowSize}`, 'about:blank'];
  const proc = new Spawned('chromium', CHROMIUM, args, logFile);
  let wsEndpoint = '';
  await waitFor(
    'Chromium to print its DevTools endpoint',
    () => {
      if (proc.exited) throw new Error(`Chromium exited (${JSON.stringify(proc.exited)}):\n${tail(proc.output, 30)}`);
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(proc.output);
      if (m) wsEndpoint = m[1]!;
      return !!m;
    },
    { timeoutMs: 60_000, context: () => `Chromium output:\n${tail(proc.output, 30)}` },
  );
  return { proc, wsEndpoint };
}

/** Every file under dir (recursively) whose name passes the test. */
export function findFiles(dir: string, test: (name: string) => boolean): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...findFiles(p, test));
    else if (test(e.name)) out.push(p);
  }
  return out;
}

/** The remote extension host's log(s) under code-server's user-data-dir, concatenated. */
export function extensionHostLog(userDataDir: string): string {
  return findFiles(join(userDataDir, 'logs'), (n) => /exthost/i.test(n) && n.endsWith('.log'))
    .sort()
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');
}

export function tail(text: string, lines: number): string {
  return text.split('\n').slice(-lines).join('\n');
}

export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
  /** Added to the timeout's message: the logs that tell why. */
  context?: () => string;
}

/**
 * Polls `check` until it returns a truthy value, which it resolves with; fails after timeoutMs
 * with a message naming what was awaited. `check` throwing ends the wait at once.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, opts: WaitOptions = {}): Promise<NonNullable<T>> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const start = Date.now();
  for (;;) {
    const v = await check();
    if (v) return v as NonNullable<T>;
    if (Date.now() - start > timeoutMs) {
      const ctx = opts.context ? `\n${opts.context()}` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${ctx}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 250));
  }
}

/**
 * Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium's screenshots are) and measures
 * it: how many distinct colours (counted up to 10,000) and the standard deviation of the luma.
 */
export function pngStats(png: Buffer): { width: number; height: number; colours: number; lumaStdDev: number } {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let off = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (off < png.length) {
    const len = png.readUInt32BE(off);
    const type = png.toString('latin1', off + 4, off + 8);
    const data = png.subarray(off + 8, off + 8 + len);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const depth = data[8];
      const colourType = data[9];
      if (depth !== 8 || (colourType !== 2 && colourType !== 6) || data[12] !== 0) throw new Error(`unsupported PNG (depth ${depth}, colour type ${colourType})`);
      channels = colourType === 6 ? 4 : 3;
    } else if (type === 'IDAT') idat.push(data);
    else if (type === 'IEND') break;
    off += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      pixels[y * stride + x] = v & 0xff;
    }
  }
  const colours = new Set<number>();
  let sum = 0;
  let sumSq = 0;
  const n = width * height;
  for (let i = 0; i < n; i++) {
    const r = pixels[i * channels]!;
    const g = pixels[i * channels + 1]!;
    const b = pixels[i * channels + 2]!;
    if (colours.size < 10_000) colours.add((r << 16) | (g << 8) | b);
    const l = 0.299 * r + 0.587 * g + 0.114 * b;
    sum += l;
    sumSq += l * l;
  }
  const mean = sum / n;
  return { width, height, colours: colours.size, lumaStdDev: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

// ---------------------------------------------------------------------------------------------
// Helpers for tests that drive the workbench (used by vscodeFeatures.test.ts)

/** Settings for a quiet workbench: no welcome page over the editor, no update or telemetry traffic. */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
};

/**
 * The folders of one run under `tmp` (user data, extensions, an empty config file, the workspace),
 * created, with QUIET_SETTINGS plus `settings` as the user's settings.json.
 */
export function prepareCodeServerDirs(tmp: string, settings: Record<string, unknown> = {}): CodeServerDirs & { workspace: string } {
  const d = { userDataDir: join(tmp, 'user-data'), extensionsDir: join(tmp, 'extensions'), config: join(tmp, 'config.yaml'), workspace: join(tmp, 'workspace') };
  for (const p of [d.userDataDir, d.extensionsDir, d.workspace, join(d.userDataDir, 'User')]) mkdirSync(p, { recursive: true });
  writeFileSync(d.config, '');
  writeFileSync(join(d.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  return d;
}

/** The log files of the extension's own output channel(s) under code-server's user-data-dir, concatenated. */
export function outputChannelLog(userDataDir: string, channel: string): string {
  return findFiles(join(userDataDir, 'logs'), (n) => n.includes(channel))
    .sort()
    .map((p) => readFileSync(p, 'utf8'))
    .join('\n');
}

/** What a failed wait adds to its message: the tails of the logs a failure is read from. */
export function failureContext(o: { userDataDir: string; channel: string; codeServerOutput: string; kept: string; seen?: string }): string {
  return [
    ...(o.seen ? [`--- last seen ---\n${o.seen}`] : []),
    `--- extension host log (tail) ---\n${tail(extensionHostLog(o.userDataDir), 25) || '(none yet)'}`,
    `--- "${o.channel}" output channel (tail) ---\n${tail(outputChannelLog(o.userDataDir, o.channel), 15) || '(none yet)'}`,
    `--- code-server output (tail) ---\n${tail(o.codeServerOutput, 10)}`,
    `(logs and profiles kept in ${o.kept})`,
  ].join('\n');
}

/**
 * Entries of a VS Code log at level error (`... [error] ...`) that match `about` anywhere, their
 * continuation lines (a stack trace) included: an entry starts with a timestamp.
 */
export function errorLines(log: string, about: RegExp): string[] {
  const entries: string[] = [];
  for (const line of log.split('\n')) {
    if (/^\d{4}-\d\d-\d\d[ T]\d\d:\d\d/.test(line) || entries.length === 0) entries.push(line);
    else entries[entries.length - 1] += `\n${line}`;
  }
  return entries.filter((e) => /^\S+ \S+ \[error\]/i.test(e) && about.test(e));
}

/**
 * The first frame of the page (nested iframes included: webviews live two levels down) in which
 * `selector` matches an element; undefined when none does yet.
 */
export async function frameWith(page: Page, selector: string): Promise<Frame | undefined> {
  for (const f of page.frames()) {
    if (f.isDetached()) continue;
    const found = await f.evaluate((s) => !!(globalThis as any).document.querySelector(s), selector).catch(() => false);
    if (found) return f;
  }
  return undefined;
}

/** The messages of the notification toasts on screen at error severity. */
export async function errorToasts(page: Page): Promise<string[]> {
  return page
    .locator('.notifications-toasts .notification-list-item')
    .filter({ has: page.locator('.codicon-error') })
    .allInnerTexts()
    .then((t) => t.map((s) => s.replace(/\s+/g, ' ').trim()))
    .catch(() => []);
}
