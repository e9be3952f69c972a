-- GET /api/v1/labs/sessions pages newest first by (created_at, id): this index serves both
-- the order and the cursor.
CREATE INDEX labs_sessions_created ON labs_sessions (created_at, id);
