import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { at, endOf } from '$lib/domain/fixtures/time';
import { createTestDb, type TestDb } from '../../test-db';
import { buildCaseSheets, buildStatsSheets, parsePeriod, rateName, writeWorkbook, type Sheet } from './export';
import { gridRow, januaryCase, orderRow } from './fixtures';
import { insertSealed } from '../../repositories/sealed';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
});
afterEach(() => t.cleanup());

const NOW = at('2026-03-15 10:00');
const PHONE = '13800001111'; // the fixtures' order phone
const NAME = '=HYPERLINK("http://evil.example","点我")';

/** The sheets written as XLSX and read back with exceljs: every sheet as rows of plain values. */
async function roundTrip(sheets: Sheet[]): Promise<Map<string, unknown[][]>> {
	const out = new PassThrough();
	const chunks: Buffer[] = [];
	out.on('data', (c: Buffer) => chunks.push(c));
	await writeWorkbook(sheets, out);
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
	const read = new Map<string, unknown[][]>();
	wb.eachSheet((ws) => {
		const rows: unknown[][] = [];
		ws.eachRow({ includeEmpty: true }, (row) => {
			// A number formatted as a percentage reads back as { percent }: text such as '66.67%' would not.
			const values = (row.values as unknown[]).slice(1);
			row.eachCell((cell, col) => {
				if (cell.numFmt === '0.00%' && typeof cell.value === 'number') values[col - 1] = { percent: cell.value };
			});
			rows.push(values);
		});
		read.set(ws.name, rows);
	});
	return read;
}

async function event(caseId: number, action: string, when: number, to: string) {
	const row = {
		case_id: caseId,
		at: when,
		actor_id: t.users.get('diaodu')!,
		action,
		from_status: null,
		to_status: to,
		note: null,
		payload: null
	};
	await insertSealed(t.db, 'case_events', [row]);
}

describe('parsePeriod', () => {
	it.each([
		['from=2026-01-01&to=2026-01-31', { ok: true, from: '2026-01-01', to: '2026-01-31' }],
		['from=2024-01-01&to=2024-12-31', { ok: true, from: '2024-01-01', to: '2024-12-31' }],
		['from=2025-01-01&to=2026-01-01', { ok: true, from: '2025-01-01', to: '2026-01-01' }],
		['from=2025-01-01&to=2026-01-02', { ok: false, code: 'period_too_long', field: 'to' }],
		['to=2026-01-31', { ok: false, code: 'date_required', field: 'from' }],
		['from=2026-13-01&to=2026-12-31', { ok: false, code: 'invalid_date', field: 'from' }],
		['from=2026-01-02&to=2026-01-01', { ok: false, code: 'from_after_to', field: 'to' }]
	])('%s', (q, expected) => {
		expect(parsePeriod(new URLSearchParams(q))).toEqual(expected);
	});
});

describe('stats export', () => {
	it('one sheet with every rate (counts, percentage, rule) and the volumes, and one per month', async () => {
		await gridRow(t.db, januaryCase('2026-01-11 10:00', '2026-01-13 10:00'));
		await gridRow(t.db, januaryCase('2026-01-14 10:00', '2026-01-15 10:00', { efficientAt: null }));
		await gridRow(t.db, {
			status: 'closed',
			reportedAt: at('2026-02-02 09:00'),
			deadlineAt: endOf('2026-02-05'),
			feedbackAt: at('2026-02-03 10:00'),
			closedAt: at('2026-02-04 10:00')
		});
		const book = await roundTrip(await buildStatsSheets(t.db, '2026-01-01', '2026-02-28', NOW));
		expect([...book.keys()]).toEqual(['统计', '2026-01', '2026-02']);

		const total = book.get('统计')!;
		expect(total[0]).toEqual(['指标', '分子', '分母', '比率', '不计入', '未判定', '口径']);
		const onTime = total.find((r) => r[0] === rateName('grid_on_time'))!;
		expect(onTime.slice(0, 6)).toEqual(['网格按时办结率', 2, 3, { percent: 0.6667 }, 0, 0]);
		expect(String(onTime[6])).toContain('处置时限');
		// Nothing decided shows '—', never 0 %.
		expect(total.find((r) => r[0] === rateName('satisfaction'))!.slice(1, 4)).toEqual([0, 0, '—']);
		expect(total.find((r) => r[0] === '上报案件')!.slice(0, 2)).toEqual(['上报案件', 3]);

		expect(
			book
				.get('2026-01')!
				.find((r) => r[0] === '网格按时办结率')!
				.slice(1, 4)
		).toEqual([1, 2, { percent: 0.5 }]);
		expect(
			book
				.get('2026-02')!
				.find((r) => r[0] === '网格按时办结率')!
				.slice(1, 4)
		).toEqual([1, 1, { percent: 1 }]);
	});

	it('a period within one month has the one sheet', async () => {
		const book = await roundTrip(await buildStatsSheets(t.db, '2026-01-01', '2026-01-31', NOW));
		expect([...book.keys()]).toEqual(['统计']);
	});
});

