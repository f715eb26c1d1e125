using NginxIngress.TestKit.Scenarios;
using NginxIngress.TestKit.Tls;

namespace NginxIngress.Integration.Tests.Tls;

/// <summary>Looks for private key text where it must never be: problem messages and nginx.conf.</summary>
internal static class SecretText
{
    /// <summary>Long enough that a random match is out of the question, short enough to catch a truncated quote.</summary>
    private const int SliceLength = 16;

    /// <summary>
    /// The first PEM line of a key is its ASN.1 framing (version, algorithm, lengths), the same in every key of a
    /// type and size, so it would "match" any other key; what follows is the key's own random content.
    /// </summary>
    private const int CommonPrefix = 64;

    /// <summary>
    /// Fails when a problem or the rendered nginx.conf holds "PRIVATE KEY" or any <see cref="SliceLength"/> characters
    /// of the base64 of one of the keys (past its framing), which is what a quote of a key, whole or in part, would show.
    /// </summary>
    public static void AssertAbsent(LoopbackCluster cluster, params TestCertificate[] keysOf)
    {
        var result = cluster.LastResult!;
        var places = result.Problems.Select(problem => (What: $"problem {problem.Reason} on {problem.Subject}", Text: problem.ToString()))
            .Append((What: "nginx.conf", Text: result.Rendered.Text))
            .ToList();
        foreach (var (what, text) in places)
        {
            Assert.That(text, Does.Not.Contain("PRIVATE KEY"), what);
            foreach (var certificate in keysOf)
            {
                var base64 = Base64Of(certificate.PrivateKeyPem);
                var leaked = Enumerable.Range(CommonPrefix, base64.Length - CommonPrefix - SliceLength + 1)
                    .Select(start => base64.Substring(start, SliceLength))
                    .FirstOrDefault(slice => text.Contains(slice, StringComparison.Ordinal));
                // Say where, never what: the slice itself is key text.
                Assert.That(leaked, Is.Null, $"{what} holds part of the key of {certificate}");
            }
        }
    }

    /// <summary>The base64 of a PEM block, without its header, footer and line breaks.</summary>
    private static string Base64Of(string pem) =>
        string.Concat(pem.Split('\n').Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));
}
