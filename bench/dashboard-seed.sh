#!/usr/bin/env bash
# Seeds (or removes) benchmark VM rows straight into the stack's database, with no libvirt domain or
# disk behind them: enough for the pages, which read rows only. The rows are STOPPED, HIBERNATED or
# ERROR, the states no timer acts on (the reconciler judges RUNNING and PAUSED rows, the sweep
# CREATING and DELETING ones, expiry VMs unused for 30 days: these were "used" now).
#   bench/dashboard-seed.sh seed <run> [vms] [guest] [guest-vms]
#       <vms> rows over 10 tenants and 100 users named <run>-user-N (default 10000), created over
#       the last ~60 days; and <guest-vms> rows (default 20) for the existing user <guest> (bob)
#   bench/dashboard-seed.sh remove <run>
# Uses the stack's own MariaDB socket as root (VMPORTAL_STATE, default .stack).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${VMPORTAL_STATE:-$ROOT/.stack}"
sql() { mariadb --socket="$STATE/run/mysqld.sock" -uroot vmportal "$@"; }
ACTION="$1"; RUN="$2"
[[ "$RUN" =~ ^[a-z0-9-]+$ ]] || { echo "a run name is lower-case letters, digits and dashes" >&2; exit 2; }

case "$ACTION" in
  seed)
    VMS="${3:-10000}"; GUEST="${4:-bob}"; GUEST_VMS="${5:-20}"
    sql <<SQL
INSERT INTO tenants (slug, display_name)
  SELECT CONCAT('$RUN-t', seq), CONCAT('Bench tenant ', seq) FROM seq_1_to_10;
INSERT INTO users (tenant_id, subject, username, full_name, role)
  SELECT t.id, CONCAT('$RUN-u', s.seq), CONCAT('$RUN-user-', s.seq), CONCAT('Bench user ', s.seq), 'GUEST'
  FROM seq_1_to_100 s JOIN tenants t ON t.slug = CONCAT('$RUN-t', 1 + s.seq % 10);
INSERT INTO vms (tenant_id, owner_id, host_id, base_image_id, name, domain_name, state, state_reason,
                 vcpus, memory_mib, disk_gib, overlay_volume, vnc_password, created_at, last_activity_at)
  SELECT u.tenant_id, u.id, (SELECT MIN(id) FROM hosts),
         (SELECT MIN(id) FROM base_images WHERE state = 'SEALED'),
         CONCAT('bench vm ', s.seq), CONCAT('$RUN-', s.seq),
         ELT(1 + s.seq % 3, 'STOPPED', 'HIBERNATED', 'ERROR'),
         IF(s.seq % 3 = 2, 'Seeded for the benchmark', NULL),
         1 + s.seq % 2, 128 * (1 + s.seq % 4), 1, CONCAT('$RUN-', s.seq, '.qcow2'), 'x',
         NOW(3) - INTERVAL (s.seq * 517) SECOND, NOW(3)
  FROM seq_1_to_$VMS s JOIN users u ON u.subject = CONCAT('$RUN-u', 1 + s.seq % 100);
INSERT INTO vms (tenant_id, owner_id, host_id, base_image_id, name, domain_name, state, vcpus,
                 memory_mib, disk_gib, overlay_volume, vnc_password)
  SELECT u.tenant_id, u.id, (SELECT MIN(id) FROM hosts),
         (SELECT MIN(id) FROM base_images WHERE state = 'SEALED'),
         CONCAT('bench guest vm ', s.seq), CONCAT('$RUN-g', s.seq), 'STOPPED', 1, 128, 1,
         CONCAT('$RUN-g', s.seq, '.qcow2'), 'x'
  FROM seq_1_to_$GUEST_VMS s JOIN users u ON u.username = '$GUEST';
SQL
    echo "# seeded: $(sql -N -e "SELECT COUNT(*) FROM vms WHERE domain_name LIKE '$RUN-%'") VM rows (run $RUN);" \
      "all VMs: $(sql -N -e 'SELECT COUNT(*) FROM vms')"
    ;;
  remove)
    sql <<SQL
DELETE FROM vms WHERE domain_name LIKE '$RUN-%';
DELETE FROM users WHERE subject LIKE '$RUN-u%';
DELETE FROM tenants WHERE slug LIKE '$RUN-t%';
SQL
    echo "# removed the rows of run $RUN"
    ;;
  *) echo "usage: $0 seed|remove <run> ..." >&2; exit 2 ;;
esac
