# Shared by the console benchmarks (sourced): run a bench class through Maven, wipe a run's VMs.
# Expects ROOT, STATE and RUN.
PORTAL="${VMPORTAL_URL:-http://127.0.0.1:8080}"
# carol (tenant acme) by default: the end-to-end suite wipes all of alice's VMs and races on the
# demo tenant's VM quota, so benchmark VMs there would break other people's tests, or vanish.
BENCH_USER="${BENCH_USER:-carol}"
BENCH_PASSWORD="${BENCH_PASSWORD:-${BENCH_USER}123}"
export BENCH_USER BENCH_PASSWORD
WORK="$STATE/bench"
mkdir -p "$WORK"
JAR="$WORK/$RUN-wipe.txt"

wait_portal() { # the portal may be redeploying; give it three minutes
  local i
  for i in $(seq 1 180); do
    curl -fsS "$PORTAL/health" 2>/dev/null | grep -q '"status":"UP"' && return 0
    sleep 1
  done
  echo "# the portal at $PORTAL is not healthy" >&2
  return 1
}

run_bench() { # run_bench <class> <arguments>
  # Builds what portal-war's test classes need, then runs the class in its own JVM.
  mvn -q -B -f "$ROOT/pom.xml" -pl portal-war -am -Pbench process-test-classes \
    -Dbench.main="$1" -Dbench.args="$2" -Dbench.state.dir="$STATE" -Dit.portal.url="$PORTAL"
}

# The Java side wipes its VMs itself; this catches what a killed JVM left behind.
wipe_run_vms() {
  local ids id
  wait_portal || return 0
  "$ROOT/bench/portal-login.sh" "$JAR" "$BENCH_USER" "$BENCH_PASSWORD" 2>/dev/null || { rm -f "$JAR"; return 0; }
  # The API answers one object per VM, fields in alphabetical order: pick this run's by name.
  ids="$(curl -fsS -b "$JAR" -H 'X-Requested-By: bench' "$PORTAL/api/vms" | sed 's/},{/}\n{/g' |
    grep "\"name\":\"$RUN-[0-9]*\"" | sed -n 's/.*"id":\([0-9]*\).*/\1/p')" || true
  for id in $ids; do
    curl -fsS -o /dev/null -b "$JAR" -H 'X-Requested-By: bench' -X DELETE "$PORTAL/api/vms/$id" || true
    echo "# wiped leftover VM $id"
  done
  rm -f "$JAR"
}
