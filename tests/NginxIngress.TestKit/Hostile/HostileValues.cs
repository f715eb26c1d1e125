using System.Text;

namespace NginxIngress.TestKit.Hostile;

/// <summary>Reads tests/NginxIngress.Nginx.Tests/Hostile/hostile-values.txt; its header documents the format.</summary>
public static class HostileValues
{
    public static string FilePath => Path.Combine(RepoPaths.Root, "tests", "NginxIngress.Nginx.Tests", "Hostile", "hostile-values.txt");

    private static readonly Lazy<IReadOnlyList<string>> Values = new(() => Parse(File.ReadAllLines(FilePath)));

    public static IReadOnlyList<string> All => Values.Value;

    public static IReadOnlyList<string> Parse(IEnumerable<string> lines) =>
        lines.Where(line => line.Length > 0 && !line.StartsWith("## ", StringComparison.Ordinal) && line != "##")
            .Select(Decode)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static string Decode(string line)
    {
        var value = new StringBuilder(line.Length);
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is 'n' or 'r' or 't' or 's' or '\\')
            {
                value.Append(line[i + 1] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 's' => ' ', _ => '\\' });
                i++;
                continue;
            }
            value.Append(line[i]);
        }
        return value.ToString();
    }

    /// <summary>A value as a test name or failure line shows it: control characters and backslashes escaped.</summary>
    public static string Show(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
            .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal);
}
