using System.Globalization;
using System.Text.RegularExpressions;
using NginxIngress.Core.Annotations;
using NginxIngress.Core.Diagnostics;
using NginxIngress.Core.Snapshot;

namespace NginxIngress.Core.Settings;

/// <summary>
/// The ConfigMap keys (<c>--configmap</c>) that shape HTTPS, with ingress-nginx's defaults. Read by a pure
/// function: a value that fails its grammar keeps the default and is reported, naming the key. The annotations
/// issue generalises this into one registry of keys; the TLS keys are read here until then.
/// </summary>
public sealed partial record TlsSettings
{
    public static readonly TlsSettings Default = new();

    /// <summary><c>ssl-redirect</c>: HTTP requests to a host with a <c>tls</c> entry are redirected to HTTPS.</summary>
    public bool SslRedirect { get; init; } = true;

    /// <summary><c>force-ssl-redirect</c>: redirect to HTTPS even for hosts without a <c>tls</c> entry (TLS ended before nginx).</summary>
    public bool ForceSslRedirect { get; init; }

    /// <summary><c>http-redirect-code</c>: the status of the HTTPS redirect.</summary>
    public int HttpRedirectCode { get; init; } = 308;

    /// <summary><c>no-tls-redirect-locations</c>: path prefixes never redirected, so ACME HTTP-01 challenges still reach their solver.</summary>
    public IReadOnlyList<string> NoTlsRedirectLocations { get; init; } = ["/.well-known/acme-challenge"];

    /// <summary><c>hsts</c>: send Strict-Transport-Security on HTTPS responses.</summary>
    public bool Hsts { get; init; } = true;

    /// <summary><c>hsts-max-age</c>, in seconds.</summary>
    public long HstsMaxAge { get; init; } = 31536000;

    /// <summary><c>hsts-include-subdomains</c>.</summary>
    public bool HstsIncludeSubdomains { get; init; } = true;

    /// <summary><c>hsts-preload</c>.</summary>
    public bool HstsPreload { get; init; }

    /// <summary><c>ssl-protocols</c>.</summary>
    public string Protocols { get; init; } = "TLSv1.2 TLSv1.3";

    /// <summary><c>ssl-ciphers</c>.</summary>
    public string Ciphers { get; init; } =
        "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256";

    /// <summary><c>ssl-session-cache</c>.</summary>
    public bool SessionCache { get; init; } = true;

    /// <summary><c>ssl-session-cache-size</c>, an nginx size.</summary>
    public string SessionCacheSize { get; init; } = "10m";

    /// <summary><c>ssl-session-timeout</c>, an nginx time.</summary>
    public string SessionTimeout { get; init; } = "10m";

    /// <summary><c>ssl-session-tickets</c>.</summary>
    public bool SessionTickets { get; init; }

    /// <summary><c>ssl-prefer-server-ciphers</c>.</summary>
    public bool PreferServerCiphers { get; init; } = true;

    /// <summary><c>use-http2</c>: HTTP/2 on the HTTPS listener.</summary>
    public bool Http2 { get; init; } = true;

    /// <summary>The value of the Strict-Transport-Security header, or null when <see cref="Hsts"/> is off.</summary>
    public string? HstsHeader => Hsts
        ? $"max-age={HstsMaxAge}{(HstsIncludeSubdomains ? "; includeSubDomains" : "")}{(HstsPreload ? "; preload" : "")}"
        : null;

    /// <summary>
    /// Reads the keys from the controller's ConfigMap data; absent keys keep their defaults. Each bad value becomes a
    /// Warning on <paramref name="configMap"/> naming the key, the value and the rule, and keeps the default.
    /// </summary>
    public static TlsSettings From(IDictionary<string, string>? data, ObjectKey configMap, List<Problem> problems)
    {
        var settings = Default;
        if (data is null)
        {
            return settings;
        }
        var reader = new ConfigMapReader(data, configMap, problems);
        bool Bool(ConfigMapKeySpec spec, bool fallback) => reader.ReadBool(spec, fallback);
        T Read<T>(ConfigMapKeySpec spec, T fallback, Func<string, (bool, T)> parse) => reader.Read(spec.Key, fallback, spec.GrammarText, parse);
        return settings with
        {
            SslRedirect = Bool(ConfigMapKeyRegistry.SslRedirect, settings.SslRedirect),
            ForceSslRedirect = Bool(ConfigMapKeyRegistry.ForceSslRedirect, settings.ForceSslRedirect),
            HttpRedirectCode = Read(ConfigMapKeyRegistry.HttpRedirectCode, settings.HttpRedirectCode,
                value => value is "301" or "302" or "307" or "308" ? (true, int.Parse(value, CultureInfo.InvariantCulture)) : (false, 0)),
            NoTlsRedirectLocations = Read(ConfigMapKeyRegistry.NoTlsRedirectLocations, settings.NoTlsRedirectLocations,
                value => value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } paths && paths.All(path => LocationGrammar().IsMatch(path))
                    ? (true, (IReadOnlyList<string>)paths) : (false, [])),
            Hsts = Bool(ConfigMapKeyRegistry.Hsts, settings.Hsts),
            HstsMaxAge = Read(ConfigMapKeyRegistry.HstsMaxAge, settings.HstsMaxAge,
                value => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? (true, seconds) : (false, 0L)),
            HstsIncludeSubdomains = Bool(ConfigMapKeyRegistry.HstsIncludeSubdomains, settings.HstsIncludeSubdomains),
            HstsPreload = Bool(ConfigMapKeyRegistry.HstsPreload, settings.HstsPreload),
            Protocols = Read(ConfigMapKeyRegistry.SslProtocols, settings.Protocols,
                value => value.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } protocols && protocols.All(KnownProtocols.Contains)
                    ? (true, string.Join(' ', protocols)) : (false, "")),
            Ciphers = Read(ConfigMapKeyRegistry.SslCiphers, settings.Ciphers, value => (CipherGrammar().IsMatch(value), value)),
            SessionCache = Bool(ConfigMapKeyRegistry.SslSessionCache, settings.SessionCache),
            SessionCacheSize = Read(ConfigMapKeyRegistry.SslSessionCacheSize, settings.SessionCacheSize, ConfigMapValues.Size),
            SessionTimeout = Read(ConfigMapKeyRegistry.SslSessionTimeout, settings.SessionTimeout, ConfigMapValues.Time),
            SessionTickets = Bool(ConfigMapKeyRegistry.SslSessionTickets, settings.SessionTickets),
            PreferServerCiphers = Bool(ConfigMapKeyRegistry.SslPreferServerCiphers, settings.PreferServerCiphers),
            Http2 = Bool(ConfigMapKeyRegistry.UseHttp2, settings.Http2),
        };
    }

    private static readonly HashSet<string> KnownProtocols = new(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"], StringComparer.Ordinal);

    [GeneratedRegex(@"^/[-._~a-zA-Z0-9/]*\z")]
    private static partial Regex LocationGrammar();

    [GeneratedRegex(@"^[-A-Za-z0-9_+:!@=.]{1,2048}\z")]
    private static partial Regex CipherGrammar();
}
