import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabel } from './audit-format';

/** Every 'thing.verb' an admin service writes as an audit action (the ternaries' both sides too). */
function auditActions(): string[] {
	const root = 'src/lib/server/services';
	const found = new Set<string>();
	for (const rel of fs.readdirSync(root, { recursive: true }) as string[]) {
		if (!rel.endsWith('.ts') || /\.(test|fixtures?)\.ts$/.test(rel)) continue;
		for (const line of fs.readFileSync(path.join(root, rel), 'utf8').split('\n'))
			if (/\baction:/.test(line)) for (const [, a] of line.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.add(a);
	}
	return [...found].sort();
}

describe('audit actions read as words on /admin/audit', () => {
	it('every action a service records has a label, not its key', () => {
		const actions = auditActions();
		expect(actions).toContain('settings.import_retention');
		expect(actions.filter((a) => auditActionLabel(a) === a)).toEqual([]);
	});
});
