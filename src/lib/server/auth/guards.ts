import { isRole, type Actor } from '$lib/domain/access';
import type { SessionUser } from './session';

export function toActor(u: SessionUser): Actor | null {
	if (!isRole(u.role)) return null;
	return { id: u.id, role: u.role, departmentId: u.department_id, areaId: u.area_id, communityId: u.community_id };
}

export function sessionCookieOptions(url: URL, expiresAt: number) {
	return {
		path: '/',
		httpOnly: true,
		sameSite: 'lax' as const,
		secure: url.protocol === 'https:',
		expires: new Date(expiresAt)
	};
}
