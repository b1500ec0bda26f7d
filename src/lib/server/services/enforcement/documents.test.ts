import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_APPEAL_ROUTES } from '$lib/domain/enforcement-appeal';
import { at } from '$lib/domain/fixtures/time';
import { LoggingSmsSender, setSmsSender } from '../../sms';
import { actorOf, createTestDb, jpeg, type TestDb } from '../../test-db';
import { dropTrigger } from '../../test-dialect.fixtures';
import { reviewAlert } from '../alerts/review';
import { verifyChains } from '../records/verify-chains';
import { applyEnforcementAction, type EnforcementInput } from './actions';
import { saveAppealRoutes } from './appeal-settings';
import { composeFromCase, loadShownDocument, verifyIssuedDocuments } from './documents';
import { seedAlert, seedShop, versionOf } from './fixtures';

let t: TestDb;
beforeEach(async () => {
	t = await createTestDb();
	setSmsSender(new LoggingSmsSender());
});
afterEach(async () => {
	setSmsSender(null);
	await t.cleanup();
});

const T0 = at('2026-09-29 10:00');
const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** An enforcement case taken through the 告知书 (with a statement) and the 决定书. */
async function decidedCase() {
	const zhifa = await actorOf(t.db, 'zhifa');
	const alertId = await seedAlert(t.db, { now: T0 });
	const r = await reviewAlert(
		t.db,
		await actorOf(t.db, 'diaodu'),
		alertId,
		1,
		{ kind: 'enforcement', categoryCode: 'SH-JMZX-01', description: '人行道上流动摊贩售卖水果' },
		T0
	);
	if (!r.ok || !r.enforcementId) throw new Error(JSON.stringify(r));
	const id = r.enforcementId;
	const shopId = await seedShop(t.db, zhifa.id, T0);
	const step = async (input: EnforcementInput, now: number, photos: Awaited<ReturnType<typeof jpeg>>[] = []) => {
		const done = await applyEnforcementAction(t.db, zhifa, id, await versionOf(t.db, id), input, photos, now);
		if (!done.ok) throw new Error(`${input.action}: ${JSON.stringify(done)}`);
	};
	await step({ action: 'link_shop', shopId }, T0 + 60_000);
	await step({ action: 'notify' }, at('2026-09-29 10:05'));
	await step({ action: 'recheck', corrected: false, note: '仍在经营', photoCount: 0 }, at('2026-09-29 10:40'), [
		await jpeg('recheck.jpg')
	]);
	await step({ action: 'register' }, at('2026-09-29 11:00'));
	await step({ action: 'confirm_party', method: 'phone', note: '电话确认' }, at('2026-09-29 14:00'));
	await step({ action: 'issue_notice', proposedFine: 50_000 }, at('2026-09-29 15:00'));
	await step({ action: 'record_statement', statement: '<b>初次</b>经营，请求从轻' }, at('2026-09-30 09:00'));
	await step({ action: 'decide', fine: 30_000 }, at('2026-10-12 10:00'));
	return { id, shopId, zhifa };
}

