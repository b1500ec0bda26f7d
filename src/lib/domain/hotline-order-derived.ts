// What an order row implies beyond its cells: the deadline from the city's 办理时限/截止时间, and the
// 居民区 from the point or the address. Both leave notes for the import preview.
import { computeDeadline, describeLimit, formatDeadline, type Limit } from './deadlines';
import { matchCommunityByAddress } from './community-names';
import type { OrderColumnKey } from './hotline-order-columns';
import type { OrderErrorCode, OrderNote, OrderTypeRef, OrderValidationContext } from './hotline-order-input';
import { parseDueText, readTimeLimit } from './hotline-time-limit';
import type { WorkCalendar } from './working-days';

const inverted = new WeakMap<ReadonlyMap<string, number>, Map<number, string>>();
function communityNames(byName: ReadonlyMap<string, number>): Map<number, string> {
	let names = inverted.get(byName);
	if (!names) inverted.set(byName, (names = new Map([...byName].map(([name, id]) => [id, name]))));
	return names;
}

/**
 * The order's limit and deadline: the city's 截止时间 when given, else its 办理时限 (a duration, or a
 * date-time some platforms write there), else the 诉求类型's default. An unreadable 办理时限 ('尽快')
 * falls back to the default with a note (GridCase rule: the order is real and must be worked, and
 * the default is what it would have had anyway; the preview says so); a deadline not after the
 * 派单时间 is an error of the row (it cannot be worked to, and guessing would hide a broken export).
 */
export function orderTiming(
	limitText: string,
	dueText: string,
	orderType: OrderTypeRef | null,
	receivedAt: number | null,
	calendar: WorkCalendar | undefined,
	fail: (column: OrderColumnKey, code: OrderErrorCode) => null,
	notes: OrderNote[]
): { limit: Limit; dueAt: number | null } {
	const fallback: Limit = orderType
		? { value: orderType.limit.value, unit: orderType.limit.unit }
		: { value: 1, unit: 'wd' };
	let limit = fallback;
	let dueAt: number | null = null;
	let dueColumn: OrderColumnKey = 'dueAt';
	if (limitText !== '') {
		const read = readTimeLimit(limitText);
		if (read.kind === 'limit') limit = read.limit;
		else if (read.kind === 'due') [dueAt, dueColumn] = [read.at, 'timeLimit'];
		else
			notes.push({
				column: 'timeLimit',
				code: 'limit_unreadable',
				params: { text: limitText.slice(0, 40), limit: describeLimit(fallback) }
			});
	}
	if (dueText !== '') {
		const at = parseDueText(dueText);
		if (at === null) fail('dueAt', 'invalid_date');
		else [dueAt, dueColumn] = [at, 'dueAt'];
	}
	if (dueAt !== null && receivedAt !== null && dueAt <= receivedAt) {
		fail(dueColumn, 'due_before_received');
		return { limit, dueAt: null };
	}
	if (calendar && orderType && receivedAt !== null) {
		const standard = computeDeadline(receivedAt, fallback, calendar);
		const deadline = dueAt ?? computeDeadline(receivedAt, limit, calendar);
		const note = notes.find((n) => n.code === 'limit_unreadable');
		if (note) note.params = { ...note.params, deadline: formatDeadline(standard) };
		else if (deadline !== standard) {
			// As the file wrote it ('2天' reads better than '48 小时'); a deadline as the screen shows deadlines.
			const given = dueAt === null ? limitText.slice(0, 40) : formatDeadline(dueAt);
			notes.push({
				column: dueColumn === 'dueAt' && dueAt !== null ? 'dueAt' : 'timeLimit',
				code: 'limit_from_file',
				params: {
					given,
					deadline: formatDeadline(deadline),
					limit: describeLimit(fallback),
					standard: formatDeadline(standard)
				}
			});
		}
	}
	return { limit, dueAt };
}

/** The 居民区 of an order without one: from its point, else from a road or 小区 its address names, else 待定. */
export function findCommunity(
	address: string,
	lng: number | null,
	lat: number | null,
	ctx: OrderValidationContext,
	notes: OrderNote[]
): number | null {
	if (!ctx.locateCommunity && !ctx.placeNames) return null;
	const nameOf = (id: number) => communityNames(ctx.communities).get(id) ?? String(id);
	if (lng !== null && lat !== null && ctx.locateCommunity) {
		const id = ctx.locateCommunity([lng, lat]);
		if (id !== null) {
			notes.push({ column: 'community', code: 'community_from_point', params: { community: nameOf(id) } });
			return id;
		}
	}
	const match = matchCommunityByAddress(address, ctx.placeNames ?? []);
	if (match.ok) {
		notes.push({
			column: 'community',
			code: 'community_from_address',
			params: { community: nameOf(match.communityId), name: match.name }
		});
		return match.communityId;
	}
	notes.push({ column: 'community', code: 'community_pending', params: { names: match.names.join('、') } });
	return null;
}
