#!/usr/bin/env bash
# Benchmarks (`make bench`): first real `nginx -t` on synthetic clusters of 1k and 10k Ingresses, on the config
# as rendered (static proxy_pass to hash-prefixed upstream names) and, for comparison, rewritten to plain upstream
# names, to the variable proxy_pass (http://$proxy_upstream_name) and to a floor (every location to the first
# upstream); then the heap the store retains for a cluster of mostly unnamed Secrets; then the published
# controller (`run --manifests`, nginx as its child) on the same clusters as manifest files: cold start, a new
# Ingress file to its first 200, a burst of new files, and its memory; then a reload storm (each reload leaving a
# slow request on its old workers) with and without --max-worker-generations; then the pure pipeline stages under
# BenchmarkDotNet. Reports land in artifacts/bench/. nginx-parse exits non-zero, and so does this script, if the
# rendered config is not in the shape the rewrites expect; so does controller if a stage times out.
#
# Environment: BENCH_SIZES (1000,10000), BENCH_RUNS (5 timed nginx -t runs per config), BENCH_CREATES (100 new
# Ingress files, one at a time, per size), BENCH_BURST (1000 files at once), BENCH_STORM ("--ingresses 1000
# --reloads 50 --hold 10": reload-storm's options), BENCH_FILTER (BenchmarkDotNet --filter, default '*'), NGINX
# (the nginx binary; default: nginx on PATH, else /usr/sbin/nginx).
set -euo pipefail
cd "$(dirname "$0")/.."

project=tests/NginxIngress.Benchmarks
out=artifacts/bench
sizes=${BENCH_SIZES:-1000,10000}
runs=${BENCH_RUNS:-5}
creates=${BENCH_CREATES:-100}
burst=${BENCH_BURST:-1000}
filter=${BENCH_FILTER:-*}
storm=${BENCH_STORM:---ingresses 1000 --reloads 50 --hold 10}
nginx_bin=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

rm -rf "$out"
mkdir -p "$out"

echo "bench: building $project and publishing the controller (Release)"
dotnet build "$project" -c Release --nologo --verbosity quiet
dotnet publish src/NginxIngress.Controller/NginxIngress.Controller.csproj -c Release -o artifacts/nginx-ingress --nologo --verbosity quiet

run() { dotnet run -c Release --no-build --project "$project" -- "$@"; }

echo "bench: nginx -t at $sizes Ingresses, $runs timed runs per config"
run nginx-parse --sizes "$sizes" --runs "$runs" --nginx "$nginx_bin" --report "$out/nginx-parse.md" >/dev/null

echo "bench: store memory, every Secret held versus only the named ones"
run store-memory >"$out/store-memory.md"

echo "bench: the controller at $sizes Ingresses: cold start, $creates creates, a burst of $burst, memory"
run controller --sizes "$sizes" --creates "$creates" --burst "$burst" --controller artifacts/nginx-ingress/nginx-ingress \
  --nginx "$nginx_bin" --report "$out/controller.md" >/dev/null

echo "bench: reload storm ($storm), with --max-worker-generations 4 and without a bound"
# shellcheck disable=SC2086 # BENCH_STORM is a list of options.
run reload-storm $storm --max-generations 4,0 --report "$out/reload-storm.md" >/dev/null

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
cat "$out/controller.md"
echo
cat "$out/reload-storm.md"
# BenchmarkDotNet's own summary table, as it printed it (its markdown export escapes and bolds cells).
echo
echo "## BenchmarkDotNet"
sed -n '/^\/\/ \* Summary \*/,/^\/\/ \* Hints \*/p' "$out/benchmarkdotnet.log" | grep -v -e '^//' -e '^$' || true
echo
echo "bench: reports in $out (nginx-parse.md, store-memory.md, controller.md, reload-storm.md, BenchmarkDotNet/results/)"
