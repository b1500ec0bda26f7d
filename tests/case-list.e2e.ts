import { expect, test } from './csp';
import { asUser, ready } from './helpers';

test('the case list: choosing a 片区 narrows the 居民区 at once; the filters and pages come back in the address', async ({
	browser
}) => {
	const dispatcher = await asUser(browser, 'diaodu');
	await dispatcher.goto('/cases');
	await ready(dispatcher);
	const communities = dispatcher.getByLabel('居民区');
	const all = await communities.locator('option').count();
	expect(all).toBe(40); // 39 居民区 and "any"

	await dispatcher.getByLabel('片区').selectOption({ label: '东片区' });
	const east = await communities.locator('option').allTextContents();
	expect(east.length).toBeGreaterThan(1);
	expect(east.length).toBeLessThan(all);
	expect(east).toContain('古美三村');
	await communities.selectOption({ label: '古美三村' });
	await dispatcher.getByRole('button', { name: '筛选' }).click();
	await dispatcher.waitForURL(/\/cases\?.*area=\d+.*community=\d+/);
	await expect(dispatcher.getByText(/^共 \d+ 件/)).toBeVisible();
	// Every row listed is in that 居民区, and the form shows the filters it was given.
	const places = await dispatcher.locator('tbody tr td:nth-child(5)').allTextContents();
	expect(places.length).toBeGreaterThan(0);
	for (const place of places) expect(place).toContain('古美三村');
	await expect(dispatcher.getByLabel('片区')).toHaveValue(/\d+/);
	await expect(communities.locator('option:checked')).toHaveText('古美三村');

	// Back to every 片区: all 居民区 are offered again.
	await dispatcher.getByLabel('片区').selectOption({ label: '全部' });
	await expect(communities.locator('option')).toHaveCount(all);
});
