#!/usr/bin/env bash
# The tested read replica: sets up a PostgreSQL primary and a streaming replica of it (Debian's
# postgresql-15 here), starts the service with DATASOURCES_DEFAULT_URL on the primary and
# DATASOURCES_READ_URL on the replica ("R"), and a second service on the primary alone ("P") as the
# reference. Answers go in through R (so to the primary); once the replica has replayed them, the
# indices of every wave and the CSV export served by R (read from the replica) must equal P's.
# Then the replica's replay is paused: new answers change P's indices but not R's (proof that R
# reads the replica), and after the replay resumes R shows them too.
#
#   mvn -B -q -DskipTests package       # builds app/target/uklad-app-*.jar
#   docker/replica-check.sh             # needs postgresql-15 (server and client), curl, jq, python3
#
# PG_BIN selects other PostgreSQL binaries (default /usr/lib/postgresql/15/bin). Prints "OK" and
# exits 0 when everything matched; anything else exits non-zero. Takes about a minute or two.
# Not part of `mvn test`: it needs a PostgreSQL server installed from apt and the packaged jar.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/docker/lib/checks.sh"
jar=$(packaged_jar "$root")

work=$(mktemp -d /tmp/uklad-replica-check.XXXXXX)
chmod 755 "$work"
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
port_r=$(free_port)
port_p=$(free_port)
pid_r=
pid_p=
replica_dir=$work/replica
replica_port=
cleanup() {
  for pid in $pid_r $pid_p; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [ -n "$replica_port" ] && "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$replica_dir" -m fast stop > /dev/null 2>&1 || true
  stop_test_postgres
  rm -rf "$work"
}
trap cleanup EXIT
start_test_postgres "$work"   # the primary (wal_level=replica and replication from 127.0.0.1 are PostgreSQL 15's defaults)

# the replica: a base backup of the primary that streams from it (-R writes primary_conninfo, standby.signal)
replica_port=$(free_port)
"${as_pg[@]}" "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$pg_port" -U uklad -D "$replica_dir" -R -X stream -c fast
"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$replica_dir" -l "$work/replica.log" -w \
  -o "-p $replica_port -k $work -c listen_addresses=127.0.0.1 -c hot_standby=on" start > /dev/null
on_replica() { psql -X -At -p "$replica_port" -d uklad "$@"; }
[ "$(on_replica -c 'SELECT pg_is_in_recovery()')" = t ] || { echo "the replica is not in recovery" >&2; exit 1; }

