#!/usr/bin/env bash
# The tested restore: runs the service against a separate PostgreSQL server (Debian's
# postgresql-15 here, standing in for the production server), stores responses through the
# respondent API, backs the database up with backup.sh, restores the dump into a fresh database
# with restore.sh, starts the service on the restored database and checks that the response and
# answer counts, a checksum over every answer and the wave's indices (admin API) are identical.
#
#   mvn -B -q -DskipTests package       # builds app/target/uklad-app-*.jar
#   docker/backup-restore-check.sh      # needs postgresql-15 (server and client), curl, jq, python3
#
# PG_BIN selects other PostgreSQL binaries (default /usr/lib/postgresql/15/bin). Prints "OK" and
# exits 0 when the restored copy matches; anything else exits non-zero. Takes about a minute.
# Not part of `mvn test`: it needs a PostgreSQL server installed from apt and the packaged jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/docker/lib/checks.sh"
jar=$(packaged_jar "$root")
[ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL server at $PG_BIN (apt-get install postgresql-15)" >&2; exit 1; }

work=$(mktemp -d /tmp/uklad-restore-check.XXXXXX)
chmod 755 "$work"
app_port=$(free_port)
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  stop_test_postgres
  rm -rf "$work"
}
trap cleanup EXIT
start_test_postgres "$work"

start_app() {   # $1 = database
  DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$pg_port/$1" DATASOURCES_DEFAULT_USERNAME=uklad \
    DATASOURCES_DEFAULT_PASSWORD=unused UKLAD_ADMIN_API_TOKEN=$token PORT=$app_port \
    UKLAD_BOOTSTRAP_ADMIN_PASSWORD=restore-check-password MICRONAUT_ENVIRONMENTS=dev \
    "$JAVA" -jar "$jar" > "$work/app-$1.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://localhost:$app_port/health" > /dev/null 2>&1 && return 0
    kill -0 "$app_pid" 2>/dev/null || { cat "$work/app-$1.log" >&2; return 1; }
    sleep 1
  done
  echo "the service did not start" >&2
  return 1
}
stop_app() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=; }
admin() { curl -fsS -H "Authorization: Bearer $token" "http://localhost:$app_port$1"; }
state() {   # what must survive: counts, a checksum over every answer, the indices of every wave
  # (held submissions are sealed: their rows and the key register are compared whole)
  psql -X -At -d "$1" -c "SELECT count(*) FROM response" -c "SELECT count(*) FROM response_answer" \
    -c "SELECT md5(string_agg(r.id::text || a.item_id || coalesce(a.value_int::text, a.value_text, a.value_choices::text), ',' ORDER BY r.id, a.item_id)) FROM response r JOIN response_answer a ON a.response_id = r.id" \
    -c "SELECT md5(string_agg(id::text || encode(sealed, 'hex'), ',' ORDER BY id)) FROM response_held" \
    -c "SELECT md5(string_agg(key_hash || payload_hash, ',' ORDER BY key_hash)) FROM submission_key"
  for wave in $(psql -X -At -d "$1" -c "SELECT id FROM wave ORDER BY id"); do
    admin "/api/v1/admin/waves/$wave/indices" | jq -S .
  done
}

# 1. the service on the original database; the dev environment seeds a demo wave with shared codes
start_app uklad
codes=$(curl -fsS "http://localhost:$app_port/" | grep -o '/s/[A-Z0-9-]*' | sort -u | sed 's|/s/||')
[ -n "$codes" ] || { echo "no demo codes on the home page" >&2; exit 1; }
submitted=0
for code in $codes; do
  submit_answers "$app_port" "$code" 7 "restore-check-$code-$RANDOM"   # 7 > the minimum group size of 5, so indices are shown
  submitted=$((submitted + 7))
done
state uklad > "$work/before.txt"
stop_app

# 2. back up, restore into a fresh database
dump=$("$root/docker/backup.sh" "$work/backups")
"$root/docker/restore.sh" "$dump" uklad_restored

# 3. the service on the restored database: the same data, the same indices
start_app uklad_restored
state uklad_restored > "$work/after.txt"
stop_app
if ! diff -q "$work/before.txt" "$work/after.txt" > /dev/null; then
  diff "$work/before.txt" "$work/after.txt" | head -40 >&2
  echo "FAILED: the restored database differs" >&2
  exit 1
fi
responses=$(head -1 "$work/after.txt")
[ "$responses" -ge "$submitted" ] || { echo "FAILED: $responses responses stored, $submitted submitted" >&2; exit 1; }
echo "OK: $submitted submissions; $responses responses, $(sed -n 2p "$work/after.txt") answers and the indices of" \
     "$(psql -X -At -d uklad_restored -c 'SELECT count(*) FROM wave') wave(s) identical after pg_dump ($(pg_dump --version | awk '{print $3}')) and restore into a fresh database"
