import { expect, test } from './csp';
import { act, asUser, ready } from './helpers';

/** A small export as the city platform makes it, with times relative to now (Shanghai wall time). */
function ordersCsv(): Buffer {
	const at = (hoursAgo: number) =>
		new Date(Date.now() + 8 * 3_600_000 - hoursAgo * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
	const rows = [
		['工单号', '来源渠道', '诉求类型', '紧急程度', '诉求人', '联系电话', '地址', '诉求内容', '派单时间'],
		['E2E-0001', '12345热线', '投诉', '一般', '张三', '13812345678', '古美路街道东兰一居', '楼道堆物影响通行', at(3)],
		['E2E-0002', '12345热线', '咨询', '一般', '李四', '13900001111', '古美路街道平南一居', '咨询加装电梯政策', at(2)],
		['E2E-0003', '随申办APP', '求助', '紧急', '', '', '古美路街道万源二居', '路灯不亮', at(1)],
		['E2E-0004', '12345热线', '表扬', '一般', '王五', '12345', '古美路街道', '未知类型且电话无效', at(1)]
	];
	const text = rows
		.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
		.join('\r\n');
	return Buffer.from('\uFEFF' + text, 'utf8');
}

test('12345: a dispatcher imports a file, a handler contacts and replies, others see the phone masked', async ({
	browser
}) => {
	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/hotline/import');
	await ready(dispatcher);
	await dispatcher.getByLabel('文件').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: ordersCsv() });
	await dispatcher.getByRole('button', { name: '上传并预览' }).click();
	await expect(dispatcher.getByTestId('import-counts')).toContainText('共 4 行：有效 3，有问题 1', { timeout: 15_000 });
	// Row-by-row report: row 5 of the file, which column, what is wrong.
	const problems = dispatcher.getByTestId('import-problems');
	await expect(problems).toContainText('未知的诉求类型');
	await expect(problems).toContainText('电话号码无效');
	await expect(problems.locator('tbody tr').first().locator('td').first()).toHaveText('5');
	await dispatcher.getByLabel('只写入有效行，跳过有问题的行').check();
	await dispatcher.getByRole('button', { name: '确认导入' }).click();
	await expect(dispatcher.getByText('已写入 3 张新工单')).toBeVisible({ timeout: 15_000 });

	// The dispatcher sees the citizen in full and assigns the order.
	await dispatcher.goto('/hotline?q=E2E-0001');
	await ready(dispatcher);
	await dispatcher.getByRole('link', { name: 'E2E-0001' }).click();
	await dispatcher.waitForURL(/\/hotline\/\d+$/);
	await expect(dispatcher.getByTestId('phone')).toHaveText('13812345678');
	await act(dispatcher, 'assign', (f) => f.getByLabel('承办部门').selectOption({ label: '城管中队' }));
	const orderUrl = dispatcher.url().split('?')[0];

	// The handler of 城管中队 signs, logs first contact and replies.
	const handler = await asUser(browser, 'chengguan');
	await handler.goto('/hotline?queue=all');
	await ready(handler);
	await handler.getByRole('link', { name: 'E2E-0001' }).click();
	await handler.waitForURL(/\/hotline\/\d+$/);
	await expect(handler.getByTestId('phone')).toHaveText('13812345678');
	await act(handler, 'sign');
	await handler.goto('/hotline?queue=awaiting_contact');
	await ready(handler);
	await expect(handler.getByRole('link', { name: 'E2E-0001' })).toBeVisible();
	await handler.goto(orderUrl);
	await ready(handler);
	await act(handler, 'first_contact', (f) => f.getByLabel('联系情况').fill('已电话联系张先生，约定明日上门'));
	await expect(handler.getByTestId('judgement-first-contact')).toHaveAttribute('data-verdict', 'on_time');
	await act(handler, 'reply', (f) => f.getByLabel('答复内容').fill('楼道杂物已清理，已告知诉求人'));
	await expect(handler.locator('h1 .status')).toHaveText('已答复待回访');
	await expect(handler.getByTestId('judgement-completion')).toHaveAttribute('data-verdict', 'on_time');

	// Leadership sees the same order with name and phone masked, on the page and in the export.
	const leader = await asUser(browser, 'lingdao');
	await leader.goto(orderUrl);
	await ready(leader);
	await expect(leader.getByTestId('phone')).toHaveText('138****5678');
	await expect(leader.getByTestId('citizen')).toHaveText('张*');
	await expect(leader.getByText('诉求人信息已脱敏')).toBeVisible();
	const csv = await (await leader.request.get('/hotline/export?format=csv&q=E2E-0001')).text();
	expect(csv).toContain('138****5678');
	expect(csv).not.toContain('13812345678');
	// A handler of another department does not see the order at all.
	const other = await asUser(browser, 'shirong');
	expect((await other.goto(orderUrl))?.status()).toBe(403);
});
