// RFC 4180 streaming CSV parser (comma-separated). Text chunks in (see encoding.ts), records out.
// - Quoted fields may hold commas, doubled quotes and line breaks; CRLF, LF and a lone CR end a record.
// - `line` is the 1-based physical line where the record starts (line breaks inside quotes count).
// - A leading BOM is dropped; a final line break does not make an extra record.
// - Records whose cells are all empty or spaces (blank lines, ",,,," rows Excel leaves behind) are skipped;
//   line numbers still count them, so reports point at the right line.
// - Lenient where Excel is: a quote inside an unquoted field is kept as text; text after a closing quote
//   is appended ("ab"c → abc). An unterminated quoted field → ImportFileError('malformed_csv', its line).
// Speed: one charCodeAt scan and one slice per field; an unfinished record at the end of a chunk is
// re-read when more text arrives (waiting for twice the text when it is long, so the work stays linear).
import { ImportFileError } from './errors';

export interface RowRecord {
	line: number;
	cells: string[];
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

function lineBreaks(s: string, from: number, to: number): number {
	let n = 0;
	for (let k = from; k < to; k++) {
		const c = s.charCodeAt(k);
		if (c === LF || (c === CR && s.charCodeAt(k + 1) !== LF)) n++;
	}
	return n;
}

function hasValue(cells: string[]): boolean {
	for (let k = 0; k < cells.length; k++) if (cells[k] !== '' && cells[k].trim() !== '') return true;
	return false;
}

class CsvReader {
	line = 1; // physical line at the start of the unread text

	/** Parses complete records of `s` into `out`; returns how much of `s` was consumed. */
	read(s: string, final: boolean, out: RowRecord[]): number {
		const n = s.length;
		let i = 0;
		let line = this.line;
		while (i < n) {
			const recStart = i;
			const recLine = line;
			const cells: string[] = [];
			for (;;) {
				if (i < n && s.charCodeAt(i) === QUOTE) {
					const fieldLine = line;
					const open = i;
					let value = '';
					let seg = i + 1;
					let j = seg;
					for (;;) {
						const q = s.indexOf('"', j);
						if (q < 0 || (q + 1 >= n && !final)) {
							if (!final) return this.stop(recStart, recLine);
							throw new ImportFileError('malformed_csv', fieldLine);
						}
						if (s.charCodeAt(q + 1) === QUOTE) {
							value += s.slice(seg, q + 1);
							j = seg = q + 2;
							continue;
						}
						value += s.slice(seg, q);
						i = q + 1;
						break;
					}
					line += lineBreaks(s, open, i);
					let k = i;
					for (; k < n; k++) {
						const c = s.charCodeAt(k);
						if (c === COMMA || c === LF || c === CR) break;
					}
					if (k > i) value += s.slice(i, k);
					i = k;
					cells.push(value);
				} else {
					let k = i;
					for (; k < n; k++) {
						const c = s.charCodeAt(k);
						if (c === COMMA || c === LF || c === CR) break;
					}
					cells.push(k === i ? '' : s.slice(i, k));
					i = k;
				}
				if (i >= n) {
					if (!final) return this.stop(recStart, recLine);
					break;
				}
				const c = s.charCodeAt(i);
				if (c === COMMA) {
					i++;
					continue;
				}
				if (c === CR) {
					if (i + 1 >= n && !final) return this.stop(recStart, recLine);
					i += s.charCodeAt(i + 1) === LF ? 2 : 1;
				} else i++;
				line++;
				break;
			}
			if (hasValue(cells)) out.push({ line: recLine, cells });
		}
		this.line = line;
		return n;
	}

	private stop(recStart: number, recLine: number): number {
		this.line = recLine;
		return recStart;
	}
}

/** Streams records out of text chunks. Throws ImportFileError('malformed_csv', line). */
export async function* parseCsv(chunks: AsyncIterable<string>): AsyncGenerator<RowRecord> {
	const reader = new CsvReader();
	let buf = '';
	let wait = 0; // do not re-read an unfinished record before the buffer reaches this length
	let first = true;
	const out: RowRecord[] = [];
	for await (const chunk of chunks) {
		if (!chunk) continue;
		buf = buf ? buf + chunk : chunk;
		if (first) {
			first = false;
			if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1);
		}
		if (buf.length < wait) continue;
		const used = reader.read(buf, false, out);
		buf = used === buf.length ? '' : buf.slice(used);
		wait = buf.length > 65536 ? buf.length * 2 : 0;
		for (let k = 0; k < out.length; k++) yield out[k];
		out.length = 0;
	}
	reader.read(buf, true, out);
	yield* out;
}
