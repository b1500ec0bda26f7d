import { expect, test } from './csp';
import { asUser, ready } from './helpers';

test('the admin sets how long uploaded 12345 files are kept; the import page says so; a dispatcher cannot set it', async ({
	browser
}) => {
	const admin = await asUser(browser, 'admin');
	await admin.goto('/admin');
	await admin.getByRole('link', { name: '导入文件保留期限' }).click();
	await ready(admin);
	const days = admin.getByLabel('保留天数（0–3650，默认 30）');
	await expect(days).toHaveValue('30');
	await days.fill('三十');
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('alert')).toHaveText('请输入 0 到 3650 之间的整数天数。');
	await days.fill('7');
	await admin.getByRole('button', { name: '保存' }).click();
	await expect(admin.getByRole('status')).toContainText('已保存。');
	await admin.reload();
	await expect(admin.getByLabel('保留天数（0–3650，默认 30）')).toHaveValue('7');

	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/hotline/import');
	await expect(
		dispatcher.getByText('上传的文件在导入写入完成或文件被拒 7 天后自动删除（期限由系统管理员设定）。')
	).toBeVisible();
	const refused = await dispatcher.goto('/admin/imports');
	expect(refused?.status()).toBe(403);
});
