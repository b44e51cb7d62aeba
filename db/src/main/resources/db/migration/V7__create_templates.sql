-- Templates: a tenant's saved VM shapes, to create from in one step.
CREATE TABLE templates (
  id            BIGINT       NOT NULL AUTO_INCREMENT,
  tenant_id     BIGINT       NOT NULL,
  name          VARCHAR(64)  NOT NULL,
  base_image_id BIGINT       NOT NULL,
  vcpus         INT          NOT NULL,
  memory_mib    INT          NOT NULL,
  disk_gib      INT          NOT NULL,
  created_by    BIGINT       NOT NULL,
  created_at    TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  PRIMARY KEY (id),
  CONSTRAINT uq_templates_tenant_name UNIQUE (tenant_id, name),
  CONSTRAINT fk_templates_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  CONSTRAINT fk_templates_base_image FOREIGN KEY (base_image_id) REFERENCES base_images (id),
  CONSTRAINT fk_templates_creator FOREIGN KEY (created_by) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
