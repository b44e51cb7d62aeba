#!/usr/bin/env bash
# Dashboard speed: seeds VM rows (bench/dashboard-seed.sh), then prints
#  1. server response times, p50/p95 over R requests with U concurrent sessions, of the admin
#     all-VMs page and its filter, sort and paging requests, and of a guest's dashboard with 20 VMs
#     (DashboardResponseBench);
#  2. the time for a VM's state change to reach an open guest dashboard, over N pause/resume
#     changes of a real demo VM (PushLatencyBench, headless Chromium, as BENCH_USER, carol);
# and removes the seeded rows again, also on failure or Ctrl-C.
#   bench/dashboards.sh [VMS] [R] [U] [N]        (default 10000 200 10 20; the stack must be up)
#   VMPORTAL_URL, VMPORTAL_KEYCLOAK_PORT and VMPORTAL_STATE reach a stack on other ports.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VMS="${1:-10000}"; REQUESTS="${2:-200}"; USERS="${3:-10}"; CHANGES="${4:-20}"
STATE="${VMPORTAL_STATE:-$ROOT/.stack}"
export VMPORTAL_URL="${VMPORTAL_URL:-http://127.0.0.1:${VMPORTAL_PORT:-8080}}"
KEYCLOAK="http://127.0.0.1:${VMPORTAL_KEYCLOAK_PORT:-8180}"
RUN="dbench-$(head -c3 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export BENCH_USER="${BENCH_USER:-carol}" BENCH_PASSWORD="${BENCH_PASSWORD:-carol123}"

bench() { # bench <class> <arguments>
  mvn -q -B -f "$ROOT/pom.xml" -pl portal-war -am -Pbench process-test-classes \
    -Dbench.main="$1" -Dbench.args="$2" -Dit.portal.url="$VMPORTAL_URL" -Dit.keycloak.url="$KEYCLOAK" \
    -Dit.state.dir="$STATE"
}

trap '"$ROOT/bench/dashboard-seed.sh" remove "$RUN"' EXIT
echo "# dashboards: $(nproc) CPUs; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$ROOT/bench/dashboard-seed.sh" seed "$RUN" "$VMS" bob 20
bench org.vmportal.bench.DashboardResponseBench "$REQUESTS $USERS $RUN bob"
bench org.vmportal.bench.PushLatencyBench "$CHANGES $RUN-push"
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
