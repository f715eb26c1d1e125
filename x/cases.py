from gen import *
def write(name, comment, body):
    d = f"../tests/NginxIngress.Nginx.Tests/cases/{name}"
    os.makedirs(d, exist_ok=True)
    open(f"{d}/input.yaml", "w").write(comment + H + body)

write("backend-protocol", """# backend-protocol: HTTPS is proxy_pass https://, GRPC and GRPCS are grpc_pass grpc:// and grpcs:// with the
# headers as grpc_set_header (nothing inherited applies to gRPC) and the proxy timeouts as grpc_*_timeout. The value is
# case-insensitive; AUTO_HTTP and FCGI are refused, and their Ingresses are not served.
""",
  svc("web") + svc("secure", addrs=("10.0.0.8",)) + svc("grpc", addrs=("10.0.0.9",))
  + ing("plain", "plain.example.com", [("/", "web")])
  + ing("secure", "secure.example.com", [("/", "secure")], [("backend-protocol", "HTTPS")])
  + ing("grpc", "grpc.example.com", [("/", "grpc")], [("backend-protocol", "GRPC"), ("proxy-read-timeout", "300")])
  + ing("grpcs", "grpcs.example.com", [("/", "grpc")], [("backend-protocol", "grpcs"), ("upstream-vhost", "grpc.internal")])
  + ing("fastcgi", "fcgi.example.com", [("/", "web")], [("backend-protocol", "FCGI")])
  + ing("auto", "auto.example.com", [("/", "web")], [("backend-protocol", "AUTO_HTTP")]))

write("load-balance-and-hash", """# load-balance and upstream-hash-by shape the one upstream of a Service port. The ConfigMap's ewma (which OSS nginx
# lacks) becomes least_conn; upstream-hash-by is "hash <key> consistent" and wins over load-balance. Every Ingress
# naming a port shares its upstream, so the oldest decides and a later one asking otherwise gets a warning. A hash key
# may hold $name variables and plain text, nothing else.
""",
  cm([("load-balance", "ewma")])
  + svc("web") + svc("api", addrs=("10.0.0.8", "10.0.0.9"))
  + ing("hashed", "api.example.com", [("/", "api")], [("upstream-hash-by", "$binary_remote_addr$http_x_user")], "2024-01-01T00:00:00Z")
  + ing("later", "api2.example.com", [("/", "api")], [("load-balance", "round_robin")], "2024-02-01T00:00:00Z")
  + ing("plain", "web.example.com", [("/", "web")], (), "2024-01-01T00:00:00Z")
  + ing("braces", "braces.example.com", [("/", "web")], [("upstream-hash-by", "${request_uri}")])
  + ing("capture", "capture.example.com", [("/", "web")], [("upstream-hash-by", "$1")])
  + ing("unknown", "unknown.example.com", [("/", "web")], [("load-balance", "least_conn")]))

write("custom-http-errors", """# custom-http-errors: the listed codes from the backend are intercepted and sent, as "/", to the default-backend
# Service with X-Code and its family; without a default-backend nginx answers the code itself. A Service without ready
# endpoints falls back to the default-backend. A missing default-backend Service is a warning; a code outside 300-599
# skips the Ingress.
""",
  svc("web") + svc("errors", addrs=("10.0.0.8",)) + svc("empty", addrs=())
  + ing("shop", "shop.example.com", [("/", "web"), ("/gone", "empty")], [("custom-http-errors", "503, 404"), ("default-backend", "errors")])
  + ing("own-pages", "own.example.com", [("/", "web")], [("custom-http-errors", "500")])
  + ing("fallback-only", "fallback.example.com", [("/", "empty")], [("default-backend", "errors")])
  + ing("missing", "missing.example.com", [("/", "web")], [("default-backend", "nowhere")])
  + ing("bad-code", "bad.example.com", [("/", "web")], [("custom-http-errors", "200")]))

write("service-upstream", """# service-upstream: "true" proxies to the Service's ClusterIP and port as one upstream server instead of its
# endpoints. A headless Service (clusterIP None) has no ClusterIP: its endpoints are used, with a warning.
""",
  svc("web", cluster_ip="10.96.0.10") + svc("headless", cluster_ip="None", addrs=("10.0.0.8",))
  + ing("clusterip", "web.example.com", [("/", "web")], [("service-upstream", "true")])
  + ing("headless", "headless.example.com", [("/", "headless")], [("service-upstream", "true")]))
