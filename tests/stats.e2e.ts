import { expect, test } from './csp';
import { asUser, ready } from './helpers';
import { SHOWN_RATES } from '../src/lib/domain/rates';

test('statistics: a leader reads the month, opens the cases behind a figure and prints the monthly report', async ({
	browser
}) => {
	const leader = await asUser(browser, 'lingdao');
	await leader.goto('/stats');
	await ready(leader);
	await expect(leader.getByRole('heading', { level: 1, name: '运行统计' })).toBeVisible();

	// Eight cards, each with the rate and both counts.
	const cards = leader.locator('article.rate');
	await expect(cards).toHaveCount(8);
	for (const rate of SHOWN_RATES) {
		const card = leader.locator(`article[data-rate="${rate}"]`);
		await expect(card.locator('[data-value]')).toHaveText(/^(\d{1,3}\.\d{2}%|—)$/);
		await expect(card.locator('.counts')).toContainText(/\d+ \/ \d+/);
	}
	const card = leader.locator('article[data-rate="grid_on_time"]');
	await expect(card.getByRole('heading')).toHaveText('网格案件按时办结率');
	const denominator = Number(await card.locator('[data-denominator]').textContent());
	expect(denominator).toBeGreaterThan(0); // the demo data has cases due this month

	// The list behind the denominator has exactly that many cases.
	await card.locator('[data-part="denominator"]').click();
	await leader.waitForURL(/\/stats\/cases\?/);
	await expect(leader.getByRole('heading', { level: 1 })).toHaveText('网格案件按时办结率 · 分母');
	await expect(leader.locator('[data-total]')).toHaveAttribute('data-total', String(denominator));
	await expect(leader.locator('[data-total]')).toHaveText(`共 ${denominator} 件`);
	await expect(leader.locator('tbody tr')).toHaveCount(Math.min(denominator, 50));
	await expect(leader.locator('tbody tr a').first()).toHaveAttribute('href', /^\/cases\/\d+$/);

	// A bad parameter is refused, not ignored.
	const bad = await leader.request.get('/stats/cases?rate=grid_on_time&part=everything&from=2026-01-01&to=2026-01-31');
	expect(bad.status()).toBe(400);

	// The printable monthly report, to PDF.
	const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
		.format(new Date())
		.slice(0, 7);
	await leader.goto(`/stats-report?month=${month}`);
	await ready(leader);
	const [y, mo] = month.split('-');
	await expect(leader.getByRole('heading', { level: 1 })).toHaveText(
		`古美路街道城运中心 ${y}年${Number(mo)}月 运行情况月报`
	);
	await expect(leader.locator('tr[data-rate]')).toHaveCount(8);
	await expect(leader.locator('figure svg').first()).toBeVisible();
	await leader.emulateMedia({ media: 'print' });
	await expect(leader.getByRole('button', { name: '打印' })).toBeHidden();
	const pdf = await leader.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	await leader.context().close();
});

test('statistics are for leadership and the 城运中心 only', async ({ browser }) => {
	const worker = await asUser(browser, 'wangge');
	const res = await worker.goto('/stats');
	expect(res?.status()).toBe(403);
	expect((await worker.request.get('/stats-report?month=2023-12')).status()).toBe(403);
	await worker.context().close();
});

test('2023 as published: a leader reads 99.83 %, opens the late case, exports XLSX and prints the report', async ({
	browser
}, info) => {
	const leader = await asUser(browser, 'lingdao');
	await leader.goto('/stats?from=2023-01-01&to=2023-12-31');
	await ready(leader);
	const value = (rate: string) => leader.locator(`article[data-rate="${rate}"] [data-value]`);
	await expect(value('grid_on_time')).toHaveText('99.83%');
	await expect(value('grid_efficient')).toHaveText('70.15%');
	await expect(value('first_contact')).toHaveText('97.35%');
	await expect(value('hotline_on_time')).toHaveText('100.00%');
	const card = leader.locator('article[data-rate="grid_on_time"]');
	await expect(card.locator('[data-numerator]')).toHaveText('602');
	await expect(card.locator('[data-denominator]')).toHaveText('603');

	// The one late case of the year, by name.
	await card.locator('[data-part="missed"]').click();
	await leader.waitForURL(/part=missed/);
	await expect(leader.locator('[data-total]')).toHaveText('共 1 件');
	await expect(leader.locator('tbody tr')).toHaveCount(1);
	const caseHref = await leader.locator('tbody tr a').first().getAttribute('href');
	expect(caseHref).toMatch(/^\/cases\/\d+$/);

	// The figures and the case list as XLSX, opened and read back.
	const ExcelJS = (await import('exceljs')).default;
	const read = async (kind: string) => {
		const res = await leader.request.get(`/stats/export?from=2023-01-01&to=2023-12-31&kind=${kind}`);
		expect(res.status()).toBe(200);
		const book = new ExcelJS.Workbook();
		await book.xlsx.load((await res.body()) as unknown as ArrayBuffer);
		return book;
	};
	const stats = await read('stats');
	const rows = stats.getWorksheet('统计')!.getSheetValues().filter(Boolean) as unknown[][];
	const gridRow = rows.find((r) => r.includes('网格按时办结率'));
	expect(gridRow).toEqual(expect.arrayContaining([602, 603, 0.9983]));
	// The rate is a number a spreadsheet can compute with, shown as a percentage.
	let rateCell: { value: unknown; numFmt: string } | undefined;
	stats.getWorksheet('统计')!.eachRow((row) => {
		if (row.getCell(1).value === '网格按时办结率') rateCell = row.getCell(4);
	});
	expect([rateCell?.value, rateCell?.numFmt]).toEqual([0.9983, '0.00%']);
	const cases = await read('cases');
	const gridSheet = cases.getWorksheet('网格案件')!;
	// The rows behind the rate: decided plus excluded, as the JSON API counts them too.
	const api = await (await leader.request.get('/api/v1/stats?from=2023-01-01&to=2023-12-31')).json();
	expect(api.rates.grid_on_time).toMatchObject({ numerator: 602, denominator: 603, value: 0.9983, undecided: 0 });
	expect(gridSheet.rowCount - 1).toBe(603 + api.rates.grid_on_time.excluded);
	const orders = cases.getWorksheet('12345 工单')!;
	const text = JSON.stringify(orders.getSheetValues());
	expect(text).not.toMatch(/1[3-9]\d{9}/); // no phone number in full

	// The December report, printed by the browser.
	await leader.goto('/stats-report?month=2023-12');
	await ready(leader);
	await expect(leader.getByRole('heading', { level: 1 })).toHaveText('古美路街道城运中心 2023年12月 运行情况月报');
	await leader.emulateMedia({ media: 'print' });
	const pdf = await leader.pdf({ format: 'A4', printBackground: true, path: info.outputPath('report-2023-12.pdf') });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	await leader.context().close();
});
