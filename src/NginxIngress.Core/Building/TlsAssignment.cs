using System.Globalization;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;
using NginxIngress.Core.Tls;

namespace NginxIngress.Core.Building;

/// <summary>
/// Gives each host its certificate, as ingress-nginx's createServers does: the oldest Ingress whose <c>spec.tls</c>
/// names the host wins, whichever Ingress defined the host's paths. A certificate that cannot be used for the host
/// (its Secret missing, not PEM, its key not matching, or the host not among its names) leaves the host on the
/// default certificate, with a Warning naming the reason; every other host is unaffected. So does a certificate
/// nginx's OpenSSL would refuse (<see cref="CertificateStrength"/>), which would otherwise fail the whole config.
/// An expired certificate, or one expiring within 10 days, is still served, with a Warning naming the date.
/// </summary>
internal static class TlsAssignment
{
    /// <summary>ingress-nginx warns 240 h before a certificate expires.</summary>
    private static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(10);

    /// <param name="refused">Secrets whose certificate nginx refused to load (nginx -t), with its message.</param>
    public static void Assign(IReadOnlyList<ParsedIngress> oldestFirst, IReadOnlyDictionary<string, ServerDraft> servers, ClusterSnapshot snapshot, DateTimeOffset now,
        IReadOnlyDictionary<ObjectKey, string> refused, List<Problem> problems)
    {
        var checks = new Checks(snapshot, now, refused, new Dictionary<ObjectKey, CertificateReadResult?>());
        foreach (var ingress in oldestFirst)
        {
            IngressFaultException.Guard(ingress.Key, "building", () => AssignIngress(ingress, servers, checks, problems));
        }
    }

    /// <summary>What every certificate check of one build shares: the cluster, the clock, nginx's refusals, and each Secret read once.</summary>
    private sealed record Checks(ClusterSnapshot Snapshot, DateTimeOffset Now, IReadOnlyDictionary<ObjectKey, string> Refused, Dictionary<ObjectKey, CertificateReadResult?> Reads);

    /// <summary>The <c>--default-ssl-certificate</c> Secret's certificate, or null (with a Warning) to fall back to the generated one.</summary>
    public static TlsCertificate? DefaultCertificate(ObjectKey? secret, ClusterSnapshot snapshot, IReadOnlyDictionary<ObjectKey, string> refused, List<Problem> problems)
    {
        if (secret is not { } key)
        {
            return null;
        }
        var subject = ObjectRef.Secret(key);
        if (!snapshot.Secrets.TryGetValue(key, out var found))
        {
            problems.Add(new Problem(subject, "", ProblemSeverity.Warning, "SecretNotFound",
                "the --default-ssl-certificate Secret does not exist; the generated fake certificate is the default"));
            return null;
        }
        var read = CertificateReader.Read(found);
        var fault = read.Fault
            ?? (refused.TryGetValue(key, out var message) ? $"holds a certificate nginx refused ({message})" : null)
            ?? (CertificateStrength.Weakness(read.Certificate!) is { } weakness ? $"holds an unusable certificate: {weakness}" : null);
        if (fault is not null)
        {
            problems.Add(new Problem(subject, "data", ProblemSeverity.Warning, "InvalidCertificate",
                $"the --default-ssl-certificate Secret {fault}; the generated fake certificate is the default"));
            return null;
        }
        return read.Certificate;
    }

    private static void AssignIngress(ParsedIngress ingress, IReadOnlyDictionary<string, ServerDraft> servers, Checks checks, List<Problem> problems)
    {
        var subject = ObjectRef.Ingress(ingress.Key);
        var entries = ingress.Spec.Tls ?? [];
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            // An entry without hosts covers the Ingress's own hosts: what its author plainly meant.
            var hosts = entry.Hosts is { Count: > 0 } named ? named : ingress.Rules.Select(rule => rule.Host).Where(host => host != ServerModel.CatchAllName).ToList();
            foreach (var host in hosts.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!servers.TryGetValue(host, out var server) || server.Tls is not null)
                {
                    // No Ingress serves the host, or an older Ingress already gave it its certificate.
                    continue;
                }
                server.Tls = string.IsNullOrEmpty(entry.SecretName)
                    ? new ServerTlsModel(null, null)
                    : Certificate(new ObjectKey(ingress.Key.Namespace, entry.SecretName), host, $"spec.tls[{i}].secretName", subject, checks, problems);
            }
        }
    }

    private static ServerTlsModel Certificate(ObjectKey secret, string host, string field, ObjectRef subject, Checks checks, List<Problem> problems)
    {
        var now = checks.Now;
        if (!checks.Reads.TryGetValue(secret, out var read))
        {
            read = checks.Snapshot.Secrets.TryGetValue(secret, out var found) ? CertificateReader.Read(found) : null;
            checks.Reads[secret] = read;
        }
        var fallback = $"host \"{host}\" is served with the default certificate";
        var printable = AnnotationReader.Printable(secret.ToString());
        if (read is null)
        {
            problems.Add(new Problem(subject, field, ProblemSeverity.Warning, "SecretNotFound", $"Secret {printable} does not exist; {fallback}"));
            return new ServerTlsModel(secret, null);
        }
        if (read.Certificate is not { } certificate)
        {
            problems.Add(new Problem(subject, field, ProblemSeverity.Warning, "InvalidCertificate", $"Secret {printable} {read.Fault}; {fallback}"));
            return new ServerTlsModel(secret, null);
        }
        if (checks.Refused.TryGetValue(secret, out var refusal))
        {
            problems.Add(new Problem(subject, field, ProblemSeverity.Warning, "InvalidCertificate",
                $"nginx refused the certificate in Secret {printable} ({refusal}); {fallback}"));
            return new ServerTlsModel(secret, null);
        }
        if (CertificateStrength.Weakness(certificate) is { } weakness)
        {
            problems.Add(new Problem(subject, field, ProblemSeverity.Warning, "InvalidCertificate", $"the certificate in Secret {printable} is unusable: {weakness}; {fallback}"));
            return new ServerTlsModel(secret, null);
        }
        if (!certificate.Covers(host))
        {
            var names = certificate.DnsNames.Count > 0 ? string.Join(", ", certificate.DnsNames) : $"CN {certificate.CommonName}";
            problems.Add(new Problem(subject, field, ProblemSeverity.Warning, "CertificateHostMismatch",
                $"the certificate in Secret {printable} is for {AnnotationReader.Printable(names)}, not \"{host}\"; {fallback}"));
            return new ServerTlsModel(secret, null);
        }
        var expires = certificate.NotAfter.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        if (certificate.NotAfter <= now)
        {
            problems.Add(new Problem(subject, field, ProblemSeverity.Warning, "CertificateExpired",
                $"the certificate in Secret {printable} expired on {expires}; it is still served for host \"{host}\""));
        }
        else if (certificate.NotAfter - now <= ExpiryWarning)
        {
            problems.Add(new Problem(subject, field, ProblemSeverity.Warning, "CertificateExpiring",
                $"the certificate in Secret {printable} expires on {expires}, within 10 days; it is served for host \"{host}\" until then"));
        }
        return new ServerTlsModel(secret, certificate);
    }
}
