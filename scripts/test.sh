#!/usr/bin/env bash
# The whole test suite: lint, then pytest on SQLite, then on PostgreSQL (a database this run
# creates and drops). Called by `make test` and by .ci/run. In CI (CI=true) a missing
# PostgreSQL fails the run; elsewhere it is reported and the PostgreSQL half is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
PG_URL_BASE="${XXGK_TEST_PG:-postgres://postgres@127.0.0.1:5432}"

# Debian packages the browser, PDF and font tests need.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || missing+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
ls /usr/lib/*/libharfbuzz-subset.so.0 >/dev/null 2>&1 || missing+=(libharfbuzz-subset0)
if [ ${#missing[@]} -gt 0 ]; then
  echo "== 安装测试所需的系统软件包：${missing[*]}"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi

echo "== ruff"
$VENV/bin/ruff check .

echo "== 迁移文件是否齐全"
XXGK_DATA_DIR="$(mktemp -d)" $VENV/bin/python manage.py makemigrations --check --dry-run >/dev/null

workers=$(( $(nproc) > 1 ? 2 : 1 ))

echo "== pytest on SQLite"
XXGK_DATABASE_URL= $VENV/bin/pytest -n "$workers" -q "$@"

echo "== pytest on PostgreSQL"
if ! $VENV/bin/python - "$PG_URL_BASE" <<'PY'
import sys, psycopg
try:
    psycopg.connect(sys.argv[1] + "/postgres", connect_timeout=3).close()
except Exception as exc:
    print(f"无法连接 PostgreSQL（{sys.argv[1]}）：{str(exc).splitlines()[0]}")
    sys.exit(1)
PY
then
  if [ "${CI:-}" = "true" ]; then
    echo "CI 环境必须有 PostgreSQL：测试失败。"; exit 1
  fi
  echo "跳过 PostgreSQL 部分（启动 PostgreSQL 15 于 127.0.0.1:5432 后重新运行）。"; exit 0
fi
db="xxgk_ci_$$"
# pytest-django creates test_<db>[_gwN] and drops it at the end; the base database is ours to drop.
$VENV/bin/python - "$PG_URL_BASE" "$db" create <<'PY'
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True) as conn:
    conn.execute(f'CREATE DATABASE "{sys.argv[2]}"')
PY
cleanup() {
  $VENV/bin/python - "$PG_URL_BASE" "$db" <<'PY' || true
import sys, psycopg
with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True) as conn:
    conn.execute(f'DROP DATABASE IF EXISTS "{sys.argv[2]}" WITH (FORCE)')
PY
}
trap cleanup EXIT
XXGK_DATABASE_URL="$PG_URL_BASE/$db" $VENV/bin/pytest -n "$workers" -q "$@"
