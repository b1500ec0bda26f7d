/** Reads a byte stream whole, or null as soon as it passes `max` bytes (whatever Content-Length said). */
export async function readCapped(
	stream: ReadableStream<Uint8Array> | null,
	max: number
): Promise<Uint8Array<ArrayBuffer> | null> {
	if (!stream) return new Uint8Array(0);
	const chunks: Uint8Array[] = [];
	let total = 0;
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		total += value.length;
		if (total > max) {
			await reader.cancel().catch(() => {});
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(total);
	let at = 0;
	for (const c of chunks) {
		out.set(c, at);
		at += c.length;
	}
	return out;
}
