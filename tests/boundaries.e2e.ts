import { expect, test } from './csp';
import fs from 'node:fs';
import { wgs84ToGcj02 } from '../src/lib/domain/gcj02';
import { asUser, ready } from './helpers';

// The street redraws its 片区: the admin's file in 高德 coordinates is refused; the right file, in
// which 中片区 becomes a new 片区 named 中片区（新）, is previewed and published from today; a case
// filed before keeps 中片区, and the old outlines stay viewable on the map.
type Feature = { properties: { kind: string; name: string }; geometry: { coordinates: number[][][] } };
const geo = JSON.parse(
	fs.readFileSync(new URL('../src/lib/reference-data/gumei-geo.json', import.meta.url), 'utf8')
) as { features: Feature[] };
const areas = geo.features.filter((f) => f.properties.kind === 'area');
const file = (rename: (n: string) => string, shift: (p: [number, number]) => [number, number] = (p) => p) => ({
	name: 'pianqu.geojson',
	mimeType: 'application/geo+json',
	buffer: Buffer.from(
		JSON.stringify({
			type: 'FeatureCollection',
			features: areas.map((f) => ({
				type: 'Feature',
				properties: { name: rename(f.properties.name) },
				geometry: {
					type: 'Polygon',
					coordinates: f.geometry.coordinates.map((r) => r.map((p) => shift(p as [number, number])))
				}
			}))
		})
	)
});

// The new 片区's name carries markup: wherever it is shown, including Leaflet's labels and popups, it stays text.
const NEW = `中片区（新）<img src=x onerror="alert('片区')">`;

test('an admin publishes a new 片区 boundary after a refused file, and a case filed before keeps its 片区', async ({
	browser
}) => {
	const admin = await asUser(browser, 'admin');
	const errors: string[] = [];
	admin.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
	await admin.getByRole('link', { name: '系统管理' }).click();
	await admin.getByRole('link', { name: '片区边界', exact: true }).click();
	await ready(admin);
	await expect(admin.locator('tr[data-version]')).toHaveCount(1);
	const form = admin.locator('form[action="?/preview"]');
	await form.getByLabel('GeoJSON 文件（WGS-84）').setInputFiles(file((n) => n, wgs84ToGcj02));
	await form.getByLabel('说明').fill('街道调整片区划分');
	await form.getByRole('button', { name: '检查并预览' }).click();
	await expect(form.getByRole('alert')).toContainText('GCJ-02');
	await expect(form.getByLabel('说明')).toHaveValue('街道调整片区划分');

	// Editing on the map: moving the vertex 西片区 and 中片区 share keeps them fitting; the preview says so.
	await form.getByLabel('在地图上编辑现行片区边界（代替上传文件）').check();
	const editor = admin.getByTestId('boundary-editor');
	await expect(editor).toHaveAttribute('data-ready', '1');
	const vertex = editor.locator('.gc-handle.vertex[title="121.381, 31.1553"]');
	const box = (await vertex.boundingBox())!;
	await admin.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await admin.mouse.down();
	await admin.mouse.move(box.x + box.width / 2 + 6, box.y + box.height / 2 + 4, { steps: 5 });
	await admin.mouse.up();
	await expect(editor.locator('.gc-handle.vertex[title="121.381, 31.1553"]')).toHaveCount(0);
	await form.getByRole('button', { name: '检查并预览' }).click();
	await expect(admin.getByTestId('boundary-preview')).toContainText('新版本的片区：西片区、中片区、东片区');
	await form.getByLabel('在地图上编辑现行片区边界（代替上传文件）').uncheck();

	await form.getByLabel('GeoJSON 文件（WGS-84）').setInputFiles(file((n) => (n === '中片区' ? NEW : n)));
	await form.getByRole('button', { name: '检查并预览' }).click();
	const preview = admin.getByTestId('boundary-preview');
	await expect(preview).toContainText(`新增片区：${NEW}`);
	await expect(preview).toContainText('不再划出的片区：中片区');
	await expect(preview).toContainText(`平南一居（中片区→${NEW}）`);
	await preview.getByRole('button', { name: '发布新版本' }).click();
	await expect(admin.getByRole('status')).toContainText('已发布');
	await expect(admin.locator('tr[data-version]')).toHaveCount(2);

	// On the report form's map and in the case map's popups, the name is text: no element, no dialog.
	const dialogs: string[] = [];
	admin.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	const worker = await asUser(browser, 'wangge');
	worker.on('dialog', (d) => {
		dialogs.push(d.message());
		void d.dismiss();
	});
	await worker.goto('/cases/new');
	await ready(worker);
	await worker.getByRole('button', { name: '在地图上选点' }).click();
	const label = worker.locator('.leaflet-tooltip.area-label', { hasText: NEW });
	await expect(label).toHaveCount(1);
	await expect(label.locator('img')).toHaveCount(0);
	await admin.goto('/map');
	await ready(admin);
	const caseMap = admin.getByTestId('case-map');
	await expect(caseMap).toHaveAttribute('data-ready', '1');
	const areaPaths = caseMap.locator('path[stroke="#1d4ed8"]');
	const names: string[] = [];
	for (let i = 0; i < (await areaPaths.count()); i++) {
		await areaPaths.nth(i).dispatchEvent('click');
		const title = caseMap.locator('.leaflet-popup-content strong');
		await expect(title).toHaveCount(1);
		names.push((await title.textContent())!);
		await expect(caseMap.locator('.leaflet-popup-content img')).toHaveCount(0);
	}
	expect(names).toContain(NEW);
	expect(dialogs).toEqual([]);

	// A case filed in 中片区 before today is still 中片区's.
	await admin.goto('/cases');
	await ready(admin);
	await admin.getByLabel('片区').selectOption({ label: '中片区' });
	await admin.getByRole('button', { name: '筛选' }).click();
	await expect(admin).toHaveURL(/area=\d+/);
	const first = admin.locator('table tbody tr').first().getByRole('link');
	await first.click();
	await expect(admin.locator('main')).toContainText('中片区 ·');

	// The old outlines, as they were in 2023, are one click away.
	await admin.goto('/admin/boundaries');
	await admin.locator('tr[data-version="2023-01-01"]').getByRole('link', { name: '在地图上查看' }).click();
	await expect(admin.getByRole('status').first()).toContainText('显示 2023-01-01 生效的边界');
	await expect(admin.getByTestId('case-map')).toHaveAttribute('data-ready', '1');
	expect(errors).toEqual([]);
});
