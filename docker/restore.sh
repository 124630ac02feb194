#!/usr/bin/env bash
# Restores a dump made by backup.sh into a NEW database (created here; an existing one is never
# overwritten), all or nothing. Connection from PGHOST, PGPORT, PGUSER, PGPASSWORD; the role needs
# CREATEDB.
#
#   docker/restore.sh uklad-20261122T020000Z.dump uklad_restored
#
# Then point the service at it (DATASOURCES_DEFAULT_URL=jdbc:postgresql://HOST:PORT/uklad_restored);
# Flyway finds the schema at the dump's version and migrates it forward if the service is newer.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 DUMP_FILE NEW_DATABASE" >&2
  exit 2
fi
file=$1
database=$2
pg_restore --list "$file" > /dev/null
createdb "$database"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname "$database" "$file"
psql -X -q -At -d "$database" -c "ANALYZE" > /dev/null
echo "restored $file into $database: $(psql -X -At -d "$database" -c 'SELECT (SELECT count(*) FROM response) + (SELECT count(*) FROM response_held)') responses"
