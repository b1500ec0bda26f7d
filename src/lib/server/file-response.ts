// The answer of a file route: the stored file with private caching, or the refusal as 403/404.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { StoredFile } from './services/stored-files';

export function fileResponse(file: StoredFile, headers: Record<string, string> = {}): Response {
	if (file === 'not_found') error(404, m.err_photo_not_found());
	if (file === 'forbidden') error(403, m.err_forbidden());
	return new Response(new Uint8Array(file.body), {
		headers: {
			'Content-Type': file.mime,
			'Cache-Control': 'private, max-age=86400',
			'Content-Disposition': 'inline',
			'X-Content-Type-Options': 'nosniff',
			...headers
		}
	});
}
