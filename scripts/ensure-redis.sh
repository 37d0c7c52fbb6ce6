#!/usr/bin/env bash
# Makes a redis-server binary available for the fleet tests, which start
# their own on a loopback port. Already there (on the PATH, or named by
# OAPI_REDIS_SERVER): nothing to do. As root with apt-get: Debian's
# `redis-server` package. Otherwise: the Debian packages downloaded (no root
# needed) and unpacked under target/redis, with a wrapper at
# target/redis/redis-server. Failing here is loud: the tests would fail too
# (unless OAPI_SKIP_REDIS=1).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${OAPI_SKIP_REDIS:-}" = 1 ] || [ -n "${OAPI_REDIS_SERVER:-}" ] \
  || command -v redis-server >/dev/null || [ -x target/redis/redis-server ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "ensure-redis: no redis-server and no apt-get: install Redis, set OAPI_REDIS_SERVER, or OAPI_SKIP_REDIS=1" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
if [ "$(id -u)" = 0 ]; then
  echo "ensure-redis: installing Debian's redis-server for the fleet tests"
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  exit 0
fi
echo "ensure-redis: unpacking Debian's redis packages under target/redis (not root)"
mkdir -p target/redis/pkg
(
  cd target/redis/pkg
  apt-get download -qq redis-tools libjemalloc2 liblzf1
  for deb in ./*.deb; do dpkg-deb -x "$deb" root; done
)
cat > target/redis/redis-server <<WRAPPER
#!/usr/bin/env bash
root="$PWD/target/redis/pkg/root"
LD_LIBRARY_PATH="\$root/usr/lib/x86_64-linux-gnu:\$root/usr/lib/\$(uname -m)-linux-gnu\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" \\
  exec -a redis-server "\$root/usr/bin/redis-check-rdb" "\$@"
WRAPPER
chmod +x target/redis/redis-server
