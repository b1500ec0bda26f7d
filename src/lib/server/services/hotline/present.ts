import { maskName, maskPhone } from '$lib/domain/personal-data';
import { type Actor, can } from '$lib/domain/access';

/**
 * The only way order rows leave the server: the citizen's name and phone are masked unless this
 * viewer may see them (the dispatcher, the assigned department's handlers). Pages, exports and
 * API answers all go through here. The import fingerprint is dropped for everyone: it is the
 * whole order as JSON, name and phone included.
 */
export function presentOrder<
	T extends { citizen_name: string | null; phone: string | null; department_id: number | null }
>(row: T, actor: Actor): Omit<T, 'fingerprint'> & { personalDataMasked: boolean } {
	const { fingerprint: _fingerprint, ...rest } = row as T & { fingerprint?: unknown };
	if (can(actor, 'hotline.personal_data', { departmentId: row.department_id }))
		return { ...rest, personalDataMasked: false };
	return {
		...rest,
		citizen_name: row.citizen_name ? maskName(row.citizen_name) : null,
		phone: row.phone ? maskPhone(row.phone) : null,
		personalDataMasked: true
	};
}
