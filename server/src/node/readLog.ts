/**
 * Reading logs from disk for the CLI and the language server ("Analyse File on Disk"): pieces that
 * end at line breaks, UTF-8 decoded as VS Code decodes it (U+FFFD for bad bytes, no BOM), `.gz`
 * recognised by its magic bytes. Node only; no editor types.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isAscii } from 'node:buffer';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/** Longest stretch without a line break kept whole; longer ones are cut (the analysis skips them anyway). */
const MAX_CARRY = 1 << 20;

/** Reads a log in pieces that end at line breaks (gunzipping `.gz` by its magic bytes), for any size. */
export async function* readLogPieces(file: string, pieceBytes = 2 << 20): AsyncGenerator<string> {
  const raw: AsyncIterable<Buffer> =
    file === '-'
      ? (process.stdin as AsyncIterable<Buffer>)
      : (async function* () {
          const fd = openSync(file, 'r');
          // One buffer for every read: each chunk is decoded before the next read (gunzip, which
          // may hold chunks, gets copies below).
          const buf = Buffer.allocUnsafe(pieceBytes);
          try {
            for (;;) {
              const r = readSync(fd, buf, 0, buf.length, null);
              if (r <= 0) return;
              yield buf.subarray(0, r);
            }
          } finally {
            closeSync(fd);
          }
        })();
  const it = raw[Symbol.asyncIterator]();
  const head = await it.next();
  if (head.done) return;
  const rest: AsyncIterable<Buffer> = (async function* () {
    yield head.value;
    for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
  })();
  const gz = head.value.length >= 2 && head.value[0] === 0x1f && head.value[1] === 0x8b;
  const copies = async function* (): AsyncGenerator<Buffer> {
    for await (const b of rest) yield Buffer.from(b);
  };
  const bytes: AsyncIterable<Buffer> = gz ? Readable.from(copies()).pipe(createGunzip()) : rest;
  // The BOM is taken off the first chunk below; a U+FEFF later in the file is text (the decoder
  // would drop one at the start of the first chunk it decodes, wherever that is in the file).
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  // Whether the decoder may hold the start of a character split between chunks.
  let pending = false;
  let carry = '';
  let first = true;
  let dropping = false;
  for await (const chunk of bytes) {
    // ASCII (most logs) is copied as is; the decoder takes the rest, and the chunk after it.
    let text: string;
    if (!pending && isAscii(chunk)) text = chunk.toString('latin1');
    else {
      text = decoder.decode(chunk, { stream: true });
      pending = !isAscii(chunk);
    }
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (dropping) {
      // Skip the rest of an overlong line, up to and including its break.
      const b = firstBreak(text);
      if (b === -1) continue;
      dropping = false;
      text = text.slice(b + (text.charCodeAt(b) === 13 && text.charCodeAt(b + 1) === 10 ? 2 : 1));
    }
    const cut = lastBreak(text);
    if (cut < 0) {
      const s = carry + text;
      // A "line" with no break for a megabyte (binary data): hand on its start, so the analysis
      // reports one overlong line (its own piece, so one line), and drop the rest.
      if (s.length > MAX_CARRY) {
        yield s.slice(0, MAX_CARRY);
        carry = '';
        dropping = true;
      } else carry = s;
      continue;
    }
    // The bulk of the chunk goes on as a slice of the decoded text (no copy); the line that began
    // in the chunk before goes on by itself.
    let from = 0;
    if (carry.length > 0) {
      let b = firstBreak(text);
      if (text.charCodeAt(b) === 13 && text.charCodeAt(b + 1) === 10) b++;
      yield carry + text.slice(0, b + 1);
      from = b + 1;
    }
    if (cut + 1 > from) yield text.slice(from, cut + 1);
    carry = text.slice(cut + 1);
  }
  carry += decoder.decode();
  if (carry.length > 0) yield carry;
}

/** The first line break of `s` (a line is short: a plain loop, no search through the whole chunk for a `\r`). */
function firstBreak(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return -1;
}

/**
 * The last line break of `s`; a `\r` at the very end does not count (a `\n` may follow in the next
 * chunk). A `\r` is looked for after the last `\n` only: most logs have none, and a search back
 * through the whole chunk would read all of it.
 */
function lastBreak(s: string): number {
  const nl = s.lastIndexOf('\n');
  let cr = -1;
  for (let c = s.indexOf('\r', nl + 1); c !== -1; c = s.indexOf('\r', c + 1)) cr = c;
  if (cr === s.length - 1) {
    // The trailing `\r` waits; an earlier `\r` after the last `\n` still counts.
    const before = cr > 0 ? s.lastIndexOf('\r', cr - 1) : -1;
    cr = before > nl ? before : -1;
  }
  return Math.max(nl, cr);
}