const caseRow = (id: number) =>
	t.db.selectFrom('enforcement_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('issued documents are archived as served', () => {
	it('keeps each document with its SHA-256, in the case chain, and the 决定书 names the 复议机关 and the court', async () => {
		const { id } = await decidedCase();
		const rows = await t.db
			.selectFrom('enforcement_documents')
			.selectAll()
			.where('enforcement_id', '=', id)
			.orderBy('chain_seq')
			.execute();
		expect(rows.map((r) => [r.kind, r.document_no, r.chain_seq])).toEqual([
			['notice', '古美城管告字〔2026〕第0001号', 0],
			['decision', '古美城管罚字〔2026〕第0001号', 1]
		]);
		for (const r of rows) {
			expect(r.sha256).toBe(sha(r.html));
			expect(r.content_sha256).toBe(sha(r.content));
		}
		const decision = rows[1];
		expect(decision.html).toContain('向上海市闵行区人民政府申请行政复议');
		expect(decision.html).toContain('六十日内');
		expect(decision.html).toContain('依法向上海市闵行区人民法院提起行政诉讼');
		expect(decision.html).toContain('罚款人民币300.00元');
		// The party's words are text in the file, never markup.
		expect(decision.html).toContain('&lt;b&gt;初次&lt;/b&gt;经营');
		expect(rows[0].html).not.toContain('行政复议');
		expect(await verifyIssuedDocuments(t.db)).toEqual({ documents: 2, problems: [] });
		expect((await verifyChains(t.db, ['enforcement_documents'])).problems).toEqual([]);
	});

	it('a reprint is the archived document: a renamed shop and new appeal settings change nothing in it', async () => {
		const { id, shopId } = await decidedCase();
		const before = await loadShownDocument(t.db, await caseRow(id), 'decision');
		const htmlBefore = (
			await t.db
				.selectFrom('enforcement_documents')
				.select('html')
				.where('kind', '=', 'decision')
				.executeTakeFirstOrThrow()
		).html;
		await t.db
			.updateTable('shops')
			.set({ sign_name: '新店名水果行', address: '平吉路 1 号' })
			.where('id', '=', shopId)
			.execute();
		const saved = await saveAppealRoutes(
			t.db,
			await actorOf(t.db, 'admin'),
			{ reviewOrgan: '上海市人民政府', reviewDays: '90', court: '上海铁路运输法院', litigationMonths: '6' },
			T0
		);
		expect(saved.ok).toBe(true);

		const after = await loadShownDocument(t.db, await caseRow(id), 'decision');
		expect(after).toEqual(before);
		expect(after?.archive).toMatchObject({ intact: true });
		expect(after?.content.party?.name).toBe('老王水果店');
		expect(after?.content.appeal).toEqual(DEFAULT_APPEAL_ROUTES);
		expect(
			(
				await t.db
					.selectFrom('enforcement_documents')
					.select('html')
					.where('kind', '=', 'decision')
					.executeTakeFirstOrThrow()
			).html
		).toBe(htmlBefore);
		// Composed again from today's data it would differ: the archive is what keeps it.
		const today = await composeFromCase(t.db, await caseRow(id), 'decision');
		expect(today?.party?.name).toBe('新店名水果行');
		expect(
			today?.paragraphs
				.flat()
				.map((r) => r.text)
				.join('')
		).toContain('向上海市人民政府申请行政复议');
	});

	it('refuses to change an archived document, and the check names one changed behind the triggers', async () => {
		const { id } = await decidedCase();
		await expect(sql`UPDATE enforcement_documents SET html = 'x'`.execute(t.db)).rejects.toThrow(/append-only/);
		await expect(sql`DELETE FROM enforcement_documents`.execute(t.db)).rejects.toThrow(/append-only/);
		await dropTrigger(t.db, 'enforcement_documents_no_update', 'enforcement_documents');
		await sql`UPDATE enforcement_documents SET html = replace(html, '300.00', '30.00') WHERE kind = 'decision'`.execute(
			t.db
		);
		const check = await verifyIssuedDocuments(t.db);
		expect(check.problems).toMatchObject([{ enforcementId: id, kind: 'decision' }]);
		expect((await verifyChains(t.db, ['enforcement_documents'])).problems).toMatchObject([{ kind: 'edited' }]);
		expect((await loadShownDocument(t.db, await caseRow(id), 'decision'))?.archive?.intact).toBe(false);
	});
});

describe('the appeal settings', () => {
	it('only the admin saves them; a refused form writes nothing; a save is audited with before and after', async () => {
		const good = {
			reviewOrgan: '上海市闵行区人民政府',
			reviewDays: '60',
			court: '上海铁路运输法院',
			litigationMonths: '6'
		};
		expect(await saveAppealRoutes(t.db, await actorOf(t.db, 'zhifa'), good, T0)).toMatchObject({
			ok: false,
			status: 403
		});
		const admin = await actorOf(t.db, 'admin');
		expect(await saveAppealRoutes(t.db, admin, { ...good, reviewDays: '15', court: '闵行区司法局' }, T0)).toEqual({
			ok: false,
			status: 400,
			errors: { reviewDays: 'out_of_range', court: 'not_a_court' }
		});
		expect(
			await t.db.selectFrom('settings').select('key').where('key', '=', 'enforcement.appeal_routes').executeTakeFirst()
		).toBeUndefined();
		expect(await saveAppealRoutes(t.db, admin, good, T0)).toMatchObject({ ok: true });
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['action', 'actor_id', 'detail'])
			.where('action', '=', 'settings.appeal_routes')
			.execute();
		expect(audit).toHaveLength(1);
		expect(JSON.parse(audit[0].detail)).toEqual({
			before: DEFAULT_APPEAL_ROUTES,
			after: { ...DEFAULT_APPEAL_ROUTES, court: '上海铁路运输法院' }
		});
	});
});
