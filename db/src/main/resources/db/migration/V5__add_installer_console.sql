-- The installer VM's console (issue #3 through #5's gateway): admins watch and drive an OS install.
ALTER TABLE base_images
  ADD COLUMN installer_vnc_port     INT         NULL COMMENT 'VNC port of the installer VM while BUILDING',
  ADD COLUMN installer_vnc_password VARCHAR(64) NULL COMMENT 'never leaves the server';

-- A ticket now names a VM or, for INSTALLER tickets, a base image being built: no foreign key to vms.
-- Tickets of deleted VMs stay until the hourly purge; opening one finds no console.
ALTER TABLE console_tickets DROP FOREIGN KEY fk_console_tickets_vm;
ALTER TABLE console_tickets
  CHANGE vm_id target_id BIGINT NOT NULL COMMENT 'vms.id, or base_images.id for INSTALLER tickets';
