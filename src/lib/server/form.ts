import { fileToPhotoInput, realFiles, type PhotoInput } from './photos';

/** Small readers for FormData: strings are trimmed, numbers must be finite. */
export const text = (form: FormData, name: string): string => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export const num = (form: FormData, name: string): number => {
	const s = text(form, name).trim();
	return s === '' ? NaN : Number(s);
};

export const optionalId = (form: FormData, name: string): number | null => {
	const s = text(form, name).trim();
	return /^[1-9][0-9]{0,9}$/.test(s) ? Number(s) : null;
};

export async function photosOf(form: FormData, name: string): Promise<PhotoInput[]> {
	return Promise.all(realFiles(form.getAll(name)).map(fileToPhotoInput));
}

/** What is sent back to re-fill a form: long texts are cut so an oversized post is not echoed whole. */
export const refill = (s: string, max = 4000) => (s.length > max ? s.slice(0, max) : s);
