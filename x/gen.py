import sys, os
H = """apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
spec:
  controller: k8s.io/ingress-nginx
"""
def cm(data):
    s = "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: nginx-configuration\n  namespace: ingress-nginx\ndata:\n"
    for k, v in data: s += f'  {k}: "{v}"\n'
    return s
def svc(name, port=80, cluster_ip=None, addrs=("10.0.0.7",), ports=None):
    s = f"---\napiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\nspec:\n"
    if cluster_ip: s += f"  clusterIP: {cluster_ip}\n"
    s += f"  ports:\n  - name: http\n    port: {port}\n"
    if addrs:
        s += f"---\napiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: {name}-1\n  labels:\n    kubernetes.io/service-name: {name}\naddressType: IPv4\nports:\n- name: http\n  port: 8080\nendpoints:\n"
        for a in addrs: s += f'- addresses: ["{a}"]\n  conditions:\n    ready: true\n'
    return s
def ing(name, host, paths, ann=(), created=None):
    s = f"---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n"
    if created: s += f'  creationTimestamp: "{created}"\n'
    if ann:
        s += "  annotations:\n"
        for k, v in ann: s += f"    nginx.ingress.kubernetes.io/{k}: '{v}'\n"
    s += f"spec:\n  ingressClassName: nginx\n  rules:\n  - host: {host}\n    http:\n      paths:\n"
    for p, svcname in paths:
        s += f"      - path: {p}\n        pathType: Prefix\n        backend:\n          service:\n            name: {svcname}\n            port:\n              number: 80\n"
    return s
