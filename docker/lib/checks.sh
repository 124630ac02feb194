# Shared by the checks in docker/ (sourced, not run): a free port, and a throw-away PostgreSQL
# server from Debian's packages (postgresql-15 by default), standing in for the production server.
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

packaged_jar() {   # $1 = repository root
  local jar
  jar=$(ls "$1"/app/target/uklad-app-*.jar 2>/dev/null | grep -v original | head -1 || true)
  [ -n "$jar" ] || { echo "build the jar first: mvn -B -q -DskipTests package" >&2; return 1; }
  echo "$jar"
}

# Starts a server with data in $1/pg, owner and login role "uklad" (trust), database "uklad";
# sets pg_port and exports PGHOST, PGPORT, PGUSER, PGDATABASE and PATH for psql and friends.
# PostgreSQL refuses to run as root: the server then runs as the postgres user.
start_test_postgres() {
  [ -x "$PG_BIN/initdb" ] || { echo "no PostgreSQL server at $PG_BIN (apt-get install postgresql-15)" >&2; return 1; }
  as_pg=()
  if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); chown postgres "$1"; fi
  pg_dir=$1/pg
  pg_port=$(free_port)
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$pg_dir" -U uklad --auth=trust -E UTF8 > "$1/initdb.log"
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_dir" -l "$1/pg.log" -w \
    -o "-p $pg_port -k $1 -c listen_addresses=127.0.0.1 -c fsync=on" start > /dev/null
  export PGHOST=127.0.0.1 PGPORT=$pg_port PGUSER=uklad PGDATABASE=uklad
  export PATH="$PG_BIN:$PATH"
  createdb uklad
}

stop_test_postgres() {
  [ -n "${pg_dir:-}" ] && "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$pg_dir" -m fast stop > /dev/null 2>&1 || true
}

# Posts $3 minimal valid submissions with access code $2 to the service on localhost port $1: every
# likert item answered at random (seeded by $4 and the submission's number), every other required
# item with its first option, its minimum or "ok"; Idempotency-Key "$4-<number>".
submit_answers() {
  local port=$1 code=$2 count=$3 seed=$4 doc body n
  doc=$(curl -fsS "http://localhost:$port/api/v1/surveys/$code")
  for n in $(seq 1 "$count"); do
    body=$(echo "$doc" | python3 -c '
import json, sys, random
random.seed(sys.argv[1])
doc = json.load(sys.stdin)
answers = {}
for section in doc["questionnaire"]["sections"]:
    for item in section["items"]:
        if item.get("showIf"):
            continue
        kind = item["type"]
        if kind == "likert":
            answers[item["id"]] = random.choice(item["scale"]["points"])["value"]
        elif item.get("required"):
            if kind == "number":
                answers[item["id"]] = item.get("min") or 0
            elif kind == "single":
                answers[item["id"]] = item["options"][0]["value"]
            elif kind == "multiple":
                answers[item["id"]] = [item["options"][0]["value"]]
            else:
                answers[item["id"]] = "ok"
print(json.dumps({"answers": answers}))' "$seed-$n")
    curl -fsS -o /dev/null -H 'Content-Type: application/json' -H "Idempotency-Key: $seed-$n" \
      --data "$body" "http://localhost:$port/api/v1/surveys/$code/responses"
  done
}
