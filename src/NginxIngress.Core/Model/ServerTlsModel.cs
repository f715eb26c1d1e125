using NginxIngress.Core.Snapshot;
using NginxIngress.Core.Tls;

namespace NginxIngress.Core.Model;

/// <summary>
/// A host's <c>tls</c> entry, as the oldest Ingress naming the host gave it: the Secret it names, and the certificate
/// read from it when that certificate is usable for the host. A null <see cref="Certificate"/> means the host is
/// served with the default certificate: the entry had no secretName, or its Secret was missing or unusable (the
/// builder reported why).
/// </summary>
public sealed record ServerTlsModel(ObjectKey? Secret, TlsCertificate? Certificate);
