import { expect, test } from '@playwright/test';
import { asUser, ready } from './helpers';

const RATES = ['grid_on_time', 'grid_efficient', 'first_contact', 'hotline_on_time', 'rework', 'satisfaction', 'return', 'extension'];

test('statistics: a leader reads the month, opens the cases behind a figure and prints the monthly report', async ({ browser }) => {
	const leader = await asUser(browser, 'lingdao');
	await leader.goto('/stats');
	await ready(leader);
	await expect(leader.getByRole('heading', { level: 1, name: '运行统计' })).toBeVisible();

	// Eight cards, each with the rate and both counts.
	const cards = leader.locator('article.rate');
	await expect(cards).toHaveCount(8);
	for (const rate of RATES) {
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
	const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
	await leader.goto(`/stats-report?month=${month}`);
	await ready(leader);
	const [y, mo] = month.split('-');
	await expect(leader.getByRole('heading', { level: 1 })).toHaveText(`古美路街道城运中心 ${y}年${Number(mo)}月 运行情况月报`);
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
