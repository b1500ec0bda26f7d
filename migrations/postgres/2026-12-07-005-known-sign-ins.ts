import type { Kysely } from 'kysely';
import { createKnownSignIns } from '../2026-12-07-025-known-sign-ins';

// Where each account has signed in from: the SQLite migration 2026-12-07-025-known-sign-ins says why.
export { down } from '../2026-12-07-025-known-sign-ins';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	await createKnownSignIns(db, 'bigint');
}
