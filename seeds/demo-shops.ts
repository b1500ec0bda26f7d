// Demo shop registry (商户档案): shops along 古美路, 平吉路 and 虹梅路, each a few tens of metres from a
// 居民区 marker so it falls inside the subdistrict. Idempotent: a shop already on file by name is kept.
import { locatePoint, type LngLat } from '../src/lib/domain/geo';
import { creditCodeCheckChar, validateShopInput } from '../src/lib/domain/shop-input';
import { shanghaiDate } from '../src/lib/domain/working-days';
import type { Db } from '../src/lib/server/db/create-database';
import { loadGeography } from '../src/lib/server/repositories/reference';
import { insertShop } from '../src/lib/server/repositories/shops';

interface DemoShop {
	signName: string;
	/** 主体标识码 (9 characters) of a 闵行区 (310112) registration; null for a street stall. */
	orgCode: string | null;
	/** 机构类别: 91 企业, 92 个体工商户. */
	kind?: '91' | '92';
	ownerName: string;
	phone: string;
	address: string;
	community: string;
	/** Offset from the 居民区 marker, degrees (0.001° ≈ 100 m). */
	dLng: number;
	dLat: number;
}

export const DEMO_SHOPS: DemoShop[] = [
	{
		signName: '古美小笼包',
		orgCode: 'MA1FL3K2X',
		kind: '92',
		ownerName: '陈桂芳',
		phone: '13901762231',
		address: '古美路 1258 号',
		community: '古美一村',
		dLng: 0.0004,
		dLat: -0.0003
	},
	{
		signName: '鲜果多水果店',
		orgCode: 'MA1HT0P7Q',
		kind: '92',
		ownerName: '李志强',
		phone: '13916654082',
		address: '古美路 1302 号',
		community: '古美三村',
		dLng: -0.0003,
		dLat: 0.0002
	},
	{
		signName: '家家乐便利店',
		orgCode: 'MA1G8Q0C5',
		ownerName: '张丽华',
		phone: '13817720459',
		address: '古美路 1409 号',
		community: '古美四村',
		dLng: 0.0002,
		dLat: 0.0003
	},
	{
		signName: '阿强汽车美容',
		orgCode: 'MA1JB2N48',
		ownerName: '周强',
		phone: '13764201587',
		address: '古美路 1525 号',
		community: '古美九村',
		dLng: 0.0003,
		dLat: 0.0002
	},
	{
		signName: '平吉生煎馆',
		orgCode: 'MA1K7C3D2',
		kind: '92',
		ownerName: '王秀英',
		phone: '13918840316',
		address: '平吉路 85 号',
		community: '平吉一村',
		dLng: 0.0003,
		dLat: 0.0001
	},
	{
		signName: '好邻居五金',
		orgCode: 'MA1FX6E9R',
		kind: '92',
		ownerName: '刘建军',
		phone: '13601993470',
		address: '平吉路 136 号',
		community: '平吉四村',
		dLng: -0.0002,
		dLat: -0.0002
	},
	{
		signName: '兰州牛肉拉面',
		orgCode: 'MA1L0R5U8',
		kind: '92',
		ownerName: '马金山',
		phone: '13524068711',
		address: '平吉路 201 号',
		community: '平吉五村',
		dLng: 0.0002,
		dLat: 0.0003
	},
	{
		signName: '虹梅路夜宵大排档',
		orgCode: 'MA1M4W1Y6',
		ownerName: '黄伟',
		phone: '13917305568',
		address: '虹梅路 3010 号',
		community: '古美十村',
		dLng: 0.0004,
		dLat: 0.0001
	},
	{
		signName: '梅陇烟杂店',
		orgCode: 'MA1N9T2H3',
		kind: '92',
		ownerName: '徐美玲',
		phone: '13482271904',
		address: '虹梅路 3088 号',
		community: '古美七村',
		dLng: 0.0003,
		dLat: -0.0002
	},
	{
		signName: '平吉路流动早点摊',
		orgCode: null,
		ownerName: '赵福生',
		phone: '13962157723',
		address: '平吉路近平阳路口',
		community: '平吉三村',
		dLng: 0.0002,
		dLat: 0.0002
	}
];

/** Position 17 of a 主体标识码 is its own check (GB 11714): mod 11 over the first 8, 10 → 'X'. */
function withOrgCheck(orgCode: string): string {
	const body = orgCode.slice(0, 8);
	const weights = [3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...body].reduce((s, ch, i) => s + parseInt(ch, 36) * weights[i], 0);
	const c = 11 - (sum % 11);
	return body + (c === 11 ? '0' : c === 10 ? 'X' : String(c));
}

/** A full 统一社会信用代码 for a 闵行区 registration, check character included. */
export function demoCreditCode(orgCode: string, kind: '91' | '92' = '91'): string {
	const first17 = `${kind}310112${withOrgCheck(orgCode)}`;
	const check = creditCodeCheckChar(first17);
	if (!check) throw new Error(`demo credit code ${first17}: not in the GB 32100 character set`);
	return first17 + check;
}

/** Inserts the demo shops that are not on file yet; returns every demo shop's id by 店招名. */
export async function seedDemoShops(db: Db, createdBy: number, now: number): Promise<Map<string, number>> {
	const geo = await loadGeography(db, shanghaiDate(now));
	const markers = new Map(geo.communities.map((c) => [c.name, c]));
	const existing = new Map(
		(
			await db
				.selectFrom('shops')
				.select(['id', 'sign_name'])
				.where(
					'sign_name',
					'in',
					DEMO_SHOPS.map((s) => s.signName)
				)
				.execute()
		).map((r) => [r.sign_name, r.id])
	);
	const ids = new Map<string, number>();
	for (const s of DEMO_SHOPS) {
		const known = existing.get(s.signName);
		if (known !== undefined) {
			ids.set(s.signName, known);
			continue;
		}
		const marker = markers.get(s.community);
		if (!marker) throw new Error(`demo shop ${s.signName}: no 居民区 ${s.community}`);
		const point: LngLat = [Number((marker.lng + s.dLng).toFixed(6)), Number((marker.lat + s.dLat).toFixed(6))];
		const place = locatePoint(point, geo.boundary, geo.areas, geo.communities);
		if (!place.ok) throw new Error(`demo shop ${s.signName}: ${place.reason}`);
		const checked = validateShopInput({
			signName: s.signName,
			creditCode: s.orgCode ? demoCreditCode(s.orgCode, s.kind) : '',
			ownerName: s.ownerName,
			phone: s.phone,
			address: s.address,
			lng: point[0],
			lat: point[1]
		});
		if (!checked.ok) throw new Error(`demo shop ${s.signName}: ${JSON.stringify(checked.errors)}`);
		const f = checked.value;
		const id = await insertShop(db, {
			sign_name: f.signName,
			credit_code: f.creditCode,
			owner_name: f.ownerName,
			phone: f.phone,
			address: f.address,
			lng: f.lng,
			lat: f.lat,
			community_id: place.communityId,
			created_by: createdBy,
			created_at: now,
			updated_at: now
		});
		ids.set(s.signName, id);
	}
	return ids;
}
