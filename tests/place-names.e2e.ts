import { expect, test } from './csp';
import { expectAccessible, expectNoSideScroll } from './a11y';
import { asUser, ready } from './helpers';

test('an admin adds a road name to a 居民区, a blank name is refused, and deletes the name again', async ({
	browser
}) => {
	const admin = await asUser(browser, 'admin', { width: 390, height: 844 });
	await admin.goto('/admin/place-names');
	await ready(admin);
	const count = async () =>
		Number((await admin.getByRole('heading', { name: /已有 \d+ 个名称/ }).innerText()).match(/\d+/)![0]);
	const before = await count();
	expect(before).toBeGreaterThan(0);
	await expectAccessible(admin);
	await expectNoSideScroll(admin);

	const form = admin.locator('form[action="?/create"]');
	await form.getByLabel('居民区').selectOption({ index: 1 });
	await form.getByRole('button', { name: '添加' }).click();
	// The browser itself refuses a blank required name: nothing is posted, the list is unchanged.
	expect(await form.getByLabel('名称').evaluate((i: HTMLInputElement) => i.validity.valueMissing)).toBe(true);
	expect(await count()).toBe(before);

	await form.getByLabel('名称').fill('测试新路');
	await form.getByRole('button', { name: '添加' }).click();
	const row = admin.locator('tr[data-place-name="测试新路"]');
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('道路');
	expect(await count()).toBe(before + 1);
	await expectNoSideScroll(admin);

	await row.getByRole('button', { name: '删除 测试新路' }).click();
	await expect(admin.locator('tr[data-place-name="测试新路"]')).toHaveCount(0);
	expect(await count()).toBe(before);
	await expectAccessible(admin);
});
