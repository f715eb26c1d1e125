# NginxIngress. `make demo` and `make test` work on a fresh Debian machine: both run `setup` first.
CONFIGURATION ?= Release
PUBLISH_DIR := artifacts/nginx-ingress
IMAGE ?= ghcr.io/nginxingress/nginx-ingress:dev

.PHONY: setup build test demo bench render image docs clean

setup:
	@scripts/setup.sh

## Publishes the controller to artifacts/nginx-ingress/nginx-ingress.
build: setup
	dotnet publish src/NginxIngress.Controller/NginxIngress.Controller.csproj -c $(CONFIGURATION) -o $(PUBLISH_DIR) --nologo --verbosity quiet

## Runs every test: unit, snapshot, and integration against real nginx and real HTTP backends.
test: setup
	CONFIGURATION=$(CONFIGURATION) scripts/test.sh

## The seed tutorial's echo-hostname example, from manifests/examples/quickstart, on port 30000.
demo: build
	@scripts/demo.sh

## Benchmarks: render pipeline (BenchmarkDotNet), nginx -t at 1k/10k Ingresses, store memory with unnamed Secrets,
## the published controller (cold start, new Ingress to first 200, a 1,000-file burst, memory), a reload storm,
## data plane and churn (wrk).
bench: setup
	@scripts/bench.sh

## Prints the nginx.conf of the quickstart manifests.
render: build
	$(PUBLISH_DIR)/nginx-ingress render --manifests manifests/examples/quickstart

## Builds the container image (docker/Dockerfile) as $(IMAGE). Needs a Docker engine; `make test` checks the Dockerfile without one.
image:
	@docker info >/dev/null 2>&1 || { echo "make image: no Docker engine answers ('docker info' failed); start one, or run 'make test', which checks docker/Dockerfile without an engine" >&2; exit 1; }
	docker build -f docker/Dockerfile -t $(IMAGE) .

## Regenerates docs/annotations.md from the annotation and ConfigMap key registries.
docs: build
	$(PUBLISH_DIR)/nginx-ingress docs > docs/annotations.md

clean:
	rm -rf artifacts BenchmarkDotNet.Artifacts
	dotnet clean NginxIngress.sln --nologo --verbosity quiet
