// Test helpers for the import tests: a GB18030 encoder (no iconv-lite in node_modules) and temp files.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ORDER_LEADING_HEADERS } from '$lib/domain/hotline-order-columns';

let table: Map<string, number> | null = null;

/**
 * GB18030 encoder for ASCII and the two-byte (GBK) range, built by inverting Node's own full-ICU
 * decoder over every lead/trail pair. Enough for Chinese test text; throws for 4-byte characters.
 */
export function encodeGb18030(text: string): Uint8Array<ArrayBuffer> {
	if (!table) {
		table = new Map();
		const dec = new TextDecoder('gb18030');
		for (let lead = 0x81; lead <= 0xfe; lead++) {
			for (let trail = 0x40; trail <= 0xfe; trail++) {
				if (trail === 0x7f) continue;
				const ch = dec.decode(new Uint8Array([lead, trail]));
				if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, (lead << 8) | trail);
			}
		}
	}
	const out: number[] = [];
	for (const ch of text) {
		const cp = ch.codePointAt(0)!;
		if (cp < 0x80) {
			out.push(cp);
			continue;
		}
		const code = table.get(ch);
		if (code === undefined) throw new Error(`no two-byte GB18030 code for ${ch}`);
		out.push(code >> 8, code & 0xff);
	}
	return new Uint8Array(out);
}

export const utf8 = (s: string) => new TextEncoder().encode(s);

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
	return new Uint8Array(Buffer.concat(parts));
}

/** Splits bytes into chunks of `size` (to exercise chunk boundaries) as an async iterable. */
export async function* chunked<T extends Uint8Array | string>(data: T, size: number): AsyncGenerator<T> {
	for (let i = 0; i < data.length; i += size) yield data.slice(i, i + size) as T;
}

export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
	const out: T[] = [];
	for await (const x of it) out.push(x);
	return out;
}

/** Rejection of a promise, or of consuming an async iterable, as { code, line }. */
export async function failure(p: Promise<unknown> | AsyncIterable<unknown>): Promise<{ code?: string; line?: number }> {
	try {
		await (Symbol.asyncIterator in p ? collect(p as AsyncIterable<unknown>) : p);
	} catch (e) {
		const { code, line } = e as { code?: string; line?: number };
		return { code, line };
	}
	throw new Error('expected a failure');
}

export function tempDir(prefix: string): {
	dir: string;
	file: (name: string, data?: Uint8Array | string) => string;
	cleanup: () => void;
} {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
	return {
		dir,
		file: (name, data) => {
			const p = path.join(dir, name);
			if (data !== undefined) fs.writeFileSync(p, data);
			return p;
		},
		cleanup: () => fs.rmSync(dir, { recursive: true, force: true })
	};
}

export const ORDER_HEADERS = [...ORDER_LEADING_HEADERS, '类别', '居民区', '备注'];

/** A generated 12-column order row; every 10th has a quoted comma, every 25th a line break and quotes. */
export function orderRow(i: number): string[] {
	const content =
		i % 25 === 0
			? `楼道灯不亮，\n居民说"晚上很黑"`
			: i % 10 === 0
				? `噪音扰民, 夜间施工`
				: `小区门口道路破损需要维修${i % 7}`;
	return [
		`GD2024${String(i).padStart(8, '0')}`,
		'12345热线',
		['咨询', '建议', '求助', '投诉'][i % 4],
		i % 9 === 0 ? '紧急' : '一般',
		`张${i % 100}`,
		`138${String(i).padStart(8, '0')}`,
		`幸福路${i % 300}号${i % 20}室`,
		content,
		`2024-05-${String((i % 28) + 1).padStart(2, '0')} 09:${String(i % 60).padStart(2, '0')}:00`,
		'市容环境',
		`第${i % 12}居民区`,
		''
	];
}

/** Minimal CSV writer for test input (quotes when needed, CRLF). */
export const toCsv = (rows: string[][], eol = '\r\n') =>
	rows.map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join(eol) + eol;
