#!/usr/bin/env bash
# Dumps the Uklad database into one compressed, custom-format file and checks that the archive
# reads back. Connection from the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD,
# PGDATABASE); pg_dump must be of the server's major version or newer.
#
#   docker/backup.sh [directory]          # default ./backups; keeps the newest $UKLAD_BACKUP_KEEP (14)
#
# With docker compose (the client inside the postgres image matches the server):
#   docker compose -f docker/compose.yml exec -T db pg_dump -U uklad -Fc uklad > uklad-$(date +%F).dump
set -euo pipefail
dir=${1:-backups}
keep=${UKLAD_BACKUP_KEEP:-14}
mkdir -p "$dir"
file="$dir/uklad-$(date -u +%Y%m%dT%H%M%SZ).dump"
# --no-owner/--no-privileges: the dump restores under whatever role the target database uses.
pg_dump --format=custom --no-owner --no-privileges --file "$file.partial"
pg_restore --list "$file.partial" > /dev/null   # a truncated or corrupt archive fails here
mv "$file.partial" "$file"
ls -1t "$dir"/uklad-*.dump | tail -n +"$((keep + 1))" | xargs -r rm --
echo "$file"
