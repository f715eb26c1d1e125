# NginxIngress. `make demo` and `make test` work on a fresh Debian machine: both run `setup` first.
CONFIGURATION ?= Release
PUBLISH_DIR := artifacts/nginx-ingress

.PHONY: setup build test demo bench render clean

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

## Benchmarks: render pipeline (BenchmarkDotNet), nginx -t at 1k/10k Ingresses, store memory with unnamed Secrets.
bench: setup
	@scripts/bench.sh

## Prints the nginx.conf of the quickstart manifests.
render: build
	$(PUBLISH_DIR)/nginx-ingress render --manifests manifests/examples/quickstart

clean:
	rm -rf artifacts BenchmarkDotNet.Artifacts
	dotnet clean NginxIngress.sln --nologo --verbosity quiet
