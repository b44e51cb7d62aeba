#!/usr/bin/env bash
# Upload throughput of a large ISO through the portal's REST API (resumable 64 MiB chunks), next
# to `cp` of the same file on the same disk in the same run, and the portal's heap before and after.
#   bench/upload-throughput.sh [size-MiB]      (default 1024; the stack must be up)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SIZE_MIB="${1:-1024}"
CHUNK=$((64 * 1024 * 1024))
PORTAL="${VMPORTAL_URL:-http://127.0.0.1:8080}"
WORK="$ROOT/.stack/bench"; mkdir -p "$WORK"
FILE="$WORK/bench-$SIZE_MIB.iso"; JAR="$WORK/cookies.txt"
PORTAL_PID="$(cat "$ROOT/.stack/pids/portal.pid")"

calc() { awk "BEGIN { printf \"%.4f\", $1 }"; }

heap_used_mib() { # after a full GC, so the figure is live data rather than garbage not yet collected
  jcmd "$PORTAL_PID" GC.run >/dev/null
  jcmd "$PORTAL_PID" GC.heap_info | awk '/used/ && /total/ {for (i=1;i<=NF;i++) if ($i=="used") {v=$(i+1); sub("K","",v); printf "%.0f", v/1024; exit}}'
}

# A unique file each run (the catalog refuses duplicates): random data with ISO 9660's signature.
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$FILE"
printf 'CD001' | dd of="$FILE" bs=1 seek=$((0x8001)) conv=notrunc status=none
sync

start=$(date +%s.%N); cp "$FILE" "$WORK/copy.iso"; sync; end=$(date +%s.%N)
cp_s=$(calc "$end - $start"); rm -f "$WORK/copy.iso"

"$ROOT/bench/portal-login.sh" "$JAR"
heap_before=$(heap_used_mib)

start=$(date +%s.%N)
id="$(curl -fsS -b "$JAR" -H 'X-Requested-By: bench' -H 'Content-Type: application/json' \
  -d "{\"kind\":\"ISO\",\"fileName\":\"bench-$SIZE_MIB.iso\",\"sizeBytes\":$((SIZE_MIB * 1024 * 1024))}" \
  "$PORTAL/api/uploads" | sed -n 's/.*"uploadId":"\([^"]*\)".*/\1/p')"
total=$((SIZE_MIB * 1024 * 1024)); offset=0
while ((offset < total)); do
  len=$((total - offset < CHUNK ? total - offset : CHUNK))
  answer="$(dd if="$FILE" iflag=skip_bytes,count_bytes skip="$offset" count="$len" bs=4M status=none | curl -fsS -b "$JAR" -X PUT \
    -H 'X-Requested-By: bench' -H 'Content-Type: application/octet-stream' \
    -H "Content-Range: bytes $offset-$((offset + len - 1))/$total" --data-binary @- "$PORTAL/api/uploads/$id")"
  offset=$((offset + len))
done
end=$(date +%s.%N)
upload_s=$(calc "$end - $start")
heap_after=$(heap_used_mib)
iso_id="$(sed -n 's/.*"resultId":\([0-9]*\).*/\1/p' <<<"$answer")"

printf 'file            %d MiB\n' "$SIZE_MIB"
printf 'cp              %.2f s  (%.0f MiB/s)\n' "$cp_s" "$(calc "$SIZE_MIB / $cp_s")"
printf 'portal upload   %.2f s  (%.0f MiB/s), chunks of %d MiB, SHA-256 and ISO check included\n' \
  "$upload_s" "$(calc "$SIZE_MIB / $upload_s")" $((CHUNK / 1024 / 1024))
printf 'ratio           %.2f x cp time\n' "$(calc "$upload_s / $cp_s")"
printf 'portal heap     %s MiB before, %s MiB after (live data after a full GC)\n' "$heap_before" "$heap_after"

# Leave the catalog as it was.
curl -fsS -b "$JAR" -X DELETE -H 'X-Requested-By: bench' "$PORTAL/api/isos/$iso_id" >/dev/null
rm -f "$FILE" "$JAR"
