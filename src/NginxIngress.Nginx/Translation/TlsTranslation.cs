using System.Security.Cryptography;
using System.Text;
using NginxIngress.Core.Collections;
using NginxIngress.Core.Model;
using NginxIngress.Core.Snapshot;
using NginxIngress.Core.Tls;
using NginxIngress.Nginx.Config;

namespace NginxIngress.Nginx.Translation;

/// <summary>
/// HTTPS in nginx's terms. Every server listens for HTTPS too (as in ingress-nginx, a host without a <c>tls</c> entry
/// answers with the default certificate); a host with a usable certificate names its own file. Certificate and key
/// go into one PEM file per Secret, under a name derived from the Secret's namespace/name by hashing, so no object
/// text reaches a path, and a rotated Secret rewrites the same file: the config text stays the same and the bundle's
/// version changes with the content.
/// </summary>
internal static class TlsTranslation
{
    public const string DefaultCertificateFile = "certs/default.pem";

    private static readonly Lazy<TlsCertificate> Fake = new(() => FakeCertificate.Generate(DateTimeOffset.UtcNow));

    /// <summary>The fake certificate of this process, generated on first use, as ingress-nginx generates one at start.</summary>
    public static TlsCertificate FallbackCertificate => Fake.Value;

    public static string CertificateFile(ObjectKey secret) =>
        $"certs/tls-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{secret.Namespace}/{secret.Name}")))[..24]}.pem";

    /// <summary>The host's own certificate file, or null to serve the default.</summary>
    public static string? ServerCertificateFile(ServerModel server) =>
        server.Tls is { Secret: { } secret, Certificate: not null } ? CertificateFile(secret) : null;

    /// <summary>ingress-nginx's redirect_to_https: force-ssl-redirect, or ssl-redirect on a host with a <c>tls</c> entry (even one without secretName).</summary>
    public static bool Redirects(ServerModel server, LocationModel location) =>
        location.ForceSslRedirect || (location.SslRedirect && server.Tls is not null);

    public static TlsHttpConfig Http(IngressModel model, NginxSettings settings)
    {
        var tls = model.Tls;
        return new TlsHttpConfig
        {
            Http2 = tls.Http2,
            DefaultCertificateFile = DefaultCertificateFile,
            Protocols = tls.Protocols.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToEquatableArray(),
            Ciphers = tls.Ciphers,
            PreferServerCiphers = tls.PreferServerCiphers,
            SessionCache = tls.SessionCache ? $"shared:SSL:{tls.SessionCacheSize}" : "off",
            SessionTimeout = tls.SessionTimeout,
            SessionTickets = tls.SessionTickets,
            HstsHeader = tls.HstsHeader,
            RedirectCode = tls.HttpRedirectCode,
            RedirectPortSuffix = settings.HttpsPort == 443 ? "" : $":{settings.HttpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            // The prefixes passed their grammar (letters, digits, "/-._~"), so escaping the dot is all a regex needs.
            RedirectExemptPattern = "^(" + string.Join('|', tls.NoTlsRedirectLocations.Select(path => path.Replace(".", "\\.", StringComparison.Ordinal))) + ")",
        };
    }

    /// <summary>The default certificate's file, then one per Secret whose certificate some host uses, by path.</summary>
    public static EquatableArray<BundleFile> Files(IngressModel model, NginxSettings settings)
    {
        var configured = model.DefaultCertificate ?? settings.DefaultCertificate;
        var files = new SortedDictionary<string, BundleFile>(StringComparer.Ordinal)
        {
            [DefaultCertificateFile] = new BundleFile(DefaultCertificateFile, Pem(configured ?? FallbackCertificate), Versioned: configured is not null,
                Secret: configured is null ? null : model.DefaultCertificateSecret),
        };
        foreach (var server in model.Servers)
        {
            if (server.Tls is { Secret: { } secret, Certificate: { } certificate })
            {
                var path = CertificateFile(secret);
                files[path] = new BundleFile(path, Pem(certificate), Secret: secret);
            }
        }
        return files.Values.ToEquatableArray();
    }

    private static string Pem(TlsCertificate certificate) => certificate.CertificatePem + certificate.PrivateKeyPem;
}
