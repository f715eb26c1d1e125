using YamlDotNet.RepresentationModel;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>
/// Reads one scenario file. Keys it does not know make it throw, so a check the data asks for is never dropped
/// in silence; <c>served_by</c> and <c>why</c> are prose.
/// </summary>
public static class ScenarioReader
{
    private static readonly HashSet<string> ExpectKeys =
    [
        "status", "backend_service", "served_by", "upstream_path", "upstream_host", "upstream_method", "upstream_proto",
        "upstream_headers", "response_proto", "response_headers_present", "tls_certificate_valid_for",
    ];

    private static readonly HashSet<string> ImpliedKeys = ["upstream_path", "upstream_host", "why"];

    public static Scenario Read(string path, string root)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(path))
        {
            stream.Load(reader);
        }
        var document = (YamlMappingNode)stream.Documents.Single().RootNode;
        var id = document.RequiredText("id");
        if (document.Text("schema") != "ingress-scenario/v1")
        {
            throw new InvalidDataException($"{path}: schema {document.Text("schema")} is not ingress-scenario/v1");
        }
        try
        {
            return new Scenario
            {
                Id = id,
                File = Path.GetRelativePath(root, path),
                Title = document.RequiredText("title"),
                Harness = document.RequiredText("harness"),
                Phases = document.Mappings("phases").Select(ReadPhase).ToList(),
            };
        }
        catch (Exception e) when (e is InvalidDataException or FormatException or InvalidCastException)
        {
            throw new InvalidDataException($"{path} ({id}): {e.Message}", e);
        }
    }

    private static ScenarioPhase ReadPhase(YamlMappingNode phase) => new(
        phase.Mappings("apply").ToList(),
        phase.Mappings("backends").Select(backend => new BackendSpec(
            backend.RequiredText("service"),
            backend.Text("deployment") ?? backend.RequiredText("service"),
            backend.Int("replicas") ?? 1,
            backend.Mapping("env")?.Text("SERVICE_NAME") ?? backend.RequiredText("service"))).ToList(),
        phase.Mappings("requests").Select(ReadRequest).ToList());

    private static ScenarioRequest ReadRequest(YamlMappingNode request)
    {
        var expect = request.Mapping("expect") ?? throw new InvalidDataException($"request at line {request.Start.Line} has no expect");
        return new ScenarioRequest
        {
            Name = request.RequiredText("name"),
            Method = request.Text("method") ?? "GET",
            Tls = request.Bool("tls") || request.Text("scheme") == "https",
            Sni = request.Text("sni"),
            Host = request.Text("host"),
            Path = request.RequiredText("path"),
            Repeat = request.Int("repeat") ?? 1,
            Expect = ReadExpectation(expect, ExpectKeys),
            Implied = request.Mapping("implied") is { } implied ? ReadExpectation(implied, ImpliedKeys) : null,
            DistinctPods = request.Mapping("expect_aggregate") is { } aggregate
                ? aggregate.Int("distinct_pods_among_200_responses") ?? throw new InvalidDataException($"unknown expect_aggregate at line {aggregate.Start.Line}")
                : null,
        };
    }

    private static RequestExpectation ReadExpectation(YamlMappingNode node, HashSet<string> known)
    {
        var unknown = node.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").Where(k => !known.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"unknown expectation {string.Join(", ", unknown)} at line {node.Start.Line}");
        }
        return new RequestExpectation
        {
            Status = node.Int("status"),
            ChecksService = node.Has("backend_service"),
            BackendService = node.Text("backend_service"),
            UpstreamPath = node.Text("upstream_path"),
            UpstreamHost = node.Text("upstream_host"),
            UpstreamMethod = node.Text("upstream_method"),
            UpstreamProto = node.Text("upstream_proto"),
            UpstreamHeaders = node.Mapping("upstream_headers")?.Children
                .ToDictionary(entry => ((YamlScalarNode)entry.Key).Value ?? "", entry => ((YamlScalarNode)entry.Value).Value ?? "") ?? [],
            ResponseProto = node.Text("response_proto"),
            ResponseHeadersPresent = node.Texts("response_headers_present").ToList(),
            TlsCertificateValidFor = node.Text("tls_certificate_valid_for"),
        };
    }
}
