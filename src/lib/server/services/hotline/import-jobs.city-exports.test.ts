import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatDeadline } from '$lib/domain/deadlines';
import { toCsv, utf8 } from '../../import/test-files';
import { commitImport } from './import-commit';
import { tmp } from './import-jobs.files.fixtures';
import { analyse, importRow, orders, useImportJobsEnv } from './import-jobs.fixtures';

// Files shaped like the city's 12345 exports, made here: a merged title row above the header, a
// 办理时限 and a 截止时间 column, a line repeated, an unreadable limit ('尽快'), a deadline before the
// 派单时间. Each file gives its row-by-row outcome; committing gives the orders their deadlines.

const env = useImportJobsEnv();

const TITLE = '12345市民服务热线工单导出';
const HEADER = [
	'工单号',
	'来源渠道',
	'诉求类型',
	'诉求人',
	'联系电话',
	'地址',
	'诉求内容',
	'派单时间',
	'办理时限',
	'截止时间'
];
/** 派单时间 Monday 2026-09-28 09:15; 国庆 (10-01…10-07 off, 10-10 a make-up Saturday) lies inside the limits. */
const RECEIVED = '2026-09-28 09:15';
const row = (no: string, type: string, address: string, limit: string, due = '') => [
	no,
	'12345热线',
	type,
	'欧阳娜娜',
	'13812345678',
	address,
	'楼道堆物，影响通行',
	RECEIVED,
	limit,
	due
];

/** Line numbers: 1 title, 2 header, then 3… */
const rows = (p: string) => [
	row(`${p}-001`, '投诉', '古美一村 12 号 302 室', '15个工作日'), // 3: the city's 15 wd, not the type's 5
	row(`${p}-002`, '投诉', '莘庄镇某小区', '5个工作日'), // 4: as the default; no known road or 小区
	row(`${p}-001`, '投诉', '古美一村 12 号 302 室', '15个工作日'), // 5: line 3 again, to the letter
	row(`${p}-003`, '咨询', '平吉三村 5 号', '尽快'), // 6: unreadable limit → the type's 1 wd, said so
	row(`${p}-004`, '投诉', '古美一村', '', '2026-09-27 18:00'), // 7: deadline before the 派单时间
	row(`${p}-005`, '求助', '东兰一居门口', '24小时'), // 8: 24 natural hours
	row(`${p}-006`, '投诉', '古美三村', '', '2026-10-20') // 9: a 截止时间 date: 24:00 of that day
];

async function writeCsv(p: string): Promise<string> {
	return tmp.file(`${p}.csv`, utf8('\uFEFF' + toCsv([[TITLE, '', '', ''], HEADER, ...rows(p)])));
}

async function writeXlsx(p: string): Promise<string> {
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('工单');
	ws.addRow([TITLE]);
	ws.mergeCells(1, 1, 1, HEADER.length);
	ws.addRow(HEADER);
	for (const r of rows(p)) ws.addRow(r);
	const file = tmp.file(`${p}.xlsx`);
	await wb.xlsx.writeFile(file);
	return file;
}

const at = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);

