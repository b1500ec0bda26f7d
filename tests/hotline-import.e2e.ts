import ExcelJS from 'exceljs';
import { readFile } from 'node:fs/promises';
import { expect, test } from './csp';
import { expectAccessible } from './a11y';
import { asUser, ready } from './helpers';

// A dispatcher imports an export as the city sends it: downloads the template, fills it under a merged
// title row with the city's 办理时限, a repeated line and an unreadable limit, reads the per-row notes,
// commits, and finds the city's deadline on the order and in the export.

const TITLE = '12345市民服务热线工单导出';
/** Monday 2026-11-30: 15 working days end on 2026-12-21 (no holiday between); 投诉's own 5 on 2026-12-07. */
const RECEIVED = '2026-11-30 09:00';

async function cityExport(headers: string[]): Promise<Buffer> {
	const cell = (values: Record<string, string>) => headers.map((h) => values[h.replace(/\*$/, '')] ?? '');
	const order = (no: string, type: string, address: string, limit: string) =>
		cell({
			工单号: no,
			来源渠道: '12345热线',
			诉求类型: type,
			诉求人: '张三',
			联系电话: '13812345678',
			地址: address,
			诉求内容: '楼道堆物影响通行',
			派单时间: RECEIVED,
			办理时限: limit
		});
	const wb = new ExcelJS.Workbook();
	const ws = wb.addWorksheet('工单');
	ws.addRow([TITLE]);
	ws.mergeCells(1, 1, 1, headers.length);
	ws.addRow(headers);
	ws.addRow(order('E2E-TL-001', '投诉', '古美一村 3 号 201 室', '15个工作日')); // line 3
	ws.addRow(order('E2E-TL-001', '投诉', '古美一村 3 号 201 室', '15个工作日')); // line 4: line 3 again
	ws.addRow(order('E2E-TL-002', '咨询', '某某路 88 号', '尽快')); // line 5
	return Buffer.from(await wb.xlsx.writeBuffer());
}

test("12345 import: template, a title-row XLSX with the city's 办理时限 and a repeated line, per-row notes, the deadline after commit", async ({
	browser
}) => {
	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/hotline/import');
	await ready(dispatcher);
	// The columns it reads, with their other spellings.
	const limitRow = dispatcher.locator('tr[data-column="timeLimit"]');
	await expect(limitRow).toContainText('办理时限');
	await expect(limitRow).toContainText('处理时限');
	await expect(dispatcher.locator('tr[data-column="orderNo"]')).toContainText('必需');
	await expectAccessible(dispatcher);

	const [download] = await Promise.all([
		dispatcher.waitForEvent('download'),
		dispatcher.getByRole('link', { name: 'Excel 模板' }).click()
	]);
	expect(download.suggestedFilename()).toBe('12345-import-template.xlsx');
	const template = new ExcelJS.Workbook();
	await template.xlsx.load(Uint8Array.from(await readFile((await download.path())!)).buffer);
	const headers = (template.worksheets[0].getRow(1).values as (string | undefined)[]).slice(1).map(String);
	expect(headers).toContain('工单号*');
	expect(headers).toContain('办理时限');
	expect(headers).toContain('截止时间');

	await dispatcher.getByLabel('文件').setInputFiles({
		name: '工单导出.xlsx',
		mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		buffer: await cityExport(headers)
	});
	await dispatcher.getByRole('button', { name: '上传并预览' }).click();
	await expect(dispatcher.getByTestId('import-counts')).toContainText('共 3 行：有效 2，有问题 0', { timeout: 15_000 });
	await expect(dispatcher.getByTestId('import-repeated')).toContainText('另有 1 行与前面的行完全相同');
	const notes = dispatcher.getByTestId('import-notes');
	await expect(notes.locator('tr[data-code="title_row_skipped"]')).toContainText('标题行，已跳过（表头在第 2 行）');
	await expect(notes.locator('tr[data-code="limit_from_file"]')).toContainText(
		'按文件中的时限“15个工作日”，截止 2026-12-21 24:00（诉求类型默认 5 工作日，应为 2026-12-07 24:00）'
	);
	await expect(notes.locator('tr[data-code="repeated_line"]')).toContainText('第4行与第3行相同，只计一次');
	await expect(notes.locator('tr[data-code="limit_unreadable"]')).toContainText(
		'办理时限“尽快”无法识别，按诉求类型默认时限（1 工作日）计，截止 2026-12-01 24:00'
	);
	await expect(notes.locator('tr[data-code="community_pending"]')).toHaveCount(1);
	await expectAccessible(dispatcher);
	// All or nothing is the default, and there is nothing wrong.
	await expect(dispatcher.getByLabel('全部有效才写入（有任何问题则不写入）')).toBeChecked();
	await dispatcher.getByRole('button', { name: '确认导入' }).click();
	await expect(dispatcher.getByText('已写入 2 张新工单')).toBeVisible({ timeout: 15_000 });

	await dispatcher.goto('/hotline?q=E2E-TL-001');
	await ready(dispatcher);
	await dispatcher.getByRole('link', { name: 'E2E-TL-001' }).click();
	await dispatcher.waitForURL(/\/hotline\/\d+$/);
	await expect(dispatcher.locator('dt:has-text("办结时限") + dd')).toHaveText('2026-12-21 24:00');
	await expect(dispatcher.getByTestId('community')).toHaveText('古美一村');

	// The second order's 居民区 is 待定 until the dispatcher sets it.
	await dispatcher.goto('/hotline?q=E2E-TL-002');
	await ready(dispatcher);
	await dispatcher.getByRole('link', { name: 'E2E-TL-002' }).click();
	await dispatcher.waitForURL(/\/hotline\/\d+$/);
	await ready(dispatcher);
	await expect(dispatcher.getByTestId('community')).toHaveText('待定');
	await dispatcher.getByLabel('设置居民区').selectOption({ label: '平吉一村' });
	await dispatcher.getByRole('button', { name: '保存居民区' }).click();
	await expect(dispatcher).toHaveURL(/done=set_community/);
	await expect(dispatcher.getByTestId('community')).toHaveText('平吉一村');
	await expect(dispatcher.locator('li[data-action="set_community"]')).toContainText('居民区：待定 → 平吉一村');

	// The export reads as the screen: status names, 24:00 deadlines, the Shanghai date in the file name.
	const exported = await dispatcher.request.get('/hotline/export?format=csv&q=E2E-TL-001');
	expect(exported.status()).toBe(200);
	const shanghaiToday = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
	expect(exported.headers()['content-disposition']).toContain(`12345-orders-${shanghaiToday}.csv`);
	const csv = await exported.text();
	expect(csv).toContain('待派单');
	expect(csv).not.toContain(',received,');
	expect(csv).toContain('2026-12-21 24:00');
});
