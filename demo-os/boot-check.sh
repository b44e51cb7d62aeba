#!/usr/bin/env bash
# Boots a demo OS image under QEMU (TCG) with a random hostname passed through fw_cfg and waits for the
# shell prompt "root@<hostname>:" on the serial log. Prints the seconds it took; exits non-zero on failure.
#
# Usage: demo-os/boot-check.sh <image> [iso|virtio|ide|sata]
#   default mode: iso for *.iso, virtio otherwise. Disk images are opened with snapshot=on (base never written).
# Environment: BOOT_CHECK_TIMEOUT (s, default 60), BOOT_CHECK_ACCEL (default tcg), BOOT_CHECK_MEM (MiB, default 128),
#              BOOT_CHECK_KEEP_LOG=1 keeps the serial log.
set -euo pipefail

IMG="${1:?usage: $0 <image> [iso|virtio|ide|sata]}"
[ -f "$IMG" ] || { echo "boot-check: no such image: $IMG" >&2; exit 2; }
IMG="$(cd "$(dirname "$IMG")" && pwd)/$(basename "$IMG")"
case "$IMG" in
  *.iso) DEFAULT_MODE=iso ;;
  *) DEFAULT_MODE=virtio ;;
esac
MODE="${2:-$DEFAULT_MODE}"
TIMEOUT="${BOOT_CHECK_TIMEOUT:-60}"
ACCEL="${BOOT_CHECK_ACCEL:-tcg}"
MEM="${BOOT_CHECK_MEM:-128}"

case "$IMG" in
  *.qcow2) FMT=qcow2 ;;
  *) FMT=raw ;;
esac
case "$MODE" in
  iso) MEDIA=(-cdrom "$IMG" -boot d) ;;
  virtio) MEDIA=(-drive "file=$IMG,if=virtio,format=$FMT,snapshot=on") ;;
  ide) MEDIA=(-drive "file=$IMG,if=ide,format=$FMT,snapshot=on") ;;
  sata) MEDIA=(-drive "id=d0,file=$IMG,if=none,format=$FMT,snapshot=on" -device ahci,id=ahci0
    -device ide-hd,drive=d0,bus=ahci0.0,bootindex=0) ;;
  *) echo "boot-check: unknown mode '$MODE' (iso|virtio|ide|sata)" >&2; exit 2 ;;
esac

NAME="$(printf 'bc%04x%04x' $RANDOM $RANDOM)"
TMP="$(mktemp -d /tmp/boot-check.XXXXXX)"
LOG="$TMP/serial.log"
: >"$LOG"
QPID=""
cleanup() {
  if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then
    kill "$QPID" 2>/dev/null || true
    wait "$QPID" 2>/dev/null || true
  fi
  if [ "${BOOT_CHECK_KEEP_LOG:-0}" = 1 ]; then echo "boot-check: serial log kept at $LOG" >&2; else rm -rf "$TMP"; fi
}
trap cleanup EXIT

START="$(date +%s%N)"
qemu-system-x86_64 -accel "$ACCEL" -m "$MEM" -display none -monitor none -no-reboot \
  -serial "file:$LOG" -fw_cfg "name=opt/demo/hostname,string=$NAME" "${MEDIA[@]}" \
  >"$TMP/qemu.out" 2>&1 &
QPID=$!

qemu_cpu() { # CPU seconds QEMU has used (all threads): a load-independent view of the boot's cost
  awk -v hz="$(getconf CLK_TCK)" '{ sub(/.*\) /, ""); printf "%.1f", ($12 + $13) / hz }' "/proc/$QPID/stat" 2>/dev/null || echo "?"
}
elapsed() { echo "$(( ($(date +%s%N) - START) / 1000000 ))" | awk '{printf "%.1f", $1 / 1000}'; }
while :; do
  if grep -aqF "root@$NAME:" "$LOG"; then
    secs="$(elapsed)"
    cpu="$(qemu_cpu)"
    grep -aqF "VM Portal demo OS ready: hostname=$NAME" "$LOG" ||
      echo "boot-check: warning: prompt seen but no banner line" >&2
    echo "boot-check: OK mode=$MODE hostname=$NAME prompt after ${secs} s (QEMU CPU ${cpu} s; $(basename "$IMG"), accel=$ACCEL, ${MEM} MiB)"
    exit 0
  fi
  if ! kill -0 "$QPID" 2>/dev/null; then
    echo "boot-check: FAIL mode=$MODE: QEMU exited after $(elapsed) s" >&2
    cat "$TMP/qemu.out" >&2
    tail -c 2000 "$LOG" >&2
    exit 1
  fi
  if [ $(( ($(date +%s%N) - START) / 1000000000 )) -ge "$TIMEOUT" ]; then
    echo "boot-check: FAIL mode=$MODE: no prompt 'root@$NAME:' within ${TIMEOUT} s; serial log tail:" >&2
    tail -c 2000 "$LOG" | tr -d '\r' >&2
    echo >&2
    exit 1
  fi
  sleep 0.1
done
