import { randomUUID } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';

/** Write to a unique temp file in the same directory, fsync, then rename over the target. */
export async function writeAtomic(target: string, data: Uint8Array): Promise<void> {
	const tmp = `${target}.${randomUUID()}.tmp`;
	try {
		const fh = await open(tmp, 'wx', 0o644);
		try {
			await fh.writeFile(data);
			await fh.sync();
		} finally {
			await fh.close();
		}
		await rename(tmp, target);
	} catch (err) {
		await rm(tmp, { force: true }).catch(() => {});
		throw err;
	}
}
