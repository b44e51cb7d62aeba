-- Spares: domains defined with their overlay and started paused before the guest's first
-- instruction, waiting for a create of their base image and shape to take them (row deleted, a vms
-- row with the same domain, overlay, serial port and console password written in one transaction).
-- Not VMs: they belong to nobody and count against no quota.
CREATE TABLE spare_vms (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  host_id        BIGINT       NOT NULL,
  base_image_id  BIGINT       NOT NULL,
  domain_name    VARCHAR(64)  NOT NULL,
  overlay_volume VARCHAR(255) NOT NULL,
  vcpus          INT          NOT NULL,
  memory_mib     INT          NOT NULL,
  serial_port    INT          NOT NULL,
  vnc_password   VARCHAR(64)  NOT NULL,
  accelerator    VARCHAR(8)   NOT NULL COMMENT 'what its QEMU runs the guest with: KVM or TCG',
  ready          BOOLEAN      NOT NULL DEFAULT FALSE COMMENT 'false while its disk and domain are being made',
  created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_spare_vms_domain UNIQUE (domain_name),
  CONSTRAINT uq_spare_vms_host_serial_port UNIQUE (host_id, serial_port),
  CONSTRAINT fk_spare_vms_host FOREIGN KEY (host_id) REFERENCES hosts (id),
  CONSTRAINT fk_spare_vms_base_image FOREIGN KEY (base_image_id) REFERENCES base_images (id),
  INDEX ix_spare_vms_shape (base_image_id, vcpus, memory_mib, host_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
