using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Streams;

/// <summary>
/// One well-formed entry of a stream services ConfigMap, <c>"9000": "ns/svc:port[:PROXY][:PROXY]"</c>, before its
/// Service is looked up. <see cref="ServicePort"/> is a port number or a port name, as written.
/// </summary>
public sealed record StreamServiceEntry(StreamProtocol Protocol, int Port, ObjectKey Service, string ServicePort, bool DecodeProxyProtocol, bool EncodeProxyProtocol);
