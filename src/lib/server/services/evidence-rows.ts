import type { StoredEvidence } from '../evidence';
import type { NewEvidenceFile } from '../repositories/enforcement';

/** What storing the file says about it: where it lies, its kind, size and hash. */
type FileFacts = 'id' | 'path' | 'thumb_path' | 'mime' | 'bytes' | 'width' | 'height' | 'sha256';
/** The links a file may have; one left out is null. */
type Links = 'alert_id' | 'enforcement_id' | 'event_id' | 'camera_id' | 'uploaded_by';

/** What a stored file belongs to and where it came from. */
export type EvidenceOrigin = Omit<NewEvidenceFile, FileFacts | Links> & Partial<Pick<NewEvidenceFile, Links>>;

/** The evidence_files row of a file just stored: a frame of an alert, a photo of an enforcement case. */
export const evidenceFileRow = (s: StoredEvidence, origin: EvidenceOrigin): NewEvidenceFile => ({
	alert_id: null,
	enforcement_id: null,
	event_id: null,
	camera_id: null,
	uploaded_by: null,
	...origin,
	id: s.id,
	path: s.path,
	thumb_path: s.thumbPath,
	mime: s.mime,
	bytes: s.bytes,
	width: s.width,
	height: s.height,
	sha256: s.sha256
});
