-- The catalog seeded at start-up has no uploading user, and a personal ISO may be uploaded once per
-- tenant: duplicates are detected within a scope (the platform catalog, or one tenant), never across
-- tenants, so a tenant learns nothing about another tenant's files.

ALTER TABLE isos MODIFY uploader_id BIGINT NULL COMMENT 'NULL when the portal seeded it';
ALTER TABLE isos DROP INDEX uq_isos_sha256;
ALTER TABLE isos ADD COLUMN scope_key BIGINT AS (IFNULL(tenant_id, 0)) STORED COMMENT '0 = platform catalog';
ALTER TABLE isos ADD CONSTRAINT uq_isos_scope_sha256 UNIQUE (scope_key, sha256);

ALTER TABLE base_images MODIFY created_by BIGINT NULL COMMENT 'NULL when the portal seeded it';
ALTER TABLE base_images ADD COLUMN format VARCHAR(16) NOT NULL DEFAULT 'qcow2';
ALTER TABLE base_images ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'INSTALLER' COMMENT 'INSTALLER (built from an ISO) or IMPORTED (an uploaded qcow2)';
