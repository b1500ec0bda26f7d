import { canSeePersonalData } from '$lib/domain/hotline-permissions';
import { maskName, maskPhone } from '$lib/domain/personal-data';
import type { Actor } from '$lib/domain/permissions';

/**
 * The only way order rows leave the server: the citizen's name and phone are masked unless this
 * viewer may see them (the dispatcher, the assigned department's handlers). Pages, exports and
 * API answers all go through here.
 */
export function presentOrder<T extends { citizen_name: string | null; phone: string | null; department_id: number | null }>(
	row: T,
	actor: Actor
): T & { personalDataMasked: boolean } {
	if (canSeePersonalData(actor, { departmentId: row.department_id })) return { ...row, personalDataMasked: false };
	return {
		...row,
		citizen_name: row.citizen_name ? maskName(row.citizen_name) : null,
		phone: row.phone ? maskPhone(row.phone) : null,
		personalDataMasked: true
	};
}
