import { expect, test } from './csp';
import { asUser, ready } from './helpers';

// The map with no tile server configured (the demo default): outlines and case markers on a plain
// background, clusters that open when clicked, a marker that leads to its case, shading by a rate.
test('a leader reads the case map with no tile server: areas, clustered markers, shading and no console errors', async ({
	browser
}) => {
	const leader = await asUser(browser, 'lingdao');
	const errors: string[] = [];
	const outside: string[] = [];
	leader.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
	leader.on('request', (r) => new URL(r.url()).hostname !== '127.0.0.1' && outside.push(r.url()));
	await leader.getByRole('link', { name: '地图', exact: true }).click();
	await expect(leader).toHaveURL(/\/map$/);
	await ready(leader);
	const map = leader.getByTestId('case-map');
	await expect(map).toHaveAttribute('data-ready', '1');
	// 3 片区, 39 居民区 cells and the subdistrict outline are drawn as vector paths.
	await expect.poll(() => map.locator('.leaflet-overlay-pane path').count()).toBeGreaterThanOrEqual(43);
	await expect(leader.getByTestId('map-status')).toContainText(/视野内 \d+ 件/);
	const clusters = map.locator('.gc-cluster');
	await expect.poll(() => clusters.count()).toBeGreaterThan(0);
	const inView = Number((await leader.getByTestId('map-status').textContent())!.match(/视野内 (\d+) 件/)![1]);
	expect(inView).toBeGreaterThan(100);
	// The legend of the shading: 片区 by grid on-time rate this month.
	await expect(leader.getByTestId('shade-legend')).toContainText('网格');

	// A 片区 opens its month: the headline rates with their parts, and the way to its statistics.
	await map.locator('path[stroke="#1d4ed8"]').first().dispatchEvent('click');
	const popup = map.locator('.leaflet-popup-content');
	await expect(popup).toContainText('网格案件按时办结率');
	await expect(popup).toContainText('先行联系率');
	await expect(popup.getByRole('link', { name: '本月统计' })).toHaveAttribute(
		'href',
		/\/stats\?from=\d{4}-\d{2}-01&to=.*groupBy=area/
	);
	await leader.keyboard.press('Escape');

	// A cluster zooms in when clicked; at street level single markers appear, and one opens its case.
	// Clicked again if the first click met the map still panning after the popup (a loaded machine).
	const zoomBefore = Number(await map.getAttribute('data-zoom'));
	await expect(async () => {
		await clusters.first().click();
		await expect
			.poll(async () => Number(await map.getAttribute('data-zoom')), { timeout: 3_000 })
			.toBeGreaterThan(zoomBefore);
	}).toPass({ timeout: 15_000 });
	await leader.goto('/map?status=handling');
	await ready(leader);
	await expect(map).toHaveAttribute('data-ready', '1');
	await expect(leader.getByTestId('map-status')).toContainText(/视野内 \d+ 件/);
	for (let i = 0; i < 6 && (await map.locator('path.leaflet-interactive[fill-opacity="0.95"]').count()) === 0; i++) {
		await clusters.first().click();
		await leader.waitForTimeout(400);
	}
	const marker = map.locator('path.leaflet-interactive[fill-opacity="0.95"]').first();
	await marker.click({ force: true });
	await expect(leader).toHaveURL(/\/cases\/\d+$/);
	await expect(leader.locator('h1')).toContainText(/W\d+/);

	expect(errors).toEqual([]);
	expect(outside).toEqual([]);
});
