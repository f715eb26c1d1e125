namespace NginxIngress.TestKit.Scenarios;

/// <summary>The <c>expect:</c> block of a request; every member is optional except as the schema requires.</summary>
public sealed record RequestExpectation
{
    public int? Status { get; init; }

    /// <summary>True when the block names <c>backend_service</c>; then null means nginx's own 404.</summary>
    public bool ChecksService { get; init; }

    public string? BackendService { get; init; }

    public string? UpstreamPath { get; init; }

    public string? UpstreamHost { get; init; }

    public string? UpstreamMethod { get; init; }

    public string? UpstreamProto { get; init; }

    public IReadOnlyDictionary<string, string> UpstreamHeaders { get; init; } = new Dictionary<string, string>();

    public string? ResponseProto { get; init; }

    public IReadOnlyList<string> ResponseHeadersPresent { get; init; } = [];

    /// <summary><c>tls_certificate_valid_for</c>: the certificate nginx presented covers this name.</summary>
    public string? TlsCertificateValidFor { get; init; }
}
