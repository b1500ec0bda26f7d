import { expect, test } from './csp';
import { asUser, ready } from './helpers';

// An admin changes a category's handling limit from tomorrow: bad values are refused with the form
// kept, the new version is listed as not yet in force, and it can be withdrawn before it starts.
test('an admin schedules new limits for a category, is told what is wrong, and withdraws the version', async ({
	browser
}) => {
	const admin = await asUser(browser, 'admin');
	const errors: string[] = [];
	admin.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
	await admin.getByRole('link', { name: '系统管理' }).click();
	await admin.getByRole('link', { name: '案件类别与时限', exact: true }).click();
	await expect(admin).toHaveURL(/\/admin\/categories$/);
	await admin.locator('tr[data-code="SH-HWSR-01"]').getByRole('link').click();
	await expect(admin.getByRole('heading', { level: 1 })).toContainText('暴露垃圾');
	await ready(admin);
	const versions = admin.locator('tr[data-version]');
	await expect(versions).toHaveCount(1);
	await expect(versions.first()).toContainText('现行');

	const form = admin.locator('form[action="?/limits"]');
	await form.getByLabel('处置时限', { exact: true }).fill('0');
	await form.getByRole('button', { name: '保存新版本' }).click();
	await expect(form.getByText('时限不能为 0')).toBeVisible();
	await expect(form.getByLabel('处置时限', { exact: true })).toHaveValue('0');

	const tomorrow = new Date(Date.now() + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
	await form.getByLabel('处置时限', { exact: true }).fill('1');
	await form.getByLabel('单位').first().selectOption({ label: '工作日' });
	await form.getByLabel('生效时间（北京时间）').fill('2020-01-01T00:00');
	await form.getByRole('button', { name: '保存新版本' }).click();
	await expect(form.getByText('生效时间不能早于现在')).toBeVisible();

	await form.getByLabel('生效时间（北京时间）').fill(`${tomorrow}T00:00`);
	await form.getByRole('button', { name: '保存新版本' }).click();
	await expect(admin.getByRole('status')).toContainText('已保存');
	await expect(versions).toHaveCount(2);
	await expect(versions.nth(1)).toContainText(`${tomorrow} 00:00`);
	await expect(versions.nth(1)).toContainText('1 工作日');
	await expect(versions.first()).toContainText('现行');
	await expect(admin.locator('table').last()).toContainText('新时限版本');

	await versions.nth(1).getByRole('button', { name: '撤回' }).click();
	await expect(versions).toHaveCount(1);
	await expect(admin.locator('table').last()).toContainText('撤回时限版本');
	expect(errors).toEqual([]);
});
