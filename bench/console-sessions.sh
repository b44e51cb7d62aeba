#!/usr/bin/env bash
# N desktop consoles held open at once for SECONDS: drops, bytes per session, and the CPU the portal
# (Payara's JVM) and guacd (its main process plus the child it forks for each session) spend per
# session, against idle windows of the same length before and after (ConsoleSessionsBench, run
# through Maven's `bench` profile), as carol (BENCH_USER, BENCH_PASSWORD to change; see
# bench/console-common.sh for why not alice).
#   bench/console-sessions.sh [N] [SECONDS] [VMS]   (defaults 20, 60, VMS = N; the stack must be up)
#   VMPORTAL_STATE=/path/to/.stack to use a stack started from another checkout.
#
# VMS demo VMs are created and booted to their prompt (20 guests take about 3 min under TCG on 2
# CPUs, see docs/libvirt.md#density); session i goes to VM i mod VMS. Each session is what the
# console tab does, minus the drawing: its own ticket (POST /api/vms/{id}/console-tickets), its own
# WebSocket to /console/tunnel with the session cookie and the `guacamole` subprotocol, every
# `sync` answered. A drop is the socket closing or an `error` instruction before the end.
# Windows, each SECONDS long: warm-up (the N sessions open: right after a redeploy the portal's JIT
# compiles the console path), idle before, with the N sessions (opened anew), idle after.
# CPU is utime+stime from /proc/<pid>/stat (.stack/pids/portal.pid, guacd.pid) read at both ends of
# each window; guacd's session children are those holding a connection to this run's VNC ports, so
# consoles other people open meanwhile are not counted (the portal's JVM is shared: its idle
# windows carry whatever else it did). Per session = (with sessions - mean of the idle windows) / N.
# The portal's CPU is also split by thread (/proc/<pid>/task). If someone restarts the portal or
# guacd meanwhile, the windows are measured again (up to 3 times; the VMs stay).
# VMs named <run>-<i> are wiped on exit, also on failure or Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-20}"; SECONDS_HELD="${2:-60}"; VMS="${3:-$N}"
STATE="${VMPORTAL_STATE:-$ROOT/.stack}"
RUN="cses-$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# shellcheck source=bench/console-common.sh
. "$ROOT/bench/console-common.sh"
trap wipe_run_vms EXIT
wait_portal

echo "# console-sessions: $N sessions, $SECONDS_HELD s, $VMS VMs, $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run_bench org.vmportal.bench.ConsoleSessionsBench "$N $SECONDS_HELD $RUN $VMS"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
