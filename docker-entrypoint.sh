#!/bin/sh
# The image's roles: web (default), worker, migrate, admin:create; anything else runs as given.
set -e
case "$1" in
  web) shift; exec node build/server.js "$@" ;;
  worker) shift; exec node build/worker.js "$@" ;;
  migrate) shift; exec node build/migrate.js "$@" ;;
  admin:create) shift; exec node build/admin-create.js "$@" ;;
  *) exec "$@" ;;
esac
