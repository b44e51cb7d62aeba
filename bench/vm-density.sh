#!/usr/bin/env bash
# VM density under TCG: for each N, N qcow2 overlays on the demo OS base and N domains shaped like the
# portal's (128 MiB, 1 vCPU, qemu64, VNC on loopback, serial log), all started at once. Prints how many
# reached their prompt or panicked, the wall time, QEMU's RSS and PSS per VM (PSS splits the base
# image's page cache and QEMU's libraries fairly), the load, and what an idle guest costs in CPU.
#   bench/vm-density.sh [-t TB_CACHE_MIB] [-m MEMORY_MIB] [-w BOOT_TIMEOUT_S] [N ...]
#   (defaults: -t 16 -m 128 -w 900, N = 10 20 30 40; libvirtd on qemu:///system; run as root)
# Stops before an N that would bring the host within 2 GiB of running out of memory, and aborts a round
# that gets there. Everything it creates (domains vmportal-it-density-<id>-<i>, files under
# .stack/bench/) is removed on exit, also on failure or Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TB_MIB=16 MEM_MIB=128 BOOT_TIMEOUT=900
while getopts t:m:w: opt; do
  case "$opt" in
    t) TB_MIB="$OPTARG" ;;
    m) MEM_MIB="$OPTARG" ;;
    w) BOOT_TIMEOUT="$OPTARG" ;;
    *) sed -n '2,8p' "$0" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
COUNTS=("${@:-10 20 30 40}")
# shellcheck disable=SC2206 # word splitting of the default list is intended
COUNTS=(${COUNTS[*]})
RESERVE_KIB=$((2 * 1024 * 1024))
VIRSH=(virsh -q -c qemu:///system)
BASE_SRC="$ROOT/.stack/demo-os/demo-linux.qcow2"
[ -f "$BASE_SRC" ] || { echo "missing $BASE_SRC: run demo-os/build.sh first" >&2; exit 1; }

RUN="density-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
WORK="$ROOT/.stack/bench/$RUN"
mkdir -p "$WORK"
# QEMU runs as libvirt-qemu: every directory above an image must be traversable.
chmod 0755 "$ROOT/.stack" "$ROOT/.stack/bench" "$WORK"
DOMAINS=()

remove_domains() {
  for d in "${DOMAINS[@]}"; do
    "${VIRSH[@]}" destroy "$d" >/dev/null 2>&1 || true
    "${VIRSH[@]}" undefine "$d" --managed-save --snapshots-metadata >/dev/null 2>&1 || true
  done
  DOMAINS=()
}
cleanup() {
  remove_domains
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mem_available_kib() { awk '/^MemAvailable:/ { print $2 }' /proc/meminfo; }
now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"%.1f\", $1 }"; }

cp "$BASE_SRC" "$WORK/base.qcow2"
chmod 0444 "$WORK/base.qcow2"

domain_xml() { # domain_xml <name> <hostname> <overlay> <log>
  cat <<EOF
<domain type='qemu'>
  <name>$1</name>
  <memory unit='MiB'>$MEM_MIB</memory>
  <vcpu>1</vcpu>
  <sysinfo type='fwcfg'><entry name='opt/demo/hostname'>$2</entry></sysinfo>
  <os><type arch='x86_64' machine='pc'>hvm</type></os>
  <features><acpi/><tcg><tb-cache unit='MiB'>$TB_MIB</tb-cache></tcg></features>
  <cpu mode='custom' match='exact' check='none'><model fallback='forbid'>qemu64</model></cpu>
  <clock offset='utc'/>
  <on_poweroff>destroy</on_poweroff><on_reboot>restart</on_reboot><on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$3'/>
      <backingStore type='file'>
        <format type='qcow2'/>
        <source file='$WORK/base.qcow2'><seclabel model='dac' relabel='no'/></source>
        <backingStore/>
      </backingStore>
      <target dev='vda' bus='virtio'/>
    </disk>
    <serial type='pty'><log file='$4' append='off'/><target port='0'/></serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <graphics type='vnc' autoport='yes' listen='127.0.0.1'><listen type='address' address='127.0.0.1'/></graphics>
    <video><model type='vga'/></video>
  </devices>
</domain>
EOF
}

qemu_pids() { for d in "${DOMAINS[@]}"; do cat "/run/libvirt/qemu/$d.pid" 2>/dev/null && echo; done | grep -v '^$' || true; }

cpu_ticks() { # total utime+stime of the given pids, in clock ticks
  local total=0 pid
  for pid in "$@"; do
    [ -r "/proc/$pid/stat" ] || continue
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')))
  done
  echo "$total"
}

echo "# vm-density: TCG, ${MEM_MIB} MiB, tb-cache ${TB_MIB} MiB, $(nproc) host CPUs, $(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo) GiB RAM, $(uname -r)"
echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg); MemAvailable $(calc "$(mem_available_kib) / 1048576") GiB"
printf '%4s %7s %5s %8s %9s %9s %9s %8s %9s %7s %7s %8s\n' N prompt panic wall_s median_s max_s rss_MiB rss_GiB pss_MiB load1 load5 idle%/VM

