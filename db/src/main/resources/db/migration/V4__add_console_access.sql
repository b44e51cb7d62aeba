-- Consoles (issue #5): where guacd reaches a running VM's VNC and serial console, and single-use tickets.

ALTER TABLE hosts
  ADD COLUMN console_address VARCHAR(255) NOT NULL DEFAULT '127.0.0.1'
    COMMENT 'address guacd uses to reach VNC and serial ports on this host';

ALTER TABLE vms
  ADD COLUMN vnc_port    INT NULL COMMENT 'VNC port on the host while the VM runs (libvirt autoport)',
  ADD COLUMN serial_port INT NULL COMMENT 'telnet serial console port on the host, fixed per VM',
  ADD CONSTRAINT uq_vms_host_serial_port UNIQUE (host_id, serial_port);

CREATE TABLE console_tickets (
  id             CHAR(32)     NOT NULL COMMENT '128 random bits; the signed ticket names it',
  user_id        BIGINT       NOT NULL,
  vm_id          BIGINT       NOT NULL,
  kind           VARCHAR(16)  NOT NULL COMMENT 'DESKTOP or TERMINAL',
  issued_at      TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
  expires_at     TIMESTAMP(3) NOT NULL,
  redeemed_at    TIMESTAMP(3) NULL COMMENT 'set once; a ticket opens one console',
  client_address VARCHAR(64)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_console_tickets_user FOREIGN KEY (user_id) REFERENCES users (id),
  CONSTRAINT fk_console_tickets_vm FOREIGN KEY (vm_id) REFERENCES vms (id) ON DELETE CASCADE,
  INDEX ix_console_tickets_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
