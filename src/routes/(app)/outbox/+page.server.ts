import type { PageServerLoad } from './$types';
import { requireActor } from '$lib/server/auth/gate';

/** The outbox lives on the phone (IndexedDB); the page only needs a signed-in person. */
export const load: PageServerLoad = async (event) => {
	requireActor(event);
	return {};
};
