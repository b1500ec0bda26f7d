// Playwright's web server: a fresh seeded database in a temp folder, then the built app.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'gridcase-e2e-'));
// The seeded database and its photos go when the server does (Playwright stops it with SIGTERM,
// on which start.js exits): every test run used to leave about 40 MB behind in the temp folder.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const port = process.env.E2E_PORT ?? '4173';
const env = {
	...process.env,
	DATABASE_PATH: join(dir, 'gridcase.db'),
	PORT: port,
	HOST: '127.0.0.1',
	ORIGIN: `http://127.0.0.1:${port}`
};
execFileSync('npx', ['tsx', 'scripts/seed.ts'], { env, stdio: 'inherit' });
Object.assign(process.env, env);
await import('./start.js');
