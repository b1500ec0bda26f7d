// Decoding uploaded text (CSV) files: UTF-8, UTF-8 with BOM, or GB18030/GBK (what Excel saves in China).
// Bounded memory: chunks are decoded as they come; only the first SNIFF_BYTES are held to choose.
//
// Rules (see detectEncoding / ImportTextDecoder):
// - BOM EF BB BF → UTF-8; any invalid byte later is 'mixed_encoding'.
// - Valid UTF-8 → UTF-8. On the first invalid byte: if a complete earlier line held UTF-8 sequences of 3+
//   bytes (Chinese), or non-ASCII text was already handed out, the file is mixed → 'mixed_encoding';
//   otherwise everything so far was ASCII (identical in GB18030) and decoding continues as GB18030.
//   Only 3/4-byte sequences count as "seen UTF-8": GBK pairs form valid 2-byte UTF-8 by chance too often.
// - In GB18030 mode, a line that is entirely valid UTF-8 with at least two 3/4-byte sequences is a UTF-8
//   line in a GB file → 'mixed_encoding' (a GB line passes that test only by a ~1e-4 coincidence).
// - Bytes that GB18030 cannot decode either → 'mixed_encoding'.
import { ImportFileError } from './errors';

export type TextEncodingKind = 'utf-8' | 'utf-8-bom' | 'gb18030';
export const SNIFF_BYTES = 64 * 1024;
const LF = 0x0a;

interface Utf8Scan {
	invalidAt: number; // first invalid byte, or -1
	line: number; // 0-based line (LF count) of invalidAt
	mixed: boolean; // a complete line before that one held a 3/4-byte sequence
}

/**
 * Validates `b[from, to)` as UTF-8 (WHATWG rules: no overlongs, surrogates or > U+10FFFF).
 * A sequence cut off at `to` is valid unless `final`. When valid, `counts[0]` receives the number of
 * 3/4-byte sequences in the last line scanned.
 */
function scanUtf8(b: Uint8Array, from: number, to: number, final: boolean, counts?: number[]): Utf8Scan {
	let lineMb = 0;
	let mixed = false;
	let line = 0;
	for (let i = from; i < to;) {
		const c = b[i];
		if (c < 0x80) {
			if (c === LF) {
				if (lineMb > 0) mixed = true;
				lineMb = 0;
				line++;
			}
			i++;
			continue;
		}
		let len: number;
		let lo = 0x80;
		let hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) len = 2;
		else if (c >= 0xe0 && c <= 0xef) {
			len = 3;
			if (c === 0xe0) lo = 0xa0;
			else if (c === 0xed) hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			len = 4;
			if (c === 0xf0) lo = 0x90;
			else if (c === 0xf4) hi = 0x8f;
		} else return { invalidAt: i, line, mixed };
		for (let k = 1; k < len; k++) {
			if (i + k >= to) return final ? { invalidAt: i, line, mixed } : { invalidAt: -1, line, mixed: false };
			const d = b[i + k];
			if (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf) return { invalidAt: i, line, mixed };
		}
		if (len >= 3) lineMb++;
		i += len;
	}
	if (counts) counts[0] = lineMb;
	return { invalidAt: -1, line, mixed: false };
}

function countLf(b: Uint8Array): number {
	let n = 0;
	for (let i = b.indexOf(LF); i >= 0; i = b.indexOf(LF, i + 1)) n++;
	return n;
}

const mixedAt = (line?: number) => new ImportFileError('mixed_encoding', line);

