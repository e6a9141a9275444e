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
          try {
            for (;;) {
              const buf = Buffer.alloc(pieceBytes);
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
  const bytes: AsyncIterable<Buffer> = gz ? Readable.from(rest).pipe(createGunzip()) : rest;
  const decoder = new TextDecoder('utf-8', { fatal: false });
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
    let s = carry + text;
    if (first && s.length > 0) {
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
      first = false;
    }
    if (dropping) {
      // Skip the rest of an overlong line, up to and including its break.
      const nl = s.indexOf('\n');
      const cr = s.indexOf('\r');
      const b = nl === -1 ? cr : cr === -1 ? nl : Math.min(nl, cr);
      if (b === -1) {
        carry = '';
        continue;
      }
      dropping = false;
      s = s.slice(b + (s.charCodeAt(b) === 13 && s.charCodeAt(b + 1) === 10 ? 2 : 1));
    }
    // Cut after the last line break; a trailing `\r` waits in case `\n` follows.
    let cut = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'));
    if (cut === s.length - 1 && s.charCodeAt(cut) === 13) cut = Math.max(s.lastIndexOf('\n', cut - 1), s.lastIndexOf('\r', cut - 1));
    if (cut < 0) {
      // A "line" with no break for a megabyte (binary data): hand on its start, so the analysis
      // reports one overlong line (its own piece, so one line), and drop the rest.
      if (s.length > MAX_CARRY) {
        yield s.slice(0, MAX_CARRY);
        carry = '';
        dropping = true;
      } else carry = s;
      continue;
    }
    yield s.slice(0, cut + 1);
    carry = s.slice(cut + 1);
  }
  carry += decoder.decode();
  if (carry.length > 0) yield carry;
}

