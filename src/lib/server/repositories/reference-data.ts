// The reference data every GridCase database needs (calendar, geography, departments, categories,
// enforcement rules), shipped with the app in src/lib/reference-data and loaded at every start.
// One transaction: a crash midway leaves nothing, and the next start loads it all again. Each part
// is loaded only when its table is empty, so an existing database (demo or real) is left as it is.
import type { Limit } from '$lib/domain/deadlines';
import calendarJson from '$lib/reference-data/calendar-cn.json' with { type: 'json' };
import categoriesJson from '$lib/reference-data/categories.json' with { type: 'json' };
import geoJson from '$lib/reference-data/gumei-geo.json' with { type: 'json' };
import { DEPARTMENTS, ENFORCEMENT_RULES } from '$lib/reference-data/departments';
import type { Db } from '../db/create-database';
import { lockKey } from '../db/transact';
import { saveCalendarYear, saveWorkingHours } from './calendar';
import { insertLimitVersion } from './category-limits';

const isEmpty = async (
	db: Db,
	table: 'calendar_years' | 'areas' | 'departments' | 'categories' | 'enforcement_rules'
) =>
	!(
		await db
			.selectFrom(table)
			.select(({ fn }) => fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
	).n;

/** Loads what is missing, all of it or nothing; returns what it loaded (empty when all was there). */
export async function loadReferenceData(db: Db, log: (s: string) => void = () => {}): Promise<string[]> {
	const loaded = await db.transaction().execute(async (trx) => {
		// Two app servers starting at once on a new PostgreSQL database: one loads, the other waits
		// here and then finds everything there (on SQLite the transaction's write lock does the same).
		await lockKey(trx, 'reference-data');
		const lines: string[] = [];
		if (await isEmpty(trx, 'calendar_years')) lines.push(await loadCalendar(trx));
		if (await isEmpty(trx, 'areas')) lines.push(await loadGeography(trx));
		if (await isEmpty(trx, 'departments')) lines.push(await loadDepartments(trx));
		if (await isEmpty(trx, 'categories')) lines.push(await loadCategories(trx));
		if (await isEmpty(trx, 'enforcement_rules')) {
			await trx.insertInto('enforcement_rules').values(ENFORCEMENT_RULES).execute();
			lines.push(`enforcement rules: ${ENFORCEMENT_RULES.length}`);
		}
		return lines;
	});
	for (const line of loaded) log(line);
	return loaded;
}

async function loadCalendar(trx: Db): Promise<string> {
	for (const [year, y] of Object.entries(calendarJson.years)) {
		await saveCalendarYear(trx, {
			year: Number(year),
			title: y.title,
			source: y.source,
			offDays: y.offDays,
			makeupWorkdays: y.makeupWorkdays
		});
	}
	await saveWorkingHours(trx, calendarJson.workingHours as [string, string][]);
	return `calendar: ${Object.keys(calendarJson.years).join(', ')}`;
}

async function loadGeography(trx: Db): Promise<string> {
	const areaIds = new Map<string, number>();
	// The outlines on file are the first boundary version (migration 010), in force from 2023.
	const version = await trx
		.insertInto('boundary_versions')
		.values({ effective_from: '2023-01-01', note: '初始边界（演示数据）', created_at: 0, created_by: null })
		.returning('id')
		.executeTakeFirstOrThrow();
	for (const f of geoJson.features) {
		const p = f.properties as { kind: string; name: string; cluster?: string; area?: string };
		if (p.kind === 'community') continue;
		const row = await trx
			.insertInto('areas')
			.values({ name: p.name, kind: p.kind === 'subdistrict' ? 'subdistrict' : 'area' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('area_shapes')
			.values({ version_id: version.id, area_id: row.id, geometry: JSON.stringify(f.geometry) })
			.execute();
		areaIds.set(p.name, row.id);
	}
	const communities = geoJson.features.filter((f) => f.properties.kind === 'community');
	for (const f of communities) {
		const p = f.properties as { name: string; cluster?: string; area?: string };
		const [lng, lat] = f.geometry.coordinates as unknown as [number, number];
		const community = await trx
			.insertInto('communities')
			.values({ name: p.name, area_id: areaIds.get(p.area!)!, cluster: p.cluster ?? null, lng, lat })
			.returning('id')
			.executeTakeFirstOrThrow();
		// Each 居民区's name is its 小区's name too: an address naming it finds the 居民区 (migration 017).
		await trx
			.insertInto('place_names')
			.values({ name: p.name, kind: 'estate', community_id: community.id, created_by: null, created_at: Date.now() })
			.onConflict((oc) => oc.doNothing())
			.execute();
	}
	return `geography: ${areaIds.size} areas, ${communities.length} communities (and their 小区 names)`;
}

async function loadDepartments(trx: Db): Promise<string> {
	for (const d of DEPARTMENTS) await trx.insertInto('departments').values({ name: d.name, kind: d.kind }).execute();
	return `departments: ${DEPARTMENTS.length}`;
}

async function loadCategories(trx: Db): Promise<string> {
	const deptIds = new Map(
		(await trx.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, d.id])
	);
	const deptOf = (code: string) => {
		const d = DEPARTMENTS.find((x) => x.categories.includes(code));
		return d ? (deptIds.get(d.name) ?? null) : null;
	};
	for (const c of categoriesJson.categories) {
		const x = c as typeof c & {
			variant?: string;
			handleLimit: { value: number; unit: string } | null;
			efficientLimit: { value: number; unit: string } | null;
		};
		await trx
			.insertInto('categories')
			.values({
				code: x.code,
				kind: x.kind,
				major: x.major,
				minor: x.minor,
				variant: x.variant ?? null,
				aliases: JSON.stringify(x.aliases),
				urgency: x.urgency,
				close_condition: x.closeCondition ?? null,
				track: x.track,
				department_id: deptOf(x.code)
			})
			.execute();
		// The first version of its limits, in force from the beginning (migration 009).
		await insertLimitVersion(
			trx,
			x.code,
			{
				effectiveFrom: 0,
				handleLimit: x.handleLimit as Limit | null,
				efficientLimit: x.efficientLimit as Limit | null
			},
			0,
			null
		);
	}
	return `categories: ${categoriesJson.categories.length}`;
}
