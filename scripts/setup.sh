#!/usr/bin/env bash
# Installs what building, testing and the demo need and a fresh Debian machine may lack:
# Debian's nginx with the stream module, and the NuGet packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_nginx=0
command -v nginx >/dev/null 2>&1 || need_nginx=1
[ -e /usr/lib/nginx/modules/ngx_stream_module.so ] || need_nginx=1
if [ "$need_nginx" = 1 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: nginx or libnginx-mod-stream is missing; run: sudo apt-get install -y nginx libnginx-mod-stream" >&2
    exit 1
  fi
  echo "setup: installing nginx and libnginx-mod-stream"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq nginx libnginx-mod-stream >/dev/null
fi
# The Debian package starts a system nginx on port 80; this project runs its own nginx instances.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet nginx 2>/dev/null; then
  systemctl stop nginx || true
fi

if ! command -v dotnet >/dev/null 2>&1; then
  echo "setup: the .NET 10 SDK is required (dotnet was not found on PATH)" >&2
  exit 1
fi
dotnet restore NginxIngress.slnx --verbosity quiet
