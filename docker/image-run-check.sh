#!/usr/bin/env bash
# The image, run without a Docker engine: starts the packaged jar the way docker/Dockerfile's
# runtime stage and docker/compose.yml start it, and checks what an operator relies on.
#
#   mvn -B -q -DskipTests package     # builds app/target/uklad-app-*.jar
#   docker/image-run-check.sh         # as root; needs postgresql-15 (server), curl, jq, python3 (yaml)
#
# Read from the files themselves, not copied here: the Dockerfile's ENV lines, USER (uid) and
# HEALTHCHECK command, and the app service's `environment:` of compose.yml (its ${VAR:-default}
# and ${VAR:?} forms resolved as compose does). Two runs: the image alone (embedded database in
# the image's data directory) and as compose runs it (a separate PostgreSQL server; Debian's
# postgresql-15 stands in for the db service). Each run checks: the health check passes; the
# process runs as the image's unprivileged uid; every line it writes is JSON (the image's log
# format); a school, a wave and an access code created through the admin API with the token take a
# submission, which /prometheus counts; SIGTERM (docker stop) ends it cleanly. Then a bad setting
# (UKLAD_TRUSTED_PROXIES=not-an-address) must stop the start with a message naming the setting.
# Prints "OK" and exits 0; anything else exits non-zero. Not what it cannot check: the base
# images, the Maven build stage and the volume (no engine here).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/docker/lib/checks.sh"
jar=$(packaged_jar "$root")
[ "$(id -u)" = 0 ] || { echo "run as root: the service is started as the image's user" >&2; exit 1; }

work=$(mktemp -d /tmp/uklad-image-check.XXXXXX)
chmod 755 "$work"
app_pid=
java_pid=
cleanup() {
  [ -n "$java_pid" ] && kill "$java_pid" 2>/dev/null || true
  [ -n "$app_pid" ] && wait "$app_pid" 2>/dev/null || true
  stop_test_postgres
  rm -rf "$work"
}
trap cleanup EXIT
token=$(python3 -c 'import secrets; print(secrets.token_hex(24))')
# compose.yml's required settings (${VAR:?}) and the ones this check sets itself
export POSTGRES_PASSWORD=unused UKLAD_ADMIN_API_TOKEN="$token" UKLAD_BOOTSTRAP_ADMIN_PASSWORD=image-check-password \
    UKLAD_SEALING_KEY="$(head -c 32 /dev/urandom | base64)"

# What the Dockerfile and compose.yml say, as shell-quoted assignments
eval "$(python3 - "$root/docker/Dockerfile" "$root/docker/compose.yml" <<'PY'
import os, re, shlex, sys, yaml
docker = open(sys.argv[1]).read().replace("\\\n", " ")
runtime = docker[docker.rindex("\nFROM "):]                       # the last stage is the image
env = {}
for line in re.findall(r"^ENV (.*)$", runtime, re.M):
    for pair in shlex.split(line):
        key, value = pair.split("=", 1)
        env[key] = value
uid = re.search(r"^USER (\d+)$", runtime, re.M).group(1)
health = re.search(r"HEALTHCHECK .*?CMD (.*)$", runtime, re.M).group(1).strip()
port = re.search(r"^EXPOSE (\d+)$", runtime, re.M).group(1)
compose = yaml.safe_load(open(sys.argv[2]))["services"]["app"]["environment"]
def resolve(value):
    def one(m):
        name, op, arg = m.group(1), m.group(2), m.group(3)
        if op == ":-":
            return os.environ.get(name) or arg
        if os.environ.get(name):
            return os.environ[name]
        raise SystemExit(f"compose.yml needs {name}: set it for the check")
    return re.sub(r"\$\{(\w+)(:-|:\?)([^}]*)\}", one, str(value))
entrypoint = __import__("json").loads(re.search(r"^ENTRYPOINT (\[.*\])$", runtime, re.M).group(1))
print("image_cmd=(" + " ".join(shlex.quote(a) for a in entrypoint) + ")")
print(f"image_uid={uid}")
print(f"image_port={port}")
print(f"image_health={shlex.quote(health)}")
print("image_env=(" + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + ")")
print("compose_env=(" + " ".join(shlex.quote(f"{k}={resolve(v)}") for k, v in compose.items()) + ")")
PY
)"

id -u uklad > /dev/null 2>&1 || useradd --system --uid "$image_uid" --home-dir "$work/app" --shell /usr/sbin/nologin uklad
[ "$(id -u uklad)" = "$image_uid" ] || { echo "user uklad exists with another uid than the image's $image_uid" >&2; exit 1; }
mkdir -p "$work/app/data" "$work/tmp"
cp "$jar" "$work/app/uklad.jar"
chown -R uklad "$work/app" "$work/tmp"
port=$(free_port)

