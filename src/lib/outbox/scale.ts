// Photos are scaled down on the phone before they are kept or sent: a patrol must not cost 40 MB of
// mobile data. The server still checks and re-encodes every photo. Browser only.

/** The long side the server keeps (photos.ts MAX_LONG_SIDE is 2048); 1600 px is plenty for a case. */
const LONG_SIDE = 1600;
const QUALITY = 0.8;

/** A JPEG of at most LONG_SIDE px; a file the browser cannot decode is kept as it is, for the server to name. */
export async function scalePhoto(file: File): Promise<File> {
	if (!file.type.startsWith('image/')) return file;
	let bitmap: ImageBitmap;
	try {
		bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
	} catch {
		return file;
	}
	const ratio = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
	if (ratio === 1 && file.type === 'image/jpeg' && file.size < 600_000) {
		bitmap.close();
		return file;
	}
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(bitmap.width * ratio);
	canvas.height = Math.round(bitmap.height * ratio);
	canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
	bitmap.close();
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
	if (!blob || blob.size >= file.size) return file;
	return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', {
		type: 'image/jpeg',
		lastModified: file.lastModified
	});
}

export const scalePhotos = (files: File[]) => Promise.all(files.map(scalePhoto));
