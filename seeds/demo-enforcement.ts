// Demo camera alerts and non-onsite enforcement cases, made by the real services at past instants:
// alerts through the ingest service, reviews through the review service, every legal step through
// applyEnforcementAction. Runs before the grid-case seed so no alert is de-duplicated into one.
import sharp from 'sharp';
import type { Actor, Role } from '../src/lib/domain/access';
import type { Db } from '../src/lib/server/db/create-database';
import { ingestAlert } from '../src/lib/server/services/alerts/ingest';
import { reviewAlert } from '../src/lib/server/services/alerts/review';
import { applyEnforcementAction, type EnforcementInput } from '../src/lib/server/services/enforcement/actions';
import { setSmsSender } from '../src/lib/server/sms';

const MIN = 60_000;
const DAY = 86_400_000;

async function frame(hue: number): Promise<string> {
	const bytes = await sharp({
		create: { width: 640, height: 360, channels: 3, background: { r: 90 + hue, g: 110, b: 150 - hue / 2 } }
	})
		.jpeg({ quality: 70 })
		.toBuffer();
	return bytes.toString('base64');
}

export type Stage =
	| 'pending_notice'
	| 'rectifying'
	| 'statement'
	| 'pending_decision'
	| 'overdue_payment'
	| 'paid_closed'
	| 'corrected'
	| 'cancelled';

/** Where each demo case stops, how long ago its capture was, and which shop (by index) it concerns. */
export interface EnforcementPlanItem {
	stage: Stage;
	ageMs: number;
	shop: number;
	category: string;
	text: string;
}

const PLAN: EnforcementPlanItem[] = [
	{ stage: 'paid_closed', ageMs: 70 * DAY, shop: 0, category: 'SH-JMZX-02', text: '水果店将货架摆出店门外经营' },
	{
		stage: 'overdue_payment',
		ageMs: 48 * DAY,
		shop: 0,
		category: 'SH-JMZX-02',
		text: '水果店再次跨门经营，占用人行道'
	},
	{ stage: 'corrected', ageMs: 30 * DAY, shop: 1, category: 'SH-JMZX-02', text: '便利店门口堆放饮料箱经营' },
	{ stage: 'cancelled', ageMs: 25 * DAY, shop: 2, category: 'SH-JMZX-01', text: '路口流动摊贩售卖早点' },
	{ stage: 'pending_decision', ageMs: 12 * DAY, shop: 3, category: 'SH-JMZX-01', text: '人行道上摆摊售卖蔬菜' },
	{ stage: 'statement', ageMs: 1 * DAY, shop: 4, category: 'SH-JMZX-02', text: '餐馆在店外摆放桌椅经营' },
	{ stage: 'rectifying', ageMs: 25 * MIN, shop: 5, category: 'SH-JMZX-01', text: '流动摊贩在公交站旁售卖水果' },
	{ stage: 'pending_notice', ageMs: 15 * MIN, shop: 6, category: 'SH-JMZX-02', text: '五金店将商品摆放至门外' }
];

/**
 * Opens each planned case from a camera alert and walks it to its stage; with `queue`, also leaves
 * today's review queue (fresh alerts, a duplicate, a false alarm, one turned into a grid case).
 */