describe('cases export', () => {
	it('milestones from the event log in Asia/Shanghai, verdicts, and orders with personal data masked and neutralised', async () => {
		const id = await gridRow(t.db, januaryCase('2026-01-12 15:00', '2026-01-13 10:00', { rework: 1 }));
		await event(id, 'report', at('2026-01-10 09:00'), 'reported');
		await event(id, 'register', at('2026-01-10 09:30'), 'registered');
		await event(id, 'dispatch', at('2026-01-10 10:00'), 'dispatched');
		await event(id, 'sign', at('2026-01-10 10:20'), 'handling');
		await event(id, 'feedback', at('2026-01-11 10:00'), 'feedback');
		await event(id, 'check_fail', at('2026-01-11 16:00'), 'handling');
		await event(id, 'feedback', at('2026-01-12 15:00'), 'feedback');
		await event(id, 'check_pass', at('2026-01-12 17:00'), 'checked');
		await event(id, 'close', at('2026-01-13 10:00'), 'closed');
		// A case of another period is not listed.
		await gridRow(t.db, { status: 'handling', reportedAt: at('2026-03-01 09:00'), deadlineAt: endOf('2026-03-20') });
		const orderId = await orderRow(t.db, {
			receivedAt: at('2026-01-05 10:00'),
			firstContactDueAt: endOf('2026-01-06'),
			firstContactAt: at('2026-01-06 09:00'),
			deadlineAt: endOf('2026-01-12'),
			firstReplyAt: at('2026-01-13 10:00'),
			completedAt: at('2026-01-14 10:00')
		});
		await t.db.updateTable('hotline_orders').set({ citizen_name: NAME }).where('id', '=', orderId).execute();

		const book = await roundTrip(await buildCaseSheets(t.db, '2026-01-01', '2026-01-31', NOW));
		expect([...book.keys()]).toEqual(['网格案件', '12345 工单']);
		const cases = book.get('网格案件')!;
		expect(cases).toHaveLength(2);
		const header = cases[0] as string[];
		const row = Object.fromEntries(header.map((h, i) => [h, cases[1][i]]));
		expect(row).toMatchObject({
			案件编号: expect.stringMatching(/^T\d+$/),
			上报时间: '2026-01-10 09:00',
			立案时间: '2026-01-10 09:30',
			派遣时间: '2026-01-10 10:00',
			签收时间: '2026-01-10 10:20',
			// 处置反馈: the last one, the one the check accepted.
			处置反馈时间: '2026-01-12 15:00',
			核查通过时间: '2026-01-12 17:00',
			结案时间: '2026-01-13 10:00',
			处置时限: '2026-01-12 24:00',
			按时办结: '是',
			高效处置: '否'
		});

		const orders = book.get('12345 工单')!;
		expect(orders).toHaveLength(2);
		const o = Object.fromEntries((orders[0] as string[]).map((h, i) => [h, orders[1][i]]));
		expect(o).toMatchObject({
			联系电话: '138****1111',
			派单时间: '2026-01-05 10:00',
			先行联系时间: '2026-01-06 09:00',
			首次答复时间: '2026-01-13 10:00',
			办结时限: '2026-01-12 24:00',
			按时办结: '否'
		});
		// The masked name keeps its first character '=': a formula, neutralised with a leading apostrophe.
		expect(o['诉求人']).toMatch(/^'=\*+$/);

		const everything = [...book.values()].flat(2).map(String).join('\n');
		expect(everything).not.toContain(PHONE);
		expect(everything).not.toContain('HYPERLINK');
		expect(
			[...book.values()]
				.flat(2)
				.filter((v) => typeof v === 'string' && /^[=+@\t\r-]/.test(v) && !/^-\d+(\.\d+)?$/.test(v))
		).toEqual([]);
	});
});