for n in "${COUNTS[@]}"; do
  avail=$(mem_available_kib)
  # About 200 MiB of RSS per guest was measured; assume 256 MiB before trying.
  if ((avail - n * 256 * 1024 < RESERVE_KIB)); then
    echo "# stopping before N=$n: MemAvailable $((avail / 1024)) MiB would leave less than 2 GiB"
    break
  fi
  names=() hosts=() logs=()
  for ((i = 1; i <= n; i++)); do
    name="vmportal-it-$RUN-$i"
    host="d$i-${RUN#density-}"
    qemu-img create -q -f qcow2 -F qcow2 -b "$WORK/base.qcow2" "$WORK/$i.qcow2"
    domain_xml "$name" "$host" "$WORK/$i.qcow2" "$WORK/$i.log" >"$WORK/$i.xml"
    "${VIRSH[@]}" define "$WORK/$i.xml" >/dev/null
    DOMAINS+=("$name") names+=("$name") hosts+=("$host") logs+=("$WORK/$i.log")
  done
  t0=$(now)
  for name in "${names[@]}"; do "${VIRSH[@]}" start "$name" >/dev/null; done
  started_s=$(calc "$(now) - $t0")

  declare -A done=()
  times=() panics=0 aborted=""
  while ((${#done[@]} < n)); do
    for ((i = 0; i < n; i++)); do
      [ -n "${done[$i]:-}" ] && continue
      if grep -q "root@${hosts[$i]}:" "${logs[$i]}" 2>/dev/null; then
        done[$i]=1
        times+=("$(calc "$(now) - $t0")")
      elif grep -q "Kernel panic" "${logs[$i]}" 2>/dev/null; then
        # A starved vCPU fails the kernel's early timer check; the guest spins, libvirt says running.
        done[$i]=1
        panics=$((panics + 1))
      fi
    done
    elapsed=$(calc "$(now) - $t0")
    if (($(mem_available_kib) < RESERVE_KIB)); then aborted="memory"; break; fi
    if awk "BEGIN { exit !($elapsed > $BOOT_TIMEOUT) }"; then aborted="timeout"; break; fi
    sleep 1
  done
  wall=$(calc "$(now) - $t0")
  load="$(cut -d' ' -f1,2 /proc/loadavg)"
  mapfile -t pids < <(qemu_pids)
  rss_kib=0 pss_kib=0
  for pid in "${pids[@]}"; do
    rss_kib=$((rss_kib + $(awk '/^VmRSS:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || echo 0)))
    pss_kib=$((pss_kib + $(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)))
  done
  per_vm=$((${#pids[@]} + (${#pids[@]} == 0)))
  idle="-"
  if [ -z "$aborted" ] && ((${#pids[@]} > 0)); then
    # Idle cost once every guest sits at its prompt and has loaded its modules: QEMUs' CPU over 10 s.
    sleep 15
    ticks0=$(cpu_ticks "${pids[@]}"); sleep 10; ticks1=$(cpu_ticks "${pids[@]}")
    idle=$(calc "($ticks1 - $ticks0) / $(getconf CLK_TCK) / 10 * 100 / $per_vm")
  fi
  sorted=$(printf '%s\n' "${times[@]:-0}" | sort -n)
  median=$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' <<<"$sorted")
  max=$(tail -n1 <<<"$sorted")
  printf '%4d %3d/%-3d %5d %8s %9s %9s %9s %8s %9s %7s %7s %8s\n' "$n" "${#times[@]}" "$n" "$panics" "$wall" "$median" "$max" \
    "$(calc "$rss_kib / $per_vm / 1024")" "$(calc "$rss_kib / 1048576")" "$(calc "$pss_kib / $per_vm / 1024")" \
    ${load} "$idle"
  echo "#   N=$n: $n starts took ${started_s} s; ${aborted:+aborted ($aborted); }MemAvailable now $(calc "$(mem_available_kib) / 1048576") GiB"
  remove_domains
  rm -f "$WORK"/[0-9]*.{qcow2,xml,log}
  unset done
  [ -z "$aborted" ] || { echo "# stopped after N=$n: $aborted"; break; }
  # Let the host settle so the next round starts from the same idle state.
  sleep 15
done
