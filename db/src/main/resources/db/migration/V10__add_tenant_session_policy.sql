-- Tenancy (issue #7): whether signing out of the portal stops the member's running VMs; off by
-- default, set per tenant by its admins.
ALTER TABLE tenants
  ADD COLUMN stop_vms_on_logout BOOLEAN NOT NULL DEFAULT FALSE
    COMMENT 'sign-out stops the member''s running VMs (graceful shutdown, then forced)';
