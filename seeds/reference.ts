// Base data every GridCase database needs: calendar, geography, departments, categories.
// Idempotent: each part is loaded only when its table is empty.
import type { Db } from '../src/lib/server/db/create-database';
import { saveCalendarYear, saveWorkingHours } from '../src/lib/server/repositories/calendar';
import { insertLimitVersion } from '../src/lib/server/repositories/category-limits';
import type { Limit } from '../src/lib/domain/deadlines';
import calendarJson from './data/calendar-cn.json' with { type: 'json' };
import categoriesJson from './data/categories.json' with { type: 'json' };
import geoJson from './data/gumei-geo.json' with { type: 'json' };

/** Handling departments of the demo subdistrict, with the categories each handles by default. */
export const DEPARTMENTS: { name: string; kind: string; categories: string[] }[] = [
	{ name: '城管中队', kind: 'enforcement', categories: ['SH-JMZX-01', 'SH-JMZX-02', 'SH-JMZX-03', 'SH-XQGL-01'] },
	{ name: '市容所', kind: 'sanitation', categories: ['SH-HWSR-01', 'SH-HWSR-02', 'SH-HWSR-03', 'SH-HWSR-04'] },
	{ name: '房办', kind: 'housing', categories: ['SH-XQGL-02'] },
	{ name: '绿化所', kind: 'greening', categories: ['SH-HWSR-05', 'SH-YLLH-01', 'SH-YLLH-02'] },
	{ name: '物业/居委', kind: 'community', categories: ['SH-JMZX-04', 'SH-JMZX-05'] },
	{ name: '市政养护所', kind: 'municipal', categories: ['SH-GYSS-01', 'SH-GYSS-02', 'SH-TFSJ-01', 'SH-SSGL-01', 'SH-SSGL-02', 'SH-SSGL-03', 'SH-SSGL-04'] }
];

/**
 * Fine ranges (分) and legal basis of the enforcement-eligible categories. 乱设摊: domain README §4
 * (市容环境卫生管理条例 §21, 100–1000 元); 跨门营业 uses the same range (GridCase default: confirm with
 * the street's legal office).
 */
export const ENFORCEMENT_RULES = [
	{
		category_code: 'SH-JMZX-01',
		fine_min: 10_000,
		fine_max: 100_000,
		violated: '《上海市市容环境卫生管理条例》第二十一条第一款',
		penalty_basis: '《上海市市容环境卫生管理条例》第二十一条第二款'
	},
	{
		category_code: 'SH-JMZX-02',
		fine_min: 10_000,
		fine_max: 100_000,
		violated: '《上海市市容环境卫生管理条例》第二十二条第一款',
		penalty_basis: '《上海市市容环境卫生管理条例》第二十二条第二款'
	}
];

const isEmpty = async (db: Db, table: 'calendar_years' | 'areas' | 'departments' | 'categories' | 'enforcement_rules') =>
	!(await db.selectFrom(table).select(({ fn }) => fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

export async function seedReference(db: Db, log: (s: string) => void = () => {}): Promise<void> {
	if (await isEmpty(db, 'calendar_years')) {
		for (const [year, y] of Object.entries(calendarJson.years)) {
			await saveCalendarYear(db, { year: Number(year), title: y.title, source: y.source, offDays: y.offDays, makeupWorkdays: y.makeupWorkdays });
		}
		await saveWorkingHours(db, calendarJson.workingHours as [string, string][]);
		log(`calendar: ${Object.keys(calendarJson.years).join(', ')}`);
	}
	if (await isEmpty(db, 'areas')) {
		const areaIds = new Map<string, number>();
		// The outlines on file are the first boundary version (migration 010), in force from 2023.
		const version = await db.insertInto('boundary_versions').values({ effective_from: '2023-01-01', note: '初始边界（演示数据）', created_at: 0, created_by: null }).returning('id').executeTakeFirstOrThrow();
		for (const f of geoJson.features) {
			const p = f.properties as { kind: string; name: string; cluster?: string; area?: string };
			if (p.kind === 'community') continue;
			const row = await db
				.insertInto('areas')
				.values({ name: p.name, kind: p.kind === 'subdistrict' ? 'subdistrict' : 'area' })
				.returning('id')
				.executeTakeFirstOrThrow();
			await db.insertInto('area_shapes').values({ version_id: version.id, area_id: row.id, geometry: JSON.stringify(f.geometry) }).execute();
			areaIds.set(p.name, row.id);
		}
		const communities = geoJson.features.filter((f) => f.properties.kind === 'community');
		for (const f of communities) {
			const p = f.properties as { name: string; cluster?: string; area?: string };
			const [lng, lat] = f.geometry.coordinates as unknown as [number, number];
			const community = await db.insertInto('communities').values({ name: p.name, area_id: areaIds.get(p.area!)!, cluster: p.cluster ?? null, lng, lat }).returning('id').executeTakeFirstOrThrow();
			// Each 居民区's name is its 小区's name too: an address naming it finds the 居民区 (migration 017).
			await db.insertInto('place_names').values({ name: p.name, kind: 'estate', community_id: community.id, created_by: null, created_at: Date.now() }).onConflict((oc) => oc.doNothing()).execute();
		}
		log(`geography: ${areaIds.size} areas, ${communities.length} communities (and their 小区 names)`);
	}
	if (await isEmpty(db, 'departments')) {
		for (const d of DEPARTMENTS) await db.insertInto('departments').values({ name: d.name, kind: d.kind }).execute();
		log(`departments: ${DEPARTMENTS.length}`);
	}
	if (await isEmpty(db, 'categories')) {
		const deptIds = new Map((await db.selectFrom('departments').select(['id', 'name']).execute()).map((d) => [d.name, d.id]));
		const deptOf = (code: string) => {
			const d = DEPARTMENTS.find((x) => x.categories.includes(code));
			return d ? (deptIds.get(d.name) ?? null) : null;
		};
		for (const c of categoriesJson.categories) {
			const x = c as typeof c & { variant?: string; handleLimit: { value: number; unit: string } | null; efficientLimit: { value: number; unit: string } | null };
			await db
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
			await insertLimitVersion(db, x.code, { effectiveFrom: 0, handleLimit: x.handleLimit as Limit | null, efficientLimit: x.efficientLimit as Limit | null }, 0, null);
		}
		log(`categories: ${categoriesJson.categories.length}`);
	}
	if (await isEmpty(db, 'enforcement_rules')) {
		await db.insertInto('enforcement_rules').values(ENFORCEMENT_RULES).execute();
		log(`enforcement rules: ${ENFORCEMENT_RULES.length}`);
	}
}
