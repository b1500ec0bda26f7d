import { expect, test } from './csp';
import { asUser, expectStatus, ready } from './helpers';
import { expectAccessible } from './a11y';

/** YYYY-MM-DD in Shanghai, `days` from now. */
const dayFromNow = (days: number) =>
	new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

test('the dispatcher approves a 延期 whose requested date has passed by choosing a new date; a past date is refused and nothing changes', async ({
	browser
}) => {
	const page = await asUser(browser, 'diaodu');
	await page.goto('/cases?status=extension_requested');
	await ready(page);
	const rows = page.locator('table tbody tr');
	const waiting = await rows.count();
	expect(waiting).toBeGreaterThan(0);
	await rows.first().getByRole('link').first().click();
	await page.waitForURL(/\/cases\/\d+$/);
	await ready(page);
	await expectStatus(page, '延期待审');

	const form = page.locator('form[data-action="approve_extension"]');
	const date = form.getByLabel('批准延期至');
	// The demo's requests asked for dates that passed while they waited: the field starts empty and says so.
	await expect(date).toHaveValue('');
	await expect(form.getByText(/申请的日期（\d{4}-\d{2}-\d{2}）已过，请选择新的日期。/)).toBeVisible();
	await expectAccessible(page);

	// A date already past (typed past the picker's minimum) is refused and the case stays as it was.
	await date.evaluate((el: HTMLInputElement) => el.removeAttribute('min'));
	await date.fill(dayFromNow(-1));
	await form.locator('button[type=submit]').click();
	await expect(form.getByText('延期日期不能早于现在')).toBeVisible();
	await expectStatus(page, '延期待审');
	await expect(form.getByLabel('批准延期至')).toHaveValue(dayFromNow(-1));

	const approved = dayFromNow(7);
	await form.getByLabel('批准延期至').fill(approved);
	await form.locator('button[type=submit]').click();
	await expect(page).toHaveURL(/done=approve_extension/);
	await expectStatus(page, '处置中');
	await expect(page.locator('dl')).toContainText(`${approved} 24:00`);

	await page.goto('/cases?status=extension_requested');
	await expect(page.locator('table tbody tr')).toHaveCount(waiting - 1);
	await page.context().close();
});
