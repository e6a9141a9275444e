/** Models for the tasks-table tests: from the fixtures, hand-made, and generated at any size. */
import { analyze } from '../../server/src/core/analyze.js';
import type { OomEvent } from '../../server/src/core/model/events.js';
import { tasksTableModel, uiLabels } from '../../server/src/features/taskTable.js';
import type { TableColumn, TableRow, TasksTableModel, UiLabels } from '../../server/src/webviewProtocol.js';
import { fixture } from '../helpers.js';

export const LABELS: UiLabels = uiLabels('en');

/** The OOM events of a fixture and their models. */
export function fixtureModels(name: string, lang: 'en' | 'zh-cn' = 'en'): { events: OomEvent[]; models: TasksTableModel[]; lines: number } {
  const a = analyze(fixture(name));
  const events: OomEvent[] = [];
  const models: TasksTableModel[] = [];
  a.events.forEach((ev, i) => {
    if (ev.kind !== 'oom') return;
    events.push(ev);
    models.push(tasksTableModel(ev, lang, i));
  });
  return { events, models, lines: a.lines };
}

export const col = (key: string, type: TableColumn['type'], summable = false): TableColumn => ({ key, label: key, title: '', type, derived: false, summable });

/** pid, uid, rss, name: a small hand-made table. */
export function smallModel(rows: [pid: number, uid: number | null, rss: number | null, name: string][], victimPid: number | null = null): TasksTableModel {
  const columns = [col('pid', 'int'), col('uid', 'int'), col('rss', 'int', true), col('name', 'text')];
  return {
    ...emptyModel(),
    columns,
    rows: rows.map(([pid, uid, rss, name], i): TableRow => ({ pid, uid, name, line: 10 + i, cells: [pid, uid, rss, name] })),
    victimPid,
  };
}

export function emptyModel(): TasksTableModel {
  return {
    event: { index: 0, startLine: 0, endLine: 0, time: null, host: null, kernel: null, trigger: null, constraint: null, killMessage: null, victim: null },
    columns: [],
    rows: [],
    victimPid: null,
    alsoKilledPids: [],
    pageSize: null,
    shareOf: null,
    badness: null,
    totals: {},
    memory: { scope: 'unknown', memcg: null, stats: null, zones: [], ram: null, swap: null },
    verdict: null,
  };
}

/** A deterministic pseudo-random generator (mulberry32), so generated tables are the same every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A model shaped like `base` (its columns and memory picture) with `n` generated rows; the victim is row n/2. */
export function bigModel(base: TasksTableModel, n: number): TasksTableModel {
  const r = rng(42);
  const names = ['postgres', 'java', 'node', 'python3', 'nginx', 'systemd-journal', 'Isolated Web Co', 'kworker/u8:2', 'php-fpm7.3', 'containerd-shim'];
  const rows: TableRow[] = [];
  for (let i = 0; i < n; i++) {
    const pid = 1000 + i * 7;
    const uid = [0, 33, 999, 1000][i % 4]!;
    const name = `${names[i % names.length]}-${i}`;
    const cells = base.columns.map((c) => {
      switch (c.key) {
        case 'pid':
        case 'tgid':
          return pid;
        case 'uid':
          return uid;
        case 'name':
          return name;
        case 'oom_score_adj':
          return [0, -1000, 200, 0][i % 4]!;
        default:
          return c.type === 'int' ? Math.floor(r() * 1_000_000) : Math.round(r() * 10_000) / 10;
      }
    });
    rows.push({ pid, uid, name, line: i, cells });
  }
  return { ...base, rows, victimPid: rows[Math.floor(n / 2)]!.pid, event: { ...base.event, victim: { pid: rows[Math.floor(n / 2)]!.pid, comm: rows[Math.floor(n / 2)]!.name } } };
}
