namespace NginxIngress.TestKit.Scenarios;

/// <summary>Every scenario file under shared/conformance, read once per process, in path order.</summary>
public static class ScenarioCatalog
{
    private static readonly Lazy<IReadOnlyList<Scenario>> Scenarios = new(() =>
        Files().Select(path => ScenarioReader.Read(path, RepoPaths.Conformance)).ToList());

    public static IReadOnlyList<Scenario> All => Scenarios.Value;

    /// <summary>The scenario files: every YAML file below the suites' folders (harness.yaml sits at the top).</summary>
    public static IReadOnlyList<string> Files() =>
        Directory.EnumerateDirectories(RepoPaths.Conformance)
            .SelectMany(suite => Directory.EnumerateFiles(suite, "*.yaml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static Scenario ById(string id) =>
        All.SingleOrDefault(scenario => scenario.Id == id) ?? throw new KeyNotFoundException($"No scenario {id} under {RepoPaths.Conformance}");
}
