// Where an account has signed in from before (issue 14, item 3): its owner's browser (a device cookie
// set at each sign-in) and the client addresses it used, kept 90 days from the last sign-in. Only
// their SHA-256 is stored. An attempt from one of them is not held up by the limit on the account as
// a whole (throttle.ts), which a guesser spread over many addresses would otherwise keep closed.
import type { Db } from '../db/create-database';
import { transact } from '../db/transact';
import { hasKnownMarker, touchMarkers } from '../repositories/sign-in-known';
import { hashSecret, randomString } from './session';

export const DEVICE_COOKIE = 'gc_device';
export const KNOWN_FOR_MS = 90 * 24 * 60 * 60_000;
const DEVICE = /^[a-z2-7]{32}$/;

/** A device cookie's value as sent, or null when there is none or it is not one this app gives. */
export const deviceFrom = (cookie: string | undefined): string | null =>
	cookie && DEVICE.test(cookie) ? cookie : null;

/** A new device cookie value. */
export const newDevice = (): string => randomString();

/** The hashes an attempt is known by: its client address and, if it sent one, its device cookie. */
export function clientMarkers(clientAddress: string, device: string | null): string[] {
	const markers = [hashSecret(`address:${clientAddress}`)];
	if (device) markers.push(hashSecret(`device:${device}`));
	return markers;
}

/** Whether `username` signed in from one of `markers` within the last 90 days. */
export const isKnownClient = (db: Db, username: string, markers: string[], now: number): Promise<boolean> =>
	hasKnownMarker(db, username, markers, now - KNOWN_FOR_MS);

/** After a sign-in: these markers are known for the account from now on; its stale ones are let go. */
export const rememberClient = (db: Db, userId: number, markers: string[], now: number): Promise<void> =>
	transact(db, (trx) => touchMarkers(trx, userId, markers, now, now - KNOWN_FOR_MS));
