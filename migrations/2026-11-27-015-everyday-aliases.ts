import type { Kysely } from 'kysely';

// Everyday words and pinyin initials for the demo categories (issue 13): a grid worker types 摆摊 or
// lst and finds 占道无证照经营 (乱设摊). New databases get them from the seed's categories.json; this
// gives them to databases made before. Merged, never overwritten: whatever an admin kept, added or
// removed stays as it is, an alias already there (in any letter case or width) is not added twice,
// and a category keeps at most the 30 aliases the admin form allows. Each category changed gets a
// 'category.update' audit entry (no actor: a command-line tool), which down reads to take out
// exactly what up added and nothing an admin typed.
// Also an index for 我上报的 (a person's own reports, newest first), which otherwise reads every case.

const NAME = 'migration 015';
const MAX_ALIASES = 30;

/** What this migration adds to each category, as it was written: everyday words, then initials. */
export const ADDED: Record<string, string[]> = {
	'SH-GYSS-01': ['井盖丢了', '井盖松动', '井盖响', '马路井盖', 'jg', 'yjg'],
	'SH-GYSS-02': ['雨水口', '雨水篦子', '排水口盖板', 'ysjg', 'ysk', 'ysbz'],
	'SH-TFSJ-01': ['马路积水', '淹水', '下水道冒水', '污水横流', '阴沟堵了', 'js', 'lmjs', 'wsmy', 'fbmy'],
	'SH-SSGL-01': ['电线掉下来', '电线断了', '线缆垂地', 'jkx', 'jkxzl', 'dxdl'],
	'SH-SSGL-02': ['飞线', '私拉电线', '乱拉电线', '线缆乱挂', 'jkx', 'jkxls', 'fx', 'sldx', 'lldx'],
	'SH-SSGL-03': ['护栏损坏', '路牌损坏', '指示牌损坏', '公共座椅损坏', '宣传栏损坏', 'hwss', 'lshwss', 'hwsssh'],
	'SH-SSGL-04': ['路面坑洼', '马路有坑', '路坑', '地砖松动', '路不平', 'dlps', 'lmps', 'rxdps', 'kw'],
	'SH-HWSR-01': ['垃圾', '垃圾满了', '垃圾没人收', '装修垃圾', '建筑垃圾', '垃圾桶满溢', 'blj', 'lj', 'ldlj'],
	'SH-HWSR-02': ['扫地', '没人扫', '落叶', '路上脏', '清扫不及时', '路面油污', 'dlbj', 'bj', 'qs'],
	'SH-HWSR-03': ['野广告', '贴小广告', '办证小广告', '乱喷涂', '张贴广告', 'xgg', 'npx', 'ltx', 'lzt', 'lkh'],
	'SH-HWSR-04': ['晒被子', '路边晒衣服', '晾衣杆', '挂衣服', 'lls', 'lyf', 'yjls'],
	'SH-HWSR-05': ['草坪被踩', '踩踏草坪', '占用绿地', '砍树', '绿化带停车', 'hlzl', 'phlh', 'ldzc'],
	'SH-JMZX-01': ['摆摊', '摆地摊', '地摊', '路边摊', '小摊贩', '夜市摊', '早餐摊', 'lst', 'zdjy', 'bt', 'bdt', 'dt', 'wztf', 'ldtf', 'zdwzzjy', 'lsd'],
	'SH-JMZX-02': ['店门口摆货', '门口堆货', '商铺占道', '店外摆卖', '出店摆卖', 'kmyy', 'kmjy', 'cdjy', '店外音响噪音', '喇叭叫卖'],
	'SH-JMZX-03': ['堆杂物', '建材乱堆', '马路上堆东西', '挖路', '道路开挖', 'ldw', 'zddw', 'ldlf', 'zdsg', 'dlkw', '施工噪音', '夜间施工'],
	'SH-JMZX-04': ['乱停', '占道停车', '停车挡路', '车堵门口', '单车乱放', '电动车乱停', 'wt', 'ltc', 'ltf', 'zdtc', 'gxdc', 'jdcltf'],
	'SH-JMZX-05': ['长期不动的车', '破自行车', '报废车', '弃车', '废旧车', 'jsc', 'fqcl', 'jsdc'],
	'SH-YLLH-01': ['树倒了', '树枝挡路', '树木倒伏', '树枝挡灯', '修剪树枝', '枯树', 'xds', 'szdl', 'xjsz'],
	'SH-YLLH-02': ['花盆破损', '花坛破损', '花箱倒了', '花盆', 'hjhb', 'hx', 'hp', 'ht'],
	'SH-XQGL-01': ['搭棚子', '加盖', '阳台外扩', '楼顶加层', '乱搭建', 'wfdj', 'wj', 'wzdj', 'sdlj'],
	'SH-XQGL-02': ['违章建筑', '老违章', '拆违', '违建拆除', 'wfjz', 'clwj', 'cw', 'wzjz']
};

const normalize = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

interface CategoryAliases {
	code: string;
	aliases: string;
}

interface AliasChange {
	aliases: { from: string[]; to: string[] };
	by?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function saveAliases(db: Kysely<any>, code: string, from: string[], to: string[], by: string): Promise<void> {
	await db.updateTable('categories').set({ aliases: JSON.stringify(to) }).where('code', '=', code).execute();
	await db
		.insertInto('audit_log')
		.values({ at: Date.now(), actor_id: null, action: 'category.update', target: `category:${code}`, detail: JSON.stringify({ aliases: { from, to }, by }) })
		.execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
	const rows: CategoryAliases[] = await db.selectFrom('categories').select(['code', 'aliases']).execute();
	for (const row of rows) {
		const extra = ADDED[row.code];
		if (!extra) continue;
		const current = JSON.parse(row.aliases) as string[];
		const known = new Set(current.map(normalize));
		const added = extra.filter((a) => !known.has(normalize(a))).slice(0, Math.max(0, MAX_ALIASES - current.length));
		if (added.length) await saveAliases(db, row.code, current, [...current, ...added], NAME);
	}
	await db.schema.createIndex('cases_reporter_id_reported_at').on('cases').columns(['reporter_id', 'reported_at']).execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('cases_reporter_id_reported_at').execute();
	const rows: CategoryAliases[] = await db.selectFrom('categories').select(['code', 'aliases']).execute();
	for (const row of rows) {
		// The latest entry up wrote for this category says what it added (read in JavaScript: the
		// detail is JSON text, and JSON functions differ between databases).
		const entries: { detail: string }[] = await db
			.selectFrom('audit_log')
			.select('detail')
			.where('target', '=', `category:${row.code}`)
			.where('action', '=', 'category.update')
			.where('actor_id', 'is', null)
			.orderBy('id', 'desc')
			.execute();
		const mine = entries.map((e) => JSON.parse(e.detail) as AliasChange).find((d) => d.by === NAME);
		if (!mine) continue;
		const added = new Set(mine.aliases.to.filter((a) => !mine.aliases.from.includes(a)));
		const current = JSON.parse(row.aliases) as string[];
		const kept = current.filter((a) => !added.has(a));
		if (kept.length !== current.length) await saveAliases(db, row.code, current, kept, `${NAME} down`);
	}
}
