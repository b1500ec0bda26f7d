import { describe, expect, it } from 'vitest';
import { actorOf } from '../../test-db';
import { addPlaceName, removePlaceName } from '../place-names';
import { at } from '$lib/domain/fixtures/time';
import { events, newOrder, row, useOrderActionsDb } from './order-actions.fixtures';
import { setOrderCommunity } from './order-community';

// The dispatcher sets an order's 居民区 (待定 after an import); the admin keeps the road and 小区 names.

const env = useOrderActionsDb();

const communityId = async (name: string) =>
	await env.db.selectFrom('communities').select(['id', 'area_id']).where('name', '=', name).executeTakeFirstOrThrow();

describe('setOrderCommunity', () => {
	it("the dispatcher sets a 待定 order's 居民区: the 片区 follows, an event records who, when, from and to; the status stays", async () => {
		const id = await newOrder();
		const before = await row(id);
		const gumei = await communityId('古美一村');
		const r = await setOrderCommunity(
			env.db,
			await actorOf(env.db, 'diaodu'),
			id,
			before.version,
			gumei.id,
			at('2026-09-28 11:00')
		);
		expect(r).toEqual({ ok: true });
		const after = await row(id);
		expect(after).toMatchObject({
			community_id: gumei.id,
			area_id: gumei.area_id,
			status: before.status,
			version: before.version + 1
		});
		const last = (await events(id)).at(-1)!;
		expect(last).toMatchObject({
			action: 'set_community',
			from_status: before.status,
			to_status: before.status,
			at: at('2026-09-28 11:00')
		});
		expect(JSON.parse(last.payload!)).toMatchObject({ from: before.community_id, to: gumei.id, toName: '古美一村' });
	});

	it('refuses others (403), a stale version (409), an unknown 居民区 or the same one (400), an unknown order (404)', async () => {
		const id = await newOrder();
		const { version } = await row(id);
		const gumei = await communityId('古美一村');
		const when = at('2026-09-28 11:00');
		expect(await setOrderCommunity(env.db, await actorOf(env.db, 'chengguan'), id, version, gumei.id, when)).toEqual({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		expect(await setOrderCommunity(env.db, await actorOf(env.db, 'lingdao'), id, version, gumei.id, when)).toEqual({
			ok: false,
			status: 403,
			code: 'forbidden'
		});
		const diaodu = await actorOf(env.db, 'diaodu');
		expect(await setOrderCommunity(env.db, diaodu, id, version + 5, gumei.id, when)).toEqual({
			ok: false,
			status: 409,
			code: 'stale'
		});
		expect(await setOrderCommunity(env.db, diaodu, id, version, 99_999, when)).toEqual({
			ok: false,
			status: 400,
			code: 'unknown_community'
		});
		expect(await setOrderCommunity(env.db, diaodu, 99_999, 1, gumei.id, when)).toEqual({
			ok: false,
			status: 404,
			code: 'not_found'
		});
		expect((await row(id)).version).toBe(version);
		expect(await setOrderCommunity(env.db, diaodu, id, version, gumei.id, when)).toEqual({ ok: true });
		expect(await setOrderCommunity(env.db, diaodu, id, version + 1, gumei.id, when)).toEqual({
			ok: false,
			status: 400,
			code: 'unchanged'
		});
	});
});

describe('place names (admin)', () => {
	it("are seeded with each 居民区's own name; the admin adds and removes a road, each audited; a name is taken once", async () => {
		expect(await env.db.selectFrom('place_names').select('name').where('kind', '=', 'estate').execute()).toHaveLength(
			39
		);
		const admin = (await actorOf(env.db, 'admin')).id;
		const dongLan = await communityId('东兰一居');
		const add = (place: { name: string; kind: 'road' | 'estate'; communityId: number }) =>
			addPlaceName(env.db, admin, place, at('2026-09-28 12:00'));
		const added = await add({ name: ' 东兰路 ', kind: 'road', communityId: dongLan.id });
		expect(added.ok).toBe(true);
		// A name is taken once: the same road again (trimmed), or an estate's seeded name.
		expect(await add({ name: '东兰路', kind: 'road', communityId: dongLan.id })).toEqual({
			ok: false,
			field: 'name',
			code: 'name_taken'
		});
		expect(await add({ name: '古美一村', kind: 'estate', communityId: dongLan.id })).toEqual({
			ok: false,
			field: 'name',
			code: 'name_taken'
		});
		if (!added.ok) return;
		expect(await removePlaceName(env.db, admin, added.id, at('2026-09-28 12:05'))).toEqual({ ok: true, id: added.id });
		expect(await removePlaceName(env.db, admin, added.id, at('2026-09-28 12:05'))).toEqual({
			ok: false,
			field: 'form',
			code: 'not_found'
		});
		const audit = await env.db
			.selectFrom('audit_log')
			.select(['action', 'detail'])
			.where('target', '=', `place_name:${added.id}`)
			.orderBy('id')
			.execute();
		expect(audit.map((a) => [a.action, JSON.parse(a.detail).name])).toEqual([
			['place_name.create', '东兰路'],
			['place_name.delete', '东兰路']
		]);
	});
});
