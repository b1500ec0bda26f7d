// The shared set-up of the enforcement action tests: a fresh test database and a logging SMS
// gateway for every test, and the counts a refused action must leave unchanged.
import { afterEach, beforeEach } from 'vitest';
import { at } from '$lib/domain/fixtures/time';
import type { Actor } from '$lib/domain/access';
import { evidenceDir } from '../../config';
import type { PhotoInput } from '../../photos';
import { LoggingSmsSender, setSmsSender } from '../../sms';
import { actorOf, createTestDb, listFiles, type TestDb, countRows } from '../../test-db';
import { applyEnforcementAction, type EnforcementInput } from './actions';
import { enforcementFromAlert, seedShop, versionOf } from './fixtures';

export let t: TestDb;
export let sms: LoggingSmsSender;
beforeEach(async () => {
	t = await createTestDb();
	sms = new LoggingSmsSender();
	setSmsSender(sms);
});
afterEach(async () => {
	setSmsSender(null);
	await t.cleanup();
});

export const T0 = at('2026-09-29 10:00');

export const openFromAlert = (now = T0) => enforcementFromAlert(t.db, now);

/** One action by this officer at the case's current version. */
export const act = async (actor: Actor, id: number, input: EnforcementInput, now: number, photos: PhotoInput[] = []) =>
	applyEnforcementAction(t.db, actor, id, await versionOf(t.db, id), input, photos, now);

/** A case opened from an alert with a shop linked by the officer (so at version 2): the officer and the case. */
export async function caseWithShop() {
	const zhifa = await actorOf(t.db, 'zhifa');
	const { id } = await openFromAlert();
	const linked = await applyEnforcementAction(
		t.db,
		zhifa,
		id,
		1,
		{ action: 'link_shop', shopId: await seedShop(t.db, zhifa.id, T0) },
		[],
		T0
	);
	if (!linked.ok) throw new Error(JSON.stringify(linked));
	return { zhifa, id };
}

export async function counts() {
	const n = async (tbl: 'enforcement_events' | 'evidence_files' | 'sms_messages') => countRows(t.db, tbl);
	const row = await t.db.selectFrom('enforcement_cases').selectAll().executeTakeFirst();
	return {
		events: await n('enforcement_events'),
		evidence: await n('evidence_files'),
		sms: await n('sms_messages'),
		row,
		files: listFiles(evidenceDir()).length
	};
}
