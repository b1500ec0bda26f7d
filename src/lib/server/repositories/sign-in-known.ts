// Where accounts have signed in from (migration 025): hashed markers with the last time; the rules
// that read and write them are in auth/known-clients.ts.
import type { Db } from '../db/create-database';

/** Whether `username` has one of `markers` seen after `since`. */
export async function hasKnownMarker(db: Db, username: string, markers: string[], since: number): Promise<boolean> {
	const row = await db
		.selectFrom('sign_in_known')
		.innerJoin('users', 'users.id', 'sign_in_known.user_id')
		.select('sign_in_known.user_id')
		.where('users.username', '=', username)
		.where('sign_in_known.marker', 'in', markers)
		.where('sign_in_known.last_at', '>', since)
		.executeTakeFirst();
	return row !== undefined;
}

/** Marks `markers` seen now for the user, and lets go of the user's markers last seen at or before `staleAt`. */
export async function touchMarkers(
	db: Db,
	userId: number,
	markers: string[],
	now: number,
	staleAt: number
): Promise<void> {
	await db.deleteFrom('sign_in_known').where('user_id', '=', userId).where('last_at', '<=', staleAt).execute();
	for (const marker of markers)
		await db
			.insertInto('sign_in_known')
			.values({ user_id: userId, marker, last_at: now })
			.onConflict((oc) => oc.columns(['user_id', 'marker']).doUpdateSet({ last_at: now }))
			.execute();
}
