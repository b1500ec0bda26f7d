import { expect, test } from './csp';
import fs from 'node:fs';
import { denseBoundaryGeoJson } from '../src/lib/domain/fixtures/dense-boundaries';
import { asUser } from './helpers';

// No request can stall the server (issue 14 §4): while an admin previews the largest boundary file
// the limits allow, everyone else's requests are still answered at once.
type Feature = { properties: { kind: string; name: string }; geometry: { coordinates: [number, number][][] } };
const geo = JSON.parse(
	fs.readFileSync(new URL('../src/lib/reference-data/gumei-geo.json', import.meta.url), 'utf8')
) as { features: Feature[] };
const areas = geo.features
	.filter((f) => f.properties.kind === 'area')
	.map((f) => ({ name: f.properties.name, rings: f.geometry.coordinates }));
// A version may start no later than today and after the latest one, and boundaries.e2e.ts publishes
// one from today: this file is named to run before it (Playwright runs files in name order).
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

test('/health answers within 100 ms while a 45,000-point boundary file is previewed', async ({ browser, baseURL }) => {
	const admin = await asUser(browser, 'admin');
	const text = denseBoundaryGeoJson(areas, 45_000);
	expect(text.length).toBeGreaterThan(1_300_000);
	const health = async () => {
		const t0 = performance.now();
		const res = await fetch(`${baseURL}/health`);
		await res.text();
		expect(res.status).toBe(200);
		return performance.now() - t0;
	};
	const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];
	// The machine as it is right now (the e2e suite shares two cores with everything else).
	const quiet: number[] = [];
	for (let i = 0; i < 20; i++) {
		quiet.push(await health());
		await new Promise((r) => setTimeout(r, 20));
	}
	const latencies: number[] = [];
	let previewing = true;
	const probe = (async () => {
		while (previewing) {
			latencies.push(await health());
			await new Promise((r) => setTimeout(r, 20));
		}
	})();
	const t0 = performance.now();
	const res = await admin.request.post('/admin/boundaries?/preview', {
		headers: { origin: baseURL!, accept: 'application/json', 'x-sveltekit-action': 'true' },
		multipart: {
			effectiveFrom: today(),
			note: '加密边界',
			level: 'area',
			file: { name: 'dense.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(text) }
		}
	});
	const previewMs = performance.now() - t0;
	previewing = false;
	await probe;
	const body = await res.json();
	expect(body.type, JSON.stringify(body).slice(0, 300)).toBe('success');
	expect(body.data).toContain('西片区');
	const sorted = [...latencies].sort((a, b) => a - b);
	console.log(
		`preview ${previewMs.toFixed(0)} ms; /health ${latencies.length} answers meanwhile, median ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} ms, p90 ${p90(latencies).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms (quiet p90 ${p90(quiet).toFixed(1)} ms)`
	);
	expect(latencies.length).toBeGreaterThan(3);
	// Nine answers in ten within 100 ms (before: not one for 42 s), or no slower than the machine answers
	// with nothing running when other processes hold the two cores; and never one held for the preview.
	expect(p90(latencies)).toBeLessThan(Math.max(100, 3 * p90(quiet)));
	expect(sorted.at(-1)).toBeLessThan(Math.max(1000, previewMs / 2));
});