describe.each([
	['CSV', 'CE-C', writeCsv],
	['XLSX', 'CE-X', writeXlsx]
] as const)('a city export as %s, title row above the header', (kind, p, write) => {
	it('previews row by row: the header found on line 2, the repeated line counted once, the limits read, the bad rows named', async () => {
		const { row: imp, report } = await analyse(await write(p));
		expect(imp).toMatchObject({ status: 'previewed', total_rows: 7, valid_rows: 5, error_rows: 1, new_rows: 5 });
		expect(report.headerLine).toBe(2);
		expect(report.repeated).toBe(1);
		expect(report.problems).toEqual([{ line: 7, column: 'dueAt', code: 'due_before_received' }]);
		const notes = report.notes.map((n: { line: number; code: string; params?: Record<string, string> }) => [
			n.line,
			n.code,
			n.params
		]);
		expect(notes).toEqual([
			[1, 'title_row_skipped', { header: '2' }],
			[
				3,
				'limit_from_file',
				{ given: '15个工作日', deadline: '2026-10-23 24:00', limit: '5 工作日', standard: '2026-10-10 24:00' }
			],
			[3, 'community_from_address', { community: '古美一村', name: '古美一村' }],
			[4, 'community_pending', { names: '' }],
			[5, 'repeated_line', { first: '3' }],
			[6, 'limit_unreadable', { text: '尽快', limit: '1 工作日', deadline: '2026-09-29 24:00' }],
			[6, 'community_from_address', { community: '平吉三村', name: '平吉三村' }],
			[
				8,
				'limit_from_file',
				{ given: '24小时', deadline: '2026-09-29 09:15', limit: '5 工作日', standard: '2026-10-10 24:00' }
			],
			[8, 'community_from_address', { community: '东兰一居', name: '东兰一居' }],
			[
				9,
				'limit_from_file',
				{ given: '2026-10-20 24:00', deadline: '2026-10-20 24:00', limit: '5 工作日', standard: '2026-10-10 24:00' }
			],
			[9, 'community_from_address', { community: '古美三村', name: '古美三村' }]
		]);
	});

	it('commits the valid rows with the deadline the city gave, each order once', async () => {
		const { imp } = await analyse(await write(`${p}W`));
		await commitImport(
			env.db,
			imp,
			tmp.file(`${p}W.${kind === 'CSV' ? 'csv' : 'xlsx'}`),
			'valid_only',
			env.actorId,
			Date.parse('2026-09-29T10:00:00+08:00')
		);
		expect((await importRow(imp.id)).status).toBe('committed');
		const stored = await orders(`${p}W`);
		const communities = new Map(
			(await env.db.selectFrom('communities').select(['id', 'name']).execute()).map((c) => [c.id, c.name])
		);
		expect(
			stored.map((o) => [
				o.order_no,
				formatDeadline(o.deadline_at),
				o.limit_value,
				o.limit_unit,
				o.community_id === null ? '待定' : communities.get(o.community_id)
			])
		).toEqual([
			[`${p}W-001`, '2026-10-23 24:00', 15, 'wd', '古美一村'],
			[`${p}W-002`, '2026-10-10 24:00', 5, 'wd', '待定'],
			[`${p}W-003`, '2026-09-29 24:00', 1, 'wd', '平吉三村'],
			[`${p}W-005`, '2026-09-29 09:15', 24, 'h24', '东兰一居'],
			[`${p}W-006`, '2026-10-20 24:00', 5, 'wd', '古美三村']
		]);
		expect(stored.find((o) => o.order_no === `${p}W-005`)!.deadline_at).toBe(at('2026-09-29 09:15'));
	});
});

describe('header-like rows', () => {
	it('a second header row (Chinese, then English) is refused, naming both lines', async () => {
		const english = [
			'orderNo',
			'channel',
			'orderType',
			'name',
			'phone',
			'address',
			'content',
			'receivedAt',
			'timeLimit',
			'dueAt'
		];
		const file = tmp.file(
			'two-headers.csv',
			utf8(toCsv([HEADER, english, row('TH-001', '投诉', '古美一村', '15个工作日')]))
		);
		const { row: imp, report } = await analyse(file);
		expect(imp.status).toBe('failed');
		expect(report).toEqual({ fileError: 'two_header_rows', line: 2, otherLine: 1 });
	});

	it('a header repeated below the data (two exports pasted together) is refused at its line', async () => {
		const file = tmp.file(
			'pasted.csv',
			utf8(
				toCsv([
					[TITLE],
					HEADER,
					row('TP-001', '投诉', '古美一村', ''),
					[TITLE],
					HEADER,
					row('TP-002', '投诉', '古美一村', '')
				])
			)
		);
		const { report } = await analyse(file);
		expect(report).toEqual({ fileError: 'two_header_rows', line: 5, otherLine: 2 });
	});

	it('the same 工单号 with other content is still an error of the later row, naming the first', async () => {
		const other = row('TD-001', '投诉', '古美一村', '');
		other[6] = '另一件事';
		const file = tmp.file('dup.csv', utf8(toCsv([HEADER, row('TD-001', '投诉', '古美一村', ''), other])));
		const { row: imp, report } = await analyse(file);
		expect(imp).toMatchObject({ valid_rows: 1, error_rows: 1 });
		expect(report.problems).toEqual([
			{ line: 3, column: 'orderNo', code: 'duplicate_in_file', params: { first: '2' } }
		]);
	});
});