# $1 = name of the run; then extra VAR=value settings. The image's /app is $work/app here, and
# the image's port is published on a free one (as compose maps UKLAD_PORT to the image's port).
start_image() {
  local name=$1; shift
  local settings=()
  for s in "${image_env[@]}"; do settings+=("${s//\/app\//$work/app/}"); done
  # the image's ENTRYPOINT with this machine's java, the jar in $work/app and a temp dir of our own
  local command=("$JAVA" "-Djava.io.tmpdir=$work/tmp")
  for a in "${image_cmd[@]:1}"; do command+=("${a//\/app\//$work/app/}"); done
  (cd "$work/app" && runuser -u uklad -- env -i PATH="$PATH" HOME="$work/app" \
     "${settings[@]}" PORT="$port" "$@" "${command[@]}" > "$work/$name.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 1 50); do   # runuser starts java as its child: signals go to java itself, as in a container
    java_pid=$(pgrep -u uklad -f 'uklad.jar' -n || true)
    [ -n "$java_pid" ] && return 0
    sleep 0.2
  done
  echo "$name: java did not start" >&2; return 1
}

wait_healthy() {   # the image's HEALTHCHECK command, retried as Docker would during start-up
  local check=${image_health//localhost:$image_port/localhost:$port}
  for _ in $(seq 1 120); do
    sh -c "$check" > /dev/null 2>&1 && return 0
    kill -0 "$app_pid" 2>/dev/null || { tail -20 "$work/$1.log" >&2; return 1; }
    sleep 1
  done
  echo "$1: the health check never passed" >&2; return 1
}

admin() {   # method path [json]
  curl -fsS -X "$1" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    ${3:+--data "$3"} "http://localhost:$port$2"
}

exercise() {   # $1 = name of the run
  local uid school wave code status
  uid=$(ps -o uid= -p "$java_pid" | tr -d ' ')
  [ "$uid" = "$image_uid" ] || { echo "$1: the service runs as uid $uid, not $image_uid" >&2; return 1; }
  school=$(admin POST /api/v1/admin/schools '{"name":"Школа № 1","municipality":"Район","category":"SHNRO"}' | jq -r .id)
  wave=$(admin POST /api/v1/admin/waves "{\"name\":\"Проверка образа\",\"kind\":\"ENTRY\",\"opensAt\":\"$(date -u -d '-1 hour' +%FT%TZ)\",\"closesAt\":\"$(date -u -d '+1 day' +%FT%TZ)\",\"questionnaires\":[\"example\"]}" | jq -r .id)
  code=$(admin POST "/api/v1/admin/waves/$wave/access-codes" "{\"schoolId\":$school,\"questionnaire\":\"example\",\"groupLabel\":\"7А\",\"count\":1,\"maxUses\":5,\"expectedSize\":25}" | jq -r '.[0].code')
  status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H 'Idempotency-Key: image-check-1' \
    --data '{"answers":{"grade":7,"dem1":3,"dem2":2,"com1":4,"com2":3}}' "http://localhost:$port/api/v1/surveys/$code/responses")
  [ "$status" = 201 ] || { echo "$1: the submission got $status" >&2; return 1; }
  curl -fsS -H "Authorization: Bearer $token" "http://localhost:$port/prometheus" \
    | grep -q '^uklad_submissions_total{outcome="accepted"} 1' \
    || { echo "$1: /prometheus does not count the submission" >&2; return 1; }
  kill -TERM "$java_pid"   # docker stop
  for _ in $(seq 1 30); do kill -0 "$java_pid" 2>/dev/null || break; sleep 1; done
  ! kill -0 "$java_pid" 2>/dev/null || { echo "$1: still running 30 s after SIGTERM" >&2; return 1; }
  sleep 1
  [ -z "$(ps -u uklad -o stat= | grep -v '^Z' || true)" ] \
    || { echo "$1: left processes behind (the embedded database?)" >&2; ps -u uklad -o pid,stat,args >&2; return 1; }
  wait "$app_pid" || true
  app_pid= java_pid=
  # every line the service wrote (stdout and stderr) is a JSON log event
  local bad
  bad=$(grep -v '^[[:space:]]*$' "$work/$1.log" | while IFS= read -r line; do
          printf '%s\n' "$line" | jq -e . > /dev/null 2>&1 || printf '%s\n' "$line"; done | head -5)
  [ -z "$bad" ] || { echo "$1: lines that are not JSON:" >&2; echo "$bad" >&2; return 1; }
}

# 1. the image alone: embedded PostgreSQL in its data directory
start_image alone UKLAD_ADMIN_API_TOKEN="$token" UKLAD_BOOTSTRAP_ADMIN_PASSWORD=image-check-password
wait_healthy alone
exercise alone

# 2. as compose runs it: settings from compose.yml, a separate PostgreSQL server
start_test_postgres "$work"
compose_settings=()
for s in "${compose_env[@]}"; do
  case $s in
    DATASOURCES_DEFAULT_URL=*) compose_settings+=("DATASOURCES_DEFAULT_URL=jdbc:postgresql://127.0.0.1:$pg_port/uklad") ;;
    UKLAD_ADMIN_API_TOKEN=*) compose_settings+=("UKLAD_ADMIN_API_TOKEN=$token") ;;
    UKLAD_BOOTSTRAP_ADMIN_PASSWORD=*) compose_settings+=("UKLAD_BOOTSTRAP_ADMIN_PASSWORD=image-check-password") ;;
    *) compose_settings+=("$s") ;;
  esac
done
start_image compose "${compose_settings[@]}"
wait_healthy compose
exercise compose
[ "$(psql -X -At -c 'SELECT (SELECT count(*) FROM response) + (SELECT count(*) FROM response_held)')" = 1 ] || { echo "compose: the response is not in the external database" >&2; exit 1; }

# 3. a bad setting stops the start and names the setting
start_image bad-setting "${compose_settings[@]}" UKLAD_TRUSTED_PROXIES=not-an-address
for _ in $(seq 1 90); do kill -0 "$java_pid" 2>/dev/null || break; sleep 1; done
if kill -0 "$java_pid" 2>/dev/null; then echo "a bad UKLAD_TRUSTED_PROXIES did not stop the start" >&2; exit 1; fi
app_pid= java_pid=
grep -q 'UKLAD_TRUSTED_PROXIES' "$work/bad-setting.log" || { echo "the start failed without naming the setting" >&2; exit 1; }

echo "OK: as uid $image_uid with the image's environment — alone (embedded database) and with compose's settings" \
     "(PostgreSQL $(psql -X -At -c 'SHOW server_version')): healthy, JSON logs, a submission stored and counted," \
     "stopped cleanly by SIGTERM; a bad setting stops the start naming it"
