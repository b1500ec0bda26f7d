// Three fixes to exceljs 4.4.0's streaming WorkbookReader, applied from the outside (no patching of
// node_modules): exceljs calls `source.pipe(unzipperParser)`; we hook that call and the parser's push.
// These are exceljs internals, not its API: only exceljs-reader.ts applies the hooks, it refuses to read
// when they did not take hold, and exceljs-reader.test.ts pins their behaviour (run it when upgrading).
//
// 1. Split characters. exceljs turns every inflated chunk into text on its own, so a Chinese character
//    split across two chunks becomes '\ufffd' (unfixed in exceljs 4.4.0). Every XML entry gets
//    setEncoding('utf8') (a StringDecoder keeps characters whole). A worksheet that comes before
//    sharedStrings.xml (Excel's own order, and exceljs's writer) is parked by exceljs in a temp file and
//    read back in 64 KB Buffers; whatever an entry is piped into therefore receives ASCII-only XML, with
//    non-ASCII as character references (&#24037;) that the XML parser decodes back.
// 2. Zip bombs. A 1.5 MB file can inflate to gigabytes, which exceljs would hold (shared strings are
//    cached in memory), and exceljs has no option to cap it. Every byte inflated and every entry opened
//    is counted as it comes; past the limits the parser fails at once and `limits.exceeded` says why.
// 3. Hangs. A truncated or corrupt zip (or a failing source) makes the parser emit 'error' while exceljs
//    waits on an entry that will never end, so the import would hang forever. The error is forwarded to
//    the open entries and to what they are piped into, which makes exceljs throw.
// 4. Parked worksheets. exceljs deletes the temp file it parked a worksheet in only once it has read the
//    sheet to the end and asked for the next one; a reader that stops at the first sheet (ours), or
//    fails, leaves the whole sheet (callers' names and phones) in the system temp folder for good. The
//    files an entry is piped into are listed in `spooled`, for the reader to delete when it is done.
import fs from 'node:fs';
import { Transform, type Readable, type Writable } from 'node:stream';

type ZipEntry = Readable & { path?: unknown };
const XML_ENTRY = /\.(xml|rels)$/i;
const NON_ASCII = /[\u0080-\u{10ffff}]/gu;

/** XML text → pure ASCII, non-ASCII as character references. */
const asciiXml = () =>
	new Transform({
		decodeStrings: false,
		transform(chunk: string | Buffer, _enc, done) {
			done(
				null,
				String(chunk).replace(NON_ASCII, (ch) => `&#${ch.codePointAt(0)};`)
			);
		}
	});

const noop = () => {};

/** Far above any workbook within the upload limit (100,000 orders inflate to about 90 MB); far below what a bomb asks. */
export const MAX_XLSX_INFLATED_BYTES = 300 * 1024 * 1024;
export const MAX_XLSX_ENTRIES = 1000;

export interface InflateLimits {
	maxBytes: number;
	maxEntries: number;
	/** Set when a limit was passed: the read was stopped there. */
	exceeded?: 'bytes' | 'entries';
}

/** What the hooks saw: whether exceljs read through them at all, and how much they counted. */
export interface ZipHookCount {
	piped: boolean;
	entries: number;
	inflated: number;
	/** Temp files exceljs parked worksheets in (removeSpooled deletes them). */
	spooled: Set<string>;
	/** Set by removeSpooled: a file parked after it is deleted as soon as it is written. */
	removed?: boolean;
}

/** Deletes the temp files exceljs parked this workbook's worksheets in, now and from now on. */
export function removeSpooled(count: ZipHookCount): void {
	count.removed = true;
	for (const file of count.spooled) fs.rmSync(file, { force: true });
	count.spooled.clear();
}

/** Notes (or, once the reader is done, deletes) the file a worksheet entry is parked in. */
function noteSpool(count: ZipHookCount, sink: Writable & { path?: unknown }): void {
	const file = sink.path;
	if (typeof file !== 'string' && !Buffer.isBuffer(file)) return;
	const name = String(file);
	if (!count.removed) count.spooled.add(name);
	else sink.once('close', () => fs.rmSync(name, { force: true }));
}

export function hookExcelJsZip(
	source: Readable,
	limits: InflateLimits = { maxBytes: MAX_XLSX_INFLATED_BYTES, maxEntries: MAX_XLSX_ENTRIES }
): ZipHookCount {
	const count: ZipHookCount = { piped: false, entries: 0, inflated: 0, spooled: new Set() };
	const pipe = source.pipe;
	source.pipe = function (this: Readable, dest: NodeJS.WritableStream, opts?: { end?: boolean }) {
		count.piped = true;
		const parser = dest as unknown as Writable & { push: (chunk: unknown, enc?: BufferEncoding) => boolean };
		const open = new Set<Readable | Writable>();
		let failed: Error | null = null;
		const fail = (err: Error) => {
			failed ??= err;
			for (const s of open) if (!s.destroyed) s.destroy(failed);
			open.clear();
		};
		/** Streams that must fail with the parser; one registered after the failure fails at once. */
		const track = (stream: Readable | Writable, done: 'end' | 'finish') => {
			stream.on('error', noop); // exceljs listens where it reads; this keeps a forwarded error harmless
			if (failed) return queueMicrotask(() => stream.destroy(failed!));
			open.add(stream);
			stream.once(done, () => open.delete(stream));
		};
		const overLimit = (what: 'bytes' | 'entries') => {
			limits.exceeded ??= what;
			parser.emit('error', new Error(`xlsx inflates past its ${what} limit`));
			source.unpipe(parser);
			source.destroy();
		};
		parser.on('error', fail);
		source.once('error', (err: Error) => parser.emit('error', err));

		const push = parser.push;
		parser.push = function (this: unknown, chunk: unknown, enc?: BufferEncoding) {
			const entry = chunk as ZipEntry | null;
			if (entry && typeof entry.setEncoding === 'function') {
				track(entry, 'end');
				if (++count.entries > limits.maxEntries) overLimit('entries');
				const entryPush = entry.push;
				entry.push = function (this: unknown, data: unknown, e?: BufferEncoding) {
					if (data && !limits.exceeded) {
						count.inflated += (data as { length: number }).length;
						if (count.inflated > limits.maxBytes) {
							overLimit('bytes');
							return false;
						}
					}
					return entryPush.call(this, data, e);
				} as typeof entry.push;
				if (XML_ENTRY.test(String(entry.path))) {
					entry.setEncoding('utf8');
					const entryPipe = entry.pipe;
					entry.pipe = ((to: NodeJS.WritableStream, o?: { end?: boolean }) => {
						const sink = to as unknown as Writable;
						if (typeof sink.destroy === 'function' && typeof sink.once === 'function') {
							track(sink, 'finish');
							noteSpool(count, sink);
						}
						const ascii = asciiXml();
						entryPipe.call(entry, ascii);
						return ascii.pipe(to, o);
					}) as typeof entry.pipe;
				}
			}
			return push.call(this, chunk, enc);
		};
		return pipe.call(this, dest, opts);
	} as typeof source.pipe;
	return count;
}
