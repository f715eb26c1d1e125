using System.Text;
using System.Text.RegularExpressions;
using NginxIngress.TestKit;

namespace NginxIngress.Integration.Tests.Image;

/// <summary>
/// The repository's .dockerignore, matched as Docker's patternmatcher does: patterns are anchored at the
/// context root, <c>*</c> and <c>?</c> stay within one path segment, <c>**</c> spans any number of them, a
/// pattern that matches a folder excludes everything in it, <c>!</c> re-includes, and the last matching
/// pattern wins. Limits: character classes (<c>[a-z]</c>) and backslash escapes are refused, not guessed at.
/// Docker always sends the Dockerfile and .dockerignore themselves; this class does not model that.
/// </summary>
public sealed class DockerIgnore
{
    private readonly IReadOnlyList<(Regex Pattern, bool Reinclude, string Text)> _rules;

    private DockerIgnore(IReadOnlyList<(Regex, bool, string)> rules) => _rules = rules;

    public static DockerIgnore Load()
    {
        var file = Path.Combine(RepoPaths.Root, ".dockerignore");
        return Parse(File.Exists(file) ? File.ReadAllText(file) : "");
    }

    public static DockerIgnore Parse(string text)
    {
        var rules = new List<(Regex, bool, string)>();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var reinclude = line.StartsWith('!');
            var pattern = Clean(reinclude ? line[1..].Trim() : line);
            if (pattern.Length > 0)
            {
                rules.Add((Compile(pattern), reinclude, line));
            }
        }
        return new DockerIgnore(rules);
    }

    /// <summary>Whether Docker leaves this context-relative path (with '/' separators) out of the context.</summary>
    public bool Excludes(string relativePath)
    {
        var path = Clean(relativePath);
        var segments = path.Split('/');
        var excluded = false;
        foreach (var (pattern, reinclude, _) in _rules)
        {
            // An exclusion cannot exclude what is already excluded, nor a re-inclusion re-include what is in.
            if (reinclude != excluded)
            {
                continue;
            }
            var matches = pattern.IsMatch(path) || Enumerable.Range(1, segments.Length - 1).Any(count => pattern.IsMatch(string.Join('/', segments[..count])));
            if (matches)
            {
                excluded = !reinclude;
            }
        }
        return excluded;
    }

    /// <summary>As Go's filepath.Clean, for the cases a .dockerignore has: no leading "/" or "./", no trailing "/".</summary>
    private static string Clean(string path)
    {
        var segments = path.Split('/').Where(segment => segment.Length > 0 && segment != ".");
        return string.Join('/', segments);
    }

    private static Regex Compile(string pattern)
    {
        if (pattern.IndexOfAny(['[', '\\']) >= 0)
        {
            throw new NotSupportedException($".dockerignore pattern \"{pattern}\": character classes and escapes are not understood by this matcher; extend it or avoid them");
        }
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                    {
                        // "**/" matches no folder, or any run of folders.
                        i++;
                        regex.Append("(.*/)?");
                    }
                    else
                    {
                        regex.Append(".*");
                    }
                    break;
                case '*':
                    regex.Append("[^/]*");
                    break;
                case '?':
                    regex.Append("[^/]");
                    break;
                default:
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    break;
            }
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.CultureInvariant);
    }
}
