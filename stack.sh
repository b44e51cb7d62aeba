#!/usr/bin/env bash
# VM Portal stack: install, build, start, stop and test every real part on one Debian 12 host.
#   ./stack.sh up       install what is missing, build, start everything, print where to log in
#   ./stack.sh test     up, then run every test (unit, integration, end-to-end)
#   ./stack.sh down     stop exactly the processes this script started (by PID)
#   ./stack.sh status   show what runs
#   ./stack.sh libvncclient   build guacd's patched VNC client library if missing or its recipe changed
#   ./stack.sh restart-portal stop the portal (if running) and start it again from the deployed WAR
# All state (downloads, data, logs, pids) lives in .stack/ beside this script.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${VMPORTAL_STATE:-$ROOT/.stack}"
DOWNLOADS="$STATE/downloads"
LOGS="$STATE/logs"
PIDS="$STATE/pids"
RUN="$STATE/run"

log() { printf '[stack %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[stack] ERROR: %s\n' "$*" >&2; exit 1; }

# --- install -------------------------------------------------------------------------------------
DEBIAN_PACKAGES=(
  mariadb-server mariadb-client
  libvirt-daemon-system libvirt-clients qemu-system-x86 qemu-utils dnsmasq-base
  chromium chromium-driver
  unzip curl procps
  # demo OS build (issue 3): kernel and busybox are downloaded as .debs and unpacked, not installed
  busybox-static isolinux syslinux syslinux-common xorriso mtools dosfstools kmod cpio
)
BULLSEYE_PACKAGES=(guacd libguac-client-vnc0 libguac-client-telnet0)
# Builds guacd's patched libvncclient (see build_libvncclient). The -dev packages are the three features
# rfbClient's struct layout depends on (zlib, jpeg, SASL): with them it matches the system library.
VNCCLIENT_BUILD_PACKAGES=(dpkg-dev cmake make gcc libc6-dev zlib1g-dev libjpeg-dev libsasl2-dev)

install_packages() { install_missing "${DEBIAN_PACKAGES[@]}" "${VNCCLIENT_BUILD_PACKAGES[@]}" "${BULLSEYE_PACKAGES[@]}"; }

