// Whether the centre still answers while an import commits (issue 14 §4): the bench process serves
// two tiny pages next to the import — /health (no database) and /db (one indexed read on the app's
// connection, queued behind the import's transaction like every page of the app) — and a separate
// process asks for each every 10 ms and times the answers.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../src/lib/server/db/create-database';

export interface Latencies {
	n: number;
	p50: number;
	p99: number;
	max: number;
}

const POLLER = `
const [base] = process.argv.slice(1);
const out = { health: [], db: [] };
let on = true;
process.on('SIGTERM', () => { on = false; });
(async () => {
	while (on) {
		for (const path of ['health', 'db']) {
			const t0 = performance.now();
			try { await (await fetch(base + '/' + path)).text(); out[path].push(performance.now() - t0); } catch {}
		}
		await new Promise((r) => setTimeout(r, 10));
	}
	process.stdout.write(JSON.stringify(out));
})();
`;

function summary(xs: number[]): Latencies {
	const s = [...xs].sort((a, b) => a - b);
	const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
	return { n: s.length, p50: at(0.5), p99: at(0.99), max: s.at(-1) ?? NaN };
}

/** Serves /health and /db and starts the poller; `stop()` gives the latencies seen meanwhile. */
export async function probeResponsiveness(db: Db): Promise<{ stop(): Promise<{ health: Latencies; db: Latencies }> }> {
	const server = http.createServer((req, res) => {
		if (req.url === '/db') {
			void db
				.selectFrom('users')
				.select('id')
				.where('username', '=', 'diaodu')
				.execute()
				.then(
					() => res.end('ok'),
					() => res.writeHead(500).end()
				);
		} else res.end('ok');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const poller = spawn(process.execPath, ['-e', POLLER, base], { stdio: ['ignore', 'pipe', 'inherit'] });
	let text = '';
	poller.stdout.on('data', (d: Buffer) => (text += d.toString()));
	await new Promise((resolve) => setTimeout(resolve, 300)); // the poller is up and asking
	return {
		async stop() {
			const done = new Promise((resolve) => poller.on('exit', resolve));
			poller.kill('SIGTERM');
			await done;
			server.close();
			const seen = JSON.parse(text || '{"health":[],"db":[]}') as { health: number[]; db: number[] };
			return { health: summary(seen.health), db: summary(seen.db) };
		}
	};
}
