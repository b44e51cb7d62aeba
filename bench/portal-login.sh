#!/usr/bin/env bash
# Signs in to the local portal through Keycloak's real login form with curl and leaves the session
# in a cookie jar, for benchmarks that call the REST API as a person would.
#   bench/portal-login.sh <cookie-jar> [user] [password]
set -euo pipefail
JAR="$1"; USER_NAME="${2:-admin}"; PASSWORD="${3:-admin123}"
PORTAL="${VMPORTAL_URL:-http://127.0.0.1:8080}"
rm -f "$JAR"
# Follow the portal's redirect to Keycloak's login page and read the form's action.
page="$(curl -fsSL -c "$JAR" -b "$JAR" "$PORTAL/")"
action="$(grep -o 'action="[^"]*"' <<<"$page" | head -1 | sed 's/^action="//; s/"$//; s/&amp;/\&/g')"
[[ -n "$action" ]] || { echo "no login form found" >&2; exit 1; }
curl -fsSL -c "$JAR" -b "$JAR" -o /dev/null \
  --data-urlencode "username=$USER_NAME" --data-urlencode "password=$PASSWORD" "$action"
grep -q JSESSIONID "$JAR" || { echo "login failed for $USER_NAME" >&2; exit 1; }
