import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'micro-'));
process.env.DATABASE_PATH = path.join(dir, 'db.sqlite');
const { createDatabase } = await import('../src/lib/server/db/create-database');
const { migrateToLatest } = await import('../src/lib/server/db/migrate');
const { seedReference } = await import('../seeds/reference');
const { loadCalendar } = await import('../src/lib/server/repositories/calendar');
const { openHotlineOrder, hotlineStageDeadline } = await import('../src/lib/domain/hotline-workflow');
const { computeDeadline, warningInstant } = await import('../src/lib/domain/deadlines');
const { orderFingerprint, validateOrderRecord } = await import('../src/lib/domain/hotline-order-input');
const { orderValidationContext } = await import('../src/lib/server/repositories/hotline-reference');
const { orderRows, HEADERS } = await import('./generate');
const db = createDatabase(process.env.DATABASE_PATH); await migrateToLatest(db); await seedReference(db);
const cal = await loadCalendar(db); const now = Date.now(); const ctx = await orderValidationContext(db, now);
const { ORDER_COLUMN_KEYS } = await import('../src/lib/domain/hotline-order-columns');
const orders = [...orderRows(100000, now)].map((r) => { const raw = Object.fromEntries(ORDER_COLUMN_KEYS.map((k, i) => [k, r[i]])); const v = validateOrderRecord(raw, ctx); if (!v.ok) throw new Error(JSON.stringify(v.errors)); return v.order; });
void HEADERS;
const time = (label: string, f: () => void) => { for (let w = 0; w < 2; w++) { const c = process.cpuUsage(); const t = performance.now(); f(); const ms = performance.now() - t; const u = process.cpuUsage(c); if (w) console.log(label.padEnd(34), (ms / 100).toFixed(2), 'µs/order wall', ((u.user + u.system) / 1000 / 100).toFixed(2), 'µs cpu', `=> ${(ms/1000).toFixed(2)} s per 100k`); } };
time('openHotlineOrder+stageDeadline', () => { for (const o of orders) { const s = openHotlineOrder({ receivedAt: o.receivedAt, orderLimit: o.orderLimit, hasPhone: o.phone !== null }, cal); hotlineStageDeadline(s); } });
time('  computeDeadline only', () => { for (const o of orders) computeDeadline(o.receivedAt, o.orderLimit, cal); });
time('  warningInstant only', () => { for (const o of orders) warningInstant(o.receivedAt, o.receivedAt + 5 * 86400000, o.orderLimit.unit, cal); });
time('orderFingerprint', () => { for (const o of orders) orderFingerprint(o); });
const raws = [...orderRows(100000, now)].map((r) => Object.fromEntries(ORDER_COLUMN_KEYS.map((k, i) => [k, r[i]])));
time('validateOrderRecord', () => { for (const r of raws) validateOrderRecord(r, ctx); });

// ---- prototype: epoch-day arithmetic with a per-calendar workday cache ----
const DAY = 86_400_000, OFF = 8 * 3_600_000;
const spansOf = (c: typeof cal) => c.workingHours.map(([a, b]) => [(+a.slice(0, 2) * 60 + +a.slice(3)) * 60000, (+b.slice(0, 2) * 60 + +b.slice(3)) * 60000] as const);
const SP = spansOf(cal);
const wdCache = new Map<number, boolean>();
const pad = (n: number) => String(n).padStart(2, '0');
function isWd(dn: number): boolean {
	let v = wdCache.get(dn);
	if (v === undefined) {
		const d = new Date(dn * DAY); const s = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
		const wd = (dn + 4) % 7;
		v = cal.makeupWorkdays.has(s) || (wd >= 1 && wd <= 5 && !cal.offDays.has(s));
		wdCache.set(dn, v);
	}
	return v;
}
const dayOf = (ms: number) => Math.floor((ms + OFF) / DAY);
const mid = (dn: number) => dn * DAY - OFF;
function fastDeadline(start: number, n: number): number { let dn = dayOf(start); for (let left = n; left > 0; ) { dn++; if (isWd(dn)) left--; } return mid(dn + 1); }
function fastBetween(from: number, to: number): number { if (!(to > from)) return 0; let t = 0; for (let dn = dayOf(from); mid(dn) < to; dn++) { if (!isWd(dn)) continue; const m = mid(dn); for (const [a, b] of SP) t += Math.max(0, Math.min(to, m + b) - Math.max(from, m + a)); } return t; }
function fastAdd(start: number, ms: number): number { let left = ms; for (let dn = dayOf(start); ; dn++) { if (!isWd(dn)) continue; const m = mid(dn); for (const [a, b] of SP) { const f = Math.max(start, m + a); const e = m + b; if (e <= f) continue; if (left <= e - f) return f + left; left -= e - f; } } }
function fastWarn(start: number, dl: number): number { const w = fastBetween(start, dl); return w > 0 ? fastAdd(start, Math.ceil((w * 3) / 4)) : start; }
let mismatch = 0;
for (const o of orders) { const d = computeDeadline(o.receivedAt, o.orderLimit, cal); const s = openHotlineOrder({ receivedAt: o.receivedAt, orderLimit: o.orderLimit, hasPhone: true }, cal); if (fastDeadline(o.receivedAt, o.orderLimit.value) !== d || fastWarn(o.receivedAt, d) !== s.warnAt) mismatch++; }
console.log('prototype mismatches vs domain:', mismatch, 'of', orders.length);
time('PROTOTYPE deadline+warn (epoch days)', () => { for (const o of orders) { const d = fastDeadline(o.receivedAt, o.orderLimit.value); fastWarn(o.receivedAt, d); } });
// ---- prototype: fingerprint with keys written in sorted order ----
const { stableFp } = { stableFp: (o: (typeof orders)[number]) => JSON.stringify({ address: o.address, categoryCode: o.categoryCode, channel: o.channel, citizenName: o.citizenName, communityId: o.communityId, content: o.content, lat: o.lat, lng: o.lng, orderLimit: { unit: o.orderLimit.unit, value: o.orderLimit.value }, orderNo: o.orderNo, orderTypeCode: o.orderTypeCode, phone: o.phone, receivedAt: o.receivedAt, urgency: o.urgency }) };
{ const o = orders[0]; console.log(orderFingerprint(o)); console.log(stableFp(o)); }
console.log('fingerprint mismatches:', orders.filter((o) => stableFp(o) !== orderFingerprint(o)).length);
time('PROTOTYPE fingerprint (sorted literal)', () => { for (const o of orders) stableFp(o); });
await db.destroy(); fs.rmSync(dir, { recursive: true });
