import { expect, test } from './csp';
import { asUser, ready } from './helpers';

// The admin keeps the official holiday calendar. The demo holds 2023–2026, so on the demo's "today"
// (late 2026) next year's schedule is missing and every page says so.
test('the admin reads the holiday calendar, is told what is wrong in a new year, and saves it', async ({ browser }) => {
	const admin = await asUser(browser, 'admin');
	const errors: string[] = [];
	admin.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
	const year = new Date().getFullYear();
	await expect(admin.locator('aside.calendar-warning')).toContainText(`${year + 1} 年的法定节假日安排尚未录入`);
	await admin.locator('aside.calendar-warning').getByRole('link', { name: '去录入' }).click();
	await expect(admin).toHaveURL(/\/admin\/calendar$/);
	await ready(admin);

	// 2026 as the State Council published it: National Day off, the Saturday after worked.
	await admin.getByRole('link', { name: '2026', exact: true }).click();
	await expect(admin.getByRole('heading', { level: 2 }).first()).toHaveText('2026 年：工作日放假 19 天，调休上班 6 天');
	await expect(admin.locator('td[data-date="2026-10-01"]')).toHaveClass(/off/);
	await expect(admin.locator('td[data-date="2026-10-10"]')).toHaveClass(/makeup/);
	await expect(admin.locator('td[data-date="2026-10-03"]')).toHaveClass(/weekend/);

	// A far year, so no deadline in the other tests moves: first with two mistakes.
	const form = admin.locator('form[action="?/save"]');
	await form.getByLabel('年份', { exact: true }).fill('2030');
	await form.getByLabel('通知名称').fill('2030年部分节假日安排（演示）');
	await form.getByLabel('放假日期').fill('2030-01-01\n2030-10-01~2030-10-07');
	await form.getByLabel('调休上班日期（周末）').fill('2030-10-01 2030-10-12');
	await form.getByRole('button', { name: '保存' }).click();
	await expect(form.getByText('2030-10-01 同时被列为放假日和上班日')).toBeVisible();
	await expect(form.getByLabel('放假日期')).toHaveValue('2030-01-01\n2030-10-01~2030-10-07');
	await expect(admin.getByRole('link', { name: '2030', exact: true })).toHaveCount(0);

	await form.getByLabel('调休上班日期（周末）').fill('2030-10-12');
	await form.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('status')).toContainText('已保存：2030 年');
	await admin.getByRole('link', { name: '2030', exact: true }).click();
	await expect(admin.locator('td[data-date="2030-10-01"]')).toHaveClass(/off/);
	await expect(admin.locator('td[data-date="2030-10-12"]')).toHaveClass(/makeup/);
	expect(errors).toEqual([]);

	// The save is in the audit log, with who did it.
	await admin.goto('/admin/audit');
	await ready(admin);
	await admin.getByLabel('操作', { exact: true }).selectOption('calendar.save');
	await admin.getByRole('button', { name: '筛选' }).click();
	await expect(admin).toHaveURL(/action=calendar.save/);
	const row = admin.locator('tr[data-action="calendar.save"]', { hasText: 'calendar:2030' });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('保存节假日安排');
	await expect(row).toContainText('offDays: 6');

	// Everyone else is told in one short line, once, without the way to the page.
	const dispatcher = await asUser(browser, 'diaodu');
	await expect(dispatcher.locator('aside.calendar-warning')).toContainText('节假日数据待更新');
	await expect(dispatcher.locator('aside.calendar-warning').getByRole('link')).toHaveCount(0);
	await dispatcher.reload();
	await expect(dispatcher.locator('aside.calendar-warning')).toHaveCount(0);
	expect((await dispatcher.goto('/admin/calendar'))?.status()).toBe(403);
	expect((await dispatcher.goto('/admin/audit'))?.status()).toBe(403);
});
