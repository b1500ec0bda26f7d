import { describe, expect, it } from 'vitest';
import { parseCommand } from './commands';
import { parseEnforcementForm } from '../../enforcement/[id=id]/commands';

const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('destructive actions need the confirmation ticked', () => {
	it('作废 without the tick is refused naming the field; with it the reason goes through', () => {
		expect(parseCommand('void', form({ note: '重复上报' }), 0)).toEqual({
			ok: false,
			field: 'confirm',
			code: 'confirm_required'
		});
		expect(parseCommand('void', form({ note: '重复上报', confirm: 'on' }), 0)).toEqual({
			ok: false,
			field: 'confirm',
			code: 'confirm_required'
		});
		expect(parseCommand('void', form({ note: '重复上报', confirm: 'yes' }), 0)).toEqual({
			ok: true,
			command: { action: 'void', reason: '重复上报' }
		});
	});

	it('撤销 of an enforcement case likewise', () => {
		expect(parseEnforcementForm('cancel', form({ note: '当事人已整改' }))).toMatchObject({
			ok: false,
			field: 'confirm',
			code: 'confirm_required'
		});
		expect(parseEnforcementForm('cancel', form({ note: '当事人已整改', confirm: 'yes' }))).toMatchObject({
			ok: true,
			command: { action: 'cancel', reason: '当事人已整改' }
		});
	});
});

describe('批准延期 reads the approved date as the end of that day', () => {
	it('takes the date, leaves it out when empty, and refuses a malformed one', () => {
		const parsed = parseCommand('approve_extension', form({ approvedDate: '2026-12-20' }), 0);
		expect(parsed).toEqual({
			ok: true,
			command: { action: 'approve_extension', note: '', approvedDeadline: Date.parse('2026-12-21T00:00:00+08:00') }
		});
		expect(parseCommand('approve_extension', form({}), 0)).toEqual({
			ok: true,
			command: { action: 'approve_extension', note: '' }
		});
		expect(parseCommand('approve_extension', form({ approvedDate: '2026-13-40' }), 0)).toEqual({
			ok: false,
			field: 'approvedDate',
			code: 'invalid'
		});
	});
});
