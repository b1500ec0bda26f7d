import { fail } from '@sveltejs/kit';
import { shanghaiDate } from '$lib/domain/working-days';
import { getDb } from '$lib/server/db';
import { refill, text } from '$lib/server/form';
import {
	BOUNDARY_LEVELS,
	loadBoundaryEditor,
	MAX_BOUNDARY_BYTES,
	previewBoundary,
	type BoundaryLevel,
	type BoundaryPreview
} from '$lib/server/services/boundaries';
import { publishBoundary } from '$lib/server/services/boundaries-publish';
import type { Actions, PageServerLoad } from './$types';
import { requireCan } from '$lib/server/auth/gate';

export const load: PageServerLoad = async (event) => {
	requireCan(event, 'admin.manage');
	return loadBoundaryEditor(getDb(), shanghaiDate(Date.now()));
};

/** What the page shows of a preview (the outlines themselves stay on the server). */
function summary(p: BoundaryPreview) {
	return {
		level: p.level,
		communityOutlines: p.communityOutlines,
		names: p.features.map((f) => f.name),
		kept: p.kept,
		added: p.added,
		dropped: p.dropped,
		past: p.past,
		openMoved: p.moved.filter((c) => c.open).length,
		closedMoved: p.moved.filter((c) => !c.open).length,
		relocate: p.moved.filter((c) => c.relocate).map((c) => ({ id: c.id, code: c.code, toArea: c.toArea })),
		sample: p.moved
			.slice(0, 20)
			.map((c) => ({ id: c.id, code: c.code, open: c.open, toArea: c.toArea, toCommunity: c.toCommunity })),
		communitiesMoved: p.communitiesMoved
	};
}

function readValues(form: FormData) {
	const level = text(form, 'level');
	return {
		effectiveFrom: text(form, 'effectiveFrom'),
		note: refill(text(form, 'note'), 200),
		level: ((BOUNDARY_LEVELS as readonly string[]).includes(level) ? level : 'area') as BoundaryLevel
	};
}

/** The GeoJSON comes as a file the first time, then as the text the preview sent back. */
async function readUpload(form: FormData): Promise<{ text: string } | { error: string }> {
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > MAX_BOUNDARY_BYTES) return { error: 'file_too_large' };
		return { text: await file.text() };
	}
	const t = text(form, 'geojson');
	if (!t.trim()) return { error: 'boundary_file_required' };
	return { text: t.slice(0, MAX_BOUNDARY_BYTES + 1) };
}

export const actions: Actions = {
	preview: async (event) => {
		requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = readValues(form);
		const upload = await readUpload(form);
		if ('error' in upload) return fail(400, { values, issues: [{ code: upload.error }] });
		const today = shanghaiDate(Date.now());
		const r = await previewBoundary(getDb(), upload.text, values.effectiveFrom, today, values.level);
		if (!r.ok) return fail(400, { values, issues: r.issues });
		return { values, geojson: upload.text, preview: summary(r.preview) };
	},
	publish: async (event) => {
		const admin = requireCan(event, 'admin.manage');
		const form = await event.request.formData();
		const values = readValues(form);
		const upload = await readUpload(form);
		if ('error' in upload) return fail(400, { values, issues: [{ code: upload.error }] });
		const now = Date.now();
		const r = await publishBoundary(
			getDb(),
			admin.id,
			{
				text: upload.text,
				effectiveFrom: values.effectiveFrom,
				note: values.note,
				confirmPast: text(form, 'confirmPast') === '1',
				level: values.level
			},
			shanghaiDate(now),
			now
		);
		if (!r.ok) {
			// Refused (most often: a past date not yet confirmed): the preview stays on screen with the reason.
			const again = await previewBoundary(getDb(), upload.text, values.effectiveFrom, shanghaiDate(now), values.level);
			return fail(400, {
				values,
				issues: r.issues,
				geojson: upload.text,
				preview: again.ok ? summary(again.preview) : null
			});
		}
		return { published: { versionId: r.versionId, relocated: r.relocated, effectiveFrom: values.effectiveFrom } };
	}
};
