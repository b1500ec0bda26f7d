// Demo camera registry: a dozen cameras spread over the 居民区, each a few metres from its
// community marker (as a pole at the corner would be). Idempotent: existing ids are left alone.
import { locatePoint, type LngLat } from '../src/lib/domain/geo';
import { shanghaiDate } from '../src/lib/domain/working-days';
import type { Db } from '../src/lib/server/db/create-database';
import { insertCamera } from '../src/lib/server/repositories/cameras';
import { loadGeography } from '../src/lib/server/repositories/reference';

export const DEMO_CAMERA_COUNT = 12;
/** About 15 m east and 10 m north of the marker. */
const OFFSET: LngLat = [0.00016, 0.00009];

/** Returns how many cameras were added (0 when run again). */
export async function seedDemoCameras(db: Db, now: number): Promise<number> {
	const geo = await loadGeography(db, shanghaiDate(now));
	const communities = [...geo.communities].sort((a, b) => a.id - b.id);
	if (!communities.length) return 0;
	const step = Math.max(1, Math.floor(communities.length / DEMO_CAMERA_COUNT));
	let added = 0;
	for (let i = 0; i < DEMO_CAMERA_COUNT && i * step < communities.length; i++) {
		const c = communities[i * step];
		// Near an edge the offset point may fall in a neighbouring 片区 or outside: then use the marker itself.
		const tries: LngLat[] = [
			[c.lng + OFFSET[0], c.lat + OFFSET[1]],
			[c.lng, c.lat]
		];
		for (const pt of tries) {
			const place = locatePoint(pt, geo.boundary, geo.areas, geo.communities);
			if (!place.ok) continue;
			const id = `GM-CAM-${String(i + 1).padStart(3, '0')}`;
			const name = `${c.name}${i % 2 ? '出入口' : '沿街'}探头`;
			if (
				await insertCamera(
					db,
					id,
					{
						name,
						lng: Number(pt[0].toFixed(6)),
						lat: Number(pt[1].toFixed(6)),
						areaId: place.areaId,
						communityId: place.communityId
					},
					now
				)
			)
				added++;
			break;
		}
	}
	return added;
}
