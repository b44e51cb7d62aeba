#!/usr/bin/env bash
# Time from a guest's create request to its domain running (the REST call returns once libvirt
# reports the domain running; the guest's own boot is not counted), p50 and p95 over N VMs, next to
# a full copy (`cp`) of the base image in the same run, and the disk a new overlay takes.
#   bench/vm-create-latency.sh [N] [wipe|keep]     (default 20 wipe; the stack must be up; runs as alice)
# wipe: each VM is wiped right after it is measured, so every create meets the same quiet host.
# keep: the creates come back to back and the VMs are wiped at the end (a burst: within alice's quota).
# Counts the creates that took a spare (a domain the portal had started paused for them, docs/vms.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-20}"
MODE="${2:-wipe}"
[[ "$MODE" == wipe || "$MODE" == keep ]] || { echo "mode must be wipe or keep, not $MODE" >&2; exit 2; }
PORTAL="${VMPORTAL_URL:-http://127.0.0.1:8080}"
WORK="$ROOT/.stack/bench"; mkdir -p "$WORK"; JAR="$WORK/alice.txt"
STORAGE="$ROOT/.stack/storage"
"$ROOT/bench/portal-login.sh" "$JAR" alice alice123
api() { curl -fsS -b "$JAR" -H 'X-Requested-By: bench' "$@"; }

image_id="$(api "$PORTAL/api/vms/catalog" | sed -n 's/.*"id":\([0-9]*\),"name":"Demo Linux".*/\1/p')"
[[ -n "$image_id" ]] || { echo "Demo Linux is not in the catalog" >&2; exit 1; }
sql() { mariadb -h127.0.0.1 -P"${VMPORTAL_DB_PORT:-3306}" -uvmportal -pvmportal vmportal -N -e "$1"; }
base="$STORAGE/base-images/$(sql "SELECT volume_name FROM base_images WHERE name = 'Demo Linux'")"

times=(); overlay_bytes=""; from_spare=0; kept=()
for i in $(seq 1 "$N"); do
  spares=" $(sql "SELECT domain_name FROM spare_vms WHERE ready" | tr '\n' ' ') "
  start=$(date +%s%N)
  answer="$(api -H 'Content-Type: application/json' \
    -d "{\"baseImageId\":$image_id,\"name\":\"bench-$i\",\"vcpus\":1,\"memoryMib\":128}" "$PORTAL/api/vms")"
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
  id="$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' <<<"$answer")"
  domain="$(sql "SELECT domain_name FROM vms WHERE id = $id")"
  [[ "$spares" == *" $domain "* ]] && from_spare=$((from_spare + 1))
  [[ -n "$overlay_bytes" ]] || overlay_bytes="$(du -B1 "$STORAGE/overlays/$domain.qcow2" | cut -f1)"
  if [[ "$MODE" == wipe ]]; then api -X DELETE "$PORTAL/api/vms/$id" >/dev/null; else kept+=("$id"); fi
done
for id in "${kept[@]}"; do api -X DELETE "$PORTAL/api/vms/$id" >/dev/null; done

sorted=($(printf '%s\n' "${times[@]}" | sort -n))
p50=${sorted[$(((N * 50 + 99) / 100 - 1))]}; p95=${sorted[$(((N * 95 + 99) / 100 - 1))]}
start=$(date +%s%N); cp "$base" "$WORK/base-copy.qcow2"; sync; end=$(date +%s%N)
cp_ms=$(((end - start) / 1000000)); rm -f "$WORK/base-copy.qcow2"
printf 'create -> running over %d VMs (%s): p50 %d ms, p95 %d ms (min %d, max %d); %d took a spare\n' \
  "$N" "$MODE" "$p50" "$p95" "${sorted[0]}" "${sorted[$((N - 1))]}" "$from_spare"
printf 'full copy of the base image (%s bytes): %d ms; p50 create / cp = %s\n' \
  "$(stat -c %s "$base")" "$cp_ms" "$(awk "BEGIN { printf \"%.2f\", $p50 / ($cp_ms > 0 ? $cp_ms : 1) }")"
printf 'a new overlay on disk: %s bytes\n' "$overlay_bytes"
rm -f "$JAR"
