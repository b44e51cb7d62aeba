#!/usr/bin/env bash
# Connect click -> first painted frame of a VM's desktop console, p50/p95/min/max over N tries, in
# headless Chromium (ConsoleConnectLatencyBench, run through Maven's `bench` profile), as carol
# (BENCH_USER, BENCH_PASSWORD to change; see bench/console-common.sh for why not alice).
#   bench/console-connect-latency.sh [N]     (default 10; the stack must be up)
#   VMPORTAL_STATE=/path/to/.stack to use a stack started from another checkout.
#
# One demo VM is created and booted to its shell prompt first, so its screen has text on it. Each
# try loads the dashboard, clicks the card's Connect (it opens the console tab), waits for the
# painted frame and closes the tab: every try is a new ticket, a new tunnel and a new guacd
# session. One warm-up try (the browser's first load of the console's scripts, the portal's first
# console of the run) is printed but not counted.
#
# All timestamps are taken inside the browser, on its wall clock (performance.timeOrigin + now()):
#   click        a capture-phase click listener on the dashboard (before the tab opens)
#   then in the console tab, from a WebDriver BiDi preload script that wraps fetch, WebSocket and
#   the Guacamole display's flush before console.js runs:
#   tab          the console tab's navigation start (its time origin)
#   ticket       console.js asks POST /api/vms/{id}/console-tickets; answered = response headers
#   socket       the WebSocket to /console/tunnel is open (handshake done)
#   tunnel       the portal's first message: ticket redeemed, guacd reached, VNC connection set up
#   sync         the first `sync` arrives (guacamole-common-js calls the client "connected" here)
#   paint        first painted frame: the first display flush whose drawing is on the canvas with
#                at least 500 lit pixels (the prompt's text). Decoding the frame's PNGs happens
#                between sync and paint; the compositor shows the canvas at its next frame (<17 ms).
# VMs named <run>-<i> are wiped on exit, also on failure or Ctrl-C.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
N="${1:-10}"
STATE="${VMPORTAL_STATE:-$ROOT/.stack}"
RUN="clat-$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
# shellcheck source=bench/console-common.sh
. "$ROOT/bench/console-common.sh"
trap wipe_run_vms EXIT
wait_portal

echo "# console-connect-latency: $N tries, $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
run_bench org.vmportal.bench.ConsoleConnectLatencyBench "$N $RUN"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
