namespace NginxIngress.Controller.Cli;

/// <summary>Finds the known flag a mistyped one most likely meant, for "did you mean" hints.</summary>
internal static class ClosestFlag
{
    /// <summary>
    /// The candidate with the smallest edit distance to <paramref name="typed"/>, or null when none is close enough to
    /// be a plausible typo. Leading dashes are ignored, so <c>-ingress-class</c> finds <c>--ingress-class</c>.
    /// </summary>
    public static string? Find(string typed, IEnumerable<string> candidates)
    {
        var bare = typed.TrimStart('-');
        // A quarter of the name (at least one edit): catches typos and swapped letters, but not a different word.
        var allowed = Math.Max(1, bare.Length / 4);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.Order(StringComparer.Ordinal))
        {
            var distance = Distance(bare, candidate.TrimStart('-'));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        return bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps cost 1 each.</summary>
    internal static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
