-- Core tables of VM Portal. Flyway owns the schema; JPA never generates it.
-- Never edit this file once applied: add V<n>__<verb>_<thing>.sql instead.

CREATE TABLE tenants (
  id                  BIGINT       NOT NULL AUTO_INCREMENT,
  slug                VARCHAR(64)  NOT NULL COMMENT 'Keycloak group name under /tenants',
  display_name        VARCHAR(128) NOT NULL,
  allow_personal_isos BOOLEAN      NOT NULL DEFAULT FALSE,
  max_vms             INT          NOT NULL DEFAULT 20,
  max_vcpus           INT          NOT NULL DEFAULT 40,
  max_memory_mib      BIGINT       NOT NULL DEFAULT 16384,
  max_disk_gib        BIGINT       NOT NULL DEFAULT 500,
  max_snapshot_gib    BIGINT       NOT NULL DEFAULT 100,
  created_at          TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at          TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_tenants_slug UNIQUE (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE users (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id        BIGINT       NULL COMMENT 'NULL for platform admins without a tenant',
  subject          VARCHAR(64)  NOT NULL COMMENT 'Keycloak subject (sub claim)',
  username         VARCHAR(128) NOT NULL,
  email            VARCHAR(255) NULL,
  full_name        VARCHAR(255) NULL,
  role             VARCHAR(32)  NOT NULL COMMENT 'highest portal role from the token',
  enabled          BOOLEAN      NOT NULL DEFAULT TRUE,
  max_vms          INT          NULL COMMENT 'per-user quotas; NULL = only the tenant limit applies',
  max_vcpus        INT          NULL,
  max_memory_mib   BIGINT       NULL,
  max_disk_gib     BIGINT       NULL,
  max_snapshot_gib BIGINT       NULL,
  created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_login_at    TIMESTAMP(3) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_users_subject UNIQUE (subject),
  CONSTRAINT uq_users_username UNIQUE (username),
  CONSTRAINT fk_users_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE hosts (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  name           VARCHAR(128) NOT NULL,
  uri            VARCHAR(255) NOT NULL COMMENT 'libvirt connection URI',
  max_vcpus      INT          NOT NULL,
  max_memory_mib BIGINT       NOT NULL,
  drained        BOOLEAN      NOT NULL DEFAULT FALSE,
  created_at     TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_hosts_name UNIQUE (name),
  CONSTRAINT uq_hosts_uri UNIQUE (uri)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE isos (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id   BIGINT       NULL COMMENT 'NULL = platform catalog; set = a personal upload counted against that tenant',
  uploader_id BIGINT       NOT NULL,
  name        VARCHAR(255) NOT NULL COMMENT 'sanitized display name',
  volume_name VARCHAR(255) NOT NULL COMMENT 'volume in the ISO storage pool',
  size_bytes  BIGINT       NOT NULL,
  sha256      CHAR(64)     NOT NULL,
  created_at  TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_isos_volume UNIQUE (volume_name),
  CONSTRAINT uq_isos_sha256 UNIQUE (sha256),
  CONSTRAINT fk_isos_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT fk_isos_uploader FOREIGN KEY (uploader_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE base_images (
  id                 BIGINT       NOT NULL AUTO_INCREMENT,
  name               VARCHAR(128) NOT NULL,
  os_name            VARCHAR(128) NOT NULL,
  os_version         VARCHAR(64)  NOT NULL,
  iso_id             BIGINT       NULL COMMENT 'the ISO it was built from, if any',
  volume_name        VARCHAR(255) NOT NULL COMMENT 'volume in the base-image storage pool',
  virtual_size_bytes BIGINT       NOT NULL,
  state              VARCHAR(16)  NOT NULL COMMENT 'BUILDING, SEALED',
  installer_domain   VARCHAR(64)  NULL COMMENT 'libvirt domain name while BUILDING',
  created_by         BIGINT       NOT NULL,
  created_at         TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  sealed_at          TIMESTAMP(3) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_base_images_name UNIQUE (name),
  CONSTRAINT uq_base_images_volume UNIQUE (volume_name),
  CONSTRAINT fk_base_images_iso FOREIGN KEY (iso_id) REFERENCES isos (id),
  CONSTRAINT fk_base_images_creator FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE vms (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id        BIGINT       NOT NULL,
  owner_id         BIGINT       NOT NULL,
  host_id          BIGINT       NOT NULL,
  base_image_id    BIGINT       NOT NULL,
  name             VARCHAR(64)  NOT NULL,
  domain_name      VARCHAR(64)  NOT NULL COMMENT 'libvirt domain name, unique per portal',
  domain_uuid      CHAR(36)     NULL,
  state            VARCHAR(16)  NOT NULL COMMENT 'CREATING, STOPPED, STARTING, RUNNING, PAUSED, STOPPING, HIBERNATED, ERROR, DELETING',
  state_reason     VARCHAR(512) NULL COMMENT 'why the VM is in ERROR',
  vcpus            INT          NOT NULL,
  memory_mib       INT          NOT NULL,
  disk_gib         INT          NOT NULL,
  overlay_volume   VARCHAR(255) NOT NULL,
  vnc_password     VARCHAR(64)  NOT NULL COMMENT 'per-VM; never leaves the server',
  created_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  updated_at       TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  last_activity_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  version          BIGINT       NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uq_vms_domain_name UNIQUE (domain_name),
  CONSTRAINT uq_vms_overlay UNIQUE (overlay_volume),
  CONSTRAINT fk_vms_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT fk_vms_owner FOREIGN KEY (owner_id) REFERENCES users (id),
  CONSTRAINT fk_vms_host FOREIGN KEY (host_id) REFERENCES hosts (id),
  CONSTRAINT fk_vms_base_image FOREIGN KEY (base_image_id) REFERENCES base_images (id),
  INDEX ix_vms_owner_state (owner_id, state),
  INDEX ix_vms_tenant_state (tenant_id, state),
  INDEX ix_vms_state (state),
  INDEX ix_vms_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE snapshots (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  vm_id      BIGINT       NOT NULL,
  name       VARCHAR(64)  NOT NULL,
  kind       VARCHAR(16)  NOT NULL COMMENT 'DISK or DISK_AND_MEMORY',
  size_bytes BIGINT       NOT NULL DEFAULT 0,
  created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_snapshots_vm_name UNIQUE (vm_id, name),
  CONSTRAINT fk_snapshots_vm FOREIGN KEY (vm_id) REFERENCES vms (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE audit_events (
  id             BIGINT       NOT NULL AUTO_INCREMENT,
  occurred_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  actor          VARCHAR(128) NOT NULL COMMENT 'username, or "system" for timers',
  tenant_id      BIGINT       NULL,
  action         VARCHAR(64)  NOT NULL,
  target_type    VARCHAR(32)  NULL,
  target_id      VARCHAR(64)  NULL,
  outcome        VARCHAR(16)  NOT NULL COMMENT 'SUCCESS, REFUSED, FAILED',
  detail         VARCHAR(1024) NULL,
  client_address VARCHAR(64)  NULL,
  PRIMARY KEY (id),
  INDEX ix_audit_time (occurred_at),
  INDEX ix_audit_actor_time (actor, occurred_at),
  INDEX ix_audit_tenant_time (tenant_id, occurred_at),
  INDEX ix_audit_action_time (action, occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
