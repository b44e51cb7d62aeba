#!/usr/bin/env bash
# One reconciliation pass over N (default 10,000) running domains on libvirt's test:/// driver, with
# N matching RUNNING rows, and the portal's memory meanwhile. Starts a second portal (Payara Micro on
# 127.0.0.1:8095, the WAR ./stack.sh deployed) on its own database in the stack's MariaDB and a
# test-driver node file, reads its per-pass log lines (portal.reconcile.log-slow-ms=0 logs every pass),
# samples its resident memory and heap, then stops it by PID and drops the database.
#   bench/reconcile-10k.sh [N] [PASSES]      (the stack must be up; default PASSES 5)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
STATE="${VMPORTAL_STATE:-$ROOT/.stack}"
N="${1:-10000}"; PASSES="${2:-5}"
PORT=8095
DB=vmportal_reconcile_bench
WORK="$STATE/bench/reconcile"; rm -rf "$WORK"; mkdir -p "$WORK/storage" "$WORK/tmp"
NODE="$WORK/node.xml"; LOG="$WORK/portal.log"
sql() { mariadb --socket="$STATE/run/mysqld.sock" -uroot "$@"; }

echo "writing $N test-driver domains with the portal's metadata to $NODE"
awk -v n="$N" 'BEGIN {
  print "<node>";
  for (i = 1; i <= n; i++)
    printf "<domain type=\"test\"><name>vm-bench-%05d</name><memory unit=\"MiB\">128</memory><vcpu>1</vcpu><os><type>hvm</type></os><metadata><vmp:portal xmlns:vmp=\"https://vmportal.org/xmlns/domain/1\"><vmp:managed-by>vmportal</vmp:managed-by></vmp:portal></metadata></domain>\n", i;
  print "</node>" }' >"$NODE"

sql <<SQL
DROP DATABASE IF EXISTS $DB;
CREATE DATABASE $DB CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
GRANT ALL PRIVILEGES ON $DB.* TO 'vmportal'@'127.0.0.1';
SQL

PORTAL_DB_URL="jdbc:mysql://127.0.0.1:${VMPORTAL_DB_PORT:-3306}/$DB" \
PORTAL_LIBVIRT_URI="test://$NODE" PORTAL_STORAGE_ROOT="$WORK/storage" PORTAL_STORAGE_POOL_PREFIX="vmportal-bench-" \
PORTAL_CONSOLE_TICKET_KEY="$(cat "$STATE/console-ticket.key")" PORTAL_RECONCILE_LOG_SLOW_MS=0 \
  setsid java -Xms256m -Xmx1g -Djava.io.tmpdir="$WORK/tmp" -jar "$STATE/downloads/payara-micro.jar" \
    --nocluster --nohazelcast --port "$PORT" --contextroot / \
    --prebootcommandfile "$STATE/payara-preboot.asadmin" \
    --deploy "$STATE/deploy/portal.war" </dev/null >"$LOG" 2>&1 &
PID=$!
stop() { kill -TERM -- "-$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; sql -e "DROP DATABASE IF EXISTS $DB"; }
trap stop EXIT
echo "bench portal pid $PID on 127.0.0.1:$PORT; waiting for its first reconciliation pass"
for _ in $(seq 1 300); do grep -q 'Reconciliation pass' "$LOG" && break; sleep 1; done
grep -q 'Reconciliation pass' "$LOG" || { tail -30 "$LOG"; echo "no reconciliation pass logged" >&2; exit 1; }

rss() { ps -o rss= -p "$PID" | tr -d ' '; }
heap() { jcmd "$PID" GC.heap_info 2>/dev/null | sed -n 's/.*total \([0-9]*\)K, used \([0-9]*\)K.*/\2/p' | awk '{s+=$1} END {print int(s/1024)}'; }
echo "idle (domains defined, no rows yet): RSS $(( $(rss) / 1024 )) MiB, heap used $(heap) MiB"

sql "$DB" <<SQL
INSERT INTO tenants (slug, display_name) VALUES ('bench', 'Bench');
INSERT INTO users (tenant_id, subject, username, role) SELECT id, 'bench-subject', 'bench', 'GUEST' FROM tenants WHERE slug = 'bench';
INSERT INTO base_images (name, os_name, os_version, volume_name, virtual_size_bytes, state, created_by)
  SELECT 'Bench OS', 'Bench', '1', 'bench.qcow2', 33554432, 'SEALED', id FROM users WHERE username = 'bench';
INSERT INTO vms (tenant_id, owner_id, host_id, base_image_id, name, domain_name, state, vcpus, memory_mib, disk_gib,
                 overlay_volume, vnc_password, vnc_port)
  SELECT t.id, u.id, h.id, b.id, CONCAT('bench-', s.seq), CONCAT('vm-bench-', LPAD(s.seq, 5, '0')), 'RUNNING', 1, 128, 1,
         CONCAT('vm-bench-', LPAD(s.seq, 5, '0'), '.qcow2'), 'benchpw', 5900
  FROM seq_1_to_$N s, tenants t, users u, hosts h, base_images b
  WHERE t.slug = 'bench' AND u.username = 'bench' AND h.name = 'local' AND b.name = 'Bench OS';
SQL
echo "seeded $(sql -N "$DB" -e 'SELECT COUNT(*) FROM vms') RUNNING rows"

seen="$(grep -c 'Reconciliation pass' "$LOG")"; peak_rss=0; peak_heap=0
while (( $(grep -c 'Reconciliation pass' "$LOG") < seen + PASSES + 1 )); do
  r=$(rss); h=$(heap); (( r > peak_rss )) && peak_rss=$r; (( h > peak_heap )) && peak_heap=$h
  sleep 0.5
done
echo "passes with $N domains and $N rows (the first may overlap the seeding):"
grep 'Reconciliation pass' "$LOG" | tail -n "$PASSES" | sed 's/.*Reconciliation pass: /  /; s/\].*//'
echo "$(grep 'Reconciliation pass' "$LOG" | tail -n "$PASSES" | sed -n 's/.*, \([0-9,]*\) ms.*/\1/p' | tr -d , | sort -n \
  | awk '{a[NR]=$1} END {printf "pass time over %d passes: min %d ms, median %d ms, max %d ms\n", NR, a[1], a[int((NR+1)/2)], a[NR]}')"
echo "portal memory during the passes: peak RSS $((peak_rss / 1024)) MiB, peak heap used ${peak_heap} MiB (-Xmx1g)"
