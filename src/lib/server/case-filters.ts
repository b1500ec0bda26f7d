// The case filters of the list and the map: plain GET parameters, so a filtered view is a URL that
// can be shared. Unknown values are ignored rather than refused.
import { CASE_SOURCES, isCaseStatus } from '$lib/domain/case-status';
import { isValidDate } from '$lib/domain/working-days';
import type { CaseFilters } from './repositories/case-list';

const positiveInt = (s: string | null) => (s && /^[1-9][0-9]{0,8}$/.test(s) ? Number(s) : undefined);
const date = (s: string | null) => (s && isValidDate(s) ? s : undefined);

export function parseCaseFilters(params: URLSearchParams): CaseFilters {
	const status = params.getAll('status').filter(isCaseStatus);
	const source = params.get('source') ?? '';
	return {
		status: status.length ? status : undefined,
		areaId: positiveInt(params.get('area')),
		communityId: positiveInt(params.get('community')),
		departmentId: positiveInt(params.get('department')),
		categoryCode: params.get('category') || undefined,
		source: (CASE_SOURCES as readonly string[]).includes(source) ? source : undefined,
		from: date(params.get('from')),
		to: date(params.get('to')),
		overdue: params.get('overdue') === '1',
		dueSoon: params.get('due_soon') === '1',
		checkLate: params.get('check_late') === '1',
		returned: params.get('returned') === '1',
		supervised: params.get('supervised') === '1',
		q: params.get('q')?.trim().slice(0, 100) || undefined,
		page: positiveInt(params.get('page')) ?? 1
	};
}
