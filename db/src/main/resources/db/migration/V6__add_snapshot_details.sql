-- Snapshots are internal qcow2 snapshots in the VM's overlay, made through libvirt. The name a person
-- gives is free text; libvirt gets a generated one. size_bytes is what the snapshot added to the overlay
-- when it was taken (its saved memory, for DISK_AND_MEMORY), which counts against the snapshot quota.
ALTER TABLE snapshots
  ADD COLUMN libvirt_name VARCHAR(64)  NOT NULL AFTER name,
  ADD COLUMN created_by   BIGINT       NULL AFTER size_bytes,
  ADD CONSTRAINT uq_snapshots_libvirt_name UNIQUE (vm_id, libvirt_name),
  ADD CONSTRAINT fk_snapshots_creator FOREIGN KEY (created_by) REFERENCES users (id);
