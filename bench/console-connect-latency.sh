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
# the click by a capture-phase listener on the dashboard (before the tab opens); the rest in the
# console tab, by a WebDriver BiDi preload script that wraps fetch, WebSocket and the Guacamole
# display's flush before console.js runs, and from the tab's navigation timing. Phases, each from
# the end of the one before:
#   tab      click -> the console page is requested (Chromium opens the tab)
#   page     -> console.xhtml received
#   scripts  -> the page's scripts ran and console.js asks POST /api/vms/{id}/console-tickets
#   ticket   -> the ticket's response headers
#   socket   -> the WebSocket to /console/tunnel is open (handshake done)
#   tunnel   -> the portal's first message: ticket redeemed, guacd handshake done
#   sync     -> guacd's first `sync` (guacamole-common-js calls the client "connected" here)
#   frame    -> that frame drawn (whatever it shows)
#   lit      -> first painted frame: the first display flush whose drawing is on the canvas with at
#               least 500 lit pixels (the prompt's text). The compositor shows the canvas at its
#               next frame (< 17 ms later).
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
