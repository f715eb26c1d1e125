using System.Globalization;
using System.Text.RegularExpressions;

namespace NginxIngress.TestKit.Nginx;

/// <summary>
/// The ports an <see cref="NginxFixture"/> gave up because another process took them, each with the port that
/// replaced it, and the rewrite that moves a rendered config's listen directives along: a test may have rendered
/// with the fixture's settings before the ports moved. Listen directives are the only place a rendered config
/// names its ports.
/// </summary>
internal sealed class ListenerMoves
{
    private readonly Dictionary<int, int> _replacements = [];

    public void Move(int from, int to)
    {
        foreach (var (given, replacement) in _replacements.ToList())
        {
            if (replacement == from)
            {
                _replacements[given] = to;
            }
        }
        _replacements[from] = to;
    }

    public string Apply(string config)
    {
        foreach (var (from, to) in _replacements)
        {
            config = Regex.Replace(config, $@"(?m)^(\s*listen\s+\S*:){from.ToString(CultureInfo.InvariantCulture)}(?=[\s;])",
                match => match.Groups[1].Value + to.ToString(CultureInfo.InvariantCulture));
        }
        return config;
    }
}
