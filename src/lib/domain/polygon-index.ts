// Indexes that keep boundary checks near-linear: an uploaded outline of 45,000
// vertices used to be compared edge against edge and point against every edge, 42 s of one thread
// in which the server answered nobody. Same answers as the plain loops in geo.ts and
// boundary-geometry.ts, found by looking only at the edges near the point or the edge. Pure.
import { isValidLngLat, onSegment, type LngLat } from './geo';

type Pt = readonly [number, number];

/** pointInPolygon (geo.ts) with the edges bucketed by latitude: a point looks at the edges of its band only. */
export class PolygonIndex {
	readonly #y0: number;
	readonly #h: number;
	readonly #rows: [LngLat, LngLat][][];
	readonly minX: number;
	readonly maxX: number;
	readonly minY: number;
	readonly maxY: number;
	constructor(rings: LngLat[][]) {
		// The same edges as pointInPolygon walks, closing edge included.
		const edges: [LngLat, LngLat][] = [];
		for (const ring of rings) {
			if (ring.length < 3) continue;
			for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) edges.push([ring[i], ring[j]]);
		}
		let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
		for (const [[x, y]] of edges) {
			minX = Math.min(minX, x);
			maxX = Math.max(maxX, x);
			minY = Math.min(minY, y);
			maxY = Math.max(maxY, y);
		}
		[this.minX, this.minY, this.maxX, this.maxY] = [minX, minY, maxX, maxY];
		const n = Math.max(1, Math.min(4096, Math.ceil(Math.sqrt(edges.length) * 2)));
		this.#y0 = this.minY;
		this.#h = (this.maxY - this.minY) / n || 1;
		this.#rows = Array.from({ length: n }, () => []);
		const EPS = 1e-8; // geo.ts's edge tolerance: a point that close to an edge is on it
		for (const e of edges) {
			const lo = this.#row(Math.min(e[0][1], e[1][1]) - EPS);
			const hi = this.#row(Math.max(e[0][1], e[1][1]) + EPS);
			for (let r = lo; r <= hi; r++) this.#rows[r].push(e);
		}
	}
	#row(y: number): number {
		return Math.max(0, Math.min(this.#rows.length - 1, Math.floor((y - this.#y0) / this.#h)));
	}
	contains(pt: LngLat): boolean {
		if (!Array.isArray(pt) || !isValidLngLat(pt[0], pt[1]) || !this.#rows.length) return false;
		const [x, y] = pt;
		if (x < this.minX - 1e-7 || x > this.maxX + 1e-7 || y < this.minY - 1e-7 || y > this.maxY + 1e-7) return false;
		let inside = false;
		for (const [a, b] of this.#rows[this.#row(y)]) {
			if (onSegment(pt, a, b)) return true;
			const [xi, yi] = a;
			const [xj, yj] = b;
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
		return inside;
	}
}

const indexes = new WeakMap<LngLat[][], PolygonIndex>();
/** pointInPolygon through an index kept per rings array: for many points against the same outlines. */
export function indexedPointInPolygon(pt: LngLat, rings: LngLat[][]): boolean {
	let index = indexes.get(rings);
	if (!index) indexes.set(rings, (index = new PolygonIndex(rings)));
	return index.contains(pt);
}

/** An edge of a ring, with whose ring it is and where in it. */
export interface Edge {
	a: Pt;
	b: Pt;
	/** The shape (片区 or 居民区) and the ring within all its rings. */
	shape: number;
	ring: number;
	/** Position in the ring and the ring's edge count (first and last edges meet at the closing point). */
	at: number;
	of: number;
}

/** Edges of closed planar rings, tagged by shape and ring. */
export function edgesOf(shapes: Pt[][][]): Edge[] {
	const edges: Edge[] = [];
	shapes.forEach((rings, shape) =>
		rings.forEach((r, ring) => {
			for (let i = 0; i < r.length - 1; i++) edges.push({ a: r[i], b: r[i + 1], shape, ring, at: i, of: r.length - 1 });
		})
	);
	return edges;
}

// A segment whose box covers more cells than this is kept aside and compared with every edge: a few
// long straight edges beside thousands of short ones would otherwise fill the grid.
const MAX_CELLS_PER_EDGE = 4096;

/** A uniform grid over the edges' boxes: edges that can touch share a cell. */
export class EdgeGrid {
	readonly #cell: number;
	readonly #cells = new Map<number, Edge[]>();
	readonly #long: Edge[] = [];
	readonly #edges: Edge[];
	readonly #x0: number;
	readonly #y0: number;
	constructor(edges: Edge[]) {
		this.#edges = edges;
		let [minX, minY, maxX, maxY, len] = [Infinity, Infinity, -Infinity, -Infinity, 0];
		for (const { a, b } of edges) {
			minX = Math.min(minX, a[0], b[0]);
			maxX = Math.max(maxX, a[0], b[0]);
			minY = Math.min(minY, a[1], b[1]);
			maxY = Math.max(maxY, a[1], b[1]);
			len += Math.hypot(b[0] - a[0], b[1] - a[1]);
		}
		this.#x0 = minX;
		this.#y0 = minY;
		// Cells about twice a typical edge (only cells holding an edge are kept), never so small that
		// the grid's keys run out.
		const span = Math.max(maxX - minX, maxY - minY);
		this.#cell = Math.max((2 * len) / Math.max(1, edges.length), span / 500_000, 1e-6);
		for (const e of edges) {
			const [cx0, cy0, cx1, cy1] = this.#box(e, 0);
			if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > MAX_CELLS_PER_EDGE) {
				this.#long.push(e);
				continue;
			}
			for (let cx = cx0; cx <= cx1; cx++) {
				for (let cy = cy0; cy <= cy1; cy++) {
					const key = cx * 1_048_576 + cy;
					const list = this.#cells.get(key);
					if (list) list.push(e);
					else this.#cells.set(key, [e]);
				}
			}
		}
	}
	#box(e: { a: Pt; b: Pt }, margin: number): [number, number, number, number] {
		const c = (v: number, o: number) => Math.floor((v - o) / this.#cell);
		return [
			c(Math.min(e.a[0], e.b[0]) - margin, this.#x0),
			c(Math.min(e.a[1], e.b[1]) - margin, this.#y0),
			c(Math.max(e.a[0], e.b[0]) + margin, this.#x0),
			c(Math.max(e.a[1], e.b[1]) + margin, this.#y0)
		];
	}
	/** Calls `fn` for pairs of edges that may touch (a pair may come more than once); stops when it returns true. */
	somePair(fn: (e: Edge, f: Edge) => boolean): boolean {
		for (const list of this.#cells.values()) {
			for (let i = 0; i < list.length; i++)
				for (let j = i + 1; j < list.length; j++) if (fn(list[i], list[j])) return true;
		}
		for (const l of this.#long) for (const e of this.#edges) if (e !== l && fn(l, e)) return true;
		return false;
	}
	/** Whether any edge passes within `r` of `p`. */
	near(p: Pt, r: number, distance: (p: Pt, e: Edge) => number): boolean {
		const [cx0, cy0, cx1, cy1] = this.#box({ a: p, b: p }, r);
		for (let cx = cx0; cx <= cx1; cx++) {
			for (let cy = cy0; cy <= cy1; cy++)
				for (const e of this.#cells.get(cx * 1_048_576 + cy) ?? []) if (distance(p, e) <= r) return true;
		}
		return this.#long.some((e) => distance(p, e) <= r);
	}
}
