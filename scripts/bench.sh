#!/usr/bin/env bash
# Benchmarks (`make bench`), each part reporting into artifacts/bench/ (docs/benchmarks.md explains them):
#   nginx-parse   real `nginx -t` on synthetic clusters of 1k and 10k Ingresses, on the config as rendered (static
#                 proxy_pass to hash-prefixed upstream names) and, for comparison, rewritten to plain upstream names,
#                 to the variable proxy_pass (http://$proxy_upstream_name) and to a floor (every location to the first
#                 upstream); exits non-zero if the rendered config is not in the shape the rewrites expect
#   store-memory  the heap the store retains for a cluster of mostly unnamed Secrets
#   controller    the published controller (`run --manifests`, nginx as its child) on the same clusters as manifest
#                 files: cold start, a new Ingress file to its first 200, a burst of new files, and its memory
#   reload-storm  a storm of reloads, each leaving a slow request on its old workers, with and without
#                 --max-worker-generations: worker generations alive and nginx's memory
#   data-plane    wrk through our config and through a hand-written one, access log off, unbuffered and buffered;
#                 exits non-zero if a request fails or a logged request has no log line
#   churn         wrk on the published controller while pods roll and reloads are forced; a 50-pod rollout's
#                 reloads and CPU beside 1k and 10k Ingresses; exits non-zero if an answer is not 2xx
#   pipeline      the pure pipeline stages under BenchmarkDotNet
#
# Environment: BENCH_PARTS (all of the above, comma-separated), BENCH_SIZES (1000,10000), BENCH_RUNS (5 timed
# nginx -t runs per config), BENCH_CREATES (100 new Ingress files, one at a time, per size), BENCH_BURST (1000
# files at once), BENCH_STORM ("--ingresses 1000 --reloads 50 --hold 10": reload-storm's options),
# BENCH_DATAPLANE_SECONDS (10 per wrk run), BENCH_DATAPLANE_ROUNDS (2), BENCH_CHURN_SIZES (background Ingresses for
# the rollout cost; default BENCH_SIZES), BENCH_CHURN_ROLLOUT_PODS (50), BENCH_FILTER (BenchmarkDotNet --filter,
# default '*'), NGINX (the nginx binary; default: nginx on PATH, else /usr/sbin/nginx).
set -euo pipefail
cd "$(dirname "$0")/.."

project=tests/NginxIngress.Benchmarks
out=artifacts/bench
parts=",${BENCH_PARTS:-nginx-parse,store-memory,controller,reload-storm,data-plane,churn,pipeline},"
sizes=${BENCH_SIZES:-1000,10000}
runs=${BENCH_RUNS:-5}
creates=${BENCH_CREATES:-100}
burst=${BENCH_BURST:-1000}
storm=${BENCH_STORM:---ingresses 1000 --reloads 50 --hold 10}
filter=${BENCH_FILTER:-*}
nginx_bin=${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}

wants() { [[ $parts == *",$1,"* ]]; }

rm -rf "$out"
mkdir -p "$out"

if (wants data-plane || wants churn) && ! command -v wrk >/dev/null; then
  # The data plane and churn benches drive load with wrk (Debian's package); CI does not run benchmarks.
  echo "bench: installing wrk"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null; else sudo apt-get install -y -qq wrk >/dev/null; fi
fi

echo "bench: building $project and publishing the controller (Release)"
dotnet build "$project" -c Release --nologo --verbosity quiet
dotnet publish src/NginxIngress.Controller/NginxIngress.Controller.csproj -c Release -o artifacts/nginx-ingress --nologo --verbosity quiet

run() { dotnet run -c Release --no-build --project "$project" -- "$@"; }
reports=()

if wants nginx-parse; then
  echo "bench: nginx -t at $sizes Ingresses, $runs timed runs per config"
  run nginx-parse --sizes "$sizes" --runs "$runs" --nginx "$nginx_bin" --report "$out/nginx-parse.md" >/dev/null
  reports+=(nginx-parse.md)
fi

if wants store-memory; then
  echo "bench: store memory, every Secret held versus only the named ones"
  run store-memory >"$out/store-memory.md"
  reports+=(store-memory.md)
fi

if wants controller; then
  echo "bench: the controller at $sizes Ingresses: cold start, $creates creates, a burst of $burst, memory"
  run controller --sizes "$sizes" --creates "$creates" --burst "$burst" --controller artifacts/nginx-ingress/nginx-ingress \
    --nginx "$nginx_bin" --report "$out/controller.md" >/dev/null
  reports+=(controller.md)
fi

if wants reload-storm; then
  echo "bench: reload storm ($storm), with --max-worker-generations 4 and without a bound"
  # shellcheck disable=SC2086 # BENCH_STORM is a list of options.
  run reload-storm $storm --max-generations 4,0 --report "$out/reload-storm.md" >/dev/null
  reports+=(reload-storm.md)
fi

if wants data-plane; then
  echo "bench: data plane, wrk through our config and a hand-written one (${BENCH_DATAPLANE_SECONDS:-10} s runs, ${BENCH_DATAPLANE_ROUNDS:-2} rounds)"
  run data-plane --duration "${BENCH_DATAPLANE_SECONDS:-10}" --rounds "${BENCH_DATAPLANE_ROUNDS:-2}" --nginx "$nginx_bin" --report "$out/data-plane.md" >/dev/null
  reports+=(data-plane.md)
fi

if wants churn; then
  echo "bench: churn, published controller (wrk while pods roll; a ${BENCH_CHURN_ROLLOUT_PODS:-50}-pod rollout at ${BENCH_CHURN_SIZES:-$sizes} Ingresses)"
  run churn --controller artifacts/nginx-ingress/nginx-ingress --sizes "${BENCH_CHURN_SIZES:-$sizes}" --rollout-pods "${BENCH_CHURN_ROLLOUT_PODS:-50}" \
    --report "$out/churn.md" >/dev/null
  reports+=(churn.md)
fi

if wants pipeline; then
  echo "bench: BenchmarkDotNet --filter '$filter' (full log: $out/benchmarkdotnet.log)"
  if ! run --filter "$filter" --artifacts "$out/BenchmarkDotNet" >"$out/benchmarkdotnet.log" 2>&1; then
    tail -n 40 "$out/benchmarkdotnet.log" >&2
    echo "bench: BenchmarkDotNet failed" >&2
    exit 1
  fi
fi

for report in "${reports[@]}"; do
  echo
  cat "$out/$report"
done
if wants pipeline; then
  # BenchmarkDotNet's own summary table, as it printed it (its markdown export escapes and bolds cells).
  echo
  echo "## BenchmarkDotNet"
  sed -n '/^\/\/ \* Summary \*/,/^\/\/ \* Hints \*/p' "$out/benchmarkdotnet.log" | grep -v -e '^//' -e '^$' || true
fi
echo
echo "bench: reports in $out: ${reports[*]}$(wants pipeline && echo " BenchmarkDotNet/results/")"
