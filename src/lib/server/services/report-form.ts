// What the 上报 form needs: the grid-track categories (with their everyday aliases for the search),
// today's outlines for the point picker, the base map, and which choices this actor has.
import { can, type Actor } from '$lib/domain/access';
import { shanghaiDate } from '$lib/domain/working-days';
import { loadBaseMap } from '../base-map';
import type { Db } from '../db/create-database';
import { listCategories, loadGeography } from '../repositories/reference';

export async function loadReportForm(db: Db, actor: Actor, now: number) {
	const [categories, geo, baseMap] = await Promise.all([
		listCategories(db),
		loadGeography(db, shanghaiDate(now)),
		loadBaseMap(db)
	]);
	return {
		categories: categories
			.filter((c) => c.track !== 'hotline')
			.map((c) => ({ code: c.code, major: c.major, minor: c.minor, variant: c.variant, aliases: c.aliases })),
		geo,
		baseMap,
		canSelfHandle: can(actor, 'case.self_handle'),
		canChooseSource: can(actor, 'case.choose_source')
	};
}
