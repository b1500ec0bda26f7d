// Rebuilds the statistics counts from the records (cases, 12345 orders, enforcement cases and the
// case events) and says whether the counts kept by the writes agreed with them.
//   npm run stats:rebuild              compare, then replace the counts with the rebuilt ones
//   npm run stats:rebuild -- --verify  compare only, and replay each case's, order's and enforcement
//                                      case's event log against its row; exit code 1 when either differs
// Writes wait while it runs (one transaction), so run it when the centre is quiet. While the server
// writes, the rebuild waits for its turn (and says so) rather than failing with "database is locked".
import { sayWhenWaiting } from '../src/lib/server/db/busy';
import { openDatabase } from '../src/lib/server/db/create-database';
import { migrateToLatest } from '../src/lib/server/db/migrate';
import { databaseLabel, databaseTarget } from '../src/lib/server/config';
import { rebuildCounts } from '../src/lib/server/services/stats/rebuild';
import { checkRowsAgainstLogs } from '../src/lib/server/services/stats/replay-check';

const verifyOnly = process.argv.includes('--verify');
const path = databaseLabel();
const db = openDatabase(databaseTarget());
try {
	await migrateToLatest(db);
	const started = performance.now();
	let last = 0;
	const r = await rebuildCounts(db, {
		write: !verifyOnly,
		onWait: sayWhenWaiting('stats:rebuild'),
		progress: (kind, done, of) => {
			if (performance.now() - last < 5_000 && done < of) return;
			last = performance.now();
			console.log(`  ${kind}: ${done.toLocaleString('en')} / ${of.toLocaleString('en')}`);
		}
	});
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(`${path}: ${r.rows} count rows rebuilt from the records in ${seconds} s`);
	if (r.differences.length === 0) console.log('the kept counts agree with the rebuild, to the case');
	else {
		console.log(
			`${r.differences.length} counts differed (month, area, community, category, department, item, detail, verdict: kept → rebuilt):`
		);
		for (const d of r.differences.slice(0, 50)) console.log(`  ${d.key}: ${d.maintained} → ${d.rebuilt}`);
		if (verifyOnly) process.exitCode = 1;
		else console.log('the counts now hold the rebuilt values');
	}
	if (verifyOnly) {
		const replay = await checkRowsAgainstLogs(db);
		const { checked: c, disagreeing: d } = replay;
		const n = (x: number) => x.toLocaleString('en');
		console.log(
			`replayed the event logs of ${n(c.case)} cases, ${n(c.order)} 12345 orders and ${n(c.enforcement)} enforcement cases`
		);
		if (!replay.first.length) console.log('every row agrees with its event log');
		else {
			console.log(
				`rows that disagree with their event log: ${n(d.case)} cases, ${n(d.order)} orders, ${n(d.enforcement)} enforcement cases; the first of each:`
			);
			for (const m of replay.first)
				console.log(
					`  ${m.kind} ${m.id} (${m.code}): ${m.field} is ${JSON.stringify(m.stored)}, the events say ${JSON.stringify(m.replayed)}`
				);
			process.exitCode = 1;
		}
	}
} catch (e) {
	console.error('rebuild failed:', e instanceof Error ? e.message : e);
	process.exitCode = 1;
} finally {
	await db.destroy();
}
