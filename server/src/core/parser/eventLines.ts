/**
 * Lines of the reports other than the OOM kill: their first lines (which start an event) and the
 * detail lines that only occur inside them. Formats per shared/reference/kernel-log-formats.md:
 * §4 warn_alloc (mm/page_alloc.c), §7 oops/BUG/WARNING/panic/lockups/hung tasks/RCU stalls
 * (arch/x86/mm/fault.c, arch/x86/kernel/dumpstack.c, arch/arm64/mm/fault.c, kernel/panic.c,
 * kernel/watchdog.c, kernel/hung_task.c, kernel/rcu/tree_stall.h), §8 user-space crashes and core
 * dumps (arch/x86/mm/fault.c show_signal_msg, arch/x86/kernel/traps.c, arch/arm64/mm/fault.c,
 * fs/coredump.c, systemd src/coredump).
 */
import type { Prefix } from '../lexer/lexer.js';

export type Loc = [start: number, end: number];

interface Base {
  at: Record<string, Loc>;
}

export type EventLine =
  | (Base & { k: 'alloc-failure'; comm: string; stallMs: number | null; order: number | null; gfpMask: string | null; gfpFlags: string[] | null; nodemask: string | null; cpuset: string | null; memsAllowed: string | null })
  | (Base & { k: 'oops-start'; headline: string; type: string; address: string | null; location: string | null })
  | (Base & { k: 'die'; headline: string; type: string; errorCode: string | null; dieCounter: number | null })
  | (Base & { k: 'cut-here' })
  | (Base & { k: 'warning-start'; location: string | null; fn: string | null; pid: number | null; cpu: number | null })
  | (Base & { k: 'end-trace'; id: string })
  | (Base & { k: 'modules'; list: string[] })
  | (Base & { k: 'detail'; what: string })
  | (Base & { k: 'panic'; reason: string })
  | (Base & { k: 'panic-detail'; rebootSeconds: number | null; end: boolean })
  | (Base & { k: 'soft-lockup'; cpu: number; seconds: number; comm: string; pid: number })
  | (Base & { k: 'hard-lockup'; cpu: number | null })
  | (Base & { k: 'hung-task'; comm: string; pid: number; seconds: number })
  | (Base & { k: 'hung-detail'; state: string | null })
  | (Base & { k: 'rcu-stall'; flavour: string | null; self: boolean })
  | (Base & { k: 'rcu-detail'; cpu: number | null })
  | (Base & { k: 'bad-page'; comm: string | null; pfn: string | null })
  | (Base & { k: 'bad-page-detail'; reason: string | null })
  | (Base & { k: 'hw-error'; source: string; headline: string; cpu: number | null; bank: number | null; corrected: boolean | null })
  | (Base & { k: 'segfault'; comm: string; pid: number; address: string | null; ip: string | null; sp: string | null; error: string | null; library: string | null; mapStart: string | null; mapSize: string | null; fileOffset: string | null; cpu: number | null; detail: string | null })
  | (Base & { k: 'trap'; comm: string; pid: number; trap: string; ip: string | null; sp: string | null; error: string | null; library: string | null; mapStart: string | null; mapSize: string | null; fileOffset: string | null })
  | (Base & { k: 'coredump'; pid: number | null; comm: string | null; outcome: string; message: string; continued: boolean })
  | (Base & { k: 'coredump-systemd'; pid: number; comm: string; uid: number | null; outcome: string; message: string; tagPid: number | null })
  | (Base & { k: 'coredump-systemd-detail'; corePath: string | null; frame: string | null; tagPid: number | null });

/** Where a match group sits in the whole text. */
function loc(ms: number, m: RegExpExecArray, g: number): Loc {
  const idx = (m as RegExpExecArray & { indices?: [number, number][] }).indices?.[g];
  return idx ? [ms + idx[0], ms + idx[1]] : [ms, ms];
}

