namespace NginxIngress.TestKit.Scenarios;

/// <summary>Compares one response with a request's <c>expect:</c> (or <c>implied:</c>) block.</summary>
public static class ExpectationCheck
{
    public static IEnumerable<string> Compare(RequestExpectation expected, IngressResponse response, string label)
    {
        var echo = response.Echo;
        if (expected.Status is { } status && response.StatusCode != status)
        {
            yield return $"{label}: status {response.StatusCode}, expected {status} [{response.Summary}]";
        }
        if (expected.ChecksService && echo?.Service != expected.BackendService)
        {
            var actual = echo is null ? "nginx itself (no backend)" : $"service {echo.Service}";
            var wanted = expected.BackendService is null ? "the controller's default backend (no Service)" : $"service {expected.BackendService}";
            yield return $"{label}: answered by {actual}, expected {wanted} [{response.Summary}]";
        }
        if (echo is null)
        {
            if (!expected.ChecksService && HasUpstreamChecks(expected))
            {
                yield return $"{label}: no backend answered, so what it saw cannot be checked [{response.Summary}]";
            }
        }
        else
        {
            foreach (var failure in CompareUpstream(expected, echo, label))
            {
                yield return failure;
            }
        }
        if (expected.ResponseProto is { } proto && $"HTTP/{response.Version.Major}.{response.Version.Minor}" != proto)
        {
            yield return $"{label}: response protocol HTTP/{response.Version}, expected {proto}";
        }
        foreach (var header in expected.ResponseHeadersPresent.Where(header => !response.Headers.ContainsKey(header)))
        {
            yield return $"{label}: response has no {header} header (has {string.Join(", ", response.Headers.Keys)})";
        }
        if (expected.TlsCertificateValidFor is { } name && response.ServerCertificate?.MatchesHostname(name) != true)
        {
            var presented = response.ServerCertificate is { } certificate ? certificate.Subject : "no certificate (not HTTPS)";
            yield return $"{label}: the certificate presented ({presented}) is not valid for {name}";
        }
    }

    private static IEnumerable<string> CompareUpstream(RequestExpectation expected, Backends.EchoResponse echo, string label)
    {
        if (expected.UpstreamPath is { } path && echo.Path != path)
        {
            yield return $"{label}: backend saw path {echo.Path}, expected {path}";
        }
        if (expected.UpstreamHost is { } host && !string.Equals(echo.Host, host, StringComparison.OrdinalIgnoreCase))
        {
            yield return $"{label}: backend saw Host {echo.Host}, expected {host}";
        }
        if (expected.UpstreamMethod is { } method && echo.Method != method)
        {
            yield return $"{label}: backend saw method {echo.Method}, expected {method}";
        }
        if (expected.UpstreamProto is { } proto && echo.Proto != proto)
        {
            yield return $"{label}: backend saw protocol {echo.Proto}, expected {proto}";
        }
        foreach (var (name, value) in expected.UpstreamHeaders)
        {
            if (echo.Header(name) != value)
            {
                yield return $"{label}: backend saw {name}: {echo.Header(name) ?? "(absent)"}, expected {value}";
            }
        }
    }

    private static bool HasUpstreamChecks(RequestExpectation expected) =>
        expected.UpstreamPath is not null || expected.UpstreamHost is not null || expected.UpstreamMethod is not null
        || expected.UpstreamProto is not null || expected.UpstreamHeaders.Count > 0;
}
