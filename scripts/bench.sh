#!/usr/bin/env bash
# Benchmarks (`make bench`): first real `nginx -t` on synthetic clusters of 1k and 10k Ingresses, on the config
# as rendered (static proxy_pass to hash-prefixed upstream names) and, for comparison, rewritten to plain upstream
# names, to the variable proxy_pass (http://$proxy_upstream_name) and to a floor (every location to the first
# upstream); then the heap the store retains for a cluster of mostly unnamed Secrets; then the data plane (wrk
# through our config and through a hand-written one, access log off, unbuffered and buffered); then churn on the
# published controller (wrk while pods roll and reloads are forced; a 50-pod rollout's reloads and CPU beside 1k
# and 10k Ingresses); then the pure pipeline stages under BenchmarkDotNet. Reports land in artifacts/bench/.
# nginx-parse exits non-zero, and so does this script, if the rendered config is not in the shape the rewrites
# expect; data-plane does if a request fails or a logged request has no log line.
#
# Environment: BENCH_SIZES (1000,10000), BENCH_RUNS (5 timed nginx -t runs per config), BENCH_FILTER
# (BenchmarkDotNet --filter, default '*'), NGINX (the nginx binary; default: nginx on PATH, else /usr/sbin/nginx),
# BENCH_DATAPLANE_SECONDS (10 per wrk run), BENCH_DATAPLANE_ROUNDS (2), BENCH_CHURN_SIZES (background Ingresses for
# the rollout cost; default BENCH_SIZES), BENCH_CHURN_ROLLOUT_PODS (50).
set -euo pipefail
cd "$(dirname "$0")/.."

project=tests/NginxIngress.Benchmarks
out=artifacts/bench
sizes=${BENCH_SIZES:-1000,10000}
runs=${BENCH_RUNS:-5}
filter=${BENCH_FILTER:-*}
nginx_bin=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

rm -rf "$out"

if ! command -v wrk >/dev/null; then
  # The data plane and churn benches drive load with wrk (Debian's package); CI does not run benchmarks.
  echo "bench: installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
mkdir -p "$out"

echo "bench: building $project (Release)"
dotnet build "$project" -c Release --nologo --verbosity quiet

run() { dotnet run -c Release --no-build --project "$project" -- "$@"; }

echo "bench: nginx -t at $sizes Ingresses, $runs timed runs per config"
run nginx-parse --sizes "$sizes" --runs "$runs" --nginx "$nginx_bin" --report "$out/nginx-parse.md" >/dev/null

echo "bench: store memory, every Secret held versus only the named ones"
run store-memory >"$out/store-memory.md"

echo "bench: data plane, wrk through our config and a hand-written one (${BENCH_DATAPLANE_SECONDS:-10} s runs, ${BENCH_DATAPLANE_ROUNDS:-2} rounds)"
run data-plane --duration "${BENCH_DATAPLANE_SECONDS:-10}" --rounds "${BENCH_DATAPLANE_ROUNDS:-2}" --nginx "$nginx_bin" --report "$out/data-plane.md" >/dev/null

echo "bench: churn, published controller (wrk while pods roll; a ${BENCH_CHURN_ROLLOUT_PODS:-50}-pod rollout at ${BENCH_CHURN_SIZES:-$sizes} Ingresses)"
dotnet publish src/NginxIngress.Controller/NginxIngress.Controller.csproj -c Release -o "$out/controller" --nologo --verbosity quiet
run churn --controller "$out/controller/nginx-ingress" --sizes "${BENCH_CHURN_SIZES:-$sizes}" --rollout-pods "${BENCH_CHURN_ROLLOUT_PODS:-50}" \
  --report "$out/churn.md" >/dev/null

echo "bench: BenchmarkDotNet --filter '$filter' (full log: $out/benchmarkdotnet.log)"
if ! run --filter "$filter" --artifacts "$out/BenchmarkDotNet" >"$out/benchmarkdotnet.log" 2>&1; then
  tail -n 40 "$out/benchmarkdotnet.log" >&2
  echo "bench: BenchmarkDotNet failed" >&2
  exit 1
fi

echo
cat "$out/nginx-parse.md"
echo
cat "$out/store-memory.md"
echo
cat "$out/data-plane.md"
echo
cat "$out/churn.md"
# BenchmarkDotNet's own summary table, as it printed it (its markdown export escapes and bolds cells).
echo
echo "## BenchmarkDotNet"
sed -n '/^\/\/ \* Summary \*/,/^\/\/ \* Hints \*/p' "$out/benchmarkdotnet.log" | grep -v -e '^//' -e '^$' || true
echo
echo "bench: reports in $out (nginx-parse.md, store-memory.md, data-plane.md, churn.md, BenchmarkDotNet/results/)"
