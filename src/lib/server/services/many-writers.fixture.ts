// One app process of the many-writers test (many-writers.pg.test.ts), run as a child process with
// tsx: it opens its own pool on the database through the app's switch, says "ready", waits for "go"
// on stdin (so both processes start writing at once), runs its writers concurrently through the
// services a request would call, and prints what each write was answered as one JSON line.
//   tsx many-writers.fixture.ts '<json: Plan>'
import { createInterface } from 'node:readline';
import sharp from 'sharp';
import { isRole, type Actor } from '$lib/domain/access';
import type { CaseCommand } from '$lib/domain/case-state';
import { openDatabase, type Db } from '../db/create-database';
import { getCaseRow } from '../repositories/cases';
import { findUserByUsername } from '../repositories/users';
import { reserveAttempt, signInRules } from '../auth/throttle';
import { applyCaseAction } from './case-actions';
import { addPlaceName } from './place-names';
import { patrolReport } from './patrol-report.fixtures';
import { reportCase } from './report-case';

export interface Plan {
	url: string;
	/** When the writes happen: all on one Shanghai day, so the case codes form one series. */
	now: number;
	/** Where the writers' place names go. */
	communityId: number;
	/**
	 * Writers in this process: a writer with `contend` first races for that case at that version;
	 * each then guesses a password (the sign-in throttle's counters) and adds the place name `place`
	 * (an audited change: the audit log is one chain for the whole table).
	 */
	writers: { contend?: { caseId: number; version: number }; place: string }[];
}

/** What one write was answered: ok (acknowledged to its user), refused as stale or locked out, or failed. */
export interface Answer {
	caseId: number;
	action: string;
	outcome: 'ok' | 'stale' | 'locked' | string;
}

const CATEGORY = 'SH-HWSR-01';
const ACCEPT: CaseCommand = { action: 'accept' };
const REGISTER: CaseCommand = {
	action: 'register',
	categoryCode: CATEGORY,
	urgency: '一般',
	handleLimit: null,
	efficientLimit: null
};

async function actorOf(db: Db, username: string): Promise<Actor> {
	const u = await findUserByUsername(db, username);
	if (!u || !isRole(u.role)) throw new Error(`no demo user ${username}`);
	return { id: u.id, role: u.role, departmentId: u.department_id, areaId: u.area_id, communityId: u.community_id };
}

const outcomeOf = (r: { ok: true } | { ok: false; code?: string; status?: number }) =>
	r.ok ? 'ok' : r.code === 'stale' ? 'stale' : `refused ${JSON.stringify(r)}`;

/** One writer: perhaps a race for a shared case, then a case of its own reported, accepted and registered. */
async function write(db: Db, plan: Plan, w: Plan['writers'][number], photo: Uint8Array): Promise<Answer[]> {
	const [reporter, dispatcher] = [await actorOf(db, 'wangge'), await actorOf(db, 'diaodu')];
	const answers: Answer[] = [];
	const act = async (caseId: number, version: number, cmd: CaseCommand, at: number) => {
		try {
			const r = await applyCaseAction(db, dispatcher, caseId, version, cmd, [], at);
			answers.push({ caseId, action: cmd.action, outcome: outcomeOf(r) });
			return r.ok;
		} catch (e) {
			answers.push({ caseId, action: cmd.action, outcome: `error ${(e as Error).message}` });
			return false;
		}
	};
	if (w.contend) await act(w.contend.caseId, w.contend.version, ACCEPT, plan.now + 500);
	const guess = await reserveAttempt(db, signInRules('wangge', '10.0.0.9'), plan.now);
	answers.push({ caseId: 0, action: 'sign-in', outcome: guess.ok ? 'ok' : 'locked' });
	const admin = await actorOf(db, 'admin');
	const place = await addPlaceName(
		db,
		admin.id,
		{ name: w.place, kind: 'road', communityId: plan.communityId },
		plan.now
	).catch((e: Error) => ({ ok: false as const, code: `error ${e.message}` }));
	answers.push({ caseId: 0, action: 'place_name.create', outcome: outcomeOf(place) });
	const reported = await reportCase(
		db,
		reporter,
		patrolReport([{ name: 'photo.jpg', bytes: photo }], { categoryCode: CATEGORY }),
		plan.now
	).catch((e: Error) => ({ ok: false as const, code: `error ${e.message}` }));
	if (!reported.ok) return [...answers, { caseId: 0, action: 'report', outcome: outcomeOf(reported) }];
	answers.push({ caseId: reported.caseId, action: 'report', outcome: 'ok' });
	const version = async () => (await getCaseRow(db, reported.caseId))!.version;
	if (await act(reported.caseId, await version(), ACCEPT, plan.now + 1_000))
		await act(reported.caseId, await version(), REGISTER, plan.now + 2_000);
	return answers;
}

async function main() {
	const plan = JSON.parse(process.argv[2]) as Plan;
	const db = openDatabase(plan.url);
	const photo = new Uint8Array(
		await sharp({ create: { width: 64, height: 48, channels: 3, background: '#4488cc' } })
			.jpeg()
			.toBuffer()
	);
	await actorOf(db, 'diaodu'); // the pool's first connection, before the race
	console.log('ready');
	const lines = createInterface({ input: process.stdin });
	await new Promise<void>((resolve) => lines.once('line', () => resolve()));
	lines.close();
	const answers = (await Promise.all(plan.writers.map((w) => write(db, plan, w, photo)))).flat();
	console.log(JSON.stringify(answers));
	await db.destroy();
}

await main();