// §4: `<comm>: page allocation failure: order:%u, mode:%#x(%pGg), nodemask=%*pbl[,cpuset=…,mems_allowed=…]`
// (3.10: `mode:0x%x`); the stall warning passes `page allocation stalls for %ums, order:%u` to warn_alloc.
const ALLOC = /^(.*?): page allocation (?:failure:|stalls for (\d+)ms,) order:(\d+), mode:(0x[0-9a-fA-F]+)(?:\(([^)]*)\))?(?:, nodemask=(\(null\)|[\d,\-]+))?(?:,cpuset=(.*?),mems_allowed=([\d,\-]*))?/d;
// §8.1 x86: `%s%s[%d]: segfault at %lx ip %px sp %px error %lx` + ` in %s[%lx+%lx]` (≤6.8) or ` in %pD[%lx,%lx+%lx]` (6.12+) + ` likely on CPU %d (core %d, socket %d)` (6.1+)
const SEGV = /^(.*)\[(\d+)\]: segfault at ([0-9a-f]+) ip ([0-9a-fx]+) sp ([0-9a-fx]+) error ([0-9a-f]+)(?: in (.*?)\[(?:([0-9a-f]+),)?([0-9a-f]+)\+([0-9a-f]+)\])?(?: likely on CPU (\d+))?/d;
// §8.3 arm64: `%s[%d]: unhandled exception: %s, ESR 0x…, <fault name> in %s[%lx+%lx]` (4.19+) and older `unhandled <fault> (%d) at 0x%08lx, esr 0x%03x`
const ARM_SEGV = /\[(\d+)\]: unhandled (?:exception: )?([^]*?)(?: at 0x([0-9a-f]+))?(?:, esr 0x[0-9a-f]+)?(?: in ([^\[\]]*)\[([0-9a-f]+)\+([0-9a-f]+)\])?$/dy;
// §8.2: `traps: %s[%d] trap %s ip:%lx sp:%lx error:%lx` / `… general protection[ fault] ip:…` + vma
const TRAP = /^(?:traps: )?(.*)\[(\d+)\] (?:trap )?(divide error|overflow|invalid opcode|bounds|coprocessor segment overrun|invalid TSS|segment not present|stack segment|alignment check|int3|general protection(?: fault)?|[a-z][a-z0-9 ]*?) ip:([0-9a-f]+) sp:([0-9a-f]+) error:([0-9a-f]+)(?: in (.*?)\[(?:([0-9a-f]+),)?([0-9a-f]+)\+([0-9a-f]+)\])?/d;
const HUNG = /^INFO: task (.*):(\d+) blocked for more than (\d+) seconds\./d;
const SOFT = /^(?:NMI watchdog: |watchdog: )?BUG: soft lockup - CPU#(\d+) stuck for (\d+)s! \[(.*):(\d+)\]/d;
const HARD = /^(?:NMI watchdog: |watchdog: )?Watchdog detected hard LOCKUP on cpu (\d+)/d;
const RCU = /^(?:rcu: )?INFO: (\S+) (detected stalls? on|self-detected stall on) (?:CPUs\/tasks|CPU|tasks)/;
const BAD_PAGE = /^BUG: Bad page (?:state|map) in process (.*?)\s+pfn:([0-9a-f]+)/d;
const WARN = /^WARNING: (?:CPU: (\d+) PID: (\d+) )?at (\S+?)(?::(\d+))? (.*)$/d;
const END_TRACE = /^---\[ end trace ([0-9a-f]+) \]---/;
const DIE = /^(Oops|general protection fault(?:, probably for non-canonical address 0x[0-9a-f]+)?|invalid opcode|double fault|stack segment|Internal error: (?:Oops(?: - BUG)?|[\w ]+)|int3|divide error|alignment check|BUG|segment not present|invalid TSS|coprocessor segment overrun|bounds|overflow)(?::)? ?([0-9a-f]+) \[#(\d+)\]/d;
const PANIC = /^Kernel panic - not syncing:? ?(.*)$/;
const MCE = /^(?:mce: )?\[Hardware Error\]: (?:CPU (\d+): Machine Check(?: Exception)?: \d+ Bank (\d+): ([0-9a-f]+))?/d;
const SYSTEMD_CORE = /^Process (\d+) \((.*)\) of user (\d+) (dumped core|terminated abnormally without generating a coredump)\./d;
const SYSTEMD_TAG = /^systemd-coredump\[(\d+)\]: /;

/**
 * Detail lines of oops/lockup/bad-page reports that are neither frames nor x86/arm64 register
 * lines: #PF info, page-table walk, arm64 abort info, arm32 register and stack dumps, KASAN and
 * UBSAN bodies, lockdep irq stamps, NMI backtraces.
 */
const DETAIL = /^(?:#PF: |PGD [0-9a-f]|P4D |IP: |Mem abort info:|Data abort info:|\s*(?:ESR|EC|IL|SET|FnV|EA|S1PTW|FSC|ISV|ISS|ISS2|CM|WnR|TnD|TagAccess|GCS|Xs|Overlay|DirtyBit) = |user pgtable:|swapper pgtable:|\[[0-9a-f]+\] pgd=|PC is at |LR is at |r\d+ ?: [0-9a-f]{8}|Flags: [nN][zZ]|Control: [0-9a-f]+|Register r\d+ information:|Process .* \(pid: \d+, stack limit|Stack: \(0x|Exception stack\(|Backtrace:|[0-9a-f]{4}: (?:[0-9a-f]{8}| {8})|\S+ from \S+\+0x[0-9a-f]+\/0x[0-9a-f]+$|irq event stamp:|hardirqs last|softirqs last|Sending NMI from CPU|NMI backtrace for cpu|={20,}|Read of size|Write of size|The buggy address|Memory state around|Allocated by task|Freed by task|Last potentially related|The buggy address belongs|page last (?:allocated|free)|[> ][0-9a-f]{16}: |index -?\d+ is out of range|shift exponent|signed integer overflow|load of value|UBSAN: |KASAN: |Object |Redzone |Padding |Bytes b4 |in_atomic\(\): |preempt_count: |RCU nest depth|Preemption disabled at:|INFO: lockdep is turned off|Kernel Offset: |Disabling lock debugging)/;

export function classifyEventLine(msg: string, ms: number, prefix: Prefix): EventLine | null {
  const at: Record<string, Loc> = Object.create(null);
  const c0 = msg.charCodeAt(0);
  let m: RegExpExecArray | null;

  // systemd-coredump journal entries: the tag is in the syslog prefix, or leads the message.
  let body = msg;
  let bodyStart = ms;
  let tagPid: number | null = null;
  if (prefix.tag?.startsWith('systemd-coredump')) tagPid = Number(/\[(\d+)\]/.exec(prefix.tag)?.[1] ?? NaN);
  else if ((m = SYSTEMD_TAG.exec(msg))) {
    tagPid = Number(m[1]);
    body = msg.slice(m[0].length);
    bodyStart = ms + m[0].length;
  }
  if (tagPid !== null) {
    if ((m = SYSTEMD_CORE.exec(body))) {
      at.pid = loc(bodyStart, m, 1);
      at.comm = loc(bodyStart, m, 2);
      at.uid = loc(bodyStart, m, 3);
      return { k: 'coredump-systemd', pid: Number(m[1]), comm: m[2]!, uid: Number(m[3]), outcome: m[4] === 'dumped core' ? 'dumped' : 'not-dumped', message: body, tagPid, at };
    }
    if ((m = /^Resource limits disable core dumping for process (\d+) \((.*)\)\./d.exec(body))) {
      return { k: 'coredump-systemd', pid: Number(m[1]), comm: m[2]!, uid: null, outcome: 'disabled', message: body, tagPid, at };
    }
    if ((m = /^Core file was truncated to (\d+) bytes/.exec(body))) return { k: 'coredump-systemd-detail', corePath: null, frame: null, tagPid, at };
    if ((m = /^The core will not be stored: size (\d+) is greater than (\d+)/.exec(body))) return { k: 'coredump-systemd-detail', corePath: null, frame: null, tagPid, at };
    if ((m = /^Coredump diverted to (.*)$/d.exec(body))) {
      at.corePath = loc(bodyStart, m, 1);
      return { k: 'coredump-systemd-detail', corePath: m[1]!, frame: null, tagPid, at };
    }
    if ((m = /^#\d+\s+0x[0-9a-f]+ (.*)$/.exec(body))) return { k: 'coredump-systemd-detail', corePath: null, frame: m[1]!, tagPid, at };
    if (/^(?:Stack trace of thread \d+:|Module .* (?:with|without) build-id|Module .* from |ELF object binary architecture:|$)/.test(body)) return { k: 'coredump-systemd-detail', corePath: null, frame: null, tagPid, at };
    return null;
  }

  switch (c0) {
    case 66: // B
      if (msg.startsWith('BUG: ')) {
        if ((m = SOFT.exec(msg))) return soft(m, ms, at);
        if ((m = BAD_PAGE.exec(msg))) {
          at.comm = loc(ms, m, 1);
          at.pfn = loc(ms, m, 2);
          return { k: 'bad-page', comm: m[1]!, pfn: m[2]!, at };
        }
        if (msg.startsWith('BUG: Bad rss-counter') || msg.startsWith('BUG: Bad page')) return { k: 'bad-page', comm: null, pfn: null, at };
        return oopsStart(msg, ms, at);
      }
      break;
    case 75: // K
      if ((m = PANIC.exec(msg))) {
        at.reason = [ms + msg.indexOf(m[1]!), ms + msg.length];
        return { k: 'panic', reason: m[1]!.trim(), at };
      }
      if (msg.startsWith('Kernel Offset: ')) return { k: 'panic-detail', rebootSeconds: null, end: false, at };
      break;
    case 79: // O
      if ((m = DIE.exec(msg))) return die(m, msg, ms, at);
      break;
    case 87: // W
      if ((m = WARN.exec(msg))) {
        at.location = loc(ms, m, 3);
        return { k: 'warning-start', location: m[4] ? `${m[3]}:${m[4]}` : m[3]!, fn: m[5]!.trim() || null, pid: m[2] ? Number(m[2]) : null, cpu: m[1] ? Number(m[1]) : null, at };
      }
      if ((m = HARD.exec(msg))) return { k: 'hard-lockup', cpu: Number(m[1]), at };
      break;
    case 73: // I
      if ((m = HUNG.exec(msg))) {
        at.comm = loc(ms, m, 1);
        at.pid = loc(ms, m, 2);
        at.seconds = loc(ms, m, 3);
        return { k: 'hung-task', comm: m[1]!, pid: Number(m[2]), seconds: Number(m[3]), at };
      }
      if ((m = RCU.exec(msg))) return { k: 'rcu-stall', flavour: m[1]!, self: m[2]!.startsWith('self'), at };
      break;
    case 45: // -
      if (msg.startsWith('------------[ cut here ]------------')) return { k: 'cut-here', at };
      if ((m = END_TRACE.exec(msg))) return { k: 'end-trace', id: m[1]!, at };
      if (msg.startsWith('---[ end Kernel panic')) return { k: 'panic-detail', rebootSeconds: null, end: true, at };
      break;
    case 77: // M
      if (msg.startsWith('Modules linked in:')) return { k: 'modules', list: msg.slice(18).trim().split(/\s+/).filter(Boolean), at };
      break;
    case 82: // R
      if ((m = /^Rebooting in (\d+) seconds/.exec(msg))) return { k: 'panic-detail', rebootSeconds: Number(m[1]), end: false, at };
      break;
    default:
      break;
  }

  if ((m = SOFT.exec(msg))) return soft(m, ms, at);
  if ((m = HARD.exec(msg))) return { k: 'hard-lockup', cpu: Number(m[1]), at };
  if ((m = RCU.exec(msg))) return { k: 'rcu-stall', flavour: m[1]!, self: m[2]!.startsWith('self'), at };
  if ((m = DIE.exec(msg))) return die(m, msg, ms, at);
  if (msg.startsWith('kernel BUG at ') || msg.startsWith('Unable to handle kernel ') || msg.startsWith('UBSAN: ') || msg.startsWith('BUG: KASAN')) return oopsStart(msg, ms, at);

  if (msg.includes(': page allocation ') && (m = ALLOC.exec(msg))) {
    at.comm = loc(ms, m, 1);
    at.order = loc(ms, m, 3);
    at.gfpMask = loc(ms, m, 4);
    if (m[5] !== undefined) at.gfpFlags = loc(ms, m, 5);
    return {
      k: 'alloc-failure',
      comm: m[1]!,
      stallMs: m[2] ? Number(m[2]) : null,
      order: Number(m[3]),
      gfpMask: m[4]!,
      gfpFlags: m[5] === undefined ? null : m[5] === '' ? [] : m[5].split('|'),
      nodemask: m[6] ?? null,
      cpuset: m[7] ?? null,
      memsAllowed: m[8] ?? null,
      at,
    };
  }
  if (msg.includes(']: segfault at ') && (m = SEGV.exec(msg))) {
    for (const [g, name] of [[1, 'comm'], [2, 'pid'], [3, 'address'], [4, 'ip'], [5, 'sp'], [6, 'error'], [7, 'library']] as const) if (m[g] !== undefined) at[name] = loc(ms, m, g);
    return { k: 'segfault', comm: m[1]!, pid: Number(m[2]), address: m[3]!, ip: m[4]!, sp: m[5]!, error: m[6]!, library: m[7] ?? null, mapStart: m[9] ?? null, mapSize: m[10] ?? null, fileOffset: m[8] ?? null, cpu: m[11] ? Number(m[11]) : null, detail: null, at };
  }
  const un = msg.indexOf(']: unhandled ');
  if (un > 0) {
    // `comm[pid]: unhandled …`: the comm is what precedes the last `[` before the marker (no
    // backtracking over the comm, which may be anything).
    const open = msg.lastIndexOf('[', un);
    ARM_SEGV.lastIndex = open;
    if (open > 0 && (m = ARM_SEGV.exec(msg))) {
      at.comm = [ms, ms + open];
      at.pid = loc(ms, m, 1);
      return { k: 'segfault', comm: msg.slice(0, open), pid: Number(m[1]), address: m[3] ?? null, ip: null, sp: null, error: null, library: m[4] ?? null, mapStart: m[5] ?? null, mapSize: m[6] ?? null, fileOffset: null, cpu: null, detail: m[2]!.replace(/ in$/, ''), at };
    }
  }
  if (msg.includes(' ip:') && msg.includes(' error:') && (m = TRAP.exec(msg))) {
    at.comm = loc(ms, m, 1);
    at.pid = loc(ms, m, 2);
    at.trap = loc(ms, m, 3);
    at.error = loc(ms, m, 6);
    return { k: 'trap', comm: m[1]!, pid: Number(m[2]), trap: m[3]!, ip: m[4]!, sp: m[5]!, error: m[6]!, library: m[7] ?? null, mapStart: m[9] ?? null, mapSize: m[10] ?? null, fileOffset: m[8] ?? null, at };
  }
  if (msg.includes('[Hardware Error]') && (m = MCE.exec(msg.replace(/^\{\d+\}/, '')))) {
    const source = msg.startsWith('mce:') ? 'mce' : msg.startsWith('{') ? 'apei' : 'other';
    return { k: 'hw-error', source, headline: msg, cpu: m[1] ? Number(m[1]) : null, bank: m[2] ? Number(m[2]) : null, corrected: /\bcorrected\b/i.test(msg) ? !/uncorrected/i.test(msg) : null, at };
  }
  if (msg.startsWith('EDAC ') && /\b(?:CE|UE)\b/.test(msg)) return { k: 'hw-error', source: 'edac', headline: msg, cpu: null, bank: null, corrected: /\bCE\b/.test(msg), at };
  const core = coredumpLine(msg, ms, at);
  if (core) return core;

  if (/^"echo 0 > \/proc\/sys\/kernel\/hung_task_timeout_secs" disables this message\./.test(msg)) return { k: 'hung-detail', state: null, at };
  if ((m = /^task:.{1,15}?\s+state:(\w)/.exec(msg))) return { k: 'hung-detail', state: m[1]!, at };
  if ((m = /^\S.{0,14}\s+([DRSTtXZPIK])\s+(?:[0-9a-f]{16}\s+)?\d+\s+\d+\s+\d+ 0x[0-9a-f]+$/.exec(msg))) return { k: 'hung-detail', state: m[1]!, at };
  if (/^(?:Tainted: |Not tainted )\S.*\d+\.\d+/.test(msg)) return { k: 'hung-detail', state: null, at };
  if ((m = /^(?:rcu: )?\s*(\d+)-\.\.\.[.!\w]*: /.exec(msg))) return { k: 'rcu-detail', cpu: Number(m[1]), at };
  if (/^(?:rcu: )|^\s*\(detected by \d+, t=\d+ jiffies|^\s*\(t=\d+ jiffies|^Task dump for CPU \d+:|^rcu_\w+ kthread starved/.test(msg)) return { k: 'rcu-detail', cpu: null, at };
  if ((m = /^page dumped because: (.*)$/.exec(msg))) return { k: 'bad-page-detail', reason: m[1]!, at };
  if (/^(?:page:[0-9a-f]+ |page:\s*[0-9a-f]+ refcount|flags: 0x[0-9a-f]+\(|raw: [0-9a-f]{16}|page_owner |anon flags:|head: [0-9a-f]{16})/.test(msg)) return { k: 'bad-page-detail', reason: null, at };
  if (msg.startsWith('mce: ') || msg.startsWith('[Hardware Error]')) return { k: 'detail', what: 'hw', at };
  if (DETAIL.test(msg)) return { k: 'detail', what: 'oops', at };
  return null;
}

function soft(m: RegExpExecArray, ms: number, at: Record<string, Loc>): EventLine {
  at.cpu = loc(ms, m, 1);
  at.seconds = loc(ms, m, 2);
  at.comm = loc(ms, m, 3);
  at.pid = loc(ms, m, 4);
  return { k: 'soft-lockup', cpu: Number(m[1]), seconds: Number(m[2]), comm: m[3]!, pid: Number(m[4]), at };
}

function die(m: RegExpExecArray, msg: string, ms: number, at: Record<string, Loc>): EventLine {
  const what = m[1]!;
  const type = what.startsWith('general protection')
    ? 'general-protection'
    : what === 'invalid opcode'
      ? 'invalid-opcode'
      : what === 'double fault'
        ? 'double-fault'
        : what === 'stack segment'
          ? 'stack-segment'
          : what.startsWith('Internal error')
            ? 'internal-error'
            : 'oops';
  at.errorCode = loc(ms, m, 2);
  return { k: 'die', headline: msg, type, errorCode: m[2]!, dieCounter: Number(m[3]), at };
}

function oopsStart(msg: string, ms: number, at: Record<string, Loc>): EventLine {
  let m: RegExpExecArray | null;
  // x86 ≤5.0 `BUG: unable to handle kernel NULL pointer dereference at %px` / `… paging request at %px`;
  // 5.3+ `BUG: kernel NULL pointer dereference, address: %px` / `BUG: unable to handle page fault for address: %px`;
  // arm64 `Unable to handle kernel NULL pointer dereference at virtual address %016lx`.
  if ((m = /(NULL pointer dereference|paging request|page fault)(?:, address:| for address:| at virtual address| at) ([0-9a-fx]+)/d.exec(msg))) {
    at.address = loc(ms, m, 2);
    return { k: 'oops-start', headline: msg, type: m[1] === 'NULL pointer dereference' ? 'null-deref' : 'paging-request', address: m[2]!, location: null, at };
  }
  if ((m = /^kernel BUG at (.*?)!?$/d.exec(msg))) {
    at.location = loc(ms, m, 1);
    return { k: 'oops-start', headline: msg, type: 'bug', address: null, location: m[1]!, at };
  }
  if ((m = /^BUG: KASAN: ([\w-]+) in (\S+)/.exec(msg))) return { k: 'oops-start', headline: msg, type: 'kasan', address: null, location: m[2]!, at };
  if ((m = /^UBSAN: ([\w-]+) in (\S+)/.exec(msg))) return { k: 'oops-start', headline: msg, type: 'ubsan', address: null, location: m[2]!, at };
  return { k: 'oops-start', headline: msg, type: 'bug', address: null, location: null, at };
}

/** fs/coredump.c messages: 3.10–6.6 bare, 6.12+ prefixed `coredump: %d(%*pE): `. */
function coredumpLine(msg: string, ms: number, at: Record<string, Loc>): EventLine | null {
  let m: RegExpExecArray | null;
  let pid: number | null = null;
  let comm: string | null = null;
  let text = msg;
  if ((m = /^coredump: (\d+)\((.*?)\): /d.exec(msg))) {
    pid = Number(m[1]);
    comm = m[2]!;
    at.pid = loc(ms, m, 1);
    at.comm = loc(ms, m, 2);
    text = msg.slice(m[0].length);
  } else if ((m = /^(?:Process|Pid) (\d+)\((.*?)\) /d.exec(msg))) {
    pid = Number(m[1]);
    comm = m[2]!;
    at.pid = loc(ms, m, 1);
    at.comm = loc(ms, m, 2);
  }
  const outcome = /RLIMIT_CORE (?:set to|is set to) 1/.test(text)
    ? 'aborted'
    : /over core_pipe_limit/.test(text)
      ? 'skipped'
      : /can only dump core to (?:a )?fully qualified path/.test(text)
        ? 'skipped'
        : /^format_corename failed/.test(text)
          ? 'failed'
          : /^Core dump to .* pipe failed|^\|.* pipe failed/.test(text)
            ? 'failed'
            : /^Core dump to .* disabled/.test(text)
              ? 'disabled'
              : /^Core dump to .* aborted: /.test(text)
                ? 'aborted'
                : /failed to allocate memory/.test(text) && pid !== null
                  ? 'failed'
                  : /^Unsafe core_pattern used with fs\.suid_dumpable=2/.test(text)
                    ? 'unsafe-pattern'
                    : /^Coredump socket /.test(text)
                      ? 'failed'
                      : null;
  if (outcome) return { k: 'coredump', pid, comm, outcome, message: msg, continued: false, at };
  // The second line of the two-line messages (3.10–6.6).
  if (/^(?:Aborting core|Skipping core dump|Pipe handler or fully qualified core dump path required\.|Set kernel\.core_pattern before fs\.suid_dumpable\.)$/.test(msg)) {
    return { k: 'coredump', pid: null, comm: null, outcome: '', message: msg, continued: true, at };
  }
  return null;
}

/** Fast test for lines that may start one of these events, for lines outside any report. */
export const EVENT_ANCHOR =
  /page allocation (?:failure|stalls)|BUG: |Oops|\[#\d+\]|general protection fault|invalid opcode: |Internal error: |Unable to handle kernel |kernel BUG at |cut here|WARNING: |Kernel panic|soft lockup|hard LOCKUP|blocked for more than|detected stall|self-detected stall|Hardware Error|EDAC |segfault at |\]: unhandled |traps: | ip:[0-9a-f]+ sp:|coredump|core dump|Core dump|Aborting core|Skipping core|core_pattern|RLIMIT_CORE|core_pipe_limit|dump core to|format_corename|UBSAN: /;
