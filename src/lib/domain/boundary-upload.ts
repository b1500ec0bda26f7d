// The whole check of one boundary upload as one pure step, so the server can run it on a worker
// thread (a detailed outline takes seconds to check): the text in, the outlines or the reasons they are refused out.
import {
	checkBoundaries,
	checkCommunityBoundaries,
	parseBoundaryGeoJson,
	type BoundaryFeature,
	type BoundaryIssue
} from './boundary-input';
import type { LngLat } from './geo';

export interface UploadContext {
	level: 'area' | 'community';
	subdistrict: LngLat[][];
	/** 片区 of the version in force. */
	areas: { name: string; rings: LngLat[][] }[];
	/** 居民区 on file: marker, and outline where the version in force draws one. */
	communities: { name: string; lng: number; lat: number; rings?: LngLat[][] | null }[];
}

export type UploadCheck =
	| {
			ok: true;
			features: BoundaryFeature[];
			/** 片区 upload: whether the 居民区 outlines in force still fit (null: none drawn). */ outlinesFit:
				boolean | null;
	  }
	| { ok: false; issues: BoundaryIssue[] };

export function checkBoundaryUpload(text: string, ctx: UploadContext): UploadCheck {
	const parsed = parseBoundaryGeoJson(text);
	if (!parsed.ok) return parsed;
	const features = parsed.features;
	if (ctx.level === 'community') {
		const issues = checkCommunityBoundaries(
			features,
			ctx.subdistrict,
			ctx.areas.map((a, i) => ({ id: i, ...a })),
			ctx.communities.map((c) => c.name)
		);
		return issues.length ? { ok: false, issues } : { ok: true, features, outlinesFit: null };
	}
	const issues = checkBoundaries(features, ctx.subdistrict, ctx.communities);
	if (issues.length) return { ok: false, issues };
	const drawn = ctx.communities.filter((c) => c.rings);
	if (!drawn.length) return { ok: true, features, outlinesFit: null };
	const areas = features.map((f, i) => ({ id: i, name: f.name, rings: f.polygons.flat() }));
	const fit =
		checkCommunityBoundaries(
			drawn.map((c) => ({ name: c.name, polygons: [c.rings!] })),
			ctx.subdistrict,
			areas,
			drawn.map((c) => c.name)
		).length === 0;
	return { ok: true, features, outlinesFit: fit };
}
