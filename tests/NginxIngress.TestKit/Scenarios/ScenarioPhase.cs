using YamlDotNet.RepresentationModel;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>One entry of <c>phases:</c>: objects applied together, then the requests that check them.</summary>
/// <param name="Apply">The objects, in creation order, as YAML mapping nodes.</param>
public sealed record ScenarioPhase(IReadOnlyList<YamlMappingNode> Apply, IReadOnlyList<BackendSpec> Backends, IReadOnlyList<ScenarioRequest> Requests);
