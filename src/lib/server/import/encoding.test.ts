import fs from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createTextDecoderStream, decodeImportText, detectEncoding, SNIFF_BYTES } from './encoding';
import { chunked, collect, concatBytes, encodeGb18030, failure, tempDir, utf8 } from './test-files';

const tmp = tempDir('gridcase-encoding-');
afterAll(tmp.cleanup);

const TEXT = '工单号,诉求人,诉求内容\r\nGD001,张三,"路灯不亮，请尽快处理"\r\nGD002,李四·王五,噪音扰民\r\n';
const BOM = Uint8Array.of(0xef, 0xbb, 0xbf);

async function decodeFile(name: string, bytes: Uint8Array, highWaterMark?: number): Promise<string> {
	const p = tmp.file(name, bytes);
	return (await collect(decodeImportText(fs.createReadStream(p, { highWaterMark })))).join('');
}

describe('detectEncoding', () => {
	it('tells UTF-8, UTF-8 with BOM and GB18030 apart', () => {
		expect(detectEncoding(utf8(TEXT))).toBe('utf-8');
		expect(detectEncoding(concatBytes(BOM, utf8(TEXT)))).toBe('utf-8-bom');
		expect(detectEncoding(encodeGb18030(TEXT))).toBe('gb18030');
		expect(detectEncoding(utf8('GD001,abc\n'))).toBe('utf-8');
	});

	it('accepts a sample cut inside a UTF-8 character', () => {
		const bytes = utf8('工单号');
		expect(detectEncoding(bytes.subarray(0, 4))).toBe('utf-8');
	});

	it('refuses a sample with UTF-8 Chinese lines followed by GB18030 lines', () => {
		const bytes = concatBytes(utf8('工单号,诉求人\n'), encodeGb18030('GD001,张三\n'));
		expect(() => detectEncoding(bytes)).toThrow(expect.objectContaining({ code: 'mixed_encoding', line: 2 }));
	});
});

describe('decodeImportText on real files', () => {
	it('decodes UTF-8, UTF-8 with BOM (BOM dropped) and GB18030, also one byte at a time', async () => {
		for (const hwm of [undefined, 1, 3]) {
			expect(await decodeFile('u.csv', utf8(TEXT), hwm)).toBe(TEXT);
			expect(await decodeFile('bom.csv', concatBytes(BOM, utf8(TEXT)), hwm)).toBe(TEXT);
			expect(await decodeFile('gb.csv', encodeGb18030(TEXT), hwm)).toBe(TEXT);
		}
	});

	it('switches to GB18030 when the first invalid byte comes after a long ASCII start', async () => {
		const ascii = 'GD000,abc,def\n'.repeat(Math.ceil((SNIFF_BYTES * 2) / 14));
		const bytes = concatBytes(utf8(ascii), encodeGb18030('GD999,张三,路灯\n'));
		const text = await decodeFile('late-gb.csv', bytes);
		expect(text.endsWith('GD999,张三,路灯\n')).toBe(true);
		expect(text.length).toBe(ascii.length + 12);
	});

	it('refuses UTF-8 lines followed by GB18030 lines (mixed_encoding with the line)', async () => {
		const bytes = concatBytes(utf8('工单号,诉求人\nGD001,张三\n'), encodeGb18030('GD002,李四\n'));
		expect(await failure(decodeImportText(Readable.from([Buffer.from(bytes)])))).toEqual({
			code: 'mixed_encoding',
			line: 3
		});
	});

	it('refuses a mix that starts beyond the sniffed 64 KB', async () => {
		const head = '工单号,诉求人\n' + 'GD000,张三\n'.repeat(8000); // > 64 KB of valid UTF-8
		const bytes = concatBytes(utf8(head), encodeGb18030('GD002,李四\n'));
		expect(bytes.length).toBeGreaterThan(SNIFF_BYTES);
		const p = tmp.file('late-mixed.csv', bytes);
		expect((await failure(decodeImportText(fs.createReadStream(p)))).code).toBe('mixed_encoding');
	});

	it('refuses GB18030 lines followed by UTF-8 lines', async () => {
		const bytes = concatBytes(encodeGb18030('工单号,诉求人\nGD001,张三\n'), utf8('GD002,李四说路灯不亮\n'));
		const p = tmp.file('gb-then-utf8.csv', bytes);
		expect(await failure(decodeImportText(fs.createReadStream(p, { highWaterMark: 5 })))).toEqual({
			code: 'mixed_encoding',
			line: 3
		});
	});

	it('refuses a BOM file with a GB18030 line, and a UTF-8 file cut inside a character', async () => {
		const bom = concatBytes(BOM, utf8('工单号\n'), encodeGb18030('张三\n'));
		expect((await failure(decodeImportText(chunked(bom, 4)))).code).toBe('mixed_encoding');
		const cut = utf8('工单号\n张三').subarray(0, 12);
		expect(await failure(decodeImportText(chunked(cut, 64)))).toEqual({ code: 'mixed_encoding', line: 2 });
	});

	it('works as a web TransformStream', async () => {
		const source = Readable.toWeb(Readable.from([Buffer.from(encodeGb18030(TEXT))])) as ReadableStream<Uint8Array>;
		const out = await collect(
			source.pipeThrough(createTextDecoderStream('gb18030')) as unknown as AsyncIterable<string>
		);
		expect(out.join('')).toBe(TEXT);
	});
});