export async function seedDemoEnforcement(
	db: Db,
	shops: Map<string, number>,
	now: number,
	plan: readonly EnforcementPlanItem[] = PLAN,
	queue = true
): Promise<{ alerts: number; cases: number }> {
	const actors = new Map<string, Actor>();
	for (const u of await db.selectFrom('users').selectAll().execute()) {
		actors.set(u.username, {
			id: u.id,
			role: u.role as Role,
			departmentId: u.department_id,
			areaId: u.area_id,
			communityId: u.community_id
		});
	}
	const diaodu = actors.get('diaodu')!;
	const zhifa = actors.get('zhifa')!;
	const cameras = await db.selectFrom('cameras').selectAll().orderBy('id').execute();
	const shopIds = [...shops.values()];
	const frames = [await frame(0), await frame(60), await frame(120)];
	let sms = 0;
	setSmsSender({ send: async () => ({ provider: 'log', ref: `seed-${++sms}` }) });
	let alerts = 0;

	const push = async (cameraIndex: number, categoryCode: string, capturedAt: number, confidence = 0.91) => {
		const cam = cameras[cameraIndex % cameras.length];
		const r = await ingestAlert(
			db,
			{
				cameraId: cam.id,
				capturedAt,
				lng: cam.lng,
				lat: cam.lat,
				categoryCode,
				confidence,
				externalId: null,
				frames: [
					{ kind: 'data', base64: frames[0] },
					{ kind: 'data', base64: frames[alerts % 2 ? 1 : 2] }
				]
			},
			{ apiKeyId: null, now: capturedAt + 20_000 }
		);
		if (r.status === 'rejected') throw new Error(`demo alert refused: ${r.code} ${JSON.stringify(r)}`);
		alerts++;
		return r.alertId;
	};

	try {
		let made = 0;
		for (const [i, p] of plan.entries()) {
			const t0 = now - p.ageMs;
			const alertId = await push(i, p.category, t0);
			const opened = await reviewAlert(
				db,
				diaodu,
				alertId,
				1,
				{ kind: 'enforcement', categoryCode: p.category, description: p.text },
				t0 + 3 * MIN
			);
			if (!opened.ok || !opened.enforcementId) throw new Error(`demo review refused: ${JSON.stringify(opened)}`);
			const id = opened.enforcementId;
			made++;
			let version = 1;
			const step = async (input: EnforcementInput, at: number, photos = 0) => {
				const shot = photos ? [{ name: 'recheck.jpg', bytes: new Uint8Array(Buffer.from(frames[2], 'base64')) }] : [];
				const r = await applyEnforcementAction(db, zhifa, id, version, input, shot, at);
				if (!r.ok) throw new Error(`demo step ${input.action} refused: ${JSON.stringify(r)}`);
				version = (
					await db.selectFrom('enforcement_cases').select('version').where('id', '=', id).executeTakeFirstOrThrow()
				).version;
			};
			if (p.stage === 'pending_notice') continue;
			await step({ action: 'link_shop', shopId: shopIds[p.shop % shopIds.length] }, t0 + 5 * MIN);
			await step({ action: 'notify' }, t0 + 6 * MIN);
			if (p.stage === 'rectifying') continue;
			if (p.stage === 'corrected') {
				await step(
					{ action: 'recheck', corrected: true, note: '复查时物品已收回店内', photoCount: 0 },
					t0 + 40 * MIN,
					1
				);
				continue;
			}
			await step({ action: 'recheck', corrected: false, note: '复查时仍在经营', photoCount: 0 }, t0 + 40 * MIN, 1);
			await step({ action: 'register' }, t0 + 60 * MIN);
			if (p.stage === 'cancelled') {
				await step({ action: 'cancel', reason: '经核实摊主已登记为临时便民点，撤销立案' }, t0 + 2 * DAY);
				continue;
			}
			await step({ action: 'confirm_party', method: 'phone', note: '负责人电话确认' }, t0 + 90 * MIN);
			await step({ action: 'issue_notice', proposedFine: 50_000 }, t0 + 120 * MIN);
			if (p.stage === 'statement') continue;
			// Two weeks is past any 3-working-day window, holidays included.
			if (p.stage === 'pending_decision') {
				await step({ action: 'record_statement', statement: '初次违法，已当场整改，请求从轻处罚' }, t0 + 1 * DAY);
				continue;
			}
			await step({ action: 'lapse_statement' }, t0 + 14 * DAY);
			await step({ action: 'decide', fine: p.stage === 'paid_closed' ? 30_000 : 50_000 }, t0 + 15 * DAY);
			if (p.stage === 'overdue_payment') continue;
			const paidAt = t0 + 20 * DAY;
			await step(
				{
					action: 'record_payment',
					amount: 30_000,
					paidOn: new Date(paidAt + 8 * 3_600_000).toISOString().slice(0, 10)
				},
				paidAt
			);
			await step({ action: 'close' }, paidAt + 1 * DAY);
		}

		if (!queue) return { alerts, cases: made };
		// The review queue: two fresh alerts, one duplicate of the first (attached, not a new item),
		// one already dismissed as a false alarm, and one that became a grid case.
		const fresh = await push(8, 'SH-JMZX-01', now - 8 * MIN, 0.88);
		await push(8, 'SH-JMZX-01', now - 5 * MIN, 0.86);
		await push(9, 'SH-JMZX-02', now - 12 * MIN, 0.79);
		const dismissed = await push(10, 'SH-JMZX-01', now - 3 * 60 * MIN, 0.52);
		await reviewAlert(
			db,
			diaodu,
			dismissed,
			1,
			{ kind: 'false_alarm', reason: 'misdetected', note: '' },
			now - 170 * MIN
		);
		const toCase = await push(11, 'SH-HWSR-01', now - 2 * 60 * MIN, 0.83);
		await reviewAlert(
			db,
			diaodu,
			toCase,
			1,
			{ kind: 'case', categoryCode: 'SH-HWSR-01', description: '视频发现垃圾箱满溢' },
			now - 110 * MIN
		);
		void fresh;
		return { alerts, cases: made };
	} finally {
		setSmsSender(null);
	}
}
