-- The CLEANUP_* values a sweep refused (each replaced by its default), as a JSON array of
-- messages: a bad value no longer stops sweeps, so the run record is where it shows.
ALTER TABLE cleanup_runs ADD COLUMN config_problems TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(config_problems));

-- A claim skips an item while another item for the same VM is leased (a client may list
-- one VM id in two sessions): that lookup goes by VM id.
CREATE INDEX cleanup_items_vm ON cleanup_items (lab_request_id, kind);