start_app() {   # $1 = name, $2 = port, then extra environment (VAR=value ...)
  local name=$1 port=$2
  shift 2
  env DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:$pg_port/uklad" DATASOURCES_DEFAULT_USERNAME=uklad \
    DATASOURCES_DEFAULT_PASSWORD=unused UKLAD_ADMIN_API_TOKEN=$token PORT=$port \
    UKLAD_BOOTSTRAP_ADMIN_PASSWORD=replica-check-password "$@" \
    "$JAVA" -jar "$jar" > "$work/app-$name.log" 2>&1 &
  local pid=$!
  eval "pid_$name=$pid"
  for _ in $(seq 1 120); do
    curl -fsS "http://localhost:$port/health" > /dev/null 2>&1 && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$work/app-$name.log" >&2; return 1; }
    sleep 1
  done
  echo "the service $name did not start" >&2
  return 1
}
api() { curl -fsS -H "Authorization: Bearer $token" "http://localhost:$1$2"; }
# what the staff see of every wave: its indices (jq -S: key order is no difference) and its CSV export
state() {   # $1 = port
  for wave in $(psql -X -At -c "SELECT id FROM wave ORDER BY id"); do
    api "$1" "/api/v1/admin/waves/$wave/indices" | jq -S .
    for q in $(psql -X -At -c "SELECT v.questionnaire_key FROM wave_questionnaire wq
                                JOIN questionnaire_version v ON v.id = wq.questionnaire_version_id
                                WHERE wq.wave_id = $wave ORDER BY 1"); do
      api "$1" "/api/v1/admin/waves/$wave/responses.csv?questionnaire=$q" | sort
    done
  done
}
caught_up() {   # waits until the replica has replayed everything the primary wrote so far
  local target
  target=$(psql -X -At -c "SELECT pg_current_wal_lsn()")
  for _ in $(seq 1 300); do
    [ "$(on_replica -c "SELECT pg_last_wal_replay_lsn() >= '$target'::pg_lsn")" = t ] && return 0
    sleep 0.1
  done
  echo "the replica did not catch up" >&2
  return 1
}
submit() { submit_answers "$port_r" "$@"; }   # $1 = code, $2 = how many, $3 = seed; through R

# 1. R: writes to the primary, heavy reads from the replica; the dev environment seeds a demo.
#    P: the primary only, started after R has migrated and seeded.
start_app r "$port_r" DATASOURCES_READ_URL="jdbc:postgresql://127.0.0.1:$replica_port/uklad" \
  DATASOURCES_READ_USERNAME=uklad DATASOURCES_READ_PASSWORD=unused MICRONAUT_ENVIRONMENTS=dev
grep -q "read from the read replica" "$work/app-r.log" || { echo "R does not use the read replica" >&2; exit 1; }
start_app p "$port_p"

# 2. answers through R, 7 per demo code (> k = 5, so groups are published and indices shown)
codes=$(curl -fsS "http://localhost:$port_r/" | grep -o '/s/[A-Z0-9-]*' | sort -u | sed 's|/s/||')
[ -n "$codes" ] || { echo "no demo codes on the home page" >&2; exit 1; }
submitted=0
for code in $codes; do
  submit "$code" 7 "$code"
  submitted=$((submitted + 7))
done
caught_up
state "$port_r" > "$work/r.txt"
state "$port_p" > "$work/p.txt"
if ! diff -q "$work/r.txt" "$work/p.txt" > /dev/null; then
  diff "$work/r.txt" "$work/p.txt" | head -40 >&2
  echo "FAILED: what R reads from the replica differs from the primary" >&2
  exit 1
fi
shown=$(grep -o '"respondents": [0-9]*' "$work/r.txt" | wc -l)
[ "$shown" -gt 0 ] || { echo "FAILED: no respondents shown" >&2; exit 1; }

# 3. replay paused: new answers reach P's figures but not R's; after the replay resumes, R's too
on_replica -c "SELECT pg_wal_replay_pause()" > /dev/null
first=$(echo "$codes" | head -1)
submit "$first" 7 "paused-$first"
submitted=$((submitted + 7))
state "$port_r" > "$work/r-paused.txt"
state "$port_p" > "$work/p-paused.txt"
diff -q "$work/r.txt" "$work/r-paused.txt" > /dev/null || { echo "FAILED: R saw answers the replica had not replayed" >&2; exit 1; }
! diff -q "$work/p.txt" "$work/p-paused.txt" > /dev/null || { echo "FAILED: the new answers changed nothing on P" >&2; exit 1; }
on_replica -c "SELECT pg_wal_replay_resume()" > /dev/null
caught_up
state "$port_r" > "$work/r-resumed.txt"
diff -q "$work/r-resumed.txt" "$work/p-paused.txt" > /dev/null || {
  diff "$work/r-resumed.txt" "$work/p-paused.txt" | head -40 >&2
  echo "FAILED: R differs from the primary after the replica caught up" >&2
  exit 1
}

responses=$(psql -X -At -c "SELECT count(*) FROM response")
echo "OK: $submitted submissions through R ($responses responses published); the indices of" \
     "$(psql -X -At -c 'SELECT count(*) FROM wave') wave(s) and their CSV exports read from the streaming replica" \
     "($($PG_BIN/postgres --version | awk '{print $3}')) equal the primary's; with the replay paused R kept the replica's state" \
     "while P moved, and caught up when it resumed"
