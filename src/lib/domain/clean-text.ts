// What typed or sent text may contain. Control characters (NUL, ESC and the rest of
// C0 except tab, line feed and carriage return; DEL; C1) and the bidi embedding, override and
// isolate marks (U+202A–U+202E, U+2066–U+2069), which can make a shown text read backwards, are
// removed. One function for every form field (hooks.server.ts) and every API or imported order.
// eslint-disable-next-line no-control-regex
const UNWANTED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

export function cleanText(s: string): string {
	return s.replace(UNWANTED, '');
}
