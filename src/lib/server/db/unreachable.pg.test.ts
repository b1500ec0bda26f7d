import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The operator's commands against a DATABASE_URL that cannot be reached: each says so in one line
// naming the server (password hidden) and exits non-zero, with no stack trace.
const URL = 'postgres://app:secret@127.0.0.1:1/gridcase';
const TSX = path.resolve('node_modules/.bin/tsx');

describe('a DATABASE_URL that cannot be reached', () => {
	it.each([
		['migrate', 'migration failed'],
		['seed', 'seed failed'],
		['verify', 'verify failed']
	])(
		'npm run %s: one line, the server named, exit 1',
		(script, says) => {
			const run = spawnSync(TSX, [`scripts/${script}.ts`], {
				env: { ...process.env, DATABASE_URL: URL },
				encoding: 'utf8',
				timeout: 60_000
			});
			expect(run.status).toBe(1);
			const lines = run.stderr.trim().split('\n');
			expect(lines).toEqual([
				expect.stringMatching(
					new RegExp(`^${says}: cannot connect to PostgreSQL at postgres://app:\\*\\*\\*@127\\.0\\.0\\.1:1/gridcase: `)
				)
			]);
			expect(run.stderr + run.stdout).not.toContain('secret');
		},
		60_000
	);
});
