// Generated 12345 orders for the import benchmark: deterministic, valid, realistic Chinese content.
// Kept compact (short 诉求内容) so 100,000 orders fit under the upload limit of 20 MB in CSV.
import fs from 'node:fs';
import { pointInPolygon, type LngLat } from '../src/lib/domain/geo';
import { ORDER_COLUMNS } from '../src/lib/domain/hotline-order-columns';
import geo from '../src/lib/reference-data/gumei-geo.json' with { type: 'json' };
import { writeCsv, writeXlsx } from '../src/lib/server/import/export';

export const HEADERS = ORDER_COLUMNS.map((c) => c.header);

const SURNAMES = [
	...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
];
const CHANNELS = ['12345热线', '12345热线', '12345热线', '12345热线', '随申办APP', '12345网站', '微信公众号'];
const TYPES = ['投诉', '投诉', '投诉', '求助', '求助', '咨询', '建议', '督办'];
const ROADS = [
	'古美路',
	'平南路',
	'平吉路',
	'万源路',
	'顾戴路',
	'古龙路',
	'梅陇路',
	'虹梅南路',
	'莲花南路',
	'平阳路',
	'宜山路',
	'龙茗路'
];
export const COMMUNITIES = [
	'东兰一居',
	'东兰二居',
	'东兰三居',
	'东兰四居',
	'平吉一村',
	'平吉二村',
	'平吉三村',
	'平吉四村',
	'平吉五村',
	'平吉六村',
	'平阳一村',
	'平阳二村',
	'平阳三村',
	'平阳四村',
	'平阳五村',
	'平阳六村',
	'平南一居',
	'平南二居',
	'平南三居',
	'万源一居',
	'万源二居',
	'万源三居',
	'万源四居',
	'华一新城',
	'华梅花苑',
	'梅莲苑',
	'古龙一居',
	'古龙二居',
	'古龙三居',
	'古龙四居',
	'古龙五居',
	'古龙六居',
	'古美一村',
	'古美三村',
	'古美四村',
	'古美七村',
	'古美八村',
	'古美九村',
	'古美十村'
];
/** [诉求内容, 类别编码] as citizens describe them. */
const REQUESTS: [string, string][] = [
	['楼道堆放杂物，有消防隐患', 'SH-XQGL-01'],
	['商铺夜间占道经营，噪音扰民', 'SH-JMZX-02'],
	['人行道地砖松动，老人易摔倒', 'SH-SSGL-04'],
	['垃圾箱房垃圾满溢，气味难闻', 'SH-HWSR-01'],
	['行道树枝条遮挡路灯', 'SH-YLLH-01'],
	['窨井盖破损下沉，请尽快修复', 'SH-GYSS-01'],
	['非机动车乱停放，堵塞盲道', 'SH-JMZX-04'],
	['电线杆上张贴小广告', 'SH-HWSR-03'],
	['小区门口乱堆建筑垃圾', 'SH-JMZX-03'],
	['流动摊贩占道卖水果', 'SH-JMZX-01'],
	['咨询加装电梯补贴政策', ''],
	['建议增设非机动车停车棚', ''],
	['楼上装修噪音大，周末不停工', ''],
	['路灯不亮已一周', 'SH-GYSS-02']
];
const SUFFIXES = ['', '', '，多次反映未解决', '，请尽快处理', '，希望相关部门核实', '，影响居民出行'];

export function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** The demo subdistrict's outline: an order's point must fall inside it (or the import refuses the row). */
const OUTLINE = (geo.features.find((f) => f.properties.kind === 'subdistrict')!.geometry as { coordinates: LngLat[][] })
	.coordinates;

/** A point drawn from the outline's box until it falls inside the outline (about 2 draws in 3 do). */
function pointInside(random: () => number): LngLat {
	for (;;) {
		// Rounded as the file writes it (5 decimals), then tested: a point on the edge stays inside.
		const pt: LngLat = [
			Number((121.372 + random() * 0.034).toFixed(5)),
			Number((31.129 + random() * 0.036).toFixed(5))
		];
		if (pointInPolygon(pt, OUTLINE)) return pt;
	}
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** 'YYYY-MM-DD HH:mm:ss' in Asia/Shanghai, as the city platform exports 派单时间. */
export function shanghaiTime(ms: number): string {
	const d = new Date(ms + 8 * 3_600_000);
	return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * `count` valid order rows in ORDER_COLUMNS order, 工单号 unique (prefix + sequence), 派单时间 spread
 * over 2026-01-05 … one hour before `now`.
 */
export function* orderRows(count: number, now: number, prefix = 'SH', seed = 12345): Generator<string[]> {
	const random = rng(seed);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	const from = Date.parse('2026-01-05T00:00:00+08:00');
	const span = now - 3_600_000 - from;
	for (let i = 0; i < count; i++) {
		const receivedAt = from + Math.floor(random() * span);
		const anonymous = random() < 0.08;
		const [content, code] = pick(REQUESTS);
		const community = pick(COMMUNITIES);
		const point = random() < 0.4 ? pointInside(random) : null;
		const phone = anonymous
			? ''
			: random() < 0.1
				? `021-6${Math.floor(1000000 + random() * 8999999)}`
				: `1${pick(['3', '5', '8', '9'])}${Math.floor(100000000 + random() * 899999999)}`;
		yield [
			`${prefix}${shanghaiTime(receivedAt).slice(2, 10).replaceAll('-', '')}${pad(i, 6)}`,
			pick(CHANNELS),
			pick(TYPES),
			random() < 0.1 ? '紧急' : '一般',
			anonymous ? '' : `${pick(SURNAMES)}${random() < 0.5 ? '先生' : '女士'}`,
			phone,
			`${pick(ROADS)}${1 + Math.floor(random() * 999)}弄${1 + Math.floor(random() * 60)}号`,
			point ? point[0].toFixed(5) : '',
			point ? point[1].toFixed(5) : '',
			content + pick(SUFFIXES),
			shanghaiTime(receivedAt),
			random() < 0.8 ? code : '',
			random() < 0.9 ? community : ''
		];
	}
}

export async function writeOrdersCsv(path: string, count: number, now: number): Promise<void> {
	await writeCsv(orderRows(count, now), HEADERS, fs.createWriteStream(path), { bom: true });
}

export async function writeOrdersXlsx(path: string, count: number, now: number): Promise<void> {
	await writeXlsx(orderRows(count, now), HEADERS, fs.createWriteStream(path), { sheetName: '工单' });
}
