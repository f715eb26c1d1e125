#!/usr/bin/env bash
# make demo: the seed tutorial's echo-hostname example, on this machine, with no cluster.
# Three local backends stand in for the tutorial's three pods (manifests/examples/quickstart/
# no-cluster/endpointslice.yaml points at them); NginxIngress serves the tutorial's example, the
# same files kubectl apply -k would send to a cluster, on the tutorial's NodePort 30000 (HTTP_PORT
# overrides it, e.g. for tests). Runs until Ctrl-C, then stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

NGINX_INGRESS=${NGINX_INGRESS:-artifacts/nginx-ingress/nginx-ingress}
MANIFESTS=manifests/examples/quickstart
DEMO_DIR=${DEMO_DIR:-$PWD/.demo}
HTTP_PORT=${HTTP_PORT:-30000}
HTTPS_PORT=${HTTPS_PORT:-30443}
HEALTHZ_PORT=${HEALTHZ_PORT:-10254}
STATUS_PORT=${STATUS_PORT:-10246}

rm -rf "$DEMO_DIR"
mkdir -p "$DEMO_DIR/backends"

# The backends are a separate nginx with one server per "pod", each on its own loopback address,
# answering like the tutorial's image: its pod name, plus the path it received.
{
  echo "worker_processes 1; pid nginx.pid; error_log stderr warn;"
  echo "events { worker_connections 64; }"
  echo "http {"
  echo "  access_log off; client_body_temp_path body; proxy_temp_path proxy; fastcgi_temp_path fastcgi; uwsgi_temp_path uwsgi; scgi_temp_path scgi;"
  for pod in 2:hostname-deployment-7d4b9c-a1 3:hostname-deployment-7d4b9c-b2 4:hostname-deployment-7d4b9c-c3; do
    echo "  server { listen 127.0.0.${pod%%:*}:5000; default_type text/plain; location / { return 200 \"${pod#*:} (path \$request_uri)\n\"; } }"
  done
  echo "}"
} > "$DEMO_DIR/backends/nginx.conf"

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping the controller, nginx and the backends..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "Stopped."
}
trap cleanup INT TERM EXIT

nginx -p "$DEMO_DIR/backends/" -c "$DEMO_DIR/backends/nginx.conf" -e stderr -g "daemon off;" &
pids+=($!)

$NGINX_INGRESS run --manifests "$MANIFESTS" --http-port "$HTTP_PORT" --https-port "$HTTPS_PORT" \
  --healthz-port "$HEALTHZ_PORT" --status-port "$STATUS_PORT" --work-dir "$DEMO_DIR/controller" \
  > "$DEMO_DIR/controller.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 150); do
  if curl -fs "http://127.0.0.1:$HEALTHZ_PORT/healthz" >/dev/null 2>&1; then ready=1; break; fi
  sleep 0.2
done
if [ "${ready:-0}" != 1 ]; then
  echo "The controller did not become healthy; its log:" >&2
  cat "$DEMO_DIR/controller.log" >&2
  exit 1
fi

cat <<MSG

NginxIngress is serving the tutorial's manifests from $MANIFESTS on port $HTTP_PORT
(controller log: $DEMO_DIR/controller.log). Try the tutorial's command:

  curl --resolve alicek106.example.com:$HTTP_PORT:127.0.0.1 alicek106.example.com:$HTTP_PORT/echo-hostname

Repeat it: each of the three backends answers in turn, and each sees the path "/" because of
the Ingress's rewrite-target. Edit a file in $MANIFESTS and the change is live within a second.
Press Ctrl-C to stop.

MSG
for _ in 1 2 3; do
  echo "\$ curl --resolve alicek106.example.com:$HTTP_PORT:127.0.0.1 alicek106.example.com:$HTTP_PORT/echo-hostname"
  curl -s --resolve "alicek106.example.com:$HTTP_PORT:127.0.0.1" "alicek106.example.com:$HTTP_PORT/echo-hostname"
done
echo
wait -n "${pids[@]}" || true
