import { expect, test } from './csp';
import { asUser, ready } from './helpers';

test('the live board: a leader opens the overdue cases behind a number and urges one in one click', async ({
	browser
}) => {
	const leader = await asUser(browser, 'lingdao');
	await leader.goto('/board');
	await ready(leader);
	await expect(leader.getByRole('heading', { level: 1 })).toHaveText('实时看板');
	const overdue = leader.locator('tfoot td[data-metric="overdue"] a');
	const n = Number(await overdue.textContent());
	expect(n).toBeGreaterThan(0); // the demo has overdue work today
	await overdue.click();
	await leader.waitForURL(/\/cases\?.*overdue=1/);
	await expect(leader.getByText(`共 ${n} 件`)).toBeVisible();

	// 督办 straight from the list: the case page records it.
	const row = leader.locator('tbody tr', { has: leader.getByRole('button', { name: '督办' }) }).first();
	const code = (await row.locator('td a').first().textContent())!.trim();
	await row.getByRole('button', { name: '督办' }).click();
	await leader.waitForURL(/\/cases\/\d+\?done=supervise/);
	await expect(leader.getByRole('heading', { level: 1 })).toContainText(code);
	await expect(leader.locator('.timeline li[data-action="supervise"]').last()).toContainText('请加快处置');
	// The board counts it among the urged cases now.
	await leader.goto('/board');
	expect(Number(await leader.locator('tfoot td[data-metric="supervised"]').textContent())).toBeGreaterThan(0);

	// Only leadership and the 城运中心 see the board.
	const worker = await asUser(browser, 'wangge');
	expect((await worker.goto('/board'))?.status()).toBe(403);
});
