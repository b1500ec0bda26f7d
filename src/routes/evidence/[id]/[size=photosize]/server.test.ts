import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import { seedAlert } from '$lib/server/services/enforcement/fixtures';
import { actorOf, createTestDb, type TestDb } from '$lib/server/test-db';
import type { Actor } from '$lib/domain/access';

// Who may fetch an evidence file: the route reads the database through getDb().
type Event = { locals: { actor: Actor | null }; url: URL; params: { id: string; size: string } };
let GET: (e: Event) => Promise<Response>;
let t: TestDb;
const saved = process.env.DATABASE_PATH;
let enforcementFrame = '';
let gridFrame = '';

beforeAll(async () => {
	t = await createTestDb();
	process.env.DATABASE_PATH = path.join(t.dir, 'gridcase.db');
	vi.resetModules();
	GET = ((await import('./+server')) as unknown as { GET: typeof GET }).GET;
	const now = at('2026-09-29 10:00');
	const a = await seedAlert(t.db, { now, categoryCode: 'SH-JMZX-01' });
	const b = await seedAlert(t.db, { now, capturedAt: now - 5000, categoryCode: 'SH-HWSR-01' });
	const frame = async (alertId: number) =>
		(
			await t.db
				.selectFrom('evidence_files')
				.select('id')
				.where('alert_id', '=', alertId)
				.orderBy('seq')
				.executeTakeFirstOrThrow()
		).id;
	enforcementFrame = await frame(a);
	gridFrame = await frame(b);
});
afterAll(async () => {
	const { getDb } = await import('$lib/server/db');
	await getDb().destroy();
	if (saved === undefined) delete process.env.DATABASE_PATH;
	else process.env.DATABASE_PATH = saved;
	await t.cleanup();
});

async function status(username: string | null, id: string, size = 'thumb'): Promise<number> {
	const actor = username ? await actorOf(t.db, username) : null;
	try {
		const r = await GET({
			locals: { actor },
			url: new URL(`http://localhost/evidence/${id}/${size}`),
			params: { id, size }
		});
		return r.status;
	} catch (e) {
		return (e as { status: number }).status;
	}
}

it.each([
	['diaodu', 'enforcement', 200],
	['diaodu', 'grid', 200],
	['zhifa', 'enforcement', 200],
	['zhifa', 'grid', 403], // an officer reviews only 乱设摊/跨门营业 alerts
	['lingdao', 'enforcement', 403], // not yet part of an enforcement case
	['wangge', 'enforcement', 403],
	[null, 'enforcement', 303]
])('%s fetching a frame of a pending %s alert → %i', async (user, which, expected) => {
	expect(await status(user, which === 'grid' ? gridFrame : enforcementFrame)).toBe(expected);
});

it('the full file comes back byte for byte with its stored type; an unknown id is 404', async () => {
	const diaodu = await actorOf(t.db, 'diaodu');
	const r = await GET({
		locals: { actor: diaodu },
		url: new URL('http://localhost/'),
		params: { id: enforcementFrame, size: 'full' }
	});
	expect(r.headers.get('content-type')).toBe('image/jpeg');
	expect(r.headers.get('x-content-type-options')).toBe('nosniff');
	expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(100);
	expect(await status('diaodu', 'nope')).toBe(404);
});