install_missing() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if ((${#missing[@]} == 0)); then log "Debian packages: all present"; return; fi
  log "installing: ${missing[*]}"
  # guacd is only in bullseye; the pin keeps every other package on bookworm.
  if [[ ! -f /etc/apt/sources.list.d/vmportal-bullseye.list ]]; then
    echo 'deb http://deb.debian.org/debian bullseye main' >/etc/apt/sources.list.d/vmportal-bullseye.list
    printf 'Package: *\nPin: release n=bullseye\nPin-Priority: 100\n' >/etc/apt/preferences.d/vmportal-bullseye
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$LOGS/apt.log" 2>&1 \
    || { tail -20 "$LOGS/apt.log"; die "apt-get install failed (full log: $LOGS/apt.log)"; }
}


# --- configuration (override by environment) ------------------------------------------------------
DB_PORT="${VMPORTAL_DB_PORT:-3306}"
GUACD_PORT="${VMPORTAL_GUACD_PORT:-4822}"
KEYCLOAK_PORT="${VMPORTAL_KEYCLOAK_PORT:-8180}"
KEYCLOAK_MANAGEMENT_PORT="${VMPORTAL_KEYCLOAK_MANAGEMENT_PORT:-9180}"
PORTAL_PORT="${VMPORTAL_PORT:-8080}"
DB_SOCKET="$RUN/mysqld.sock"
KEYCLOAK_ADMIN_USER="${VMPORTAL_KEYCLOAK_ADMIN_USER:-kcadmin}"
KEYCLOAK_ADMIN_PASSWORD="${VMPORTAL_KEYCLOAK_ADMIN_PASSWORD:-kcadmin}"
PORTAL_URL="http://127.0.0.1:$PORTAL_PORT/"
KEYCLOAK_URL="http://127.0.0.1:$KEYCLOAK_PORT"

# Versions live only in the parent POM.
pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
KEYCLOAK_VERSION="$(pom_property keycloak.version)"
KEYCLOAK_HOME="$STATE/keycloak-$KEYCLOAK_VERSION"

# --- process bookkeeping: every process we start has a pid file in $PIDS ------------------------------
pid_of() { [[ -f "$PIDS/$1.pid" ]] && cat "$PIDS/$1.pid" || true; }
is_running() { local pid; pid="$(pid_of "$1")"; [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() { # name, timeout seconds, command...
  local name="$1" timeout="$2"; shift 2
  local start=$SECONDS
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS - start >= timeout)); then
      grep -E 'SEVERE|ERROR' "$LOGS/$name.log" 2>/dev/null | tail -5 || true
      die "$name not healthy after ${timeout}s (log: $LOGS/$name.log)"
    fi
    if [[ -f "$PIDS/$name.pid" ]] && ! is_running "$name"; then
      tail -20 "$LOGS/$name.log" 2>/dev/null || true
      die "$name exited during start-up (log: $LOGS/$name.log)"
    fi
    sleep 0.5
  done
  log "$name healthy after $((SECONDS - start))s"
}

stop_pid() { # name: TERM, then KILL after 30 s
  local name="$1" pid
  pid="$(pid_of "$name")"
  if [[ -z "$pid" ]]; then return; fi
  if kill -0 "$pid" 2>/dev/null; then
    # Processes started with setsid lead their own group: signal the group, so a wrapper
    # script's children (Keycloak's java under kc.sh) stop with it.
    local target="$pid"
    [[ "$(ps -o pgid= -p "$pid" | tr -d ' ')" == "$pid" ]] && target="-$pid"
    kill -TERM -- "$target" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then log "$name did not stop; killing $pid"; kill -KILL -- "$target" 2>/dev/null || true; fi
    log "stopped $name (pid $pid)"
  fi
  rm -f "$PIDS/$name.pid"
}

# --- build ------------------------------------------------------------------------------------------
fetch_runtime() {
  if [[ -f "$DOWNLOADS/payara-micro.jar" && -f "$DOWNLOADS/keycloak-$KEYCLOAK_VERSION.zip" ]]; then return; fi
  log "downloading Payara Micro and Keycloak from Maven Central"
  (cd "$ROOT" && mvn -B -q -N dependency:copy@fetch-runtime -Druntime.download.dir="$DOWNLOADS")
}

build() {
  log "building the portal (mvn package)"
  (cd "$ROOT" && mvn -B -q -DskipTests clean package) >"$LOGS/build.log" 2>&1 \
    || { tail -40 "$LOGS/build.log"; die "build failed (log: $LOGS/build.log)"; }
  mkdir -p "$STATE/deploy"
  cp "$ROOT/portal-war/target/portal.war" "$STATE/deploy/portal.war"
}

# The demo OS (kernel + busybox from Debian packages) that seeds the catalog; cached after the first build.
build_demo_os() {
  log "demo OS (built once, then cached)"
  "$ROOT/demo-os/build.sh" "$STATE/demo-os" >>"$LOGS/demo-os.log" 2>&1 \
    || { tail -20 "$LOGS/demo-os.log"; die "demo OS build failed (log: $LOGS/demo-os.log)"; }
}

# --- MariaDB ----------------------------------------------------------------------------------------
db_ping() { mariadb-admin --socket="$DB_SOCKET" -uroot ping; }
db_portal_login() { mariadb -h127.0.0.1 -P"$DB_PORT" -uvmportal -pvmportal vmportal -e 'SELECT 1'; }

start_mariadb() {
  if is_running mariadb; then log "mariadb already running"; return; fi
  port_in_use "$DB_PORT" && die "port $DB_PORT is taken by another process; stop it or set VMPORTAL_DB_PORT"
  local datadir="$STATE/mariadb"
  mkdir -p "$datadir" "$RUN"
  chown mysql:mysql "$datadir" "$RUN"
  if [[ ! -d "$datadir/mysql" ]]; then
    log "initialising MariaDB in $datadir"
    mariadb-install-db --no-defaults --user=mysql --datadir="$datadir" --skip-test-db \
      --auth-root-authentication-method=socket >"$LOGS/mariadb-install.log" 2>&1
  fi
  # --no-defaults: this instance is ours alone and ignores /etc/mysql.
  setsid /usr/sbin/mariadbd --no-defaults --user=mysql --datadir="$datadir" \
    --socket="$DB_SOCKET" --pid-file="$RUN/mariadbd.pid" --bind-address=127.0.0.1 --port="$DB_PORT" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
    --innodb-buffer-pool-size=256M --max-connections=300 \
    --log-error="$LOGS/mariadb.log" </dev/null >>"$LOGS/mariadb.log" 2>&1 &
  echo $! >"$PIDS/mariadb.pid"
}

setup_database() {
  mariadb --socket="$DB_SOCKET" -uroot <<'SQL'
CREATE DATABASE IF NOT EXISTS vmportal CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'vmportal'@'127.0.0.1' IDENTIFIED BY 'vmportal';
CREATE USER IF NOT EXISTS 'vmportal'@'localhost' IDENTIFIED BY 'vmportal';
GRANT ALL PRIVILEGES ON vmportal.* TO 'vmportal'@'127.0.0.1';
GRANT ALL PRIVILEGES ON vmportal.* TO 'vmportal'@'localhost';
SQL
}

# --- libvirt ----------------------------------------------------------------------------------------
libvirt_ping() { virsh -c qemu:///system version; }

start_libvirt() {
  # Without udev, /dev/kvm stays root:root 0600. libvirt then finds KVM "enabled when probing but
  # not available now", throws its QEMU capability cache away and re-probes QEMU (about 4 s) on
  # nearly every call: a domain define took over 60 s. root:kvm 0660 is what udev sets elsewhere.
  if [[ -c /dev/kvm ]]; then chgrp kvm /dev/kvm && chmod 0660 /dev/kvm; fi
  if libvirt_ping >/dev/null 2>&1; then log "libvirtd already answering"; return; fi
  if ! pgrep -x virtlogd >/dev/null; then
    virtlogd --daemon --pid-file="$PIDS/virtlogd.pid"
  fi
  libvirtd --daemon --pid-file="$PIDS/libvirtd.pid"
}

# --- guacd ------------------------------------------------------------------------------------------
# A real protocol handshake: select a protocol and expect guacd's "args" instruction.
guacd_handshake() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$GUACD_PORT" || return 1
  printf '6.select,3.vnc;' >&3
  IFS= read -r -t 3 -d ';' reply <&3 || true
  exec 3>&-
  [[ "$reply" == 4.args,* ]]
}

# Each connection is a forked child that loads the VNC plugin then, so the environment is what counts.
guacd_runs_patched() {
  local pid; pid="$(pid_of guacd)"
  [[ -n "$pid" && -f "$VNCCLIENT_DIR/libvncclient.so.1" ]] \
    && tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "LD_LIBRARY_PATH=$VNCCLIENT_DIR"
}

start_guacd() {
  if is_running guacd; then
    if guacd_runs_patched; then log "guacd already running"; return; fi
    log "guacd runs with the system libvncclient: restarting it with the patched one (open consoles drop)"
    stop_pid guacd
  fi
  port_in_use "$GUACD_PORT" && die "port $GUACD_PORT is taken by another process"
  [[ -f "$VNCCLIENT_DIR/libvncclient.so.1" ]] || die "patched libvncclient missing; run ./stack.sh libvncclient"
  LD_LIBRARY_PATH="$VNCCLIENT_DIR" \
    setsid guacd -b 127.0.0.1 -l "$GUACD_PORT" -f -L info </dev/null >>"$LOGS/guacd.log" 2>&1 &
  echo $! >"$PIDS/guacd.pid"
}

# --- guacd's patched libvncclient -------------------------------------------------------------------
# Debian's libvncclient 0.9.14 ignores ExtendedDesktopSize screens with id 0, the only id QEMU sends, and
# guacd then drops the VNC session ("Rect too large") the first time a guest's resolution grows. We rebuild
# only that library, from Debian's source of the installed version plus the one-line upstream fix, and
# put it first on guacd's LD_LIBRARY_PATH; the system library stays as it is.
VNCCLIENT_DIR="$STATE/libvncclient"
VNCCLIENT_APT_SOURCES=/etc/apt/sources.list.d/vmportal-bookworm-src.sources

# deb-src for bookworm. apt refuses a source whose Signed-By differs from the deb entry for the same
# archive: deb822 images set it, a classic sources.list does not, so take whichever apt accepts.
add_bookworm_sources() {
  [[ -f "$VNCCLIENT_APT_SOURCES" ]] && return
  local signed_by
  for signed_by in 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' ''; do
    printf 'Types: deb-src\nURIs: %s\nSuites: %s\nComponents: main\n%s\n\n' \
      http://deb.debian.org/debian bookworm "$signed_by" \
      http://deb.debian.org/debian-security bookworm-security "$signed_by" >"$VNCCLIENT_APT_SOURCES"
    if apt-get indextargets >/dev/null 2>&1; then
      apt-get update -qq >>"$LOGS/libvncclient.log" 2>&1 || die "apt-get update failed (log: $LOGS/libvncclient.log)"
      return
    fi
  done
  rm -f "$VNCCLIENT_APT_SOURCES"
  die "apt rejects a bookworm deb-src entry beside this machine's sources (see apt-get update); add one by hand"
}

build_libvncclient() {
  local lib="$VNCCLIENT_DIR/libvncclient.so.1" stamp="$VNCCLIENT_DIR/recipe.sha256" logfile="$LOGS/libvncclient.log"
  local srcpkg recipe
  srcpkg="$(dpkg-query -W -f='${source:Package}=${source:Version}' libvncclient1)" \
    || die "libvncclient1 is not installed (it comes with libguac-client-vnc0)"
  # The recipe is this function's text plus the Debian version it patches: either changing rebuilds.
  recipe="$( { declare -f build_libvncclient; echo "$srcpkg"; } | sha256sum | cut -d' ' -f1)"
  if [[ -f "$lib" && "$(cat "$stamp" 2>/dev/null)" == "$recipe" ]]; then
    log "patched libvncclient: cached ($srcpkg)"; return
  fi
  local started=$SECONDS work="$VNCCLIENT_DIR/build"
  log "building the patched libvncclient from $srcpkg (log: $logfile)"
  add_bookworm_sources
  rm -rf "$work"; mkdir -p "$work"
  if ! (cd "$work" && apt-get source -q "$srcpkg") >>"$logfile" 2>&1; then
    # The lists may predate the installed version.
    apt-get update -qq >>"$logfile" 2>&1 && (cd "$work" && apt-get source -q "$srcpkg") >>"$logfile" 2>&1 \
      || die "apt-get source $srcpkg failed (log: $logfile)"
  fi
  local src; src="$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'libvncserver-*' | head -1)"
  local file="$src/libvncclient/rfbproto.c"
  local old='if (screen.id != 0 && screen.width && screen.height) {' new='if (screen.width && screen.height) {'
  [[ -f "$file" && "$(grep -cF "$old" "$file")" == 1 ]] \
    || die "patch target not found: $file has no single line '$old' (the fix may be upstream now, or the code moved); check the source and update build_libvncclient"
  sed -i 's/if (screen\.id != 0 && screen\.width/if (screen.width/' "$file"
  grep -qF "$new" "$file" || die "patching $file failed"
  # Debian's hardened compiler flags, as its own build uses. Features: only what the library needs;
  # TLS, gcrypt and LZO off (loopback VNC with a password needs none of them).
  local -x DEB_BUILD_MAINT_OPTIONS=hardening=+all
  CFLAGS="$(cd "$src" && dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)" \
  LDFLAGS="$(dpkg-buildflags --get LDFLAGS)" \
  cmake -S "$src" -B "$src/build" -DCMAKE_BUILD_TYPE=None -DWITH_PNG=OFF -DWITH_LZO=OFF \
    -DWITH_GNUTLS=OFF -DWITH_OPENSSL=OFF -DWITH_GCRYPT=OFF -DWITH_SYSTEMD=OFF -DWITH_SDL=OFF -DWITH_GTK=OFF \
    -DWITH_LIBSSH2=OFF -DWITH_FFMPEG=OFF -DWITH_EXAMPLES=OFF -DWITH_TESTS=OFF \
    -DWITH_ZLIB=ON -DWITH_JPEG=ON -DWITH_SASL=ON -DWITH_THREADS=ON >>"$logfile" 2>&1 \
    || die "cmake for libvncclient failed (log: $logfile)"
  # rfbClient's fields depend on these; guacd was built against a library that has all four.
  local define
  for define in LIBZ LIBJPEG SASL LIBPTHREAD; do
    grep -q "^#define LIBVNCSERVER_HAVE_$define " "$src/build/rfb/rfbconfig.h" \
      || die "libvncclient configured without LIBVNCSERVER_HAVE_$define: its rfbClient would not match guacd's (log: $logfile)"
  done
  make -C "$src/build" -j"$(nproc)" vncclient >>"$logfile" 2>&1 || die "make vncclient failed (log: $logfile)"
  local plugin wanted built
  plugin="$(dpkg -L libguac-client-vnc0 | grep '/libguac-client-vnc\.so\.[0-9]*$' | head -1)"
  wanted="$(readelf -d "$plugin" | sed -n 's/.*NEEDED.*\[\(libvncclient\.so[^]]*\)\]/\1/p')"
  built="$(readelf -d "$src/build/libvncclient.so" | sed -n 's/.*SONAME.*\[\(.*\)\]/\1/p')"
  [[ -n "$wanted" && "$built" == "$wanted" ]] || die "built SONAME '$built', but $plugin needs '$wanted'"
  # Atomic, so a session starting meanwhile loads the old file or the new one, never half of one.
  strip --strip-unneeded -o "$lib.new" "$(readlink -f "$src/build/libvncclient.so")" && mv -f "$lib.new" "$lib"
  echo "$recipe" >"$stamp"
  rm -rf "$work"
  log "patched libvncclient built in $((SECONDS - started))s: $lib"
}

# --- Keycloak ---------------------------------------------------------------------------------------
keycloak_ready() { curl -fsS "$KEYCLOAK_URL/realms/vmportal/.well-known/openid-configuration"; }

start_keycloak() {
  if is_running keycloak; then log "keycloak already running"; return; fi
  port_in_use "$KEYCLOAK_PORT" && die "port $KEYCLOAK_PORT is taken by another process"
  if [[ ! -x "$KEYCLOAK_HOME/bin/kc.sh" ]]; then
    (cd "$STATE" && unzip -q -o "$DOWNLOADS/keycloak-$KEYCLOAK_VERSION.zip")
  fi
  mkdir -p "$KEYCLOAK_HOME/data/import"
  # The realm file names the default portal address; another VMPORTAL_PORT gets its own redirect URIs.
  sed "s#127.0.0.1:8080#127.0.0.1:$PORTAL_PORT#g; s#localhost:8080#localhost:$PORTAL_PORT#g" \
    "$ROOT/keycloak-realm/vmportal-realm.json" >"$KEYCLOAK_HOME/data/import/vmportal-realm.json"
  # --import-realm skips a realm that already exists; `./stack.sh reset-keycloak` re-imports.
  KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$KEYCLOAK_ADMIN_PASSWORD" \
  JAVA_OPTS_KC_HEAP="-Xms64m -Xmx512m" \
    setsid "$KEYCLOAK_HOME/bin/kc.sh" start-dev --import-realm \
      --http-host=127.0.0.1 --http-port="$KEYCLOAK_PORT" \
      --http-management-port="$KEYCLOAK_MANAGEMENT_PORT" --health-enabled=true \
      </dev/null >>"$LOGS/keycloak.log" 2>&1 &
  echo $! >"$PIDS/keycloak.pid"
}

# --- Payara Micro with the portal -------------------------------------------------------------------
portal_health() { curl -fsS "http://127.0.0.1:$PORTAL_PORT/health" | grep -q '"status":"UP"'; }

start_portal() {
  if is_running portal; then log "portal already running"; return; fi
  port_in_use "$PORTAL_PORT" && die "port $PORTAL_PORT is taken by another process"
  mkdir -p "$STATE/tmp"
  # Payara Micro listens on every address unless told otherwise, and starts Hazelcast on *:6900
  # even with --nohazelcast; one portal instance needs no data grid.
  cat >"$STATE/payara-preboot.asadmin" <<'ASADMIN'
set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address=127.0.0.1
set configs.config.server-config.hazelcast-config-specific-configuration.enabled=false
ASADMIN
  mkdir -p "$STATE/storage"
  # libvirt pool names are host-wide; one set per storage root keeps checkouts apart.
  local pool_prefix="vmportal-$(printf '%s' "$STATE/storage" | sha256sum | cut -c1-6)-"
  # The key that signs console tickets; a Guacamole with the portal's extension needs the same one.
  if [[ ! -s "$STATE/console-ticket.key" ]]; then
    (umask 077 && head -c 36 /dev/urandom | base64 | tr -d '\n' >"$STATE/console-ticket.key")
  fi
  PORTAL_DB_URL="jdbc:mysql://127.0.0.1:$DB_PORT/vmportal" PORTAL_GUACD_PORT="$GUACD_PORT" \
  PORTAL_OIDC_PROVIDER_URI="$KEYCLOAK_URL/realms/vmportal" \
  PORTAL_STORAGE_ROOT="$STATE/storage" PORTAL_STORAGE_POOL_PREFIX="$pool_prefix" \
  PORTAL_CATALOG_SEED_DIR="$STATE/demo-os" PORTAL_CONSOLE_TICKET_KEY="$(cat "$STATE/console-ticket.key")" \
  setsid java -Xms256m -Xmx1g -Djava.io.tmpdir="$STATE/tmp" -jar "$DOWNLOADS/payara-micro.jar" \
    --nocluster --nohazelcast --port "$PORTAL_PORT" --contextroot / \
    --prebootcommandfile "$STATE/payara-preboot.asadmin" \
    --deploy "$STATE/deploy/portal.war" </dev/null >>"$LOGS/portal.log" 2>&1 &
  echo $! >"$PIDS/portal.pid"
}

# --- commands ---------------------------------------------------------------------------------------
up() {
  local started=$SECONDS
  mkdir -p "$DOWNLOADS" "$LOGS" "$PIDS" "$RUN"
  install_packages
  fetch_runtime
  start_keycloak # slowest to start: first, so it boots while the rest is built
  start_mariadb
  start_libvirt
  build_libvncclient
  start_guacd
  build
  build_demo_os
  wait_for mariadb 60 db_ping
  setup_database
  wait_for libvirtd 30 libvirt_ping
  wait_for guacd 30 guacd_handshake
  start_portal
  wait_for keycloak 180 keycloak_ready
  wait_for portal 180 portal_health
  log "stack up in $((SECONDS - started))s"
  cat <<EOF

  VM Portal is running:  $PORTAL_URL
  Demo logins (local only):
    admin / admin123   platform admin
    alice / alice123   guest in tenant demo
    bob   / bob123     guest in tenant demo
    carol / carol123   guest in tenant acme
    dave  / dave123    tenant admin of demo
    erin  / erin123    tenant admin of acme
  Keycloak admin console: $KEYCLOAK_URL/admin/  ($KEYCLOAK_ADMIN_USER / $KEYCLOAK_ADMIN_PASSWORD)
  Logs: $LOGS      Stop: ./stack.sh down

EOF
}

down() {
  for name in portal keycloak guacd libvirtd virtlogd mariadb; do stop_pid "$name"; done
}

# Resident memory of a process and the rest of its session (a wrapper script's children), in MiB.
group_rss_mib() {
  { ps -o rss= --sid "$1" 2>/dev/null || ps -o rss= -p "$1"; } | awk '{kb += $1} END {printf "%.0f", kb / 1024}'
}

status() {
  local name check
  for entry in mariadb:db_ping libvirtd:libvirt_ping guacd:guacd_handshake keycloak:keycloak_ready portal:portal_health; do
    name="${entry%%:*}" check="${entry#*:}"
    local pid; pid="$(pid_of "$name")"
    if "$check" >/dev/null 2>&1; then
      printf '  %-9s healthy   %s%s\n' "$name" "${pid:+pid $pid, $(group_rss_mib "$pid") MiB RSS}" \
        "$([[ "$name" == guacd ]] && guacd_library_status)"
    elif [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
      printf '  %-9s starting  pid %s\n' "$name" "$pid"
    else
      printf '  %-9s down\n' "$name"
    fi
  done
}

# Which libvncclient guacd gives its VNC sessions, and which one each live session has mapped.
guacd_library_status() {
  local pid sessions=0 patched=0 child
  pid="$(pid_of guacd)"
  [[ -n "$pid" ]] || return 0
  if guacd_runs_patched; then printf '; libvncclient: patched'; else printf '; libvncclient: SYSTEM (unpatched)'; fi
  for child in $(pgrep -P "$pid"); do
    grep -q 'libvncclient\.so' "/proc/$child/maps" 2>/dev/null || continue
    sessions=$((sessions + 1))
    grep -qF "$VNCCLIENT_DIR/libvncclient.so.1" "/proc/$child/maps" && patched=$((patched + 1))
  done
  ((sessions == 0)) || printf ', %d of %d open VNC sessions map it' "$patched" "$sessions"
}

run_tests() {
  up
  log "running every test: unit, integration and end-to-end (mvn verify)"
  # The tests reach this stack, whichever ports and state folder it was given.
  (cd "$ROOT" && mvn -B verify -Dit.portal.url="http://127.0.0.1:$PORTAL_PORT" -Dit.keycloak.url="$KEYCLOAK_URL" \
    -Dit.db.url="jdbc:mysql://127.0.0.1:$DB_PORT/vmportal" -Dit.guacd.port="$GUACD_PORT" -Dit.state.dir="$STATE")
}

case "${1:-}" in
  install) mkdir -p "$DOWNLOADS" "$LOGS" "$PIDS" "$RUN"; install_packages ;;
  libvncclient)
    mkdir -p "$LOGS" "$VNCCLIENT_DIR"
    install_missing "${VNCCLIENT_BUILD_PACKAGES[@]}" "${BULLSEYE_PACKAGES[@]}"
    build_libvncclient ;;
  up) up ;;
  down) down ;;
  status) status ;;
  test) run_tests ;;
  restart-portal)
    # Redeploys the WAR already in .stack/deploy (no build): after a crash, or a new build's copy.
    mkdir -p "$LOGS" "$PIDS"
    stop_pid portal
    start_portal
    wait_for portal 180 portal_health ;;
  reset-keycloak)
    stop_pid keycloak
    rm -rf "$KEYCLOAK_HOME/data/h2"
    log "Keycloak data removed; the realm is imported again at the next ./stack.sh up" ;;
  *) echo "usage: $0 up|test|down|status|install|libvncclient|restart-portal|reset-keycloak" >&2; exit 2 ;;
esac
