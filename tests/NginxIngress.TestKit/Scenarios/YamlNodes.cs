using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NginxIngress.TestKit.Scenarios;

/// <summary>Typed reads from YamlDotNet's representation model, which keeps scalar styles intact for re-emitting objects.</summary>
internal static class YamlNodes
{
    public static YamlNode? Child(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static bool Has(this YamlMappingNode node, string key) => node.Children.ContainsKey(new YamlScalarNode(key));

    /// <summary>The scalar at <paramref name="key"/>; null when absent or YAML null (<c>null</c>, <c>~</c>, empty).</summary>
    public static string? Text(this YamlMappingNode node, string key) =>
        node.Child(key) is YamlScalarNode scalar && !IsNull(scalar) ? scalar.Value : null;

    public static string RequiredText(this YamlMappingNode node, string key) =>
        node.Text(key) ?? throw new InvalidDataException($"`{key}` is missing at line {node.Start.Line}");

    public static int? Int(this YamlMappingNode node, string key) =>
        node.Text(key) is { } text ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public static bool Bool(this YamlMappingNode node, string key) => node.Text(key) is "true";

    public static YamlMappingNode? Mapping(this YamlMappingNode node, string key) => node.Child(key) as YamlMappingNode;

    public static IEnumerable<YamlMappingNode> Mappings(this YamlMappingNode node, string key) =>
        (node.Child(key) as YamlSequenceNode)?.Children.Cast<YamlMappingNode>() ?? [];

    public static IEnumerable<string> Texts(this YamlMappingNode node, string key) =>
        (node.Child(key) as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "") ?? [];

    /// <summary>The node as a YAML document of its own, for the manifest reader.</summary>
    public static string ToYaml(this YamlNode node)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        return writer.ToString();
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
}
