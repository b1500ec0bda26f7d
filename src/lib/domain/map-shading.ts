// Shading 片区 / 居民区 by a figure for a month: five classes of equal width between the
// lowest and highest value shown, with the legend that explains them. Pure.

export const SHADE_RATES = ['grid_on_time', 'grid_efficient', 'first_contact', 'hotline_on_time'] as const;
export const SHADE_VOLUMES = ['reported', 'closed', 'supervised'] as const;
export type ShadeMetric = (typeof SHADE_RATES)[number] | (typeof SHADE_VOLUMES)[number];
export const isShadeMetric = (s: string): s is ShadeMetric =>
	(SHADE_RATES as readonly string[]).includes(s) || (SHADE_VOLUMES as readonly string[]).includes(s);
export const isRateMetric = (s: ShadeMetric) => (SHADE_RATES as readonly string[]).includes(s);

/** Low rates are the ones to look at (red); for volumes, more is darker. */
export const RATE_COLORS = ['#d7301f', '#fc8d59', '#fee08b', '#91cf60', '#1a9850'] as const;
export const VOLUME_COLORS = ['#fff5eb', '#fdd0a2', '#fd8d3c', '#e6550d', '#a63603'] as const;
export const NO_DATA_COLOR = '#d9d9d9';

export interface ShadeValue {
	/** A rate in [0, 1] or a count; null when there is nothing to judge (denominator 0). */
	value: number | null;
	numerator?: number;
	denominator?: number;
}

export interface LegendClass {
	from: number;
	to: number;
	color: string;
}

export interface Shading {
	colors: Record<string, string>;
	legend: LegendClass[];
}

export function shade(values: Record<string, ShadeValue>, rate: boolean): Shading {
	const palette = rate ? RATE_COLORS : VOLUME_COLORS;
	const known = Object.values(values)
		.map((v) => v.value)
		.filter((v): v is number => v !== null);
	const colors: Record<string, string> = {};
	if (!known.length) {
		for (const id of Object.keys(values)) colors[id] = NO_DATA_COLOR;
		return { colors, legend: [] };
	}
	const lo = Math.min(...known);
	const hi = Math.max(...known);
	const width = (hi - lo) / palette.length;
	// All alike: rates in the best class; volumes in the lightest when all are zero, else the darkest.
	const flat = !rate && hi === 0 ? 0 : palette.length - 1;
	const classOf = (v: number) => (width === 0 ? flat : Math.min(palette.length - 1, Math.floor((v - lo) / width)));
	for (const [id, v] of Object.entries(values))
		colors[id] = v.value === null ? NO_DATA_COLOR : palette[classOf(v.value)];
	const legend =
		width === 0
			? [{ from: lo, to: hi, color: palette[flat] }]
			: palette.map((color, i) => ({
					from: lo + i * width,
					to: i === palette.length - 1 ? hi : lo + (i + 1) * width,
					color
				}));
	return { colors, legend };
}
