// Runs one command against a throwaway PostgreSQL cluster: starts it (initdb in a temp folder, its
// own port; as the postgres user when run as root), creates the database "gridcase", runs the
// command with DATABASE_URL pointing at it, then stops the cluster and removes its folder.
//   npx tsx scripts/with-pg.ts -- npm run seed
//   npx tsx scripts/with-pg.ts -- sh -c 'npm run migrate && npm run seed && npm run verify'
// For trying PostgreSQL without installing a server of one's own; nothing is kept.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startPgCluster } from '../src/lib/server/db/pg-cluster';

const args = process.argv.slice(2).filter((a, i) => !(i === 0 && a === '--'));
if (!args.length) {
	console.error('usage: npx tsx scripts/with-pg.ts -- <command> [args…]');
	process.exit(2);
}
const cluster = await startPgCluster();
const url = await cluster.createDatabase('gridcase');
console.log(`throwaway PostgreSQL at ${url} (initdb ${cluster.timings.initdb} ms, start ${cluster.timings.start} ms)`);
// A process group of its own, told of a signal as a whole: `sh -c '… && npm start'` does not pass a
// SIGTERM on, and the server it started would outlive its database.
const child = spawn(args[0], args.slice(1), {
	stdio: 'inherit',
	detached: true,
	env: { ...process.env, DATABASE_URL: url }
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
	process.on(signal, () => {
		try {
			process.kill(-child.pid!, signal);
		} catch {
			// Already gone.
		}
	});
const code: number = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
if (code !== 0) {
	// The server logs each failed statement: the quickest way to see which SQL PostgreSQL refused.
	const log = readFileSync(join(cluster.dir, 'server.log'), 'utf8').split('\n');
	const errors = log.filter((l) => / (ERROR|STATEMENT|CONTEXT): /.test(l)).slice(-10);
	if (errors.length) console.error(`last errors in the PostgreSQL log:\n${errors.join('\n')}`);
}
await cluster.stop();
process.exitCode = code;
