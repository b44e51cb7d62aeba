-- The hypervisor the portal runs beside. More hosts are added by operators; capacity is the share of
-- the machine offered to VMs (TCG guests here: CPU time is the limit long before vCPU count).
INSERT INTO hosts (name, uri, max_vcpus, max_memory_mib) VALUES ('local', 'qemu:///system', 64, 16384)
  ON DUPLICATE KEY UPDATE uri = VALUES(uri);