/** Chooses the decoding from the first bytes of the file; throws 'mixed_encoding' when the sample already shows it. */
export function detectEncoding(sample: Uint8Array): TextEncodingKind {
	if (sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
	const scan = scanUtf8(sample, 0, sample.length, false);
	if (scan.invalidAt < 0) return 'utf-8';
	if (scan.mixed) throw mixedAt(scan.line + 1);
	return 'gb18030';
}

/** Stateful chunk decoder implementing the rules above. `decode` per chunk, then `end` once. */
export class ImportTextDecoder {
	private gb: TextDecoder | null = null;
	private utf8: TextDecoder | null;
	private nonAscii = false; // UTF-8 mode: non-ASCII bytes were already consumed
	private lines = 0; // LFs in the chunks already consumed
	private tail: Uint8Array | null = null; // GB mode: start of the unfinished line, for the UTF-8 line check

	constructor(private readonly kind: TextEncodingKind) {
		this.utf8 = kind === 'gb18030' ? null : new TextDecoder('utf-8', { fatal: true });
		if (kind === 'gb18030') this.gb = new TextDecoder('gb18030', { fatal: true });
	}

	decode(chunk: Uint8Array): string {
		if (this.utf8) {
			try {
				const s = this.utf8.decode(chunk, { stream: true });
				if (s.length !== chunk.length) this.nonAscii = true; // ASCII is the only 1 byte → 1 unit case
				this.lines += countLf(chunk);
				return s;
			} catch {
				const scan = scanUtf8(chunk, 0, chunk.length, false);
				if (this.kind === 'utf-8-bom' || this.nonAscii || scan.mixed) throw mixedAt(this.lines + scan.line + 1);
				this.utf8 = null; // all ASCII so far: the same text in GB18030
				this.gb = new TextDecoder('gb18030', { fatal: true });
			}
		}
		this.checkGbLines(chunk, false);
		this.lines += countLf(chunk);
		return this.decodeGb(chunk, true);
	}

	end(): string {
		if (this.utf8) {
			try {
				return this.utf8.decode();
			} catch {
				throw mixedAt(this.lines + 1); // the file ends inside a UTF-8 sequence
			}
		}
		this.checkGbLines(new Uint8Array(0), true);
		return this.decodeGb(undefined, false);
	}

	private decodeGb(chunk: Uint8Array | undefined, stream: boolean): string {
		try {
			return this.gb!.decode(chunk, { stream });
		} catch {
			throw mixedAt(); // neither UTF-8 nor GB18030
		}
	}

	/** GB mode: refuse a complete line that is valid UTF-8 with two or more 3/4-byte sequences. */
	private checkGbLines(chunk: Uint8Array, final: boolean) {
		let buf = chunk;
		if (this.tail) {
			buf = new Uint8Array(this.tail.length + chunk.length);
			buf.set(this.tail);
			buf.set(chunk, this.tail.length);
		}
		const counts = [0];
		let line = this.lines; // the tail never holds an LF
		let start = 0;
		for (;;) {
			const lf = buf.indexOf(LF, start);
			const end = lf < 0 ? buf.length : lf;
			if (lf < 0 && !final) break;
			if (scanUtf8(buf, start, end, true, counts).invalidAt < 0 && counts[0] >= 2) throw mixedAt(line + 1);
			if (lf < 0) break;
			start = lf + 1;
			line++;
		}
		// Keep the unfinished line (bounded: a longer line is only checked on its last 64 KB).
		const rest = final ? null : buf.subarray(Math.max(start, buf.length - SNIFF_BYTES));
		this.tail = rest && rest.length ? rest.slice() : null;
	}
}

/** The same decoder as a web TransformStream (bytes in, text out). */
export function createTextDecoderStream(kind: TextEncodingKind): TransformStream<Uint8Array, string> {
	const decoder = new ImportTextDecoder(kind);
	return new TransformStream<Uint8Array, string>({
		transform(chunk, controller) {
			const s = decoder.decode(chunk);
			if (s) controller.enqueue(s);
		},
		flush(controller) {
			const s = decoder.end();
			if (s) controller.enqueue(s);
		}
	});
}

/**
 * Sniffs the first SNIFF_BYTES of `source` (e.g. fs.createReadStream(path)), then decodes the whole stream.
 * Yields text chunks for parseCsv; throws ImportFileError('mixed_encoding').
 */
export async function* decodeImportText(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
	let head: Uint8Array[] | null = [];
	let headBytes = 0;
	let decoder = new ImportTextDecoder('utf-8'); // replaced once the sample is sniffed
	for await (const chunk of source) {
		if (head) {
			head.push(chunk);
			headBytes += chunk.length;
			if (headBytes < SNIFF_BYTES) continue;
		}
		let bytes = chunk;
		if (head) {
			bytes = Buffer.concat(head);
			head = null;
			decoder = new ImportTextDecoder(detectEncoding(bytes));
		}
		const s = decoder.decode(bytes);
		if (s) yield s;
	}
	if (head) {
		const sample = Buffer.concat(head);
		decoder = new ImportTextDecoder(detectEncoding(sample));
		const s = decoder.decode(sample);
		if (s) yield s;
	}
	const s = decoder.end();
	if (s) yield s;
}
