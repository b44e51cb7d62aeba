-- The admin all-VMs table sorts by name (and by creation time, which ix_vms_created serves): with an
-- index a page of 50 out of thousands is read in order instead of sorting every row.
CREATE INDEX ix_vms_name ON vms (name);
