import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';

describe('the throwaway PostgreSQL cluster', () => {
	it('answers on the URL it provided, as PostgreSQL 15 or later', async () => {
		const client = new pg.Client({ connectionString: inject('pgClusterUrl') });
		await client.connect();
		try {
			const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
			expect(Number(rows[0].v)).toBeGreaterThanOrEqual(150000);
		} finally {
			await client.end();
		}
	});
});
