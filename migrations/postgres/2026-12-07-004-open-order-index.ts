// The open orders' work counts and their deadlines still to come read from one index: the same SQL
// as the SQLite migration 2026-12-07-023-open-order-index, which says why.
export { up, down } from '../2026-12-07-023-open-order-index';
